// Deadlines of footage requests, pure: time is passed in (tests move the clock).
import { isOpen, type Problem, type RequestKind, type RequestStatus } from './status.js';

export const DAY_MS = 24 * 3_600_000;
/** Public-order and bodycam footage is kept at most 28 days (000; 001; 002 "4 weken"; 003 §5.3). */
export const RETENTION_DAYS = 28;
/** A victim's report must reach the police within 21 days so the footage still exists at 28 (001). */
export const REPORT_WINDOW_DAYS = 21;
/** An access request is answered within one month (GDPR art. 12(3)). */
export const ACCESS_RESPONSE_MONTHS = 1;
/** … extendable by two further months for complex requests, if the person is told within the first month. */
export const ACCESS_EXTENSION_MONTHS = 2;

/**
 * Calendar months later, same time of day; a day the target month lacks becomes its last day
 * (31 January + 1 month = 28/29 February), as periods in months are counted (Reg. 1182/71 art. 3).
 */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
}

/** The first footage of the window is deleted from this moment (retention counts from a recording's end, never earlier). */
export const firstDeletionAt = (windowStart: Date) => new Date(windowStart.getTime() + RETENTION_DAYS * DAY_MS);

/** From this moment all footage of the window is past its retention: gone unless a legal hold secures it. */
export const allDeletedAt = (windowEnd: Date) => new Date(windowEnd.getTime() + RETENTION_DAYS * DAY_MS);

export const pastRetention = (windowEnd: Date, now: Date) => now.getTime() >= allDeletedAt(windowEnd).getTime();

/**
 * Whether a request filed past retention expires at once (`now`: when it was received — for an access
 * request registered from a letter, the footage that still existed then is what it asks about). Past retention the footage exists only if a
 * legal hold secures it — police knowledge. An access request (a citizen's) is answered from what the
 * citizen may know, the 28-day retention period, never from holds: SUBMITTED-when-held against
 * EXPIRED-otherwise would tell them where the police secured footage.
 */
export async function expiresAtFiling(
  kind: RequestKind,
  windowEnd: Date,
  now: Date,
  held: () => Promise<boolean>,
): Promise<boolean> {
  if (!pastRetention(windowEnd, now)) return false;
  if (kind === 'DATA_SUBJECT_ACCESS') return true;
  return !(await held());
}

/** A police-report request about footage older than 21 days is flagged: it may be too late (001). */
export function flaggedLate(kind: RequestKind, windowStart: Date, now: Date): boolean {
  return kind === 'POLICE_REPORT' && now.getTime() - windowStart.getTime() > REPORT_WINDOW_DAYS * DAY_MS;
}

/**
 * Due date: an access request one month after the controller received it (GDPR art. 12(3) "within
 * one month of receipt"): filed through the hub, that is its filing; by letter, at the desk or by
 * e-mail, the moment registered with it (intake.ts). A police or prosecutor request is due before
 * the first footage of its window is deleted.
 */
export function dueAt(kind: RequestKind, receivedAt: Date, windowStart: Date): Date {
  return kind === 'DATA_SUBJECT_ACCESS' ? addMonths(receivedAt, ACCESS_RESPONSE_MONTHS) : firstDeletionAt(windowStart);
}

export const isOverdue = (r: { status: RequestStatus; dueAt: Date }, now: Date) =>
  isOpen(r.status) && now.getTime() > r.dueAt.getTime();

export const daysOverdue = (due: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - due.getTime()) / DAY_MS));

export interface Extendable {
  kind: RequestKind;
  status: RequestStatus;
  /** One month after filing: the extension must be decided (and the person told) before it. */
  originalDueAt: Date;
  extendedUntil: Date | null;
}

/**
 * Extending an access request (GDPR art. 12(3)): access requests only, once, while open, within
 * the first month, to a date after the original due date and at most two months beyond it, with a reason.
 */
export function extensionProblem(r: Extendable, until: Date, reason: string, now: Date): Problem | null {
  if (r.kind !== 'DATA_SUBJECT_ACCESS')
    return { code: 'BAD_USER_INPUT', message: 'only access requests have a deadline to extend' };
  if (!reason.trim() || reason.length > 2000)
    return { code: 'BAD_USER_INPUT', message: 'an extension needs its reason (at most 2000 characters)' };
  if (Number.isNaN(until.getTime())) return { code: 'BAD_USER_INPUT', message: 'until must be a valid time' };
  if (!isOpen(r.status)) return { code: 'CONFLICT', message: `A ${r.status} request is answered: nothing to extend` };
  if (r.extendedUntil) return { code: 'CONFLICT', message: 'The deadline was already extended once' };
  if (now.getTime() >= r.originalDueAt.getTime())
    return { code: 'CONFLICT', message: 'An extension must be decided within the first month' };
  if (until.getTime() <= r.originalDueAt.getTime())
    return { code: 'BAD_USER_INPUT', message: 'until must be after the current due date' };
  if (until.getTime() > addMonths(r.originalDueAt, ACCESS_EXTENSION_MONTHS).getTime()) {
    return {
      code: 'BAD_USER_INPUT',
      message: `the deadline may be extended by at most ${ACCESS_EXTENSION_MONTHS} months`,
    };
  }
  return null;
}
