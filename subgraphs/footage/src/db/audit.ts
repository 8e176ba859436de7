// The shared audit log, and how a read of recording rows is written to it: every read is logged
// (000, 003 §5.2.3) before any row is returned, whatever the path — a search, a camera's recordings,
// a hold's, a footage request's, a bodycam lookup.
import { auditLogOf, type AuditLog, underGrants } from '@hub/audit';
import type { Database, Queryable } from '@hub/db';
import type { HubContext } from '@hub/subgraph-kit';
import { grantsOf } from './grants.js';

/** The shared audit log of this database (@hub/audit auditLogOf). */
export const auditOf = (database: Database): AuditLog => auditLogOf(database);

/** Log a read of these recordings under this purpose. A read changes nothing, so the entry commits on its own. */
export async function auditRecordingRead(ctx: HubContext, ids: string[], purpose: string): Promise<void> {
  if (ids.length === 0) return;
  // request: reads of one client request are merged into few entries, and bounded (packages/audit
  // MAX_ENTRIES_PER_REQUEST)
  await auditOf(ctx.database).append(ctx.db, {
    actor: ctx.actor,
    action: 'footage.recording.read',
    subjectType: 'Recording',
    subjectIds: ids,
    purpose,
    at: ctx.clock.now(),
    request: ctx.auditRequest,
  });
}

/**
 * The purposes of reading these rows, with their ids: the caller's, and for a third party's footage
 * the caller's naming the grant it is read under (004), so an entry shows which agreement allowed it.
 */
export async function purposesOf(
  on: Queryable,
  rows: Array<{ id: string; accessGrant?: string | null }>,
  purpose: string,
): Promise<Map<string, string[]>> {
  const grants = new Map((await grantsOf(on, rows)).map((g) => [g.id, g]));
  const byPurpose = new Map<string, string[]>();
  for (const r of rows) {
    const g = r.accessGrant ? (grants.get(r.accessGrant) ?? { id: r.accessGrant, reference: '?' }) : null;
    const p = underGrants(purpose, g ? [g] : []);
    byPurpose.set(p, [...(byPurpose.get(p) ?? []), r.id]);
  }
  return byPurpose;
}

/** auditRecordingRead for rows that may be a third party's: one entry per purpose, naming the grant. */
export async function auditAccessRead(
  ctx: HubContext,
  rows: Array<{ id: string; accessGrant?: string | null }>,
  purpose: string,
): Promise<void> {
  for (const [p, ids] of await purposesOf(ctx.db, rows, purpose)) await auditRecordingRead(ctx, ids, p);
}
