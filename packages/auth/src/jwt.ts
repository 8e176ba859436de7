// Token handling: callers' JWTs with jose (verified at the gateway), and the gateway's own signed actor
// assertion (HS256 with node:crypto, verified by every subgraph, which trusts nothing else).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
  type CryptoKey,
} from 'jose';
import { actorFromClaims, claimsFromActor, type Actor } from './actor.js';

/** Only asymmetric algorithms for callers: a symmetric key could be confused with a public key (HS/RS confusion). */
export const CALLER_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'] as const;
const DEV_ALG = 'ES256';
export const DEV_ISSUER = 'https://camhub.local/dev-issuer';
export const DEFAULT_AUDIENCE = 'camhub';

/** Seconds a caller's clock may be off: a token is accepted until exp + this (requests and subscriptions alike). */
export const CLOCK_TOLERANCE_S = 30;

export interface CallerVerifierConfig {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Production: the identity provider's JWKS. */
  jwksUrl?: string;
  /** Embedded/dev: a local public JWK set. */
  jwks?: { keys: JWK[] };
}

export type VerifyCaller = (token: string) => Promise<Actor>;

export function createCallerVerifier(cfg: CallerVerifierConfig): VerifyCaller {
  const algorithms = cfg.algorithms.filter((a) => (CALLER_ALGORITHMS as readonly string[]).includes(a));
  if (algorithms.length === 0) throw new Error('no allowed JWT algorithm configured');
  let keys: JWTVerifyGetKey;
  if (cfg.jwksUrl) keys = createRemoteJWKSet(new URL(cfg.jwksUrl));
  else if (cfg.jwks) keys = createLocalJWKSet(cfg.jwks);
  else throw new Error('JWT verification needs JWKS_URL or a local key');
  // A token verified once is remembered until it expires (bounded): clients send the same token
  // on every request, and a signature check costs more than the rest of the gateway's auth work.
  const verified = new Map<string, { actor: Actor; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && hit.until > Date.now()) return hit.actor;
    const { payload } = await jwtVerify(token, keys, {
      issuer: cfg.issuer,
      audience: cfg.audience,
      algorithms,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    // the session is this token: its first use is a log-in (an IdP's own sid claim is not trusted for that)
    const session = createHash('sha256').update(token).digest('hex').slice(0, 32);
    const actor = { ...actorFromClaims(payload as Record<string, unknown>), expiresAt: payload.exp! * 1000, session };
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { actor, until: Math.min(payload.exp! * 1000, Date.now() + 5 * 60_000) });
    return actor;
  };
}

export interface DevKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

/** A local ES256 key pair, created once under `dir` (embedded mode) or kept in memory when dir is unset. */
export async function loadOrCreateDevKeys(dir?: string): Promise<DevKeys> {
  const file = dir ? join(dir, 'dev-signing-key.json') : undefined;
  if (file && existsSync(file)) {
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: (await importJWK(privateJwk, DEV_ALG)) as CryptoKey, publicJwk, kid: publicJwk.kid! };
  }
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEV_ALG, use: 'sig' };
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: DEV_ALG };
    writeFileSync(file, JSON.stringify({ privateJwk, publicJwk }), { mode: 0o600 });
  }
  return { privateKey, publicJwk, kid };
}

export async function signDevToken(
  keys: DevKeys,
  actor: Actor,
  opts: { issuer?: string; audience?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const { sub, ...claims } = claimsFromActor(actor);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEV_ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(sub!)
    .setIssuer(opts.issuer ?? DEV_ISSUER)
    .setAudience(opts.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '12h')
    .sign(keys.privateKey);
}

// ---- gateway → subgraph actor assertion -------------------------------------------------------

/** Header (HTTP) and connection parameter (graphql-ws) carrying the gateway's assertion. */
export const ACTOR_HEADER = 'x-hub-actor';
const ASSERTION_ISSUER = 'camhub-gateway';
const ASSERTION_AUDIENCE = 'camhub-subgraphs';
const ASSERTION_ALG = 'HS256';
/** Short-lived: an assertion copied off the internal network is useless a minute later. */
const ASSERTION_TTL_SECONDS = 60;

export function internalSecretKey(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('HUB_INTERNAL_SECRET must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/** The shared secret: HUB_INTERNAL_SECRET, else created once under `dir` (embedded), else random (tests). */
export function loadOrCreateInternalSecret(dir?: string, env = process.env): string {
  if (env.HUB_INTERNAL_SECRET) return env.HUB_INTERNAL_SECRET;
  const file = dir ? join(dir, 'internal-secret') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}

/**
 * A client request's id (`rid` in an assertion): random per request at the gateway. Subgraph calls of
 * different client requests then differ (the gateway merges only identical in-flight calls, so one
 * actor's identical concurrent reads each reach the subgraph and its audit log), and a subgraph counts
 * one client request's audited reads together (@hub/audit MAX_ENTRIES_PER_REQUEST).
 */
export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

// The assertion is a compact JWS (RFC 7515) with HS256, signed and verified here with node:crypto's HMAC
// rather than jose: jose 6 goes through WebCrypto, whose promise jobs cost ~340 µs of CPU a sign + verify
// against ~20 µs, and every client request signs one and every subgraph call verifies one (7–16% of a
// process's CPU in the P1 profile, BENCHMARKS.md). Callers' tokens (asymmetric, JWKS) stay with jose.
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const ASSERTION_HEADER = b64url({ alg: ASSERTION_ALG, typ: 'JWT' });
const hmac = (key: Uint8Array, input: string) => createHmac('sha256', key).update(input).digest();
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, unpadded base64url
const bad = (why: string) => new Error(`invalid assertion: ${why}`);

export async function signActorAssertion(key: Uint8Array, actor: Actor, requestId?: string): Promise<string> {
  const { sub, ...claims } = claimsFromActor(actor);
  if (requestId !== undefined) {
    if (!REQUEST_ID.test(requestId)) throw new Error('a request id is 8-64 characters of [A-Za-z0-9_-]');
    claims.rid = requestId;
  }
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    ...claims,
    sub,
    iss: ASSERTION_ISSUER,
    aud: ASSERTION_AUDIENCE,
    iat,
    exp: iat + ASSERTION_TTL_SECONDS,
  };
  const input = `${ASSERTION_HEADER}.${b64url(payload)}`;
  return `${input}.${hmac(key, input).toString('base64url')}`;
}

function decodeJson(part: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw bad('not JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad('not a JSON object');
  return v as Record<string, unknown>;
}

/** Verifies the gateway's assertion; throws on anything unsigned, forged, expired or mis-addressed. */
export async function verifyActorAssertion(
  key: Uint8Array,
  token: string,
): Promise<{ actor: Actor; expiresAt: Date; requestId?: string }> {
  const parts = token.split('.');
  if (parts.length !== 3 || !SIGNATURE.test(parts[2]!)) throw bad('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  // the signature first: nothing of an unsigned token is read
  if (!timingSafeEqual(hmac(key, `${h}.${p}`), Buffer.from(s, 'base64url'))) throw bad('signature');
  const header = decodeJson(h);
  if (header.alg !== ASSERTION_ALG || 'crit' in header || 'b64' in header) throw bad('header');
  const payload = decodeJson(p);
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat, sub, aud, iss, rid } = payload;
  if (iss !== ASSERTION_ISSUER) throw bad('issuer');
  if (!(aud === ASSERTION_AUDIENCE || (Array.isArray(aud) && aud.includes(ASSERTION_AUDIENCE)))) throw bad('audience');
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now) throw bad('expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) throw bad('not yet valid');
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw bad('iat');
  if (typeof sub !== 'string' || payload.kind === undefined) throw bad('sub and kind are required');
  if (rid !== undefined && (typeof rid !== 'string' || !REQUEST_ID.test(rid))) throw new Error('malformed request id');
  const expiresAt = new Date(exp * 1000);
  const requestId = rid === undefined ? {} : { requestId: rid };
  if (payload.kind === 'public') return { actor: { kind: 'public', sub: 'anonymous' }, expiresAt, ...requestId };
  return { actor: actorFromClaims(payload), expiresAt, ...requestId };
}
