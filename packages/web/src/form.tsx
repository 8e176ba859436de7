// Form helpers: a BAD_USER_INPUT from the API is shown at the field it is about (extensions.field,
// or the field path that starts each part of an "Invalid input: …" message); the rest above the form.
import type { ComponentChildren } from 'preact';
import type { ApiError } from './graphql';

/** Field path → message, and the errors that belong to no field. */
export function fieldErrors(
  errors: readonly ApiError[] | undefined,
  fields: readonly string[],
): { byField: Record<string, string>; rest: ApiError[] } {
  const byField: Record<string, string> = {};
  const rest: ApiError[] = [];
  for (const e of errors ?? []) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') {
      rest.push(e);
      continue;
    }
    const direct = e.extensions.field;
    if (direct && fields.includes(direct)) {
      byField[direct] = e.message;
      continue;
    }
    const parts = e.message.replace(/^Invalid input:\s*/, '').split(/;\s*/);
    let placed = false;
    for (const part of parts) {
      const path = /^([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s/.exec(part)?.[1];
      // the message starts with the field's path ("place is required"), else names it as a word
      const f =
        (path &&
          (fields.includes(path) ? path : fields.find((x) => x.endsWith(`.${path}`) || path.endsWith(`.${x}`)))) ||
        fields.find((x) => new RegExp(`\\b${x.split('.').pop()}\\b`).test(part));
      if (f) {
        byField[f] = part;
        placed = true;
      }
    }
    if (!placed) rest.push(e);
  }
  return { byField, rest };
}

export function Field({
  id,
  label,
  error,
  children,
  hint,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`} data-error-for={id}>
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes of an input with an optional error and hint. */
export const aria = (id: string, error?: string, hint?: boolean) => ({
  id,
  name: id,
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
});
