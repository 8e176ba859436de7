// Rules of one ANPR read and of retention, pure.
import { unstorableTextProblem } from '@hub/db';
import { normaliseCountry, normalisePlate, plateProblem } from './plate.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

export const ANPR_CAMERA_KINDS = ['ANPR_FIXED', 'ANPR_MOBILE'] as const;
/** Camera clocks drift: a read may be this far ahead of the hub's clock. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Art. 126jj Sv: passages without a hit are destroyed after 28 days. */
export const READ_RETENTION_MS = 28 * 24 * 3_600_000;
export const MAX_INGEST_BATCH = 10_000;
/**
 * A hit is processed under its hotlist's legal basis, not art. 126jj: the list states how many days
 * a hit (and the read it keeps past 28 days) is kept after the observation. Default: no longer than
 * a read without a hit (data minimisation); at most five years.
 */
export const DEFAULT_HIT_RETENTION_DAYS = 28;
export const MAX_HIT_RETENTION_DAYS = 5 * 365;
export function hitRetentionProblem(days: number): string | null {
  return Number.isInteger(days) && days >= 1 && days <= MAX_HIT_RETENTION_DAYS
    ? null
    : `hitRetentionDays must be 1-${MAX_HIT_RETENTION_DAYS}`;
}
/** Hits of a list observed at or before this moment are due for deletion. */
export function hitCutoff(now: Date, hitRetentionDays: number): Date {
  return new Date(now.getTime() - hitRetentionDays * 24 * 3_600_000);
}
/** Live topic of a stored hit (police subscribers). */
export const ANPR_HIT = 'anpr.hit';
/** A stored hit as announced (times as ISO text). */
export interface HitPayload {
  id: string;
  readId: string;
  hotlistId: string;
  entryId: string;
  cameraId: string;
  observedAt: string;
  createdAt: string;
}
declare module '@hub/events' {
  interface TopicPayloads {
    [ANPR_HIT]: HitPayload;
  }
}
export const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'UNKNOWN'] as const;

export interface ReadInput {
  sourceReadId: string;
  cameraId: string;
  observedAt: Date;
  plate: string;
  country: string;
  confidence: number;
  direction?: string | null;
  lane?: number | null;
  imageRef?: string | null;
}

const TEXT_FIELDS = ['sourceReadId', 'cameraId', 'plate', 'country', 'direction', 'imageRef'] as const;

export interface CameraFacts {
  kind: string;
}

/** Null when the read can be stored, else why not. `plate`/`country` are the normalised forms. */
export function readProblem(
  r: ReadInput,
  camera: CameraFacts | undefined,
  now: Date,
): { problem: string } | { plate: string; country: string } {
  // text PostgreSQL cannot store would fail the whole batch's statement: this row only is refused
  const text = unstorableTextProblem(r, TEXT_FIELDS);
  if (text) return { problem: text };
  if (!r.sourceReadId || r.sourceReadId.length > 200) return { problem: 'sourceReadId must be 1-200 characters' };
  // one reason for unknown, not ANPR and not this system's: a source system learns nothing of other cameras
  if (!camera || !(ANPR_CAMERA_KINDS as readonly string[]).includes(camera.kind))
    return { problem: `camera ${r.cameraId} is not a known ANPR camera` };
  const plate = normalisePlate(r.plate ?? '');
  const country = normaliseCountry(r.country ?? '');
  const p = plateProblem(plate, country);
  if (p) return { problem: p };
  if (!(r.observedAt instanceof Date) || Number.isNaN(r.observedAt.getTime()))
    return { problem: 'observedAt is not a valid time' };
  if (r.observedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return { problem: 'observedAt is in the future (beyond 5 minutes of clock skew)' };
  if (r.observedAt.getTime() <= retentionCutoff(now).getTime())
    return { problem: 'observedAt is older than the 28-day retention period' };
  if (!Number.isFinite(r.confidence) || r.confidence < 0 || r.confidence > 1)
    return { problem: 'confidence must be between 0 and 1' };
  if (r.direction != null && !(DIRECTIONS as readonly string[]).includes(r.direction))
    return { problem: `direction must be one of ${DIRECTIONS.join(', ')}` };
  if (r.lane != null && (!Number.isInteger(r.lane) || r.lane < 0 || r.lane > 50))
    return { problem: 'lane must be 0-50' };
  if (r.imageRef != null && r.imageRef.length > 1000) return { problem: 'imageRef must be at most 1000 characters' };
  return { plate, country };
}

/**
 * One line of an NDJSON stream as a read, or why it is not one. Types are checked here (GraphQL
 * checks them for the mutation); the rules are readProblem's.
 */
export function readFromJson(value: unknown): ReadInput | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'a line must be a JSON object' };
  const o = value as Record<string, unknown>;
  for (const k of ['sourceReadId', 'cameraId', 'observedAt', 'plate', 'country'] as const) {
    if (typeof o[k] !== 'string') return { problem: `${k} must be a string` };
  }
  // RFC 3339 with an offset, as the GraphQL DateTime: a bare local time would be read in the server's zone
  if (!RFC3339.test(o.observedAt as string))
    return { problem: 'observedAt must be an RFC 3339 time with an offset (e.g. 2026-11-23T21:50:00Z)' };
  if (typeof o.confidence !== 'number') return { problem: 'confidence must be a number' };
  for (const k of ['direction', 'imageRef'] as const)
    if (o[k] != null && typeof o[k] !== 'string') return { problem: `${k} must be a string or null` };
  if (o.lane != null && typeof o.lane !== 'number') return { problem: 'lane must be an integer or null' };
  return {
    sourceReadId: o.sourceReadId as string,
    cameraId: o.cameraId as string,
    observedAt: new Date(o.observedAt as string),
    plate: o.plate as string,
    country: o.country as string,
    confidence: o.confidence,
    direction: (o.direction as string | null | undefined) ?? null,
    lane: (o.lane as number | null | undefined) ?? null,
    imageRef: (o.imageRef as string | null | undefined) ?? null,
  };
}

/** Reads observed at or before this moment are expired (unless a hit keeps them). */
export function retentionCutoff(now: Date): Date {
  return new Date(now.getTime() - READ_RETENTION_MS);
}

// The deletion-proof digest is shared by every retention run (packages/audit).
export { chainDigest, EMPTY_DIGEST } from '@hub/audit';
