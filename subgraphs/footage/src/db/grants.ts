// The footage subgraph's replica of the police's grants to third parties' cameras (004), fed by the
// cameras subgraph's accessGrantChanged events, and the facts the policy decides a recording on.
import { inArray, sql, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { AccessGrantChangedPayload } from '@hub/events';
import { accessGrantReplica, cameraReplica } from './schema.js';

/** Upsert one grant with its whole current state (a revocation arrives as the same grant, revoked). */
export async function applyAccessGrantChanged(tx: Queryable, g: AccessGrantChangedPayload): Promise<void> {
  const facts = {
    cameraId: g.cameraId,
    municipality: g.municipality,
    thirdParty: g.thirdParty,
    scope: g.scope,
    validFrom: new Date(g.validFrom),
    validUntil: new Date(g.validUntil),
    reference: g.reference,
    revokedAt: g.revokedAt ? new Date(g.revokedAt) : null,
  };
  await tx
    .insert(accessGrantReplica)
    .values({ id: g.id, ...facts })
    .onConflictDoUpdate({ target: accessGrantReplica.id, set: facts });
}

/** A moment as a bound parameter: an ISO text cast in SQL (a placeholder skips drizzle's encoders). */
export type At = Date | ReturnType<typeof sql.placeholder>;
const moment = (at: At): SQL => sql`(${at instanceof Date ? at.toISOString() : at})::timestamptz`;

/**
 * The Recording policy's row attributes as SQL over `footage.recordings`: who runs its camera
 * (`operator`) and the grant its use falls under at `at` (`accessGrant`, domain/grants.ts
 * recordingGrant: scope RECORDINGS, active at `at`, its period containing the recording; the
 * latest-starting one). Only a THIRD_PARTY camera's recording looks for a grant.
 */
export function recordingAccessColumns(at: At): { operator: SQL<string | null>; accessGrant: SQL<string | null> } {
  // written out qualified: drizzle renders a column in a one-table select list without its table, which
  // inside these subqueries would name the subquery's own column (access_grants.camera_id)
  const rec = (column: string) => sql.raw(`"footage"."recordings"."${column}"`);
  const operator = sql<string | null>`(select c.operator from ${cameraReplica} c where c.id = ${rec('camera_id')})`;
  const t = moment(at);
  const accessGrant = sql<string | null>`(select case when c.operator = 'THIRD_PARTY' then (
      select g.id from ${accessGrantReplica} g
      where g.camera_id = c.id and 'RECORDINGS' = any(g.scope) and g.revoked_at is null
        and g.valid_from <= ${t} and ${t} < g.valid_until
        and g.valid_from <= ${rec('started_at')} and ${rec('ended_at')} <= g.valid_until
      order by g.valid_from desc, g.id collate "C" limit 1) end
    from ${cameraReplica} c where c.id = ${rec('camera_id')})`;
  return { operator, accessGrant };
}

/** Recordings the ability may `action` at `at`, as SQL: the policy's own conditions (packages/auth sql.ts). */
export function recordingAccessWhere(ability: Ability, action: Action, at: At): SQL {
  return accessibleWhere(ability, action, 'Recording', recordingAccessColumns(at));
}

/** The grants these rows are used under (for the audit entry naming them, 004), in id order. */
export async function grantsOf(
  on: Queryable,
  rows: Array<{ accessGrant?: string | null }>,
): Promise<Array<{ id: string; reference: string }>> {
  const ids = [...new Set(rows.flatMap((r) => (r.accessGrant ? [r.accessGrant] : [])))];
  if (ids.length === 0) return [];
  return on
    .select({ id: accessGrantReplica.id, reference: accessGrantReplica.reference })
    .from(accessGrantReplica)
    .where(inArray(accessGrantReplica.id, ids))
    .orderBy(accessGrantReplica.id);
}
