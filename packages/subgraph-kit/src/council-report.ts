// The half-year of a council report (003 §6.1: "halfjaarlijks ... aan de gemeenteraad") and the id of one
// area's row in it, which every subgraph adding figures to that row reads the same way.

const HALF = /^(\d{4})-H([12])$/;

/** "2026-H2" → [2026-07-01, 2027-01-01) in UTC, the months the monthly counters use; null when malformed. */
export function halfYear(half: string): { from: Date; to: Date } | null {
  const m = HALF.exec(half);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  const first = m[2] === '1' ? 0 : 6;
  return { from: new Date(Date.UTC(year, first, 1)), to: new Date(Date.UTC(year, first + 6, 1)) };
}

export type CouncilReportAreaKey = {
  id: string;
  half: string;
  municipality: string;
  areaId: string;
  from: Date;
  to: Date;
};

/** "2026-H2:GM0344:utrecht-binnenstad": the row of one area in one municipality's report. */
export const councilReportAreaId = (half: string, municipality: string, areaId: string): string =>
  `${half}:${municipality}:${areaId}`;

export function parseCouncilReportAreaId(id: string): CouncilReportAreaKey | null {
  const [half = '', municipality = '', ...rest] = id.split(':');
  const areaId = rest.join(':');
  const period = halfYear(half);
  if (!period || !municipality || !areaId || id.length > 300) return null;
  return { id, half, municipality, areaId, ...period };
}

/**
 * The entity loader of a subgraph adding figures to council report rows: the row is its id, parsed (a
 * malformed id is no row); the caller's permission is then checked on each row's municipality.
 */
export const councilReportAreaLoader = async (ids: string[]): Promise<Array<Record<string, unknown>>> =>
  ids.map(parseCouncilReportAreaId).filter((k): k is CouncilReportAreaKey => k !== null);
