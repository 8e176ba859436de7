// What a filed request must say, pure. Camera existence and municipality are checked by the caller.
import { logTextProblem } from '@hub/subgraph-kit';
import { DAY_MS } from './deadlines.js';
import type { RequestKind } from './status.js';

/** A request names at most this many cameras. */
export const MAX_CAMERAS = 50;
/** A request covers at most a week of footage: longer windows are several requests (or a fishing expedition). */
export const MAX_WINDOW_MS = 7 * DAY_MS;
/** Clock skew tolerated on a window ending "now". */
export const SKEW_MS = 5 * 60_000;

export interface FilingInput {
  kind: RequestKind;
  reportNumber?: string | null;
  caseReference?: string | null;
  cameraIds: string[];
  windowStart: Date;
  windowEnd: Date;
  place: string;
  description: string;
}

const text = (v: string | null | undefined) => (v ?? '').trim();

/** Why the request cannot be filed, or null. */
export function filingProblem(i: FilingInput, now: Date): string | null {
  if (Number.isNaN(i.windowStart.getTime()) || Number.isNaN(i.windowEnd.getTime()))
    return 'windowStart and windowEnd must be valid times';
  if (i.windowEnd.getTime() <= i.windowStart.getTime()) return 'windowEnd must be after windowStart';
  if (i.windowEnd.getTime() - i.windowStart.getTime() > MAX_WINDOW_MS)
    return 'a request covers at most 7 days of footage';
  if (i.windowEnd.getTime() > now.getTime() + SKEW_MS)
    return 'the window cannot end in the future: only recorded footage can be requested';
  const cameras = new Set(i.cameraIds);
  if (cameras.size === 0) return 'name at least one camera';
  if (cameras.size > MAX_CAMERAS) return `a request names at most ${MAX_CAMERAS} cameras`;
  if ([...cameras].some((c) => !c.trim() || c.length > 200)) return 'camera ids are 1-200 characters';
  if (!text(i.place) || i.place.length > 500) return 'place is required (at most 500 characters)';
  if (!text(i.description) || i.description.length > 4000) return 'description is required (at most 4000 characters)';
  if ((i.reportNumber ?? '').length > 100 || (i.caseReference ?? '').length > 200)
    return 'reportNumber is at most 100, caseReference at most 200 characters';
  // they become the legal hold's case reference in the audit log: visible text only (subgraph-kit purpose.ts)
  for (const [name, v] of [
    ['reportNumber', i.reportNumber],
    ['caseReference', i.caseReference],
  ] as const) {
    const problem = text(v) ? logTextProblem(name, text(v)) : null;
    if (problem) return problem;
  }
  switch (i.kind) {
    case 'POLICE_REPORT':
      if (!text(i.reportNumber)) return 'a POLICE_REPORT request needs the report number (proces-verbaal)';
      break;
    case 'PROSECUTOR':
      if (!text(i.caseReference)) return "a PROSECUTOR request needs the prosecutor's case reference (parketnummer)";
      break;
    case 'DATA_SUBJECT_ACCESS':
      if (text(i.reportNumber) || text(i.caseReference))
        return 'an access request has no report number or case reference';
      break;
  }
  return null;
}

/** The case reference the legal hold carries: the prosecutor's, else the police report's. */
export function holdCaseReference(i: { reportNumber?: string | null; caseReference?: string | null }): string | null {
  return text(i.caseReference) || text(i.reportNumber) || null;
}
