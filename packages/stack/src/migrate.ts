// Migrations of the whole hub, as the owner role runs them (`serve.js migrate`, once per release):
// the events outbox, the audit log, every subgraph's schema; then, given the services' role, its
// rights: rows of every schema, the audit log only read and appended through its function (issue 14 §5).
import { auditLogOf } from '@hub/audit';
import { grantServiceRole, type Database } from '@hub/db';
import { Events } from '@hub/events';
import { SUBGRAPHS } from './subgraphs.js';

export async function migrateHub(database: Database, opts: { serviceRole?: string } = {}): Promise<void> {
  await new Events(database).migrate();
  await auditLogOf(database).migrate();
  for (const def of SUBGRAPHS) {
    await def.prepare?.(database);
    if (def.migrationsFolder) await database.migrate({ migrationsFolder: def.migrationsFolder, schema: def.name });
  }
  if (opts.serviceRole) {
    const owned = ['events', ...SUBGRAPHS.filter((d) => d.migrationsFolder).map((d) => d.name)];
    await grantServiceRole(database, opts.serviceRole, owned);
    await auditLogOf(database).grantServiceRole(opts.serviceRole);
  }
}
