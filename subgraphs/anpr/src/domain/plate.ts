// Number plates: normalisation, loose validation per country, and the two ways a plate is stored —
// a keyed HMAC-SHA256 for lookups and AES-256-GCM for the police to read it back. Pure (keys passed in).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomSlice } from './random.js';

/** Loose plate shapes: 1-10 alphanumerics everywhere, a little tighter where the format is known. */
const COUNTRY_PATTERNS: Record<string, RegExp> = {
  NL: /^[A-Z0-9]{6}$/,
  BE: /^[A-Z0-9]{1,8}$/,
  DE: /^[A-Z0-9]{2,8}$/,
  FR: /^[A-Z0-9]{4,9}$/,
};
const ANY_PLATE = /^[A-Z0-9]{1,10}$/;
/**
 * ISO 3166-1 alpha-2, the officially assigned codes, plus XK (Kosovo: user-assigned, used by the EU
 * for its vehicles). One code per country: a hit needs the read's and the entry's country to be equal,
 * so "NLD" next to "NL" (or a made-up "XX") would only make plates unfindable.
 */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
    'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

/** Upper case, no spaces, dashes or dots. Does not validate. */
export function normalisePlate(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-.·]/g, '');
}

export function normaliseCountry(raw: string): string {
  const c = raw.trim().toUpperCase();
  // the UK's distinguishing sign on plates since 2021 is "UK"; its ISO code is GB: one code per country
  return c === 'UK' ? 'GB' : c;
}

/** Null when the normalised country is a plate country (see COUNTRIES), else the reason. */
export function countryProblem(country: string): string | null {
  return COUNTRIES.has(country)
    ? null
    : `country must be an ISO 3166-1 alpha-2 code (e.g. NL, BE), got ${JSON.stringify(country.slice(0, 10))}`;
}

/**
 * Null when the normalised plate and country can be stored, else the reason. The one rule for every
 * plate that comes in: ingest (both doors, domain/read.ts) and hotlist entries.
 */
export function plateProblem(plate: string, country: string): string | null {
  return countryProblem(country) ?? plateShapeProblem(plate) ?? countryPatternProblem(plate, country);
}

/** Null when a normalised plate has a plate's shape in any country (a search asks no country), else the reason. */
export function plateShapeProblem(plate: string): string | null {
  return ANY_PLATE.test(plate) ? null : 'malformed plate: 1-10 letters and digits after normalisation';
}

function countryPatternProblem(plate: string, country: string): string | null {
  const p = COUNTRY_PATTERNS[country];
  if (p && !p.test(plate)) return `malformed plate for ${country}`;
  return null;
}

export interface AnprKeys {
  hashKey: Buffer;
  encryptionKey: Buffer;
}

export function randomKeys(): AnprKeys {
  return { hashKey: randomBytes(32), encryptionKey: randomBytes(32) };
}

const fromHex = (name: string, hex: string): Buffer => {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${name} must be 32 bytes in hex (64 characters)`);
  return Buffer.from(hex, 'hex');
};

/**
 * Keys from ANPR_HASH_KEY / ANPR_ENCRYPTION_KEY (hex, 32 bytes each; both or neither). Without them:
 * a dev key file created once under `$HUB_DATA_DIR/keys/anpr-keys.json` (embedded mode; `npm start`
 * sets HUB_DATA_DIR), or, for an in-memory hub (no data dir: tests), random keys that live exactly as
 * long as its data.
 */
export function loadAnprKeys(env: NodeJS.ProcessEnv = process.env): AnprKeys {
  if (env.ANPR_HASH_KEY || env.ANPR_ENCRYPTION_KEY) {
    if (!env.ANPR_HASH_KEY || !env.ANPR_ENCRYPTION_KEY)
      throw new Error('set both ANPR_HASH_KEY and ANPR_ENCRYPTION_KEY, or neither');
    return {
      hashKey: fromHex('ANPR_HASH_KEY', env.ANPR_HASH_KEY),
      encryptionKey: fromHex('ANPR_ENCRYPTION_KEY', env.ANPR_ENCRYPTION_KEY),
    };
  }
  if (!env.HUB_DATA_DIR) return randomKeys();
  const file = join(env.HUB_DATA_DIR, 'keys', 'anpr-keys.json');
  if (existsSync(file)) {
    const k = JSON.parse(readFileSync(file, 'utf8')) as { hashKey: string; encryptionKey: string };
    return { hashKey: fromHex('hashKey', k.hashKey), encryptionKey: fromHex('encryptionKey', k.encryptionKey) };
  }
  const keys = randomKeys();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({ hashKey: keys.hashKey.toString('hex'), encryptionKey: keys.encryptionKey.toString('hex') }),
    { mode: 0o600 },
  );
  return keys;
}

const VERSION = 'v1';
const AAD = Buffer.from('anpr-plate-v1');

export class PlateCipher {
  constructor(private readonly keys: AnprKeys) {}

  /** Keyed hash of a normalised plate (hex): equal plates, equal hashes; useless without the key. */
  hash(plate: string): string {
    return createHmac('sha256', this.keys.hashKey).update(plate).digest('hex');
  }

  /** AES-256-GCM with a random 96-bit nonce: `v1.<nonce>.<tag>.<ciphertext>` (base64url). */
  encrypt(plate: string): string {
    const iv = randomSlice(12);
    const c = createCipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
    c.setAAD(AAD);
    const body = Buffer.concat([c.update(plate, 'utf8'), c.final()]);
    return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  /** Throws when the ciphertext was altered or made with another key. */
  decrypt(stored: string): string {
    const [v, iv, tag, body] = stored.split('.');
    if (v !== VERSION || !iv || !tag || body === undefined) throw new Error('not an encrypted plate');
    const d = createDecipheriv('aes-256-gcm', this.keys.encryptionKey, Buffer.from(iv, 'base64url'));
    d.setAAD(AAD);
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  }
}
