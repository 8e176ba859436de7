// Access requests that reach the controller outside the hub — by letter, at the desk, by e-mail —
// are registered by the staff who handle requests, with the moment they were received: the month
// to answer runs from receipt, not from when someone typed it in (AVG art. 12(3) "binnen een maand na
// ontvangst van het verzoek"; DESIGN.md §3, data-subject access request; 002 "Verzoek tot inzage",
// 004 "formulier"). Pure: the time is passed in.
import { DAY_MS } from './deadlines.js';
import { SKEW_MS } from './filing.js';

/** How a request reached the controller: HUB (filed through the hub, received as filed) or outside it. */
export const REQUEST_CHANNELS = ['HUB', 'LETTER', 'DESK', 'EMAIL'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
/** The channels staff register a received request from (a HUB request is filed by the person: fileAccessRequest). */
export const RECEIVED_CHANNELS: readonly RequestChannel[] = ['LETTER', 'DESK', 'EMAIL'];

/**
 * How far back a receipt may be registered: a sanity bound, not a legal one (a receipt dated more
 * than a year back is far likelier a mistyped year than a letter found late).
 */
export const MAX_RECEIVED_AGE_DAYS = 365;

export interface Receipt {
  receivedAt: Date;
  channel: string;
}

/** Why this receipt cannot be registered now for a request about a window ending at `windowEnd` (null: it can). */
export function receiptProblem(r: Receipt, windowEnd: Date, now: Date): string | null {
  if (!(RECEIVED_CHANNELS as readonly string[]).includes(r.channel))
    return `channel must be one of ${RECEIVED_CHANNELS.join(', ')} (a person files through the hub with fileAccessRequest)`;
  const at = r.receivedAt.getTime();
  if (Number.isNaN(at)) return 'receivedAt must be a valid time';
  // the same clock skew as a window ending "now" (filing.ts)
  if (at > now.getTime() + SKEW_MS) return 'receivedAt cannot be in the future';
  if (now.getTime() - at > MAX_RECEIVED_AGE_DAYS * DAY_MS)
    return `receivedAt may lie at most ${MAX_RECEIVED_AGE_DAYS} days back`;
  // only footage recorded before the request was made can be asked for
  if (windowEnd.getTime() > at + SKEW_MS) return 'the window cannot end after the request was received';
  return null;
}
