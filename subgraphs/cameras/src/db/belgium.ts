// Reading and changing the Belgian records (004): council approvals of police camera types and
// locations, and the police's grants to third parties' cameras — rows ↔ GraphQL objects, the policy's
// WHERE, and each grant change published (accessGrantChanged, db/grant-events.ts) in the caller's
// transaction.
import { and, asc, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { ACCESS_GRANT_CHANGED, type Events } from '@hub/events';
import { grantActive, type Approval } from '../domain/belgium.js';
import type { CameraAccessGrant, CouncilApproval } from '../schema/belgium.js';
import type { Camera } from '../schema/types.js';
import { grantChanged } from './grant-events.js';
import { accessGrantTable, councilApprovalTable, municipalityTable } from './schema.js';

type ApprovalRow = typeof councilApprovalTable.$inferSelect;
type GrantRow = typeof accessGrantTable.$inferSelect;
/** The most rows one list returns. */
const MAX_ROWS = 200;
/** Policy condition fields → columns, for accessibleWhere. */
const approvalColumns = { municipality: councilApprovalTable.municipality };
const grantColumns = { municipality: accessGrantTable.municipality };

export const toApproval = (r: ApprovalRow): CouncilApproval => ({ ...r, locations: r.locations });
export const toGrant = (r: GrantRow, now: Date): CameraAccessGrant => ({
  ...r,
  camera: { id: r.cameraId } as Camera,
  active: grantActive(r, now),
});

/** The country of a municipality, or null when it is unknown. */
export async function countryOf(on: Queryable, municipality: string): Promise<string | null> {
  const [m] = await on
    .select({ country: municipalityTable.country })
    .from(municipalityTable)
    .where(eq(municipalityTable.code, municipality));
  return m?.country ?? null;
}

/** Every council approval of a municipality, unfiltered (does it cover a camera?). */
export const approvalsOf = (on: Queryable, municipality: string): Promise<Approval[]> =>
  on.select().from(councilApprovalTable).where(eq(councilApprovalTable.municipality, municipality));

/** A municipality's approvals the ability may read, newest decision first, at most MAX_ROWS. */
export async function readableApprovals(on: Queryable, ability: Ability, municipality: string) {
  const rows = await on
    .select()
    .from(councilApprovalTable)
    .where(
      and(
        accessibleWhere(ability, 'read', 'CouncilApproval', approvalColumns),
        eq(councilApprovalTable.municipality, municipality),
      ),
    )
    .orderBy(desc(councilApprovalTable.decidedAt), asc(councilApprovalTable.id))
    .limit(MAX_ROWS);
  return rows.map(toApproval);
}

/** Insert an approval; undefined when the municipality has one under that reference already. */
export async function insertApproval(
  tx: Queryable,
  row: typeof councilApprovalTable.$inferInsert,
): Promise<ApprovalRow | undefined> {
  const [inserted] = await tx.insert(councilApprovalTable).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function approvalByReference(
  on: Queryable,
  municipality: string,
  reference: string,
): Promise<ApprovalRow | undefined> {
  const [existing] = await on
    .select()
    .from(councilApprovalTable)
    .where(and(eq(councilApprovalTable.municipality, municipality), eq(councilApprovalTable.reference, reference)));
  return existing;
}

/** The grants the ability may read, optionally of one municipality or camera, or only those active `now`. */
export async function readableGrants(
  on: Queryable,
  ability: Ability,
  now: Date,
  filter: { municipality?: string; cameraId?: string; activeOnly?: boolean },
) {
  const rows = await on
    .select()
    .from(accessGrantTable)
    .where(
      and(
        accessibleWhere(ability, 'read', 'CameraAccessGrant', grantColumns),
        filter.municipality ? eq(accessGrantTable.municipality, filter.municipality) : undefined,
        filter.cameraId ? eq(accessGrantTable.cameraId, filter.cameraId) : undefined,
        filter.activeOnly
          ? and(
              isNull(accessGrantTable.revokedAt),
              lte(accessGrantTable.validFrom, now),
              gt(accessGrantTable.validUntil, now),
            )
          : undefined,
      ),
    )
    .orderBy(desc(accessGrantTable.validFrom), asc(accessGrantTable.id))
    .limit(MAX_ROWS);
  return rows.map((r) => toGrant(r, now));
}

/** A camera's grants the ability may read, newest first. */
export async function grantsOfCamera(on: Queryable, ability: Ability, cameraId: string, now: Date) {
  const rows = await on
    .select()
    .from(accessGrantTable)
    .where(
      and(eq(accessGrantTable.cameraId, cameraId), accessibleWhere(ability, 'read', 'CameraAccessGrant', grantColumns)),
    )
    .orderBy(desc(accessGrantTable.validFrom))
    .limit(MAX_ROWS);
  return rows.map((r) => toGrant(r, now));
}

/** Insert a grant and announce it (accessGrantChanged) in the caller's transaction. */
export async function insertGrant(
  tx: Queryable,
  events: Events,
  row: Omit<typeof accessGrantTable.$inferInsert, 'announced'>,
): Promise<GrantRow> {
  // published below, in this transaction, for the footage subgraph (db/grant-events.ts)
  const [inserted] = await tx
    .insert(accessGrantTable)
    .values({ ...row, announced: true })
    .returning();
  await events.publish(tx, ACCESS_GRANT_CHANGED, grantChanged(inserted!));
  return inserted!;
}

/** One grant the ability may act on, locked FOR UPDATE, or undefined (missing and hidden alike). */
export async function lockGrant(
  tx: Queryable,
  ability: Ability,
  id: string,
  action: Action,
): Promise<GrantRow | undefined> {
  const [g] = await tx
    .select()
    .from(accessGrantTable)
    .where(and(eq(accessGrantTable.id, id), accessibleWhere(ability, action, 'CameraAccessGrant', grantColumns)))
    .for('update');
  return g;
}

/** Revoke a locked grant and announce it (accessGrantChanged) in the caller's transaction. */
export async function revokeGrant(
  tx: Queryable,
  events: Events,
  id: string,
  revoke: { reason: string; at: Date },
): Promise<GrantRow> {
  const [row] = await tx
    .update(accessGrantTable)
    .set({ revokedAt: revoke.at, revokeReason: revoke.reason, announced: true })
    .where(eq(accessGrantTable.id, id))
    .returning();
  await events.publish(tx, ACCESS_GRANT_CHANGED, grantChanged(row!));
  return row!;
}
