// Free text that enters the audit log — a purpose, a case reference, a reason — is what the authority
// reads there, so it must be what was typed and say something. The one rule: subgraph-kit
// (requirePurpose, requireLogText) applies it to arguments with the field's name; append() applies it
// again to every entry's purpose, so a path that forgot is refused (AuditTextError) and writes nothing.

// Refused anywhere in log text: control characters (Cc: C0, DEL, C1 — newlines and tabs included),
// format characters (Cf: the bidirectional controls U+202A-202E/2066-2069, zero-width space, joiners,
// BOM, soft hyphen, …), line/paragraph separators (Zl, Zp) and private-use characters (Co): each can
// hide, reorder or fake what an auditor reads.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]/u;
// ... and the text must say something: at least one letter or digit.
const VISIBLE = /[\p{L}\p{N}]/u;

/** Why `value` cannot be log text (null when it can). Checks the untrimmed text. */
export function logTextProblem(name: string, value: string): string | null {
  if (HIDDEN.test(value)) return `${name} contains control, bidirectional or invisible characters`;
  if (!VISIBLE.test(value)) return `${name} must contain letters or digits`;
  return null;
}

/** An entry whose purpose is not log text: a caller error (BAD_USER_INPUT), nothing appended. */
export class AuditTextError extends Error {
  // graphql-js carries an original error's extensions: the subgraph answers BAD_USER_INPUT
  readonly extensions = { code: 'BAD_USER_INPUT', http: { status: 400 } };
  constructor(problem: string) {
    super(`${problem} (it is written to the audit log as typed)`);
    this.name = 'AuditTextError';
  }
}

/**
 * The audit purpose of a use under third parties' access grants (004): the caller's purpose, naming each
 * grant, so an entry shows which agreement allowed it. One form for every subgraph that uses grants.
 */
export const underGrants = (purpose: string, grants: Array<{ id: string; reference: string }>): string =>
  grants.length === 0
    ? purpose
    : `${purpose} [under access grant ${grants.map((g) => `${g.id}: ${g.reference}`).join('; ')}]`;
