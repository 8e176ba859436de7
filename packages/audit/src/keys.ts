// The audit chain's secrets, kept outside the database (docs/OPERATIONS.md rotation). One secret, AUDIT_HMAC_KEY
// (hex, at least 32 bytes), from which two keys are derived with HKDF-SHA256:
// - the chain key: HMAC-SHA256 of every entry. Whoever holds it (the hub; the authority, to verify an
//   export offline) can check entries; whoever can only write the database cannot forge them.
// - the head signing key: an Ed25519 key that signs the head (seq, hash, time). Its public key is
//   published with the head; the authority keeps it and every head it stored, so a cut-off tail shows.
// Dev (`npm start`): a key file under $HUB_DATA_DIR/keys, made once. Tests: a random key per process.
// Production (NODE_ENV=production): AUDIT_HMAC_KEY is required (dev keys only with HUB_DEV_KEYS=1).
// Rotation: a new AUDIT_HMAC_KEY, the old one moved to AUDIT_HMAC_PREVIOUS_KEYS. Every entry records
// the id of the key that made it (key_id), so entries and heads of earlier keys still verify.
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AuditKeys {
  /** HMAC-SHA256 key of the chain (32 bytes). */
  chainKey: Buffer;
  /** Fingerprint of the chain key, stored with each entry: hex of HMAC(chainKey, 'hub:audit:key-id'), 16 chars. */
  keyId: string;
  signingKey: KeyObject;
  /** The head's Ed25519 public key, SPKI DER base64: what the authority keeps. */
  publicKey: string;
  /** Earlier keys (AUDIT_HMAC_PREVIOUS_KEYS): they no longer append or sign, but verify what they made. */
  previous: Array<{ keyId: string; chainKey: Buffer; publicKey: string }>;
}

const derive = (secret: Buffer, info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
// PKCS#8 DER prefix of an Ed25519 private key, followed by its 32-byte seed (RFC 8410)
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

export const keyIdOf = (chainKey: Buffer) =>
  createHmac('sha256', chainKey).update('hub:audit:key-id').digest('hex').slice(0, 16);

export function auditKeysFrom(secret: Buffer, previousSecrets: Buffer[] = []): AuditKeys {
  if (secret.length < 32) throw new Error('AUDIT_HMAC_KEY must be at least 32 bytes (64 hex characters)');
  const chainKey = derive(secret, 'hub:audit:chain');
  const signingKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8, derive(secret, 'hub:audit:head')]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(signingKey).export({ format: 'der', type: 'spki' }).toString('base64');
  const keyId = keyIdOf(chainKey);
  const previous = previousSecrets
    .map((p) => auditKeysFrom(p))
    .filter((k) => k.keyId !== keyId)
    .map((k) => ({ keyId: k.keyId, chainKey: k.chainKey, publicKey: k.publicKey }));
  return { chainKey, keyId, signingKey, publicKey, previous };
}

function fromHex(v: string, name = 'AUDIT_HMAC_KEY'): Buffer {
  const s = v.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(s)) throw new Error(`${name} must be hex`);
  return Buffer.from(s, 'hex');
}

let loaded: AuditKeys | undefined;
/**
 * The process's audit keys, read here only: AUDIT_HMAC_KEY (required in production), else the dev key
 * file under HUB_DATA_DIR, else random (tests); AUDIT_HMAC_PREVIOUS_KEYS (comma-separated hex) for
 * verifying what earlier keys made.
 */
export function loadAuditKeys(env: NodeJS.ProcessEnv = process.env): AuditKeys {
  if (env === process.env && loaded) return loaded;
  const previous = (env.AUDIT_HMAC_PREVIOUS_KEYS ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => fromHex(k, 'AUDIT_HMAC_PREVIOUS_KEYS'));
  let secret: Buffer;
  if (env.AUDIT_HMAC_KEY) secret = fromHex(env.AUDIT_HMAC_KEY);
  // a per-process random key in production would chain every replica with its own key: nothing verifies
  // (dev keys only when asked for, as for every other key: HUB_DEV_KEYS=1, demos and benchmarks)
  else if (env.NODE_ENV === 'production' && env.HUB_DEV_KEYS !== '1' && env.HUB_DEV_KEYS !== 'true') {
    throw new Error('AUDIT_HMAC_KEY must be set in production (docs/OPERATIONS.md)');
  } else if (env.HUB_DATA_DIR) {
    const file = join(env.HUB_DATA_DIR, 'keys', 'audit-hmac.key');
    if (existsSync(file)) secret = fromHex(readFileSync(file, 'utf8'));
    else {
      secret = randomBytes(32);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
    }
  } else secret = randomBytes(32);
  const keys = auditKeysFrom(secret, previous);
  if (env === process.env) loaded = keys;
  return keys;
}

/** The two HMAC pads of a key (RFC 2104), as append_entries takes them. */
export function hmacPads(key: Buffer): { ipad: Buffer; opad: Buffer } {
  const k = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(k);
  return { ipad: Buffer.from(k.map((b) => b ^ 0x36)), opad: Buffer.from(k.map((b) => b ^ 0x5c)) };
}

/** The signed text of a head: fixed order, one field a line. */
export const headMessage = (h: { seq: number; hash: string; time: Date | string }) =>
  `hub-audit-head-v1\n${h.seq}\n${h.hash}\n${typeof h.time === 'string' ? h.time : h.time.toISOString()}`;

/** Base64 Ed25519 signature of a text with the head key. */
export const signWith = (keys: AuditKeys, message: string) =>
  sign(null, Buffer.from(message), keys.signingKey).toString('base64');

export function signHead(keys: AuditKeys, h: { seq: number; hash: string; time: Date }): string {
  return signWith(keys, headMessage(h));
}

/** Checks a head's Ed25519 signature against a public key (SPKI DER base64). */
export function headSignatureValid(
  publicKey: string,
  h: { seq: number; hash: string; time: Date | string; signature: string },
): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(headMessage(h)), key, Buffer.from(h.signature, 'base64'));
  } catch {
    return false;
  }
}
