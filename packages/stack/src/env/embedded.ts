// The one-process hub's configuration (npm start: main.ts, and startStack): the gateway's and every
// subgraph's settings in one process; keys and the internal secret default to files under HUB_DATA_DIR.
import { z } from 'zod';
import { issuerWithJwks, gatewayShape } from './gateway.js';
import { modeOf, parseEnv, processShape, secret, type Env, type Mode } from './base.js';
import { roleShape, subgraphShape } from './subgraph.js';

export function embeddedSchema(mode: Mode) {
  const roles = roleShape(mode);
  return z
    .object({
      ...processShape,
      ...gatewayShape(mode),
      ...subgraphShape(mode),
      ...roles.cameras,
      ...roles.footage,
      ...roles.anpr,
      HUB_SEED: z.enum(['true', 'false']).default('true'),
      HUB_INTERNAL_SECRET: secret('signs actor assertions; created under HUB_DATA_DIR when unset').optional(),
      DATABASE_URL: z.string().optional(),
    })
    .superRefine(issuerWithJwks);
}
export type EmbeddedConfig = z.output<ReturnType<typeof embeddedSchema>>;

/** `enforce: false` (tests, startStack): what production requires is not demanded, formats still are. */
export function embeddedConfig(env: Env = process.env, opts: { enforce?: boolean } = {}): EmbeddedConfig {
  const mode = modeOf(env);
  const checked = opts.enforce === false ? { production: false, devKeys: true, strict: false } : mode;
  return parseEnv('hub', embeddedSchema(checked), env);
}
