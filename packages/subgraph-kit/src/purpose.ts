// The purpose of a read of personal data, as it goes into the audit log: a case number or a reason
// (000, 003 §5.2.3: access is logged; art. 126jj Sv: every ANPR query with its purpose). One rule for
// every subgraph that asks for one.
import { badInput } from './errors.js';

export const PURPOSE_MIN = 3;
export const PURPOSE_MAX = 500;

/** The trimmed purpose; BAD_USER_INPUT when blank or out of 3–500 characters. */
export function requirePurpose(purpose: string | null | undefined): string {
  const p = purpose?.trim() ?? '';
  if (p.length < PURPOSE_MIN || p.length > PURPOSE_MAX) {
    throw badInput(`purpose is required: a case number or reason (${PURPOSE_MIN}-${PURPOSE_MAX} characters)`);
  }
  return p;
}

/** An optional purpose: absent stays null, given it must be a real one. */
export function optionalPurpose(purpose: string | null | undefined): string | null {
  return purpose == null ? null : requirePurpose(purpose);
}
