// One typed configuration per process (zod): gateway, each subgraph, the migration run, and the
// one-process hub. docs/OPERATIONS.md lists every variable; test/src/deploy.test.ts checks it.
import { ConfigError, modeOf } from './base.js';
import { embeddedSchema } from './embedded.js';
import { gatewaySchema } from './gateway.js';
import { SUBGRAPH_ROLES, migrateSchema, subgraphSchema } from './subgraph.js';

export * from './base.js';
export * from './gateway.js';
export * from './subgraph.js';
export * from './embedded.js';

/** Every variable some process's configuration reads. */
export function configuredVariables(): string[] {
  const mode = modeOf({ NODE_ENV: 'production' });
  const shapes = [
    gatewaySchema(mode),
    migrateSchema(),
    embeddedSchema(mode),
    ...SUBGRAPH_ROLES.map((r) => subgraphSchema(r, mode)),
  ];
  const names = new Set<string>();
  for (const s of shapes) for (const k of Object.keys(s.shape)) names.add(k);
  return [...names].sort();
}

/** Runs `load`; a ConfigError is printed as its one line and the process exits 1. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
