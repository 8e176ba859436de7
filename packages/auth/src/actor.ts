// Who is calling. Built by the gateway from a verified JWT (or "public" when there is none) and
// forwarded to subgraphs signed; never read from an unsigned header.
// `system`: a machine credential of a source system (an ANPR network, a VMS) that only delivers data
// (least privilege: it can ingest but never search, read or manage).
export const ACTOR_KINDS = ['police', 'municipality', 'company', 'authority', 'citizen', 'system', 'public'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Actor {
  kind: ActorKind;
  /** Subject id: the person or system behind the token ('anonymous' for the public). */
  sub: string;
  /** Organisation: police unit, company id (KvK), municipality department. */
  org?: string;
  /** Municipality code (CBS GMxxxx, or Belgian NIS code) the actor belongs to. */
  municipality?: string;
  /** When the caller's token expires (epoch ms), at the gateway: a subscription ends then. Never forwarded. */
  expiresAt?: number;
  /**
   * The session: a hash of the caller's token, set by the gateway's verifier and forwarded (`sid`).
   * Its first use anywhere in the hub is logged as a log-in (003 §5.2.3; @hub/audit recordLogin).
   */
  session?: string;
}

export const PUBLIC_ACTOR: Actor = Object.freeze({ kind: 'public', sub: 'anonymous' }) as Actor;

export function isActorKind(v: unknown): v is ActorKind {
  return typeof v === 'string' && (ACTOR_KINDS as readonly string[]).includes(v);
}

/**
 * Identifiers in claims (`sub`, `org`): 1–255 printable ASCII characters, no spaces — OpenID Connect
 * Core 1.0 §2 bounds `sub` to 255 ASCII characters; `org` is an identifier of the same kind (KvK
 * number, unit code), never a display name. No control, zero-width or non-ASCII character can reach a
 * log, an audit entry or an index through a token.
 */
const IDENTIFIER = /^[\x21-\x7E]{1,255}$/;
/** A CBS municipality code (GM + 4 digits) or a Belgian NIS code (5 digits), as the register keys them. */
export const MUNICIPALITY_CODE = /^(GM\d{4}|\d{5})$/;

/** An optional claim: absent (undefined or empty) stays absent; present it must match, or the token is refused. */
function claim(claims: Record<string, unknown>, name: string, shape: RegExp): string | undefined {
  const v = claims[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || !shape.test(v)) throw new Error(`token claim ${name} is malformed`);
  return v;
}

/**
 * JWT claims ↔ Actor. Municipality actors must carry a municipality, companies an org. Used for callers'
 * tokens at the gateway and for the gateway's assertions in every subgraph: a claim out of shape is
 * refused (UNAUTHENTICATED) at both, before anything is read or written.
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const kind = claims.kind;
  if (!isActorKind(kind) || kind === 'public') throw new Error('token has no valid actor kind');
  const sub = claim(claims, 'sub', IDENTIFIER);
  if (!sub) throw new Error('token has no subject');
  const org = claim(claims, 'org', IDENTIFIER);
  const municipality = claim(claims, 'municipality', MUNICIPALITY_CODE);
  if (kind === 'municipality' && !municipality) throw new Error('municipality token without municipality');
  if (kind === 'company' && !org) throw new Error('company token without org');
  if (kind === 'system' && (!org || !municipality))
    throw new Error('system token without org (the operator) or municipality (where its cameras are)');
  const session = typeof claims.sid === 'string' && claims.sid ? claims.sid : undefined;
  return {
    kind,
    sub,
    ...(org ? { org } : {}),
    ...(municipality ? { municipality } : {}),
    ...(session ? { session } : {}),
  };
}

export function claimsFromActor(actor: Actor): Record<string, string> {
  const c: Record<string, string> = { kind: actor.kind, sub: actor.sub };
  if (actor.org) c.org = actor.org;
  if (actor.municipality) c.municipality = actor.municipality;
  if (actor.session) c.sid = actor.session;
  return c;
}

/** How a refusal is told: the public is asked to log in, a logged-in actor is forbidden. */
export function refusal(
  actor: Actor,
  what: string,
): { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string; status: 401 | 403 } {
  return actor.kind === 'public'
    ? { code: 'UNAUTHENTICATED', message: `Log in to ${what}`, status: 401 }
    : { code: 'FORBIDDEN', message: `Not allowed to ${what}`, status: 403 };
}

/** The codes our services give on purpose, with a message meant for the caller; anything else is masked. */
// RATE_LIMITED: a per-actor quota is used up (subgraph-kit quota.ts); `extensions.retryAfter` says when to retry.
// COST_LIMIT_EXCEEDED: one operation asks for more than its actor kind's budget (gateway plugins/cost-limit.ts).
export const CALLER_ERROR_CODES = [
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'COST_LIMIT_EXCEEDED',
] as const;

/** The most errors one answer carries (graphql-js stops coercing variables at 50; a list of 10,001 bad items gave 70,007). */
export const MAX_ERRORS = 50;
/** The longest error message a caller is sent (a 100 KB argument came back whole inside graphql-js's messages). */
export const MAX_ERROR_MESSAGE = 1000;
// a quoted value past 80 characters keeps its first 60 (code points, so no surrogate pair is split)
const LONG_QUOTED = /"((?:[^"\\]|\\.){60})(?:[^"\\]|\\.){20,}"/gu;

/** An error message as a caller gets it: long quoted values shortened, at most MAX_ERROR_MESSAGE characters. */
export function boundedMessage(message: string): string {
  if (message.length <= 200) return message;
  const m = message.replace(LONG_QUOTED, '"$1…"');
  if (m.length <= MAX_ERROR_MESSAGE) return m;
  return `${Array.from(m.slice(0, MAX_ERROR_MESSAGE)).slice(0, -2).join('')}…`;
}

/** The body of a non-GraphQL HTTP error (streaming endpoints): shaped like a GraphQL error, same codes. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}
