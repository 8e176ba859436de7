// The typed configurations: what production requires, per role, and the one line naming what is wrong.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configuredVariables,
  embeddedConfig,
  gatewayConfig,
  migrateConfig,
  subgraphConfig,
} from './index.js';

const hex = (bytes: number) => 'ab'.repeat(bytes);
const SECRET = 's'.repeat(40);
const PROD_GATEWAY = {
  NODE_ENV: 'production',
  HUB_INTERNAL_SECRET: SECRET,
  SUBGRAPH_URLS: 'cameras=http://cameras:4000/graphql,anpr=http://anpr:4000/graphql',
  JWKS_URL: 'https://idp.example.org/jwks.json',
  JWT_ISSUER: 'https://idp.example.org',
  HUB_ALLOWED_ORIGINS: 'https://app.example.org',
};
const PROD_SUBGRAPH = {
  NODE_ENV: 'production',
  HUB_INTERNAL_SECRET: SECRET,
  DATABASE_URL: 'postgres://hub@db:5432/hub',
  AUDIT_HMAC_KEY: hex(32),
};
const without = <T extends Record<string, string>>(env: T, name: keyof T) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

/** The refusal line of a configuration that cannot run. */
function refusal(load: () => unknown): string {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('the gateway configuration', () => {
  it('is typed: subgraph URLs, algorithms, origins, port', () => {
    const c = gatewayConfig({ ...PROD_GATEWAY, PORT: '4000', JWT_ALGORITHMS: 'ES256' });
    expect(c.SUBGRAPH_URLS).toEqual({ cameras: 'http://cameras:4000/graphql', anpr: 'http://anpr:4000/graphql' });
    expect(c.JWT_ALGORITHMS).toEqual(['ES256']);
    expect(c.JWT_AUDIENCE).toBe('camhub');
    expect(c.HUB_ALLOWED_ORIGINS).toEqual(['https://app.example.org']);
    expect(c.PORT).toBe(4000);
    expect(gatewayConfig({ ...PROD_GATEWAY, HUB_ALLOWED_ORIGINS: 'same-origin' }).HUB_ALLOWED_ORIGINS).toEqual([]);
  });

  it('in production refuses to start without each variable production needs, naming it in one line', () => {
    for (const name of [
      'JWKS_URL',
      'JWT_ISSUER',
      'HUB_ALLOWED_ORIGINS',
      'HUB_INTERNAL_SECRET',
      'SUBGRAPH_URLS',
    ] as const) {
      const line = refusal(() => gatewayConfig(without(PROD_GATEWAY, name)));
      expect(line, name).toMatch(new RegExp(`^gateway refuses to start in production: ${name} is not set`));
      expect(line.split('\n'), name).toHaveLength(1);
    }
    // an empty value (as compose and Kubernetes pass an unset one) is not set either
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, JWKS_URL: '' }))).toMatch(/JWKS_URL is not set/);
  });

  it('refuses malformed values: not a URL, a short secret, an asymmetric-only algorithm list, an origin with a path', () => {
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, JWKS_URL: 'idp.example.org' }))).toMatch(
      /JWKS_URL must be an http\(s\) URL/,
    );
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, HUB_INTERNAL_SECRET: 'short' }))).toMatch(
      /HUB_INTERNAL_SECRET must be at least 32 characters/,
    );
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, JWT_ALGORITHMS: 'HS256' }))).toMatch(/JWT_ALGORITHMS/);
    expect(
      refusal(() => gatewayConfig({ ...PROD_GATEWAY, HUB_ALLOWED_ORIGINS: 'https://app.example.org/path' })),
    ).toMatch(/HUB_ALLOWED_ORIGINS has/);
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, SUBGRAPH_URLS: 'cameras' }))).toMatch(
      /SUBGRAPH_URLS has "cameras"/,
    );
  });

  it('uses dev keys only when asked: outside production, or HUB_DEV_KEYS=1', () => {
    const dev = { HUB_INTERNAL_SECRET: SECRET, SUBGRAPH_URLS: PROD_GATEWAY.SUBGRAPH_URLS };
    expect(gatewayConfig(dev).JWKS_URL).toBeUndefined();
    const asked = gatewayConfig({ ...without(without(PROD_GATEWAY, 'JWKS_URL'), 'JWT_ISSUER'), HUB_DEV_KEYS: '1' });
    expect(asked.JWKS_URL).toBeUndefined();
    // dev keys are not a licence for the rest: origins are still required in production
    expect(
      refusal(() => gatewayConfig({ ...without(PROD_GATEWAY, 'HUB_ALLOWED_ORIGINS'), HUB_DEV_KEYS: '1' })),
    ).toMatch(/HUB_ALLOWED_ORIGINS is not set/);
    // JWT_ISSUER goes with JWKS_URL, in development too
    expect(refusal(() => gatewayConfig({ ...dev, JWKS_URL: 'https://idp.example.org/jwks.json' }))).toMatch(
      /JWT_ISSUER is not set \(required with JWKS_URL\)/,
    );
  });

  it('reads cost budgets and rate limits per actor kind', () => {
    const c = gatewayConfig({
      ...PROD_GATEWAY,
      HUB_COST_BUDGETS: 'police=1000, public=50',
      HUB_RATE_LIMITS: 'citizen=60:10,public=300',
    });
    expect(c.HUB_COST_BUDGETS).toEqual({ police: 1000, public: 50 });
    expect(c.HUB_RATE_LIMITS).toEqual({ citizen: { perMinute: 60, burst: 10 }, public: { perMinute: 300, burst: 60 } });
    expect(gatewayConfig({ ...PROD_GATEWAY, HUB_RATE_LIMITS: 'off' }).HUB_RATE_LIMITS).toBe(false);
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, HUB_COST_BUDGETS: 'wizard=5' }))).toMatch(
      /HUB_COST_BUDGETS has "wizard=5"/,
    );
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, HUB_RATE_LIMITS: 'police=fast' }))).toMatch(
      /HUB_RATE_LIMITS/,
    );
  });

  it('reads how many operations of one caller run at once, and how many wait', () => {
    const c = gatewayConfig({ ...PROD_GATEWAY, HUB_CALLER_CONCURRENCY: 'police=3:30, public=8' });
    expect(c.HUB_CALLER_CONCURRENCY).toEqual({
      police: { inFlight: 3, queued: 30 },
      public: { inFlight: 8, queued: 128 },
    });
    expect(gatewayConfig({ ...PROD_GATEWAY, HUB_CALLER_CONCURRENCY: 'off' }).HUB_CALLER_CONCURRENCY).toBe(false);
    expect(refusal(() => gatewayConfig({ ...PROD_GATEWAY, HUB_CALLER_CONCURRENCY: 'police=0' }))).toMatch(
      /HUB_CALLER_CONCURRENCY/,
    );
  });

  it('names every missing variable in the one line', () => {
    const line = refusal(() => gatewayConfig({ NODE_ENV: 'production' }));
    for (const name of ['JWKS_URL', 'JWT_ISSUER', 'HUB_ALLOWED_ORIGINS', 'HUB_INTERNAL_SECRET', 'SUBGRAPH_URLS'])
      expect(line).toContain(name);
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('the subgraph configurations', () => {
  it('footage needs the playback URL secret, anpr both plate keys, every subgraph the audit key, in production', () => {
    expect(refusal(() => subgraphConfig('footage', PROD_SUBGRAPH))).toMatch(
      /^footage refuses to start in production: PLAYBACK_URL_SECRET is not set/,
    );
    expect(subgraphConfig('footage', { ...PROD_SUBGRAPH, PLAYBACK_URL_SECRET: SECRET }).PLAYBACK_URL_SECRET).toBe(
      SECRET,
    );
    const anpr = { ...PROD_SUBGRAPH, ANPR_HASH_KEY: hex(32), ANPR_ENCRYPTION_KEY: hex(32) };
    expect(subgraphConfig('anpr', anpr).ANPR_HASH_KEY).toBe(hex(32));
    for (const name of ['ANPR_HASH_KEY', 'ANPR_ENCRYPTION_KEY'] as const) {
      expect(
        refusal(() => subgraphConfig('anpr', without(anpr, name))),
        name,
      ).toMatch(new RegExp(`^anpr refuses to start in production: ${name} is not set`));
      expect(
        refusal(() => subgraphConfig('anpr', { ...anpr, [name]: 'abc' })),
        name,
      ).toMatch(new RegExp(`${name} must be hex`));
      expect(
        refusal(() => subgraphConfig('anpr', { ...anpr, [name]: hex(16) })),
        name,
      ).toMatch(new RegExp(`${name} must be 32 bytes`));
    }
    for (const role of ['cameras', 'registrations', 'requests'] as const) {
      expect(
        refusal(() => subgraphConfig(role, without(PROD_SUBGRAPH, 'AUDIT_HMAC_KEY'))),
        role,
      ).toMatch(/AUDIT_HMAC_KEY is not set/);
      expect(
        refusal(() => subgraphConfig(role, without(PROD_SUBGRAPH, 'DATABASE_URL'))),
        role,
      ).toMatch(/DATABASE_URL is not set/);
      expect(subgraphConfig(role, PROD_SUBGRAPH).DB_POOL_MAX).toBe(10);
    }
  });

  it('outside production the keys are optional, but half a pair of ANPR keys is still refused', () => {
    const dev = { HUB_INTERNAL_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/test' };
    expect(subgraphConfig('anpr', dev).ANPR_HASH_KEY).toBeUndefined();
    expect(refusal(() => subgraphConfig('anpr', { ...dev, ANPR_HASH_KEY: hex(32) }))).toMatch(
      /ANPR_ENCRYPTION_KEY is not set \(set both/,
    );
  });

  it('migrate needs the database and the internal secret', () => {
    expect(refusal(() => migrateConfig({ NODE_ENV: 'production', HUB_INTERNAL_SECRET: SECRET }))).toMatch(
      /^migrate refuses to start in production: DATABASE_URL is not set/,
    );
  });

  it('takes the services’ role and earlier audit keys only in their shape', () => {
    const migrate = { NODE_ENV: 'production', HUB_INTERNAL_SECRET: SECRET, DATABASE_URL: 'postgres://hub@db:5432/hub' };
    expect(migrateConfig({ ...migrate, HUB_SERVICE_ROLE: 'hub_app' }).HUB_SERVICE_ROLE).toBe('hub_app');
    expect(refusal(() => migrateConfig({ ...migrate, HUB_SERVICE_ROLE: 'hub; drop table x' }))).toMatch(
      /HUB_SERVICE_ROLE a PostgreSQL role name/,
    );
    // its password (migrate makes the role a login role): long enough, and only with the role
    const password = 'p'.repeat(32);
    expect(
      migrateConfig({ ...migrate, HUB_SERVICE_ROLE: 'hub_app', HUB_SERVICE_ROLE_PASSWORD: password })
        .HUB_SERVICE_ROLE_PASSWORD,
    ).toBe(password);
    expect(
      refusal(() => migrateConfig({ ...migrate, HUB_SERVICE_ROLE: 'hub_app', HUB_SERVICE_ROLE_PASSWORD: 'short' })),
    ).toMatch(/HUB_SERVICE_ROLE_PASSWORD must be at least 32 characters/);
    expect(refusal(() => migrateConfig({ ...migrate, HUB_SERVICE_ROLE_PASSWORD: password }))).toMatch(
      /HUB_SERVICE_ROLE is not set \(HUB_SERVICE_ROLE_PASSWORD/,
    );
    expect(
      subgraphConfig('footage', {
        ...PROD_SUBGRAPH,
        PLAYBACK_URL_SECRET: SECRET,
        AUDIT_HMAC_PREVIOUS_KEYS: `${hex(32)}, ${hex(40)}`,
      }).AUDIT_HMAC_PREVIOUS_KEYS,
    ).toBeDefined();
    expect(
      refusal(() =>
        subgraphConfig('footage', {
          ...PROD_SUBGRAPH,
          PLAYBACK_URL_SECRET: SECRET,
          AUDIT_HMAC_PREVIOUS_KEYS: `${hex(32)},abc`,
        }),
      ),
    ).toMatch(/AUDIT_HMAC_PREVIOUS_KEYS must be comma-separated hex keys/);
  });
});

describe('the one-process hub (npm start)', () => {
  it('in production wants the identity provider, keys and origins (or HUB_DEV_KEYS=1); tests do not enforce', () => {
    const line = refusal(() => embeddedConfig({ NODE_ENV: 'production' }));
    for (const name of ['JWKS_URL', 'PLAYBACK_URL_SECRET', 'ANPR_HASH_KEY', 'AUDIT_HMAC_KEY', 'HUB_ALLOWED_ORIGINS'])
      expect(line).toContain(name);
    expect(
      embeddedConfig({ NODE_ENV: 'production', HUB_DEV_KEYS: '1', HUB_ALLOWED_ORIGINS: 'same-origin' }).HUB_SEED,
    ).toBe('true');
    expect(embeddedConfig({ NODE_ENV: 'production' }, { enforce: false }).JWKS_URL).toBeUndefined();
  });

  it('lists every variable it reads for the operations table', () => {
    expect(configuredVariables()).toEqual(
      expect.arrayContaining([
        'JWKS_URL',
        'HUB_ALLOWED_ORIGINS',
        'HUB_DEV_KEYS',
        'AUDIT_HMAC_KEY',
        'PLAYBACK_URL_SECRET',
      ]),
    );
  });
});
