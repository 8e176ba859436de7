// The hub's audit log (operators' actions, log-ins, every access to footage or plates with its
// purpose): append-only and hash-chained, shared by all subgraphs. append() writes inside the
// caller's transaction, so an entry exists exactly when the audited action committed.
import { auditAppendDuration } from '@hub/observability';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, arrayContains, asc, count, desc, eq, gt, gte, is, lt, lte, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from '@hub/auth';
import { ROLE_NAME, UNSTORABLE_TEXT, type Database, type Queryable } from '@hub/db';
import { entries, sessions } from './db/schema.js';
import { AuditTextError, logTextProblem } from './text.js';
import { hmacPads, loadAuditKeys, signHead, signWith, headSignatureValid, type AuditKeys } from './keys.js';

export * from './keys.js';

const MIGRATIONS = fileURLToPath(new URL('./db/migrations', import.meta.url));
const ROLES_SQL = fileURLToPath(new URL('./db/roles.sql', import.meta.url));

/** prevHash of seq 1. */
export const GENESIS_HASH = '0'.repeat(64);
/** Largest page list() serves. */
export const MAX_PAGE = 1000;
// First 8 bytes of sha256('hub:audit:entries'): outside the int32 keys other locks use (db's migrate).
const LOCK_KEY = '-2106522205641393080';
// Rows per INSERT: well under PostgreSQL's 65535 bind parameters at 10 columns a row.
const INSERT_CHUNK = 1000;
/** Entries one export may hold (a longer period: several exports, each chained to the one before). */
export const MAX_EXPORT = 100_000;

const logs = new WeakMap<Database, AuditLog>();
/** The one AuditLog of a database in this process (shared by every subgraph: one group commit, one verification). */
export function auditLogOf(database: Database): AuditLog {
  let a = logs.get(database);
  if (!a) logs.set(database, (a = new AuditLog(database)));
  return a;
}
// How far verify() looks for a renumbered row's original seq (only once, on the first bad row).
const RENUMBER_WINDOW = 10_000;

export interface AuditInput {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectIds: string[];
  purpose?: string | null;
  at: Date;
  /**
   * The request this read belongs to (any object that lives as long as it, e.g. the GraphQL context);
   * not stored. Appended without a transaction, the reads of one request that wait together are
   * merged into one entry per (actor, action, subject type, purpose) listing every id, and one
   * request appends at most MAX_ENTRIES_PER_REQUEST entries.
   */
  request?: object;
}

/** The action of a log-in entry (recordLogin). */
export const LOGIN_ACTION = 'auth.login';

/**
 * The longest period one loginSummary covers: the periodic check of log-ins (003 §5.2.3) looks at a
 * period at a time; a year bounds what one call aggregates.
 */
export const MAX_LOGIN_PERIOD_DAYS = 366;

/** Why a log-in period is refused, or null: `to` after `from`, at most MAX_LOGIN_PERIOD_DAYS apart. */
export function loginPeriodProblem(from: Date, to: Date): string | null {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return 'from and to must be valid times';
  if (to.getTime() <= from.getTime()) return 'to must be after from';
  if (to.getTime() - from.getTime() > MAX_LOGIN_PERIOD_DAYS * 86_400_000)
    return `the period may be at most ${MAX_LOGIN_PERIOD_DAYS} days`;
  return null;
}

/** One actor's log-ins in a period (loginSummary). */
export interface LoginSummaryRow {
  actorKind: string;
  actorSub: string;
  /** The organisations it logged in under (usually one). */
  orgs: string[];
  firstAt: Date;
  lastAt: Date;
  logins: number;
}

/** Entries one request may append through the group commit; beyond it its reads are refused. */
export const MAX_ENTRIES_PER_REQUEST = 100;

/** A read refused because its request already appended MAX_ENTRIES_PER_REQUEST entries (a caller error). */
export class AuditLimitError extends Error {
  // graphql-js carries an original error's extensions: the subgraph answers BAD_USER_INPUT
  readonly extensions = { code: 'BAD_USER_INPUT', http: { status: 400 } };
  constructor() {
    super(`one request may write at most ${MAX_ENTRIES_PER_REQUEST} audit entries: ask for fewer audited rows at once`);
    this.name = 'AuditLimitError';
  }
}

export interface AuditEntry {
  seq: number;
  at: Date;
  actorKind: string;
  actorSub: string;
  actorOrg: string | null;
  action: string;
  subjectType: string;
  subjectIds: string[];
  purpose: string | null;
  prevHash: string;
  hash: string;
  /** Fingerprint of the key that made `hash`; null: an unkeyed entry from before the chain was keyed. */
  keyId: string | null;
}

/** The newest entry, signed (Ed25519) by the hub: what the authority stores to detect a cut-off tail later. */
export interface AuditHead {
  seq: number;
  hash: string;
  /** When the head was signed. */
  time: Date;
  keyId: string;
  /** Base64 Ed25519 signature of keys.ts headMessage(seq, hash, time). */
  signature: string;
  /** The signing key (SPKI DER, base64). */
  publicKey: string;
}

/** A point up to which the chain was found intact. */
export interface Checkpoint {
  seq: number;
  hash: string;
}

export interface VerifyOptions {
  /** Entries per batch; each batch is one short statement, and the event loop runs between batches. */
  batchSize?: number;
  /** A head the authority kept: the chain must still reach it with the same hash (else TRUNCATED/ALTERED). */
  againstHead?: { seq: number; hash: string; time: Date | string; signature: string };
  /** Start after this verified point instead of at the genesis (its entry must still hash the same). */
  from?: Checkpoint | null;
  /** Called after every batch. */
  onProgress?: (p: { checked: number; through: number }) => void;
}

/** Equality filters; `from` inclusive, `to` exclusive; subjectId matches any element of subjectIds. */
export interface AuditFilter {
  actorKind?: string;
  actorSub?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

export interface ChainReport {
  ok: boolean;
  /** Entries found intact: all of them when ok, else those before firstBadSeq. */
  checked: number;
  firstBadSeq: number | null;
  problem: 'ALTERED' | 'MISSING' | 'INSERTED' | 'TRUNCATED' | 'BAD_HEAD' | null;
  detail: string | null;
  /** The first seq this run looked at (1, or after a checkpoint). */
  fromSeq?: number;
  /** The last entry found intact: a checkpoint for the next incremental run. */
  verifiedThrough?: Checkpoint | null;
}

/**
 * The chained hash of an entry: HMAC-SHA256 with the chain key (keys.ts), or plain sha256 without
 * one (entries from before the chain was keyed), hex, of the JSON array
 * [seq, at ISO string, actorKind, actorSub, actorOrg, action, subjectType, subjectIds, purpose, prevHash].
 */
export function entryHash(e: Omit<AuditEntry, 'hash' | 'keyId'>, chainKey?: Buffer | null): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at.toISOString(),
    e.actorKind,
    e.actorSub,
    e.actorOrg,
    e.action,
    e.subjectType,
    e.subjectIds,
    e.purpose,
    e.prevHash,
  ]);
  return (chainKey ? createHmac('sha256', chainKey) : createHash('sha256')).update(canonical, 'utf8').digest('hex');
}

// `at` as epoch milliseconds: exact and the same on both drivers, whatever the session's TimeZone.
const selection = {
  seq: entries.seq,
  atMs: sql<number>`(extract(epoch from ${entries.at}) * 1000)::float8`.mapWith(Number),
  actorKind: entries.actorKind,
  actorSub: entries.actorSub,
  actorOrg: entries.actorOrg,
  action: entries.action,
  subjectType: entries.subjectType,
  subjectIds: entries.subjectIds,
  purpose: entries.purpose,
  prevHash: entries.prevHash,
  hash: entries.hash,
  keyId: entries.keyId,
};
type Row = Omit<AuditEntry, 'at'> & { atMs: number };

type RawRow = {
  seq: string;
  at_ms: number | string;
  actor_kind: string;
  actor_sub: string;
  actor_org: string | null;
  action: string;
  subject_type: string;
  subject_ids: string[];
  purpose: string | null;
  prev_hash: string;
  hash: string;
  key_id: string | null;
};
function fromRaw(r: RawRow): AuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(Number(r.at_ms)),
    actorKind: r.actor_kind,
    actorSub: r.actor_sub,
    actorOrg: r.actor_org,
    action: r.action,
    subjectType: r.subject_type,
    subjectIds: r.subject_ids,
    purpose: r.purpose,
    prevHash: r.prev_hash,
    hash: r.hash,
    keyId: r.key_id,
  };
}

function toEntry({ atMs, ...rest }: Row): AuditEntry {
  return { ...rest, at: new Date(atMs) };
}

type Fields = ReturnType<typeof fieldsOf>;
type Waiting = {
  fields: Fields[];
  request?: object;
  resolve: (e: AuditEntry[]) => void;
  reject: (err: unknown) => void;
};

export class AuditLog {
  private loadedKeys: AuditKeys | undefined;
  private padsOf: { ipad: Buffer; opad: Buffer } | undefined;
  private chainKeys: Map<string, Buffer> | undefined;
  constructor(
    private readonly database: Database,
    keys?: AuditKeys,
  ) {
    this.loadedKeys = keys;
  }

  /** The keys (keys.ts), loaded at first use: migrating the schema needs none. */
  get keys(): AuditKeys {
    return (this.loadedKeys ??= loadAuditKeys());
  }
  private get pads() {
    return (this.padsOf ??= hmacPads(this.keys.chainKey));
  }
  /** The chain key of a key id: the current key or an earlier one (rotation). */
  private chainKeyOf(keyId: string): Buffer | undefined {
    this.chainKeys ??= new Map([
      [this.keys.keyId, this.keys.chainKey],
      ...this.keys.previous.map((p) => [p.keyId, p.chainKey] as const),
    ]);
    return this.chainKeys.get(keyId);
  }

  // Group commit for audited reads: the chain lock is held until commit, so appends committed one by
  // one are serialised at the disk's flush rate (measured: ~100 audited reads/s at 20 connections).
  // Entries that arrive while an append is in flight wait and go together in the next one: one
  // statement, one commit. Every caller still gets its entries back only once they are durable.
  private waiting: Waiting[] = [];
  private appending = false;

  /** Create schema `audit` (table and append-only trigger); idempotent. */
  async migrate(): Promise<void> {
    await this.database.migrate({ migrationsFolder: MIGRATIONS, schema: 'audit' });
  }

  /**
   * The services' database role's rights on the log (db/roles.sql): read it, append only through
   * audit.append_entries; no INSERT, UPDATE, DELETE or TRUNCATE, and not the owner, so it cannot
   * disable the append-only trigger either (README.md, Database role). Run by the owner after migrating.
   */
  async grantServiceRole(role: string): Promise<void> {
    if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${JSON.stringify(role)}`);
    const script = readFileSync(ROLES_SQL, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('--'))
      .map((l) => l.replaceAll(':"app"', role));
    await this.database.db.transaction(async (tx) => {
      for (const stmt of script) await tx.execute(sql.raw(stmt));
    });
  }

  /**
   * Whether the connected role could alter the log itself: it owns `audit.entries` (or is a member
   * of the role that does) or is a superuser. The services should not (roles.sql): a
   * production subgraph that does warns at boot (@hub/stack serve.ts). False before the log exists.
   */
  async connectedAsOwner(): Promise<boolean> {
    const [row] = await this.database.query<{ can: boolean }>(
      sql`select (pg_has_role(current_user, c.relowner, 'MEMBER') or r.rolsuper) as can
            from pg_class c, pg_roles r
           where c.oid = to_regclass('audit.entries') and r.rolname = current_user`,
    );
    return row?.can === true;
  }

  /** Append one entry inside the caller's transaction (see appendMany). */
  async append(tx: Queryable, input: AuditInput): Promise<AuditEntry> {
    const [entry] = await this.appendMany(tx, [input]);
    return entry!;
  }

  /**
   * Append entries, in order, inside the caller's transaction. The advisory lock taken here is held
   * until that transaction ends and serialises every appender: append last, just before commit.
   * Given the database itself, the append commits on its own at once (use it for audited reads).
   */
  async appendMany(tx: Queryable, inputs: AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const fields = inputs.map(fieldsOf); // bad input fails this caller alone, before it joins a group
    const timer = auditAppendDuration.startTimer(); // hub_audit_append_duration_seconds: waiting for the chain included
    if (is(tx, PgTransaction)) return this.appendNow(tx, fields).finally(timer);
    // Given the database (no transaction): appended with whatever else is waiting (group commit).
    return new Promise<AuditEntry[]>((resolve, reject) => {
      this.waiting.push({ fields, request: inputs[0]!.request, resolve, reject });
      if (!this.appending) void this.appendWaiting();
    }).finally(timer);
  }

  private async appendWaiting(): Promise<void> {
    this.appending = true;
    try {
      while (this.waiting.length) {
        const { rows, slots } = this.merge(this.waiting.splice(0, this.waiting.length));
        const group = [...slots.keys()];
        if (group.length === 0) continue;
        try {
          const stored = await this.appendCommitted(rows);
          this.counters.groupCommits++;
          this.counters.groupedCallers += group.length;
          this.counters.groupedEntries += rows.length;
          for (const [w, at] of slots) w.resolve(at.map((i) => stored[i]!));
        } catch (err) {
          if (group.length === 1) group[0]!.reject(err);
          // one caller's entry the database refused must not fail the others: each on its own
          else for (const w of group) await this.appendCommitted(w.fields).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.appending = false;
    }
  }

  private readonly counters = { groupCommits: 0, groupedCallers: 0, groupedEntries: 0, refusedOverLimit: 0 };
  /**
   * Group-commit figures of this process since it started: commits, the audited reads they carried
   * and the entries they wrote (merged per request), reads refused over MAX_ENTRIES_PER_REQUEST.
   */
  stats(): Readonly<typeof this.counters> {
    return { ...this.counters };
  }

  // entries appended per request so far (merged entries count once)
  private readonly perRequest = new WeakMap<object, number>();

  /**
   * The entries to write for a group of waiting callers: reads of one request with the same actor,
   * action, subject type and purpose become one entry listing all their ids; a caller whose request
   * would pass MAX_ENTRIES_PER_REQUEST is refused (AuditLimitError) and writes nothing.
   * `slots`: for each caller kept, the index in `rows` of the entry of each of its inputs.
   */
  private merge(group: Waiting[]): { rows: Fields[]; slots: Map<Waiting, number[]> } {
    const rows: Fields[] = [];
    const slots = new Map<Waiting, number[]>();
    const open = new Map<object, Map<string, { i: number; ids: Set<string> }>>();
    for (const w of group) {
      if (!w.request) {
        slots.set(
          w,
          w.fields.map((f) => rows.push(f) - 1),
        );
        continue;
      }
      const byKey = open.get(w.request) ?? new Map<string, { i: number; ids: Set<string> }>();
      open.set(w.request, byKey);
      const keys = w.fields.map((f) =>
        JSON.stringify([f.actorKind, f.actorSub, f.actorOrg, f.action, f.subjectType, f.purpose]),
      );
      const fresh = new Set(keys.filter((k) => !byKey.has(k))).size;
      const used = this.perRequest.get(w.request) ?? 0;
      if (used + fresh > MAX_ENTRIES_PER_REQUEST) {
        this.counters.refusedOverLimit++;
        w.reject(new AuditLimitError());
        continue;
      }
      this.perRequest.set(w.request, used + fresh);
      slots.set(
        w,
        w.fields.map((f, n) => {
          let row = byKey.get(keys[n]!);
          if (!row) {
            row = { i: rows.push({ ...f, subjectIds: [] }) - 1, ids: new Set() };
            byKey.set(keys[n]!, row);
          }
          for (const id of f.subjectIds) {
            if (!row.ids.has(id)) {
              row.ids.add(id);
              rows[row.i]!.subjectIds.push(id);
            }
          }
          return row.i;
        }),
      );
    }
    return { rows, slots };
  }

  /**
   * Appends and commits: one autocommit statement (lock, append and commit in a single round trip),
   * or one transaction when several chunks must stay contiguous.
   */
  private appendCommitted(fields: Fields[]): Promise<AuditEntry[]> {
    return fields.length > INSERT_CHUNK
      ? this.database.db.transaction((t) => this.appendNow(t, fields))
      : this.appendNow(this.database.db, fields);
  }

  /** Appends validated entries now, on `tx` (a transaction, or the database for one autocommit statement). */
  private async appendNow(tx: Queryable, fields: Fields[]): Promise<AuditEntry[]> {
    // One statement (audit.append_entries): lock, head, hash and insert server-side, so the lock is
    // held for a single round trip plus the caller's commit.
    const stored: AuditEntry[] = [];
    for (let i = 0; i < fields.length; i += INSERT_CHUNK) {
      const chunk = fields.slice(i, i + INSERT_CHUNK).map((f) => ({ ...f, at: f.at.toISOString() }));
      const rows = await this.database.query<RawRow>(
        sql`select seq::text as seq, (extract(epoch from at) * 1000)::float8 as at_ms, actor_kind, actor_sub, actor_org, action,
                   subject_type, subject_ids, purpose, prev_hash, hash, key_id
            from audit.append_entries(${JSON.stringify(chunk)}::jsonb, ${sql.raw(LOCK_KEY)}::bigint,
                                      decode(${this.pads.ipad.toString('hex')}, 'hex'), decode(${this.pads.opad.toString('hex')}, 'hex'), ${this.keys.keyId})`,
        tx,
      );
      stored.push(...rows.map(fromRaw));
    }
    stored.sort((a, b) => a.seq - b.seq);
    // The database hashed; refuse (and so roll back) anything the TypeScript verifier would not accept.
    for (const e of stored) {
      if (entryHash(e, this.keys.chainKey) !== e.hash)
        throw new Error(`audit: entry ${e.seq} hashes differently in the database and in verify()`);
    }
    return stored;
  }

  /** A page of entries, newest first; `after` is the seq of the last entry of the previous page. */
  async list(
    filter: AuditFilter,
    first: number,
    after?: number,
  ): Promise<{ entries: AuditEntry[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE)
      throw new RangeError(`first must be an integer in 0..${MAX_PAGE}`);
    if (after !== undefined && !Number.isSafeInteger(after)) throw new RangeError('after must be an integer seq');
    const db = this.database.db;
    const where = filterSql(filter);
    const rows = await db
      .select(selection)
      .from(entries)
      .where(after === undefined ? where : and(where, lt(entries.seq, after)))
      .orderBy(desc(entries.seq))
      .limit(first + 1);
    let total: Promise<number> | undefined;
    return {
      entries: rows.slice(0, first).map(toEntry),
      hasNextPage: rows.length > first,
      // Counted only when asked for, once.
      totalCount: () =>
        (total ??= db
          .select({ n: count() })
          .from(entries)
          .where(where)
          .then((r) => r[0]!.n)),
    };
  }

  /**
   * Log-ins per actor in a period, for the authority's periodic check (003 §5.2.3: log-ins are
   * logged and checked periodically): for each actor (kind, subject) with an `auth.login` entry at
   * or after `from` and before `to`, its first and last log-in and how many; ordered by kind then
   * subject, `first` per page after the (kind, subject) `after`. The period is at most
   * MAX_LOGIN_PERIOD_DAYS and `to` after `from` (RangeError otherwise, a caller error).
   */
  async loginSummary(
    period: { from: Date; to: Date; actorKind?: string | null },
    first: number,
    after?: { actorKind: string; actorSub: string },
  ): Promise<{ actors: LoginSummaryRow[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
    const problem = loginPeriodProblem(period.from, period.to);
    if (problem) throw new RangeError(problem);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw new RangeError(`first must be an integer in 1..${MAX_PAGE}`);
    const inPeriod = and(
      eq(entries.action, LOGIN_ACTION),
      gte(entries.at, period.from),
      lt(entries.at, period.to),
      period.actorKind != null ? eq(entries.actorKind, period.actorKind) : undefined,
    );
    const rows = await this.database.db
      .select({
        actorKind: entries.actorKind,
        actorSub: entries.actorSub,
        orgs: sql<
          Array<string | null>
        >`array_remove(array_agg(distinct ${entries.actorOrg} order by ${entries.actorOrg}), null)`,
        firstMs: sql<number>`(extract(epoch from min(${entries.at})) * 1000)::float8`,
        lastMs: sql<number>`(extract(epoch from max(${entries.at})) * 1000)::float8`,
        logins: sql<number>`count(*)::int`,
      })
      .from(entries)
      .where(
        and(
          inPeriod,
          after
            ? sql`(${entries.actorKind}, ${entries.actorSub}) > (${after.actorKind}, ${after.actorSub})`
            : undefined,
        ),
      )
      .groupBy(entries.actorKind, entries.actorSub)
      .orderBy(asc(entries.actorKind), asc(entries.actorSub))
      .limit(first + 1);
    let total: Promise<number> | undefined;
    return {
      actors: rows.slice(0, first).map((r) => ({
        actorKind: r.actorKind,
        actorSub: r.actorSub,
        orgs: (r.orgs ?? []).filter((o): o is string => o != null),
        firstAt: new Date(Number(r.firstMs)),
        lastAt: new Date(Number(r.lastMs)),
        logins: Number(r.logins),
      })),
      hasNextPage: rows.length > first,
      // the actors of the whole period, counted only when asked for, once
      totalCount: () =>
        (total ??= this.database.db
          .select({ n: sql<number>`count(distinct (${entries.actorKind}, ${entries.actorSub}))::int` })
          .from(entries)
          .where(inPeriod)
          .then((r) => Number(r[0]!.n))),
    };
  }

  /**
   * A log-in: the first use of a caller's token (actor.session) anywhere in the hub is appended as
   * `auth.login` (subject Session, the session id), once, in one transaction with its sessions row;
   * later uses, from any process, append nothing. 003 §5.2.3 asks that log-ins are logged and checked
   * periodically: the authority lists them with auditLog(filter: { action: "auth.login", … }).
   */
  async recordLogin(actor: Actor, at: Date): Promise<boolean> {
    const sid = actor.session;
    if (!sid) return false;
    return this.database.db.transaction(async (tx) => {
      const fresh = await tx
        .insert(sessions)
        .values({ sid, firstSeen: at })
        .onConflictDoNothing()
        .returning({ sid: sessions.sid });
      if (fresh.length === 0) return false;
      await this.append(tx, {
        actor,
        action: LOGIN_ACTION,
        subjectType: 'Session',
        subjectIds: [sid],
        purpose: null,
        at,
      });
      return true;
    });
  }

  /** The newest entry, signed: what the authority stores (and later passes to verify as againstHead). */
  async head(now: Date): Promise<AuditHead> {
    const [last] = await this.database.db
      .select({ seq: entries.seq, hash: entries.hash })
      .from(entries)
      .orderBy(desc(entries.seq))
      .limit(1);
    const h = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, time: new Date(now.getTime()) };
    return { ...h, keyId: this.keys.keyId, signature: signHead(this.keys, h), publicKey: this.keys.publicKey };
  }

  /**
   * The log of a period as a signed export (README.md), NDJSON: a header (period, seq range, the
   * hash the first entry chains to, key id, public key), every entry from the first to the last seq
   * written in [from, to) — a contiguous range, so the chain can be checked (an entry of the range
   * may carry a time just outside the period), the signed head of the last entry, and a signature
   * over the sha256 of all lines before it. bin/verify-export.mjs checks it offline.
   */
  async exportPeriod(
    from: Date,
    to: Date,
    now: Date,
  ): Promise<{ ndjson: string; entries: number; fromSeq: number; toSeq: number }> {
    if (!(to.getTime() > from.getTime())) throw new RangeError('to must be after from');
    const db = this.database.db;
    const [range] = await db
      .select({ lo: sql<string | null>`min(${entries.seq})::text`, hi: sql<string | null>`max(${entries.seq})::text` })
      .from(entries)
      .where(and(gte(entries.at, from), lt(entries.at, to)));
    let fromSeq: number;
    let toSeq: number;
    if (range?.lo == null || range.hi == null) {
      const [before] = await db
        .select({ hi: sql<string | null>`max(${entries.seq})::text` })
        .from(entries)
        .where(lt(entries.at, from));
      toSeq = Number(before?.hi ?? 0);
      fromSeq = toSeq + 1;
    } else {
      fromSeq = Number(range.lo);
      toSeq = Number(range.hi);
    }
    if (toSeq - fromSeq + 1 > MAX_EXPORT)
      throw new RangeError(`an export holds at most ${MAX_EXPORT} entries: export a shorter period`);
    const [before] =
      fromSeq > 1
        ? await db
            .select({ hash: entries.hash })
            .from(entries)
            .where(eq(entries.seq, fromSeq - 1))
        : [{ hash: GENESIS_HASH }];
    const prevHash = before?.hash ?? GENESIS_HASH;
    const lines: string[] = [
      JSON.stringify({
        type: 'header',
        format: 'hub-audit-export-v1',
        from: from.toISOString(),
        to: to.toISOString(),
        fromSeq,
        toSeq,
        prevHash,
        keyId: this.keys.keyId,
        publicKey: this.keys.publicKey,
        exportedAt: now.toISOString(),
      }),
    ];
    let last = { seq: fromSeq - 1, hash: prevHash };
    for (let lo = fromSeq; lo <= toSeq; lo += 1000) {
      const rows = await db
        .select(selection)
        .from(entries)
        .where(and(gte(entries.seq, lo), lte(entries.seq, Math.min(toSeq, lo + 999))))
        .orderBy(asc(entries.seq));
      for (const row of rows) {
        const e = toEntry(row);
        lines.push(JSON.stringify({ type: 'entry', ...e, at: e.at.toISOString() }));
        last = { seq: e.seq, hash: e.hash };
      }
      await new Promise<void>((r) => setImmediate(r));
    }
    const head = { seq: last.seq, hash: last.hash, time: new Date(now.getTime()) };
    lines.push(
      JSON.stringify({
        type: 'head',
        seq: head.seq,
        hash: head.hash,
        time: head.time.toISOString(),
        keyId: this.keys.keyId,
        signature: signHead(this.keys, head),
      }),
    );
    const body = lines.join('\n') + '\n';
    const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    const signature = signWith(this.keys, `hub-audit-export-v1\n${sha256}`);
    return {
      ndjson: `${body}${JSON.stringify({ type: 'signature', sha256, signature })}\n`,
      entries: lines.length - 2,
      fromSeq,
      toSeq,
    };
  }

  private verifying: Promise<ChainReport> | null = null;
  private progressNow: { startedAt: Date; checked: number; through: number } | null = null;
  private lastReport: (ChainReport & { finishedAt: Date }) | null = null;

  /** The verification running now (entries checked so far) and the last finished one. */
  progress() {
    return { running: this.progressNow, last: this.lastReport };
  }

  /**
   * Verify the whole chain, shared: a caller arriving while a full run is under way waits for that
   * run instead of starting another (a verification costs the hub, not the caller).
   */
  verifyShared(opts: Omit<VerifyOptions, 'onProgress' | 'from'> = {}): Promise<ChainReport> {
    if (opts.againstHead) return this.verify(opts);
    if (!this.verifying) {
      const startedAt = new Date();
      this.progressNow = { startedAt, checked: 0, through: 0 };
      this.verifying = this.verify({ ...opts, onProgress: (p) => (this.progressNow = { startedAt, ...p }) }).finally(
        () => {
          this.verifying = null;
          this.progressNow = null;
        },
      );
      this.verifying.then(
        (r) => (this.lastReport = { ...r, finishedAt: new Date() }),
        () => undefined,
      );
    }
    return this.verifying;
  }

  /**
   * Walk the chain in seq order, batch by batch, and report the first problem. Each batch is its own
   * short statement and the event loop runs between batches, so a long log never holds a connection
   * or the process for the whole run (the log is append-only, so no snapshot is needed).
   * Without `from` it starts at the genesis; with it, after that verified point. With `againstHead`
   * the chain must still reach the head the authority kept, with the same hash.
   */
  async verify(opts: VerifyOptions = {}): Promise<ChainReport> {
    const batchSize = opts.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const head = opts.againstHead;
    // a head the authority kept may have been signed before the last key rotation
    const signers = [this.keys.publicKey, ...this.keys.previous.map((p) => p.publicKey)];
    if (head && !signers.some((k) => headSignatureValid(k, head))) {
      return {
        ok: false,
        checked: 0,
        firstBadSeq: null,
        problem: 'BAD_HEAD',
        detail: 'the head is not signed by this hub',
        fromSeq: 1,
        verifiedThrough: null,
      };
    }
    const db = this.database.db;
    let prev: AuditEntry | null = null;
    let keyedSeen = false;
    const fromSeq = opts.from ? opts.from.seq + 1 : 1;
    if (opts.from && opts.from.seq > 0) {
      const [row] = await db.select(selection).from(entries).where(eq(entries.seq, opts.from.seq));
      const e = row ? toEntry(row) : null;
      if (!e)
        return {
          ok: false,
          checked: 0,
          firstBadSeq: opts.from.seq,
          problem: 'MISSING',
          detail: `the checkpoint entry ${opts.from.seq} is missing`,
          fromSeq,
          verifiedThrough: null,
        };
      if (e.hash !== opts.from.hash || this.selfHash(e, true) !== e.hash) {
        return {
          ok: false,
          checked: 0,
          firstBadSeq: e.seq,
          problem: 'ALTERED',
          detail: `the checkpoint entry ${e.seq} changed`,
          fromSeq,
          verifiedThrough: null,
        };
      }
      prev = e;
      keyedSeen = e.keyId !== null;
    }
    let checked = 0;
    const through = (): Checkpoint | null => (prev ? { seq: prev.seq, hash: prev.hash } : null);
    for (;;) {
      const rows: Row[] = await db
        .select(selection)
        .from(entries)
        .where(prev ? gt(entries.seq, prev.seq) : undefined)
        .orderBy(asc(entries.seq))
        .limit(batchSize);
      for (const row of rows) {
        const e = toEntry(row);
        const bad = this.checkLink(e, prev, keyedSeen);
        if (bad)
          return {
            ok: false,
            checked: Math.max(0, bad.firstBadSeq - fromSeq),
            ...bad,
            fromSeq,
            verifiedThrough: through(),
          };
        checked++;
        keyedSeen ||= e.keyId !== null;
        prev = e;
      }
      opts.onProgress?.({ checked, through: prev?.seq ?? 0 });
      if (rows.length < batchSize) break;
      // let other callers' work run between batches
      await new Promise<void>((r) => setImmediate(r));
    }
    if (head) {
      const last = prev?.seq ?? 0;
      if (last < head.seq) {
        return {
          ok: false,
          checked,
          firstBadSeq: last + 1,
          problem: 'TRUNCATED',
          detail: `the chain ends at ${last}; the kept head is at ${head.seq}`,
          fromSeq,
          verifiedThrough: through(),
        };
      }
      const [at] =
        head.seq === 0
          ? [{ hash: GENESIS_HASH }]
          : await db.select({ hash: entries.hash }).from(entries).where(eq(entries.seq, head.seq));
      if (at?.hash !== head.hash) {
        return {
          ok: false,
          checked,
          firstBadSeq: head.seq,
          problem: 'ALTERED',
          detail: `entry ${head.seq} differs from the kept head`,
          fromSeq,
          verifiedThrough: through(),
        };
      }
    }
    return { ok: true, checked, firstBadSeq: null, problem: null, detail: null, fromSeq, verifiedThrough: through() };
  }

  /**
   * The hash an entry should carry: keyed with the key it names (this hub's, or an earlier one it
   * still knows), unkeyed for pre-key entries (allowed only before any keyed one).
   */
  private selfHash(e: AuditEntry, keyedSeen: boolean): string | null {
    if (e.keyId === null) return keyedSeen ? null : entryHash(e);
    const key = this.chainKeyOf(e.keyId);
    return key ? entryHash(e, key) : null;
  }

  /** Checks one entry against its predecessor (null for the first). */
  private checkLink(e: AuditEntry, prev: AuditEntry | null, keyedSeen: boolean): Problem | null {
    const expected = prev ? prev.seq + 1 : 1;
    if (e.seq > expected) {
      return { firstBadSeq: expected, problem: 'MISSING', detail: `entries ${expected}..${e.seq - 1} are missing` };
    }
    if (e.seq < expected) return { firstBadSeq: e.seq, problem: 'INSERTED', detail: `seq ${e.seq} is below 1` };
    const selfOk = this.selfHash(e, keyedSeen) === e.hash;
    const linkOk = e.prevHash === (prev ? prev.hash : GENESIS_HASH);
    if (selfOk && linkOk) return null;
    if (selfOk) {
      return {
        firstBadSeq: e.seq,
        problem: 'INSERTED',
        detail: `entry ${e.seq} does not chain to entry ${expected - 1}`,
      };
    }
    if (linkOk) return { firstBadSeq: e.seq, problem: 'ALTERED', detail: `entry ${e.seq} does not match its hash` };
    // Neither its hash nor its link holds: an intact entry moved to another seq shows how the chain
    // was spliced (entries inserted before it, or deleted and the rest renumbered to close the gap).
    const orig = this.originalSeq(e, keyedSeen);
    if (orig !== null && orig < e.seq) {
      return {
        firstBadSeq: orig,
        problem: 'INSERTED',
        detail: `entries ${orig}..${e.seq - 1} were inserted; the entry now at ${e.seq} was hashed as ${orig}`,
      };
    }
    if (orig !== null && orig > e.seq) {
      return {
        firstBadSeq: e.seq,
        problem: 'MISSING',
        detail: `entries originally ${e.seq}..${orig - 1} were deleted and later entries renumbered`,
      };
    }
    return {
      firstBadSeq: e.seq,
      problem: 'ALTERED',
      detail: `entry ${e.seq} does not match its hash nor chain to entry ${expected - 1}`,
    };
  }

  private originalSeq(e: AuditEntry, keyedSeen: boolean): number | null {
    for (let d = 1; d <= RENUMBER_WINDOW; d++) {
      if (e.seq - d >= 1 && this.selfHash({ ...e, seq: e.seq - d }, keyedSeen) === e.hash) return e.seq - d;
      if (this.selfHash({ ...e, seq: e.seq + d }, keyedSeen) === e.hash) return e.seq + d;
    }
    return null;
  }
}

type Problem = Pick<ChainReport, 'problem' | 'detail'> & { firstBadSeq: number };

// Lone surrogates and NUL cannot be stored as text unchanged, so their hash would never verify.
const UNSTORABLE = UNSTORABLE_TEXT;

function text(name: string, v: unknown, nonEmpty = true): string {
  if (typeof v !== 'string' || (nonEmpty && v.length === 0))
    throw new TypeError(`audit: ${name} must be a non-empty string`);
  if (UNSTORABLE.test(v)) throw new TypeError(`audit: ${name} contains NUL or a lone surrogate`);
  return v;
}

function fieldsOf(input: AuditInput): Omit<AuditEntry, 'seq' | 'prevHash' | 'hash' | 'keyId'> {
  const at = input.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('audit: at must be a valid Date');
  if (!Array.isArray(input.subjectIds)) throw new TypeError('audit: subjectIds must be an array');
  const org = input.actor?.org;
  return {
    // A JS Date already holds whole milliseconds, the column's precision; copied so later mutation
    // of the caller's Date cannot change what was hashed.
    at: new Date(at.getTime()),
    actorKind: text('actor.kind', input.actor?.kind),
    actorSub: text('actor.sub', input.actor?.sub),
    actorOrg: org === undefined || org === null ? null : text('actor.org', org, false),
    action: text('action', input.action),
    subjectType: text('subjectType', input.subjectType),
    subjectIds: input.subjectIds.map((id, i) => text(`subjectIds[${i}]`, id, false)),
    purpose: input.purpose === undefined || input.purpose === null ? null : logText(input.purpose),
  };
}

/** A purpose as stored: storable, and visible text (text.ts), else AuditTextError. */
function logText(purpose: unknown): string {
  const v = text('purpose', purpose, false);
  const problem = logTextProblem('purpose', v);
  if (problem) throw new AuditTextError(problem);
  return v;
}

function filterSql(f: AuditFilter): SQL | undefined {
  // an absent or null field does not filter (GraphQL clients send null for an unset input field)
  return and(
    f.actorKind != null ? eq(entries.actorKind, f.actorKind) : undefined,
    f.actorSub != null ? eq(entries.actorSub, f.actorSub) : undefined,
    f.action != null ? eq(entries.action, f.action) : undefined,
    f.subjectType != null ? eq(entries.subjectType, f.subjectType) : undefined,
    f.subjectId != null ? arrayContains(entries.subjectIds, [f.subjectId]) : undefined,
    f.from != null ? gte(entries.at, f.from) : undefined,
    f.to != null ? lt(entries.at, f.to) : undefined,
  );
}
export * from './digest.js';
export * from './text.js';
