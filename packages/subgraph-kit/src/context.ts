import type { Ability, Actor } from '@hub/auth';
import type { Database, Db } from '@hub/db';
import type { Events } from '@hub/events';

/** Time as the domain sees it; tests move it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every resolver receives. The actor comes only from the gateway's signed assertion. */
export interface HubContext {
  actor: Actor;
  ability: Ability;
  db: Db;
  database: Database;
  events: Events;
  clock: Clock;
  /** per-request memo of permitted fields per row (field guard) */
  fieldMemo: WeakMap<object, Set<string>>;
  /**
   * The client request this call belongs to, for the audit log (@hub/audit AuditInput.request): the
   * same object for every call of one gateway request (its signed request id) reaching this process,
   * so its audited reads merge and count against one bound together (@hub/audit MAX_ENTRIES_PER_REQUEST).
   */
  auditRequest: object;
}
