// Reading the hourly passage counts (written with each ingested batch, db/ingest.ts): per hour or day
// of one camera, and the sum over cameras for the council report. Counts only, never a plate.
import { and, eq, gte, inArray, lt, sql, sum } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { countTable } from './schema.js';

/** One camera's passages in [from, to) per UTC hour or day, oldest bucket first. */
export async function passagesPerBucket(
  on: Queryable,
  cameraId: string,
  from: Date,
  to: Date,
  bucket: 'HOUR' | 'DAY',
): Promise<Array<{ bucketStart: Date; count: number }>> {
  const unit = bucket === 'DAY' ? sql.raw(`'day'`) : sql.raw(`'hour'`);
  const start = sql`date_trunc(${unit}, ${countTable.hourStart} at time zone 'UTC') at time zone 'UTC'`;
  const rows = await on
    .select({
      bucketStart: sql<string>`${start}`.as('bucket_start'),
      count: sql<number>`sum(${countTable.count})::int`.as('n'),
    })
    .from(countTable)
    .where(and(eq(countTable.cameraId, cameraId), gte(countTable.hourStart, from), lt(countTable.hourStart, to)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ bucketStart: new Date(r.bucketStart), count: Number(r.count) }));
}

/** The passages of these cameras together in [from, to). */
export async function passagesOf(on: Queryable, cameraIds: string[], from: Date, to: Date): Promise<number> {
  const [r] = await on
    .select({ n: sum(countTable.count) })
    .from(countTable)
    .where(and(inArray(countTable.cameraId, cameraIds), gte(countTable.hourStart, from), lt(countTable.hourStart, to)));
  return Number(r?.n ?? 0);
}
