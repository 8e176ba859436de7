// The one DateTime scalar of every subgraph: RFC 3339 (graphql-scalars) and bounded to what both
// PostgreSQL's timestamptz and JavaScript's Date#toISOString represent as a plain 4-digit year, with
// room for the domain's arithmetic on it (DATETIME_MAX). Year 0
// or 1 (PostgreSQL has no year 0; JS prints it as "0000"), or a time past 9999 ("+010000-…"), reached
// the database and came back as INTERNAL_SERVER_ERROR; now every such argument is BAD_USER_INPUT.
import { GraphQLScalarType, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from './errors.js';

/** The hub's domain of time: nothing it records (cameras, footage, reads, requests) predates 1970. */
export const DATETIME_MIN = new Date('1970-01-01T00:00:00.000Z');
/**
 * A thousand years short of 9999: the domain computes with a caller's time (a day either side of it,
 * margins, retention periods, deadlines), and 9999-12-31 plus one day went to the database as
 * "+010000-…" and came back INTERNAL_SERVER_ERROR (liveWatchAllowed, found by the fuzz test). Below
 * 1970 the same headroom is there already.
 */
export const DATETIME_MAX = new Date('8999-12-31T23:59:59.999Z');

export function inDateTimeRange(d: Date): boolean {
  const t = d.getTime();
  return t >= DATETIME_MIN.getTime() && t <= DATETIME_MAX.getTime();
}

function bounded(d: Date): Date {
  // "cannot represent", as graphql-scalars words it: the gateway then knows a refused inline literal as bad input
  if (!inDateTimeRange(d))
    throw badInput(
      `DateTime cannot represent a time outside ${DATETIME_MIN.toISOString()} … ${DATETIME_MAX.toISOString()}`,
    );
  return d;
}

const base = DateTimeResolver.toConfig();

/** Same name, description and format as graphql-scalars' DateTime (the supergraph is unchanged), plus the range. */
export const BoundedDateTime = new GraphQLScalarType<Date, Date>({
  ...base,
  // a Date instance is only ever given by code, never by a client; strings only
  parseValue: (value: unknown) => {
    if (typeof value !== 'string')
      throw badInput(
        'DateTime cannot represent a non-string value: give an RFC 3339 string, such as 2026-11-20T21:00:00Z',
      );
    return bounded(base.parseValue!(value) as Date);
  },
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
    bounded(base.parseLiteral!(ast, variables) as Date),
});
