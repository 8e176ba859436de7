// Retention of recordings: one module, pure, time passed in (tests move the clock).
import { unstorableTextProblem } from '@hub/db';

export const RECORDING_KINDS = ['PUBLIC_ORDER', 'BODYCAM', 'HELICOPTER', 'MOBILE', 'WASTE_CONTAINER'] as const;
export type RecordingKind = (typeof RECORDING_KINDS)[number];

const DAY_MS = 24 * 3_600_000;

/**
 * The legal maximum per kind, in days; configuration may shorten, never lengthen it.
 * - public-order cameras: kept at most 28 days, then deleted automatically (000, 001, 003 §5.2.2)
 * - bodycam: deleted after 4 weeks unless needed for a police report or complaint (002)
 * - helicopter and mobile police cameras: treated as public-order footage (000: same 28-day rule)
 * - waste-container cameras: only footage marked as showing a violation is kept, as long as other
 *   camera footage of the municipality (28 days, 000); the rest goes within WASTE_UNMARKED_HOURS
 */
export const LEGAL_MAX_DAYS: Record<RecordingKind, number> = {
  PUBLIC_ORDER: 28,
  BODYCAM: 28,
  HELICOPTER: 28,
  MOBILE: 28,
  WASTE_CONTAINER: 28,
};

/**
 * Waste-container cameras (000, "Overige camera's"): "De camera's nemen 24 uur per dag op, maar alleen
 * de beelden van mensen die afval naast de container zetten worden bewaard ... De software verwijdert
 * alle andere beelden automatisch." The seed names no period; the cameras record around the clock and
 * the software sorts them as it goes, so an unmarked recording is gone within a day of its end: 24 h.
 */
export const WASTE_UNMARKED_HOURS = 24;
/** The camera kind whose recordings follow that rule, whatever kind a source system sends. */
export const WASTE_CAMERA_KIND = 'WASTE_CONTAINER';

export type RetentionPolicy = Record<RecordingKind, number>;

/** FOOTAGE_RETENTION_DAYS="BODYCAM=14,PUBLIC_ORDER=28" shortens per kind; above the legal maximum is refused. */
export function retentionPolicy(spec: string | undefined): RetentionPolicy {
  const policy: RetentionPolicy = { ...LEGAL_MAX_DAYS };
  for (const part of (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, days] = part.split('=');
    if (!(RECORDING_KINDS as readonly string[]).includes(kind ?? ''))
      throw new Error(`unknown recording kind in retention config: ${kind}`);
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1) throw new Error(`retention for ${kind} must be a whole number of days`);
    if (n > LEGAL_MAX_DAYS[kind as RecordingKind])
      throw new Error(`retention for ${kind} may not exceed ${LEGAL_MAX_DAYS[kind as RecordingKind]} days`);
    policy[kind as RecordingKind] = n;
  }
  return policy;
}

/** Counted from the end of the recording: nothing filmed is kept longer than the period. */
export function expiresAt(kind: RecordingKind, endedAt: Date, policy: RetentionPolicy, violation = false): Date {
  if (kind === 'WASTE_CONTAINER' && !violation) return new Date(endedAt.getTime() + WASTE_UNMARKED_HOURS * 3_600_000);
  return new Date(endedAt.getTime() + policy[kind] * DAY_MS);
}

/** Why a recording cannot be marked as showing a violation (it is kept then), or null. */
export function violationMarkProblem(
  r: { kind: string; violation: boolean; expiresAt: Date },
  now: Date,
): string | null {
  if (r.kind !== 'WASTE_CONTAINER') return 'only waste-container recordings are kept by marking a violation (000)';
  if (r.violation) return null;
  if (r.expiresAt.getTime() <= now.getTime())
    return `past its ${WASTE_UNMARKED_HOURS}-hour period: unmarked footage is deleted (000)`;
  return null;
}

/** A recording may be deleted once expired and not under an active legal hold (veiliggesteld, 000/002/003). */
export function deletable(r: { expiresAt: Date; held: boolean }, now: Date): boolean {
  return !r.held && r.expiresAt.getTime() <= now.getTime();
}

// The deletion-proof digest is shared by every retention run (packages/audit).
export { chainDigest, EMPTY_DIGEST } from '@hub/audit';

export interface RecordingInput {
  sourceId: string;
  cameraId: string;
  kind: RecordingKind;
  startedAt: Date;
  endedAt: Date;
  storageRef: string;
  sha256: string;
  sizeBytes: number;
  /** Waste-container footage showing waste left beside the container (000); only then kept. */
  violation?: boolean | null;
}

/** Clock skew tolerated on times from recording systems. */
export const SKEW_MS = 5 * 60_000;
/** One recording file covers at most a day; longer spans are a source-system error. */
export const MAX_SPAN_MS = DAY_MS;

/** Why a row cannot be ingested, or null. Camera existence is checked by the caller. */
export function rowProblem(r: RecordingInput, now: Date, policy: RetentionPolicy): string | null {
  const text = unstorableTextProblem(r, ['sourceId', 'cameraId', 'storageRef']);
  if (text) return text;
  if (!r.sourceId.trim() || r.sourceId.length > 200) return 'sourceId must be 1-200 characters';
  if (Number.isNaN(r.startedAt.getTime()) || Number.isNaN(r.endedAt.getTime()))
    return 'startedAt and endedAt must be valid times';
  if (r.endedAt.getTime() <= r.startedAt.getTime()) return 'endedAt must be after startedAt';
  if (r.endedAt.getTime() - r.startedAt.getTime() > MAX_SPAN_MS) return 'a recording may span at most 24 hours';
  if (r.endedAt.getTime() > now.getTime() + SKEW_MS) return 'endedAt is in the future';
  if (r.violation && r.kind !== 'WASTE_CONTAINER') return 'violation marks only waste-container recordings (000)';
  if (expiresAt(r.kind, r.endedAt, policy, !!r.violation).getTime() <= now.getTime()) {
    return r.kind === 'WASTE_CONTAINER' && !r.violation
      ? `already past its ${WASTE_UNMARKED_HOURS}-hour period (000)`
      : `already past its ${policy[r.kind]}-day retention`;
  }
  if (!/^[0-9a-f]{64}$/.test(r.sha256)) return 'sha256 must be 64 lowercase hex characters';
  if (!Number.isSafeInteger(r.sizeBytes) || r.sizeBytes <= 0) return 'sizeBytes must be a positive integer';
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(r.storageRef) || r.storageRef.length > 1000)
    return 'storageRef must be a URI of at most 1000 characters';
  return null;
}
