#!/usr/bin/env node
// Offline check of a signed audit export (hub-audit-export-v1), for the supervising authority:
// plain Node.js (>= 18) and node:crypto only, so it can be read in full and run anywhere.
//
//   node verify-export.mjs export.ndjson --public-key <base64 SPKI> [--chain-key <hex>] [--head <seq>:<hash>]
//
// --public-key  the hub's head key as the authority stored it (auditHead.publicKey); without it the
//               key inside the export is used and the result says so (a forger would put in their own).
// --chain-key   the chain's HMAC key (hex; given to the authority by the operator, `npm run audit:chain-key`):
//               every entry's hash is recomputed. Without it only the links and signatures are checked.
//               Repeat it after a key rotation: each entry is checked with the key its keyId names.
// --head        a head the authority kept earlier: the export must contain that entry with that hash
//               (or end before it, which is reported as not covered).
// Exit code 0 when everything checked holds, 1 otherwise; one line per finding on stdout.
import { createHash, createHmac, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const opts = (name) => args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]] : []));
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!file) {
  console.log(
    'usage: verify-export.mjs <export.ndjson> --public-key <base64> [--chain-key <hex>]... [--head <seq>:<hash>]',
  );
  process.exit(2);
}

const problems = [];
const notes = [];
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');
if (lines.at(-1) === '') lines.pop();
const parsed = lines.map((l, i) => {
  try {
    return JSON.parse(l);
  } catch {
    problems.push(`line ${i + 1} is not JSON`);
    return {};
  }
});
const header = parsed[0] ?? {};
const sigLine = parsed.at(-1) ?? {};
const headLine = parsed.at(-2) ?? {};
const entries = parsed.slice(1, -2);
if (header.type !== 'header' || header.format !== 'hub-audit-export-v1')
  problems.push('line 1 is not a hub-audit-export-v1 header');
if (headLine.type !== 'head') problems.push('the second-to-last line is not the head');
if (sigLine.type !== 'signature') problems.push('the last line is not the signature');

const publicKeyB64 = opt('--public-key') ?? header.publicKey;
if (!opt('--public-key'))
  notes.push('no --public-key: checked against the key inside the export (anyone could have made it)');
let publicKey;
try {
  publicKey = createPublicKey({ key: Buffer.from(publicKeyB64 ?? '', 'base64'), format: 'der', type: 'spki' });
} catch {
  problems.push('the public key is not an SPKI key');
}
const signed = (message, signature) =>
  publicKey !== undefined && verify(null, Buffer.from(message), publicKey, Buffer.from(signature ?? '', 'base64'));

// 1. the file: every line before the signature line, as written, signed
const body = lines.slice(0, -1).join('\n') + '\n';
const digest = createHash('sha256').update(body, 'utf8').digest('hex');
if (sigLine.sha256 !== digest)
  problems.push('the signature line does not cover this file (sha256 differs): lines were changed, added or removed');
if (!signed(`hub-audit-export-v1\n${digest}`, sigLine.signature))
  problems.push('the export signature is not valid for this public key');

// 2. the chain: contiguous seqs, each prevHash the previous hash, each hash recomputed with the key
// each key by its id, as the hub computes it (keys.ts keyIdOf)
const chainKeys = new Map(
  opts('--chain-key').map((hex) => {
    const key = Buffer.from(hex, 'hex');
    return [createHmac('sha256', key).update('hub:audit:key-id').digest('hex').slice(0, 16), key];
  }),
);
const chainKey = chainKeys.size > 0;
if (!chainKey) notes.push('no --chain-key: entry hashes not recomputed (links and signatures only)');
let prev = { seq: header.fromSeq - 1, hash: header.prevHash };
for (const e of entries) {
  if (e.type !== 'entry') {
    problems.push(`an unexpected line of type ${e.type}`);
    continue;
  }
  if (e.seq !== prev.seq + 1)
    problems.push(
      `entry ${e.seq} follows ${prev.seq}: entries ${prev.seq + 1}..${e.seq - 1} are missing or out of order`,
    );
  if (e.prevHash !== prev.hash) problems.push(`entry ${e.seq} does not chain to the entry before it`);
  if (chainKey) {
    const canonical = JSON.stringify([
      e.seq,
      e.at,
      e.actorKind,
      e.actorSub,
      e.actorOrg,
      e.action,
      e.subjectType,
      e.subjectIds,
      e.purpose,
      e.prevHash,
    ]);
    const key = e.keyId === null ? null : chainKeys.get(e.keyId);
    if (key === undefined)
      problems.push(`entry ${e.seq} was made with key ${e.keyId}: give its --chain-key to check it`);
    else {
      const mac = key === null ? createHash('sha256') : createHmac('sha256', key);
      if (mac.update(canonical, 'utf8').digest('hex') !== e.hash)
        problems.push(`entry ${e.seq} does not match its hash (altered, or made with another key)`);
    }
  }
  prev = { seq: e.seq, hash: e.hash };
}
if (entries.length && header.toSeq !== prev.seq)
  problems.push(`the header says the export ends at ${header.toSeq}, it ends at ${prev.seq}`);

// 3. the head: signed, and it is the last exported entry
const headMessage = `hub-audit-head-v1\n${headLine.seq}\n${headLine.hash}\n${headLine.time}`;
if (!signed(headMessage, headLine.signature)) problems.push('the head signature is not valid for this public key');
if (headLine.seq !== prev.seq || headLine.hash !== prev.hash)
  problems.push(`the head (${headLine.seq}) is not the last exported entry (${prev.seq})`);

// 4. a head the authority kept earlier
if (opt('--head')) {
  const [seq, hash] = opt('--head').split(':');
  const at = entries.find((e) => e.seq === Number(seq));
  if (at && at.hash !== hash) problems.push(`entry ${seq} differs from the head you kept`);
  else if (!at) notes.push(`your kept head ${seq} is outside this export (${header.fromSeq}..${header.toSeq})`);
}

for (const n of notes) console.log(`note: ${n}`);
for (const p of problems) console.log(`FAIL: ${p}`);
console.log(
  problems.length === 0
    ? `OK: ${entries.length} entries ${header.fromSeq}..${header.toSeq} (${header.from} – ${header.to}), chain and signatures intact`
    : `NOT OK: ${problems.length} problem(s)`,
);
process.exit(problems.length === 0 ? 0 : 1);
