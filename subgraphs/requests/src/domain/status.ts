// The life of a footage request, pure: which action moves which status where. Everything not in
// the table is illegal (the resolvers answer CONFLICT and change nothing).
//
//   SUBMITTED ─START_REVIEW─▶ IN_REVIEW ─APPROVE─▶ APPROVED ─FULFIL─▶ FULFILLED ─CLOSE─▶ CLOSED
//                                 └─REJECT─▶ REJECTED
//   SUBMITTED | IN_REVIEW | APPROVED ─EXPIRE─▶ EXPIRED   (the footage no longer exists)
//
// CLOSED is the end of a fulfilled request: the investigation no longer needs the footage, so the
// legal hold its approval placed is released and the recordings return to normal retention.

export const REQUEST_KINDS = ['POLICE_REPORT', 'PROSECUTOR', 'DATA_SUBJECT_ACCESS'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = [
  'SUBMITTED',
  'IN_REVIEW',
  'APPROVED',
  'FULFILLED',
  'REJECTED',
  'EXPIRED',
  'CLOSED',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const TRANSITIONS = {
  START_REVIEW: { from: ['SUBMITTED'], to: 'IN_REVIEW' },
  APPROVE: { from: ['IN_REVIEW'], to: 'APPROVED' },
  REJECT: { from: ['IN_REVIEW'], to: 'REJECTED' },
  FULFIL: { from: ['APPROVED'], to: 'FULFILLED' },
  EXPIRE: { from: ['SUBMITTED', 'IN_REVIEW', 'APPROVED'], to: 'EXPIRED' },
  CLOSE: { from: ['FULFILLED'], to: 'CLOSED' },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type RequestAction = keyof typeof TRANSITIONS;
export const REQUEST_ACTIONS = Object.keys(TRANSITIONS) as RequestAction[];

/** The status after `action`, or null when the action is illegal in `status`. */
export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  const t = TRANSITIONS[action];
  return (t.from as readonly RequestStatus[]).includes(status) ? t.to : null;
}

/** Not yet answered: the deadline still runs. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['SUBMITTED', 'IN_REVIEW', 'APPROVED'];
export const isOpen = (status: RequestStatus) => OPEN_STATUSES.includes(status);

/** Police-report and prosecutor requests secure footage (legal hold) when approved; access requests do not. */
export const securesFootage = (kind: RequestKind) => kind !== 'DATA_SUBJECT_ACCESS';

/** Decisions: a review approves or rejects; an access request is answered by a viewing appointment or a refusal. */
export const REQUEST_DECISIONS = ['APPROVED', 'REJECTED', 'VIEWING_GRANTED', 'REFUSED'] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];
export const ACCESS_DECISIONS = ['VIEWING_GRANTED', 'REFUSED'] as const;
export type AccessDecision = (typeof ACCESS_DECISIONS)[number];

/**
 * Where the footage's legal hold stands: NONE (nothing asked, access requests always), PENDING
 * (asked of the footage subgraph), PLACED, NOT_FOUND (no footage of those cameras in that window
 * exists), RELEASE_PENDING, RELEASED.
 */
export const HOLD_STATUSES = ['NONE', 'PENDING', 'PLACED', 'NOT_FOUND', 'RELEASE_PENDING', 'RELEASED'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

const VERB: Record<RequestAction, string> = {
  START_REVIEW: 'taken into review',
  APPROVE: 'approved',
  REJECT: 'rejected',
  FULFIL: 'fulfilled',
  EXPIRE: 'expired',
  CLOSE: 'closed',
};
export const illegalMessage = (status: RequestStatus, action: RequestAction) =>
  `A ${status} request cannot be ${VERB[action]} (allowed from ${TRANSITIONS[action].from.join(', ')})`;

export type Problem = { code: 'BAD_USER_INPUT' | 'CONFLICT'; message: string };

/** A review action's own requirement: a rejection says why. */
export function reviewProblem(
  action: 'START_REVIEW' | 'APPROVE' | 'REJECT',
  reason: string | null | undefined,
): Problem | null {
  if (reason != null && reason.length > 2000)
    return { code: 'BAD_USER_INPUT', message: 'reason is at most 2000 characters' };
  if (action === 'REJECT' && !reason?.trim()) return { code: 'BAD_USER_INPUT', message: 'a rejection needs a reason' };
  return null;
}

export interface FulfilInput {
  decision?: AccessDecision | null;
  reason?: string | null;
  appointmentAt?: Date | null;
}

/**
 * Fulfilling: a police/prosecutor request once its footage is secured (the hold is confirmed);
 * an access request by recording the answer — a viewing appointment (in the future, and before the
 * window's footage is deleted: an access request secures nothing, 002 keeps footage 4 weeks unless a
 * report or complaint needs it) or a refusal, each with its text. The citizen never receives a
 * recording or a link (002). `footageDeletedFrom`: when the window's first footage goes (deadlines.ts).
 */
export function fulfilProblem(
  kind: RequestKind,
  holdStatus: HoldStatus,
  input: FulfilInput,
  now: Date,
  footageDeletedFrom: Date,
): Problem | null {
  if (input.reason != null && input.reason.length > 2000)
    return { code: 'BAD_USER_INPUT', message: 'reason is at most 2000 characters' };
  if (securesFootage(kind)) {
    if (input.decision || input.appointmentAt)
      return { code: 'BAD_USER_INPUT', message: 'decision and appointmentAt answer access requests only' };
    if (holdStatus !== 'PLACED')
      return {
        code: 'CONFLICT',
        message: `The footage is not secured (hold ${holdStatus}): fulfil once the legal hold is placed`,
      };
    return null;
  }
  if (!input.decision)
    return {
      code: 'BAD_USER_INPUT',
      message: 'an access request is answered with a decision: VIEWING_GRANTED or REFUSED',
    };
  if (!input.reason?.trim()) {
    return {
      code: 'BAD_USER_INPUT',
      message:
        input.decision === 'REFUSED' ? 'a refusal needs its reason' : 'say where the viewing takes place (reason)',
    };
  }
  if (input.decision === 'VIEWING_GRANTED') {
    if (!input.appointmentAt)
      return { code: 'BAD_USER_INPUT', message: 'a viewing needs its appointment time (appointmentAt)' };
    if (input.appointmentAt.getTime() <= now.getTime())
      return { code: 'BAD_USER_INPUT', message: 'the appointment must be in the future' };
    if (input.appointmentAt.getTime() >= footageDeletedFrom.getTime()) {
      return {
        code: 'CONFLICT',
        message: `the footage of this window is deleted from ${footageDeletedFrom.toISOString()} (retention): the viewing must be before then`,
      };
    }
  } else if (input.appointmentAt) {
    return { code: 'BAD_USER_INPUT', message: 'a refusal has no appointment' };
  }
  return null;
}

/** What the citizen reads as the answer: the appointment is part of the decision text (they see no other field of it). */
export function accessDecisionText(input: FulfilInput): string {
  const reason = input.reason!.trim();
  return input.decision === 'VIEWING_GRANTED'
    ? `Viewing appointment ${input.appointmentAt!.toISOString()}: ${reason}`
    : reason;
}
