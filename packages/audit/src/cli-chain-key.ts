// Prints what the authority needs to verify exports offline (bin/verify-export.mjs): the chain key
// (hex; hand it over out of band, it lets the holder check entries, not sign heads), its id and the
// head's public key. Reads AUDIT_HMAC_KEY, else the dev key file under HUB_DATA_DIR (default .data).
import { resolve } from 'node:path';
import { loadAuditKeys } from './keys.js';

const env = { ...process.env, HUB_DATA_DIR: process.env.HUB_DATA_DIR ?? resolve('.data') };
const keys = loadAuditKeys(env);
console.log(
  JSON.stringify({ keyId: keys.keyId, chainKey: keys.chainKey.toString('hex'), publicKey: keys.publicKey }, null, 2),
);
