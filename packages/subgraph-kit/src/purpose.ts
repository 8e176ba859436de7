// The purpose of a read of personal data, as it goes into the audit log: a case number or a reason
// (000, 003 §5.2.3: access is logged; art. 126jj Sv: every ANPR query with its purpose). One rule for
// every subgraph that asks for one, and for every other free text that enters the log (case
// reference, reason): what the authority reads there must be what was typed (@hub/audit text.ts).
import { logTextProblem } from '@hub/audit';
import { badInput } from './errors.js';

export const PURPOSE_MIN = 3;
export const PURPOSE_MAX = 500;

// The rule itself lives with the log (@hub/audit text.ts), which applies it again to every entry's
// purpose; here it names the argument.
export { logTextProblem };

/** Trimmed log text of min-max characters; BAD_USER_INPUT naming the field otherwise. */
export function requireLogText(
  name: string,
  value: string | null | undefined,
  opts: { min?: number; max: number },
): string {
  const v = value?.trim() ?? '';
  const min = opts.min ?? 1;
  if (v.length < min || v.length > opts.max) throw badInput(`${name} is required (${min}-${opts.max} characters)`);
  const problem = logTextProblem(name, v);
  if (problem) throw badInput(problem);
  return v;
}

/** The trimmed purpose; BAD_USER_INPUT when blank, out of 3–500 characters or not visible text. */
export function requirePurpose(purpose: string | null | undefined): string {
  const p = purpose?.trim() ?? '';
  if (p.length < PURPOSE_MIN || p.length > PURPOSE_MAX) {
    throw badInput(`purpose is required: a case number or reason (${PURPOSE_MIN}-${PURPOSE_MAX} characters)`);
  }
  const problem = logTextProblem('purpose', p);
  if (problem) throw badInput(problem);
  return p;
}

/** An optional purpose: absent stays null, given it must be a real one. */
export function optionalPurpose(purpose: string | null | undefined): string | null {
  return purpose == null ? null : requirePurpose(purpose);
}
