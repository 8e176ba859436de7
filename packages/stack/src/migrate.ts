// Migrations of the whole hub, as the owner role runs them (`serve.js migrate`, once per release):
// the events outbox, the audit log, every subgraph's schema; then, given the services' role, its
// rights: rows of every schema, the audit log only read and appended through its function (@hub/audit roles.sql).
// Given its password too, the role is made a login role first (a PostgreSQL the owner administers,
// deploy/compose.yaml; under CloudNativePG the operator makes it, deploy/k8s/postgres.yaml).
import { auditLogOf } from '@hub/audit';
import { ensureLoginRole, grantServiceRole, sql, type Database } from '@hub/db';
import { Events } from '@hub/events';
import { SUBGRAPHS } from './subgraphs.js';

export async function migrateHub(
  database: Database,
  opts: { serviceRole?: string; servicePassword?: string } = {},
): Promise<void> {
  if (opts.servicePassword && !opts.serviceRole) throw new Error('HUB_SERVICE_ROLE_PASSWORD needs HUB_SERVICE_ROLE');
  if (opts.serviceRole) {
    // the services' role is never the owner: the owner can alter the audit log (docs/OPERATIONS.md)
    const [me] = await database.query<{ who: string }>(sql`select current_user as who`);
    if (me?.who === opts.serviceRole)
      throw new Error(
        `HUB_SERVICE_ROLE ${opts.serviceRole} is the role that migrates: give the services their own role`,
      );
  }
  await new Events(database).migrate();
  await auditLogOf(database).migrate();
  for (const def of SUBGRAPHS) {
    await def.prepare?.(database);
    if (def.migrationsFolder) await database.migrate({ migrationsFolder: def.migrationsFolder, schema: def.name });
  }
  if (opts.serviceRole) {
    if (opts.servicePassword) await ensureLoginRole(database, opts.serviceRole, opts.servicePassword);
    const owned = ['events', ...SUBGRAPHS.filter((d) => d.migrationsFolder).map((d) => d.name)];
    await grantServiceRole(database, opts.serviceRole, owned);
    await auditLogOf(database).grantServiceRole(opts.serviceRole);
  }
}
