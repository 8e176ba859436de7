// The police's grants to third parties' cameras (004) reach the footage subgraph, which enforces them
// where the footage is, as accessGrantChanged events: each carries the grant's whole state and is
// published in the transaction of the change (db/belgium.ts). Grants recorded before the event
// existed are announced once by the lifecycle scheduler (`announced` marks what was published).
import { eq } from 'drizzle-orm';
import type { Database } from '@hub/db';
import { ACCESS_GRANT_CHANGED, type AccessGrantChangedPayload, type Events } from '@hub/events';
import { accessGrantTable } from './schema.js';

type GrantRow = typeof accessGrantTable.$inferSelect;

export const grantChanged = (r: GrantRow): AccessGrantChangedPayload => ({
  id: r.id,
  cameraId: r.cameraId,
  municipality: r.municipality,
  thirdParty: r.thirdParty,
  scope: r.scope,
  validFrom: r.validFrom.toISOString(),
  validUntil: r.validUntil.toISOString(),
  reference: r.reference,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** Publish the grants never announced (recorded before accessGrantChanged existed); returns how many. */
export async function announceGrants(database: Database, events: Events): Promise<number> {
  return database.db.transaction(async (tx) => {
    // a second replica's pass skips the rows this one holds, and finds them announced afterwards
    const rows = await tx
      .select()
      .from(accessGrantTable)
      .where(eq(accessGrantTable.announced, false))
      .limit(500)
      .for('update', { skipLocked: true });
    for (const r of rows) {
      await events.publish(tx, ACCESS_GRANT_CHANGED, grantChanged(r));
      await tx.update(accessGrantTable).set({ announced: true }).where(eq(accessGrantTable.id, r.id));
    }
    return rows.length;
  });
}
