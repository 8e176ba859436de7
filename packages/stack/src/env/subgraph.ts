// A subgraph process's configuration (serve.ts <subgraph>), and the migration run's.
import { z } from 'zod';
import {
  hexKey,
  millis,
  modeOf,
  parseEnv,
  processShape,
  productionKey,
  secret,
  text,
  type Env,
  type Mode,
} from './base.js';

/** A daily quota (docs/QUOTAS.md; subgraph-kit quota.ts reads it at each use): a whole number, 0 = none. */
const quota = z
  .string()
  .regex(/^\s*\d{1,9}\s*$/, 'must be a whole number (0 = no quota)')
  .optional();

/** Keys and settings of each subgraph role beyond what every subgraph reads. */
export function roleShape(mode: Mode) {
  return {
    cameras: { CAMERAS_LIFECYCLE_INTERVAL_MS: millis.optional() },
    footage: {
      PLAYBACK_URL_SECRET: productionKey(
        mode,
        secret('signs footage playback URLs; the same on every footage replica'),
      ),
      FOOTAGE_RETENTION_DAYS: z.string().optional(),
      FOOTAGE_RETENTION_INTERVAL_MS: millis.optional(),
    },
    anpr: {
      ANPR_HASH_KEY: productionKey(mode, hexKey('keyed hash of plates', 32)),
      ANPR_ENCRYPTION_KEY: productionKey(mode, hexKey('encryption of stored plates', 32)),
      ANPR_RETENTION_INTERVAL_MS: millis.optional(),
      ANPR_MATCH_INTERVAL_MS: millis.optional(),
      QUOTA_PLATE_SEARCHES_PER_OFFICER_PER_DAY: quota,
    },
    registrations: { QUOTA_REGISTRATIONS_PER_COMPANY_PER_DAY: quota },
    requests: { QUOTA_ACCESS_REQUESTS_PER_CITIZEN_PER_DAY: quota },
  } as const;
}
export type SubgraphRole = keyof ReturnType<typeof roleShape>;
export const SUBGRAPH_ROLES = Object.keys(roleShape(modeOf({}))) as SubgraphRole[];

/** What every subgraph reads. */
export function subgraphShape(mode: Mode) {
  return {
    DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
    HUB_SEED: z.enum(['true', 'false']).default('false'),
    AUDIT_HMAC_KEY: productionKey(mode, hexKey('the audit chain key, kept outside the database', 32, true)),
    // earlier audit keys after a rotation: they verify what they made (docs/OPERATIONS.md)
    AUDIT_HMAC_PREVIOUS_KEYS: z
      .string()
      .refine(
        (v) => v.split(',').every((k) => /^(?:[0-9a-fA-F]{2}){32,}$/.test(k.trim())),
        'must be comma-separated hex keys of at least 32 bytes (earlier AUDIT_HMAC_KEYs)',
      )
      .optional(),
  };
}

const databaseUrl = text('PostgreSQL connection string; one PGlite directory cannot be shared by processes').pipe(
  z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
);

export function subgraphSchema<R extends SubgraphRole>(role: R, mode: Mode) {
  const both = (config: object, ctx: z.RefinementCtx) => {
    const c = config as { ANPR_HASH_KEY?: string; ANPR_ENCRYPTION_KEY?: string };
    if (!c.ANPR_HASH_KEY !== !c.ANPR_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: [c.ANPR_HASH_KEY ? 'ANPR_ENCRYPTION_KEY' : 'ANPR_HASH_KEY'],
        message: 'is not set (set both ANPR keys, or neither)',
      });
    }
  };
  return z
    .object({
      ...processShape,
      ...subgraphShape(mode),
      ...(roleShape(mode)[role] as ReturnType<typeof roleShape>[R]),
      HUB_INTERNAL_SECRET: secret('verifies the gateway’s actor assertions; the same in every process'),
      DATABASE_URL: databaseUrl,
    })
    .superRefine(both);
}
export type SubgraphConfig<R extends SubgraphRole = SubgraphRole> = z.output<ReturnType<typeof subgraphSchema<R>>>;

export const subgraphConfig = <R extends SubgraphRole>(role: R, env: Env = process.env): SubgraphConfig<R> =>
  parseEnv(role, subgraphSchema(role, modeOf(env)), env);

export function migrateSchema() {
  return z
    .object({
      ...processShape,
      HUB_INTERNAL_SECRET: secret('the same in every process'),
      DATABASE_URL: databaseUrl,
      // the PostgreSQL role the services connect as; migrate grants it its rights (docs/OPERATIONS.md)
      HUB_SERVICE_ROLE: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a PostgreSQL role name')
        .optional(),
      // given: migrate makes HUB_SERVICE_ROLE a login role with this password (the owner needs CREATEROLE)
      HUB_SERVICE_ROLE_PASSWORD: secret('the password the services log in with as HUB_SERVICE_ROLE').optional(),
    })
    .refine((c) => !c.HUB_SERVICE_ROLE_PASSWORD || c.HUB_SERVICE_ROLE, {
      path: ['HUB_SERVICE_ROLE'],
      message: 'is not set (HUB_SERVICE_ROLE_PASSWORD is the password of that role)',
    });
}
export type MigrateConfig = z.output<ReturnType<typeof migrateSchema>>;
export const migrateConfig = (env: Env = process.env): MigrateConfig => parseEnv('migrate', migrateSchema(), env);
