// The actor of a request to a subgraph: taken only from the gateway's signed assertion (x-hub-actor),
// never from anything the caller sends. A session's (caller token's) first use is a log-in.
import { verifyActorAssertion, type Actor } from '@hub/auth';
import { auditLogOf } from '@hub/audit';
import type { Database } from '@hub/db';
import type { Clock } from './context.js';
import { unauthenticated } from './errors.js';

export interface GatewayAssertionOptions {
  /** Shared secret of gateway assertions (packages/auth internalSecretKey). */
  internalKey: Uint8Array;
  /** Where log-ins are recorded (the audit log's sessions table). */
  database: Database;
  clock: Clock;
}

/** A caller as its verified assertion names it: the actor, the client request's id, valid until (epoch ms). */
export type Verified = { actor: Actor; requestId?: string; until: number };

/** The verified caller of an assertion; UNAUTHENTICATED for a missing, forged or expired one. */
export function gatewayActors(opts: GatewayAssertionOptions): (assertion: unknown) => Promise<Verified> {
  // A verified assertion is remembered until it expires: the gateway reuses one per actor for a while.
  const verified = new Map<string, Verified>();
  // A session's (caller token's) first use in this process is recorded as a log-in; the audit log's
  // sessions table makes it once hub-wide (@hub/audit recordLogin).
  const seenSessions = new Set<string>();
  const noteLogin = async (v: Verified): Promise<Verified> => {
    const { actor } = v;
    if (!actor.session || seenSessions.has(actor.session)) return v;
    await auditLogOf(opts.database).recordLogin(actor, opts.clock.now());
    if (seenSessions.size >= 100_000) seenSessions.clear();
    seenSessions.add(actor.session);
    return v;
  };
  const verifiedActor = async (assertion: unknown): Promise<Verified> => {
    if (typeof assertion !== 'string' || !assertion) throw unauthenticated('Requests must come through the gateway');
    const hit = verified.get(assertion);
    if (hit && hit.until > Date.now()) return hit;
    try {
      const { actor, expiresAt, requestId } = await verifyActorAssertion(opts.internalKey, assertion);
      if (verified.size > 10_000) verified.clear();
      const v = { actor, requestId, until: expiresAt.getTime() };
      verified.set(assertion, v);
      return v;
    } catch {
      throw unauthenticated('Requests must come through the gateway');
    }
  };
  return async (assertion) => noteLogin(await verifiedActor(assertion));
}
