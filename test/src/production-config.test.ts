// Production fails closed (docs/OPERATIONS.md): each serve.ts role, and `npm start`, started with
// NODE_ENV=production but without something production needs, exits 1 with one line naming it —
// before it opens a database or a port. A complete gateway configuration starts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVE = 'packages/stack/src/serve.ts';
const MAIN = 'packages/stack/src/main.ts';
const hex = () => 'cd'.repeat(32);

const DATA_DIR = mkdtempSync(join(tmpdir(), 'hub-config-'));
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));
const BASE = { NODE_ENV: 'production', HUB_INTERNAL_SECRET: 'i'.repeat(40), PORT: '0', HOST: '127.0.0.1' };
const GATEWAY = {
  ...BASE,
  SUBGRAPH_URLS: 'cameras=http://127.0.0.1:9/graphql',
  JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
  JWT_ISSUER: 'https://idp.example.org',
  HUB_ALLOWED_ORIGINS: 'https://app.example.org',
};
// an address nothing listens on: a process that got past its configuration would fail differently
const SUBGRAPH = { ...BASE, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', AUDIT_HMAC_KEY: hex() };
const ROLES: Record<string, Record<string, string>> = {
  gateway: GATEWAY,
  cameras: SUBGRAPH,
  footage: { ...SUBGRAPH, PLAYBACK_URL_SECRET: 'p'.repeat(40) },
  anpr: { ...SUBGRAPH, ANPR_HASH_KEY: hex(), ANPR_ENCRYPTION_KEY: hex() },
  migrate: { ...BASE, DATABASE_URL: SUBGRAPH.DATABASE_URL },
};

/** Runs a process with exactly `env` (plus PATH); resolves its exit code and output, or kills it once it prints `ready`. */
function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@hub/source', '--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HUB_DATA_DIR: DATA_DIR, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (/^ready /m.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

const without = (env: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

const CASES: Array<[role: string, variable: string]> = [
  ['gateway', 'JWKS_URL'],
  ['gateway', 'JWT_ISSUER'],
  ['gateway', 'HUB_ALLOWED_ORIGINS'],
  ['gateway', 'HUB_INTERNAL_SECRET'],
  ['gateway', 'SUBGRAPH_URLS'],
  ['cameras', 'AUDIT_HMAC_KEY'],
  ['cameras', 'DATABASE_URL'],
  ['footage', 'PLAYBACK_URL_SECRET'],
  ['anpr', 'ANPR_HASH_KEY'],
  ['anpr', 'ANPR_ENCRYPTION_KEY'],
  ['migrate', 'DATABASE_URL'],
];

describe('production refuses to start without what it needs', () => {
  it.each(CASES)('%s without %s: exit 1 and one line naming it', { timeout: 120_000 }, async (role, variable) => {
    const r = await run(SERVE, [role], without(ROLES[role]!, variable));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${role} refuses to start in production: ${variable} is not set`));
    expect(r.stdout).toBe('');
  });

  it('a malformed key is refused the same way', { timeout: 120_000 }, async () => {
    const r = await run(SERVE, ['anpr'], { ...ROLES.anpr!, ANPR_HASH_KEY: 'not-hex' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^anpr refuses to start in production: ANPR_HASH_KEY must be hex/);
  });

  it(
    'npm start (the one-process hub) in production without an identity provider refuses too',
    { timeout: 120_000 },
    async () => {
      const r = await run(MAIN, [], { NODE_ENV: 'production', HUB_ALLOWED_ORIGINS: 'same-origin' });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^hub refuses to start in production: JWKS_URL is not set/);
    },
  );

  it(
    'a complete production gateway starts; so does one that asked for dev keys with HUB_DEV_KEYS=1',
    { timeout: 180_000 },
    async () => {
      const complete = await run(SERVE, ['gateway'], GATEWAY);
      expect(complete.stderr).toBe('');
      expect(complete.stdout).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+\/graphql/m);
      // with an identity provider no dev key pair is even created
      expect(existsSync(join(DATA_DIR, 'keys'))).toBe(false);
      const dev = await run(SERVE, ['gateway'], {
        ...without(without(GATEWAY, 'JWKS_URL'), 'JWT_ISSUER'),
        HUB_DEV_KEYS: '1',
      });
      expect(dev.stdout).toMatch(/^ready /m);
      expect(existsSync(join(DATA_DIR, 'keys'))).toBe(true);
    },
  );
});
