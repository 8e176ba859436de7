// What every process's configuration is built from: the environment checked against a zod schema at
// start. In production (NODE_ENV=production) a process missing what production needs refuses to
// start with one line naming each such variable; dev keys are used only when asked for (HUB_DEV_KEYS=1).
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** The configuration cannot run: the message is the one line the process prints before it exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Mode {
  production: boolean;
  /** HUB_DEV_KEYS=1: the dev key pair and dev secrets under HUB_DATA_DIR, in production too (demos, benchmarks). */
  devKeys: boolean;
  /** Production without dev keys: every key and secret must be given. */
  strict: boolean;
}

export function modeOf(env: Env): Mode {
  const production = env.NODE_ENV === 'production';
  const devKeys = env.HUB_DEV_KEYS === '1' || env.HUB_DEV_KEYS === 'true';
  return { production, devKeys, strict: production && !devKeys };
}

/** Text that must be there; `what` says what it is, in the refusal line. */
export const text = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is not set (${what})` : `must be text (${what})`) })
    .trim()
    .min(1, `is empty (${what})`);

/** A secret shared by processes: at least 32 characters. */
export const secret = (what: string) => text(what).pipe(z.string().min(32, `must be at least 32 characters (${what})`));

/** Key material in hex: exactly `bytes` bytes, or at least `bytes` with `atLeast`. */
export const hexKey = (what: string, bytes: number, atLeast = false) =>
  text(what).pipe(
    z
      .string()
      .regex(/^(?:[0-9a-fA-F]{2})+$/, `must be hex (${what})`)
      .refine(
        (v) => (atLeast ? v.length >= bytes * 2 : v.length === bytes * 2),
        `must be ${atLeast ? 'at least ' : ''}${bytes} bytes, ${bytes * 2} hex characters (${what})`,
      ),
  );

/** A key or secret production must have (a dev one otherwise, or with HUB_DEV_KEYS=1). */
export const productionKey = <T extends z.ZodType>(mode: Mode, schema: T) => (mode.strict ? schema : schema.optional());

/** Whole milliseconds ≥ 0 (0 disables a scheduler). */
export const millis = z.coerce.number().int().min(0);

/** PORT, HOST, HUB_DATA_DIR, HUB_DEV_KEYS, NODE_ENV: read by every process. */
export const processShape = {
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  HUB_DATA_DIR: z.string().optional(),
  HUB_DEV_KEYS: z.enum(['0', '1', 'true', 'false']).optional(),
};

/**
 * The environment parsed by `schema`, empty values counting as unset (as compose and Kubernetes
 * pass them). Throws ConfigError whose message is one line naming every variable that is wrong.
 */
export function parseEnv<T extends z.ZodType>(process: string, schema: T, env: Env): z.output<T> {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const mode = modeOf(env);
  const problems = result.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
  const hint = mode.strict ? ' (dev keys only with HUB_DEV_KEYS=1)' : '';
  throw new ConfigError(
    `${process} refuses to start${mode.production ? ' in production' : ''}: ${problems.join('; ')}${hint}`,
  );
}
