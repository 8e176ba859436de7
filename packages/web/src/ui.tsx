// Small shared pieces: data loading, errors shown as the API gave them, headings.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TadaDocumentNode } from 'gql.tada';
import { request, type ApiError } from './graphql';
import { L } from './i18n';

export function useQuery<R, V>(doc: TadaDocumentNode<R, V>, variables: V, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: R | null; errors?: ApiError[]; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    request(doc, variables).then((r) => live && setState({ data: r.data, errors: r.errors, loading: false }));
    return () => {
      live = false;
    };
  }, [tick, ...deps]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function describeError(e: ApiError): string {
  switch (e.extensions?.code) {
    case 'FORBIDDEN':
      return `${L('Niet toegestaan', 'Not allowed')}: ${e.message}`;
    case 'UNAUTHENTICATED':
      return `${L('Meld je aan', 'Please sign in')}: ${e.message}`;
    case 'NOT_FOUND':
      return `${L('Niet gevonden', 'Not found')}: ${e.message}`;
    case 'NETWORK':
      return L('De hub is niet bereikbaar', 'The hub cannot be reached');
    default:
      return e.message;
  }
}

export function Errors({ errors }: { errors?: readonly ApiError[] }) {
  if (!errors?.length) return null;
  return (
    <div class="errors" role="alert">
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{describeError(e)}</li>
        ))}
      </ul>
    </div>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p aria-live="polite">{L('Laden…', 'Loading…')}</p> : null;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const hid = `h-${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={hid} class="card">
      <h2 id={hid}>{title}</h2>
      {children}
    </section>
  );
}

export const edgesOf = <T,>(c: { edges: ReadonlyArray<{ node: T }> } | null | undefined): T[] =>
  c ? c.edges.map((e) => e.node) : [];
