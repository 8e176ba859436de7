// How a footage request ended, as the half-yearly council report counts it (003 §6.1). Pure.
import { isOpen, type RequestStatus } from './status.js';

export const COUNCIL_OUTCOMES = ['PENDING', 'GRANTED', 'REFUSED', 'EXPIRED'] as const;
export type CouncilOutcome = (typeof COUNCIL_OUTCOMES)[number];

/**
 * PENDING: not answered yet; GRANTED: footage secured and handed over, or viewing granted (an access
 * request); REFUSED: rejected on review, or an access request answered with a refusal; EXPIRED: the
 * footage was gone (28 days) before the request could be answered.
 */
export function councilOutcome(status: RequestStatus, decision: string | null): CouncilOutcome {
  if (isOpen(status)) return 'PENDING';
  if (status === 'EXPIRED') return 'EXPIRED';
  if (status === 'REJECTED' || decision === 'REFUSED' || decision === 'REJECTED') return 'REFUSED';
  return 'GRANTED';
}
