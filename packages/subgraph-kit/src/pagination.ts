import 'reflect-metadata';
// Relay-style cursor pagination: opaque cursors, a default and a maximum page size; no unbounded lists.
import { ArgsType, Directive, Field, ObjectType, Int } from 'type-graphql';
import { and, eq, gt, lt, or, type Column, type SQL } from 'drizzle-orm';
import { UNSTORABLE_TEXT } from '@hub/db';
import { badInput } from './errors.js';
import { inDateTimeRange } from './datetime.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

// every subgraph returns the same PageInfo: shareable across the supergraph
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Builds `<Name>Edge` and `<Name>Connection` classes for a node type. */
export function Connection<T>(name: string, node: new (...a: never[]) => T) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class Conn {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Rows matching the filter that the caller may see.' }) totalCount!: number;
  }
  return Conn;
}

/** `first`: a page's size, bounded by pageSize() wherever it is read. */
@ArgsType()
export class FirstArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE} (default ${DEFAULT_PAGE}).` })
  first?: number;
}

/** The arguments of every paged list: `first` and the opaque `after` cursor of the previous page. */
@ArgsType()
export class PageArgs extends FirstArgs {
  @Field(() => String, { nullable: true, description: 'endCursor of the previous page; omitted for the first page.' })
  after?: string;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`);
  return n;
}

/** Cursor = the sort key of the last row; kept as text so no precision is lost (STACK-NOTES). */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each position of a cursor holds: a row id, a time (ISO 8601, as encoded), an audit sequence number. */
export type CursorPart = 'id' | 'time' | 'seq';
/** (time, id): the keyset of afterTimeCursor. */
export const TIME_CURSOR: readonly CursorPart[] = ['time', 'id'];
export const ID_CURSOR: readonly CursorPart[] = ['id'];
export const SEQ_CURSOR: readonly CursorPart[] = ['seq'];

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Ids are stored text: no NUL or unpaired surrogate (PostgreSQL refuses them), and bounded. */
const idOk = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 500 && !UNSTORABLE_TEXT.test(v);
const partOk: Record<CursorPart, (v: unknown) => boolean> = {
  id: idOk,
  // exactly as encodeCursor wrote it (Date#toISOString), and within the DateTime range
  time: (v) => {
    if (typeof v !== 'string' || !ISO_TIME.test(v)) return false;
    const d = new Date(v);
    return inDateTimeRange(d) && d.toISOString() === v;
  },
  seq: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};
/** Longest cursor any query encodes (a 500-character id, escaped, plus a time), base64url. */
const MAX_CURSOR = 4096;

/**
 * The sort key in an `after` cursor, checked against the shape the query encodes: a cursor made up
 * by hand (or another query's) is BAD_USER_INPUT, never a database error. Only what encodeCursor
 * itself produces passes: the cursor must re-encode to the same string (no padding, stray
 * characters, or JSON spelled another way).
 */
export function decodeCursor(
  cursor: string | null | undefined,
  shape: readonly CursorPart[],
): Array<string | number> | undefined {
  if (cursor == null) return undefined;
  if (cursor.length <= MAX_CURSOR) {
    try {
      const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (
        Array.isArray(key) &&
        key.length === shape.length &&
        shape.every((part, i) => partOk[part](key[i])) &&
        encodeCursor(key as Array<string | number>) === cursor
      ) {
        return key as Array<string | number>;
      }
    } catch {
      /* fall through */
    }
  }
  throw badInput('after is not a valid cursor');
}

/** Turn `limit + 1` fetched rows into a page. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  totalCount: number,
  key: (r: R) => Array<string | number>,
  node: (r: R) => T,
): Page<T> {
  const hasNextPage = rows.length > limit;
  const slice = hasNextPage ? rows.slice(0, limit) : rows;
  // each edge's cursor is encoded only if the query selects it (most ask for pageInfo.endCursor only)
  const edges = slice.map((r) => ({
    get cursor() {
      return encodeCursor(key(r));
    },
    node: node(r),
  }));
  const last = slice.at(-1);
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: last === undefined ? null : encodeCursor(key(last)) },
    totalCount,
  };
}

/**
 * Keyset for a page ordered by (time, id): the rows after the cursor's (time, id) — later ones for
 * ascending pages, earlier ones for descending — ties on time broken by id.
 */
export function afterTimeCursor(
  time: Column,
  id: Column,
  cursor: Array<string | number> | undefined,
  order: 'asc' | 'desc',
): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(String(cursor[0]));
  const beyond = order === 'asc' ? gt : lt;
  return or(beyond(time, at), and(eq(time, at), beyond(id, String(cursor[1]))));
}
