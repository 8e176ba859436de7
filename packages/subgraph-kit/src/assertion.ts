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

/** A caller as its verified assertion names it: the actor, the client request's id (if any), valid until (epoch ms). */
export interface GatewayCaller {
  actor: Actor;
  requestId?: string;
  until: number;
}

/** The verified caller of an assertion; UNAUTHENTICATED for a missing, forged or expired one. */
export function gatewayActors(opts: GatewayAssertionOptions): (assertion: unknown) => Promise<GatewayCaller> {
  // A verified assertion is remembered until it expires: the gateway reuses one per request for a while.
  const verified = new Map<string, GatewayCaller>();
  // A session's (caller token's) first use in this process is recorded as a log-in; the audit log's
  // sessions table makes it once hub-wide (@hub/audit recordLogin).
  const seenSessions = new Set<string>();
  const noteLogin = async (caller: GatewayCaller): Promise<GatewayCaller> => {
    const { actor } = caller;
    if (!actor.session || seenSessions.has(actor.session)) return caller;
    await auditLogOf(opts.database).recordLogin(actor, opts.clock.now());
    if (seenSessions.size >= 100_000) seenSessions.clear();
    seenSessions.add(actor.session);
    return caller;
  };
  const verifiedCaller = async (assertion: unknown): Promise<GatewayCaller> => {
    if (typeof assertion !== 'string' || !assertion) throw unauthenticated('Requests must come through the gateway');
    const hit = verified.get(assertion);
    if (hit && hit.until > Date.now()) return hit;
    try {
      const { actor, expiresAt, requestId } = await verifyActorAssertion(opts.internalKey, assertion);
      if (verified.size > 10_000) verified.clear();
      const caller = { actor, requestId, until: expiresAt.getTime() };
      verified.set(assertion, caller);
      return caller;
    } catch {
      throw unauthenticated('Requests must come through the gateway');
    }
  };
  return async (assertion) => noteLogin(await verifiedCaller(assertion));
}

/**
 * One key object per client request (the gateway's signed request id) while its assertion lives:
 * subgraph-kit's HubContext.auditRequest, so one request's audited reads merge and count together
 * (@hub/audit AuditInput.request; issue 14 §4). Without an id, a fresh object (this call alone).
 */
export function auditRequestKeys(): (caller: Pick<GatewayCaller, 'requestId' | 'until'>) => object {
  const keys = new Map<string, { key: object; until: number }>();
  return ({ requestId, until }) => {
    if (!requestId) return {};
    const hit = keys.get(requestId);
    if (hit) return hit.key;
    if (keys.size >= 10_000) {
      const now = Date.now();
      for (const [id, k] of keys) if (k.until <= now) keys.delete(id);
      if (keys.size >= 10_000) keys.clear();
    }
    const key = {};
    keys.set(requestId, { key, until });
    return key;
  };
}
