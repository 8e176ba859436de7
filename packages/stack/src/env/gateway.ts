// The gateway process's configuration (serve.ts gateway).
import { z } from 'zod';
import { ACTOR_KINDS, CALLER_ALGORITHMS, DEFAULT_AUDIENCE, type ActorKind } from '@hub/auth';
import { modeOf, parseEnv, processShape, productionKey, secret, text, type Env, type Mode } from './base.js';

const url = (what: string) =>
  text(what).pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }));

/** `name=url,…` → { name: url }. */
const subgraphUrls = text('name=url of every subgraph, comma-separated').transform((v, ctx) => {
  const out: Record<string, string> = {};
  for (const pair of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, u] = pair.split('=');
    if (!name || !u || !URL.canParse(u)) {
      ctx.addIssue({ code: 'custom', message: `has "${pair}", not name=url` });
      return z.NEVER;
    }
    out[name] = u;
  }
  return out;
});

/** Origins allowed to call the API from a browser (CORS), or `same-origin` for none but the gateway's own web app. */
const allowedOrigins = text('origins allowed to call from a browser, comma-separated, or same-origin').transform(
  (v, ctx) => {
    if (v === 'same-origin') return [];
    const origins = v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const o of origins) {
      if (!URL.canParse(o) || new URL(o).origin !== o) {
        ctx.addIssue({ code: 'custom', message: `has "${o}", not an origin like https://app.example.org` });
        return z.NEVER;
      }
    }
    return origins;
  },
);

/** `kind=value,…` per actor kind, each value read by `value` (undefined: not a valid value). */
const perKind = <T>(what: string, value: (v: string) => T | undefined) =>
  z.string().transform((v, ctx) => {
    const out: Partial<Record<ActorKind, T>> = {};
    for (const pair of v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [kind, raw] = pair.split('=').map((x) => x.trim());
      const parsed = raw === undefined ? undefined : value(raw);
      if (!ACTOR_KINDS.includes(kind as ActorKind) || parsed === undefined) {
        ctx.addIssue({ code: 'custom', message: `has "${pair}", not kind=${what} (kinds: ${ACTOR_KINDS.join(', ')})` });
        return z.NEVER;
      }
      out[kind as ActorKind] = parsed;
    }
    return out;
  });
const positive = (v: string) => (/^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/** HUB_COST_BUDGETS `police=50000,public=20000`: what one operation may cost (gateway plugins/cost-limit.ts). */
const costBudgets = perKind('cost', positive);
/**
 * `off`, or per actor kind two positive numbers `a[:b]`, `b` defaulting from `a`: the shape of
 * HUB_RATE_LIMITS and HUB_CALLER_CONCURRENCY.
 */
function pairsPerKind<T>(what: string, make: (a: number, b: number | undefined) => T) {
  return z.union([
    z.literal('off').transform(() => false as const),
    perKind(what, (v) => {
      const [a, b] = v.split(':').map(positive);
      if (!a || (v.includes(':') && !b)) return undefined;
      return make(a, b);
    }),
  ]);
}
/** HUB_RATE_LIMITS `police=600:120,public=300` (per minute[:burst]) or `off` (gateway plugins/rate-limit.ts). */
const rateLimits = pairsPerKind('perMinute[:burst]', (perMinute, burst) => ({
  perMinute,
  burst: burst ?? Math.max(1, Math.ceil(perMinute / 5)),
}));
/** HUB_CALLER_CONCURRENCY `police=2:64,public=4` (operations at once[:queued]) or `off` (gateway plugins/caller-concurrency.ts). */
const callerConcurrency = pairsPerKind('inFlight[:queued]', (inFlight, queued) => ({
  inFlight,
  queued: queued ?? inFlight * 16,
}));

/** JWKS_URL … JWT_ALGORITHMS: how callers' tokens are verified (none: the dev key pair). */
export function jwtShape(mode: Mode) {
  return {
    JWKS_URL: productionKey(mode, url("the identity provider's JWKS; without it only dev tokens would verify")),
    JWT_ISSUER: productionKey(mode, text('required iss of callers’ tokens')),
    JWT_AUDIENCE: z.string().trim().min(1).default(DEFAULT_AUDIENCE),
    JWT_ALGORITHMS: z
      .string()
      .default('ES256,RS256')
      .transform((v) => v.split(',').map((a) => a.trim()))
      .pipe(
        z
          .array(z.enum(CALLER_ALGORITHMS, { error: `lists an algorithm other than ${CALLER_ALGORITHMS.join(', ')}` }))
          .min(1),
      ),
  };
}

/** JWT_ISSUER goes with JWKS_URL. */
export const issuerWithJwks = (c: { JWKS_URL?: string; JWT_ISSUER?: string }, ctx: z.RefinementCtx) => {
  if (c.JWKS_URL && !c.JWT_ISSUER)
    ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'is not set (required with JWKS_URL)' });
};

export function gatewayShape(mode: Mode) {
  return {
    ...jwtShape(mode),
    HUB_ALLOWED_ORIGINS: mode.production ? allowedOrigins : allowedOrigins.optional(),
    HUB_LOG_LEVEL: z.string().default('error'),
    HUB_COST_BUDGETS: costBudgets.optional(),
    HUB_RATE_LIMITS: rateLimits.optional(),
    HUB_CALLER_CONCURRENCY: callerConcurrency.optional(),
    HUB_WEB_TILE_URL: z.string().optional(),
    HUB_WEB_TILE_ATTRIBUTION: z.string().optional(),
    HUB_WEB_OIDC_CLIENT_ID: z.string().optional(),
    HUB_WEB_OIDC_ISSUER: z.string().optional(),
    HUB_WEB_OIDC_SCOPE: z.string().default('openid profile offline_access'),
  };
}

export function gatewaySchema(mode: Mode) {
  return z
    .object({
      ...processShape,
      ...gatewayShape(mode),
      HUB_INTERNAL_SECRET: secret('signs actor assertions to subgraphs; the same in every process'),
      SUBGRAPH_URLS: subgraphUrls,
    })
    .superRefine(issuerWithJwks);
}

export type GatewayConfig = z.output<ReturnType<typeof gatewaySchema>>;

export const gatewayConfig = (env: Env = process.env): GatewayConfig =>
  parseEnv('gateway', gatewaySchema(modeOf(env)), env);
