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
}
