// A citizen: ask to see footage of yourself (GDPR art. 15, a data-subject access request) and
// follow your own requests: status, the date they must be answered by, the decision. Never a
// recording or a link; another person's request is NOT_FOUND (the API decides).
import { useEffect, useState } from 'preact/hooks';
import { graphql, request, subscribeLiveOnce, type ApiError } from '../graphql';
import { L, REQUEST_STATUS_TEXT, fmtDate, fmtDateTime, text } from '../i18n';
import { Field, aria, fieldErrors } from '../form';
import { session } from '../session';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';
import { MUNICIPALITIES } from '../municipalities';

const MY_REQUESTS = graphql(`
  query MyRequests {
    myRequests(first: 100) {
      edges {
        node {
          id
          kind
          status
          filedAt
          dueAt
          extendedUntil
          extensionReason
          decision
          decisionReason
          place
          windowStart
          windowEnd
        }
      }
    }
  }
`);
const CAMERAS = graphql(`
  query CitizenCameras($m: String!) {
    cameras(filter: { municipality: $m }, first: 100) {
      edges {
        node {
          id
          name
          street
          kind
        }
      }
    }
  }
`);
const FILE = graphql(`
  mutation FileAccess($input: FileAccessRequestInput!) {
    fileAccessRequest(input: $input) {
      id
      status
      dueAt
    }
  }
`);
const CHANGED = graphql(`
  subscription MyRequestChanged {
    footageRequestChanged {
      id
      status
    }
  }
`);

const DECISION_TEXT: Record<string, [string, string]> = {
  APPROVED: ['Goedgekeurd', 'Approved'],
  REJECTED: ['Afgewezen', 'Rejected'],
  VIEWING_GRANTED: ['U mag de beelden inzien', 'You may view the footage'],
  REFUSED: ['Inzage geweigerd', 'Viewing refused'],
};
const FIELDS = ['cameraIds', 'windowStart', 'windowEnd', 'place', 'description'] as const;

export function Citizen() {
  if (session.who?.kind !== 'citizen') return <p>{L('Meld je aan als burger.', 'Sign in as a citizen.')}</p>;
  return <CitizenPage />;
}

function CitizenPage() {
  const q = useQuery(MY_REQUESTS, {}, []);
  // a request that changes (taken into review, answered) reloads the list
  useEffect(() => subscribeLiveOnce(CHANGED, {}, () => q.reload()), []);
  const reqs = edgesOf(q.data?.myRequests);
  return (
    <>
      <h1>{L('Mijn inzageverzoeken', 'My access requests')}</h1>
      <p class="muted">
        {L(
          'U mag vragen of u gefilmd bent en die beelden inzien (AVG art. 15). Een verzoek wordt binnen een maand beantwoord; die termijn kan eenmaal met redenen worden verlengd.',
          'You may ask whether you were filmed and view that footage (GDPR art. 15). A request is answered within a month; that may be extended once, with reasons.',
        )}
      </p>
      <Errors errors={q.errors} />
      <Loading when={q.loading && !q.data} />
      <Section title={L('Ingediende verzoeken', 'Requests filed')} id="mine">
        {q.data && reqs.length === 0 && (
          <p>{L('U heeft nog geen verzoeken ingediend.', 'You have not filed any requests yet.')}</p>
        )}
        {reqs.length > 0 && (
          <table data-testid="my-requests">
            <thead>
              <tr>
                <th scope="col">{L('Ingediend', 'Filed')}</th>
                <th scope="col">{L('Wanneer', 'When')}</th>
                <th scope="col">{L('Status', 'Status')}</th>
                <th scope="col">{L('Uiterlijk beantwoord', 'Answer due by')}</th>
                <th scope="col">{L('Besluit', 'Decision')}</th>
              </tr>
            </thead>
            <tbody>
              {reqs.map((r) => (
                <tr key={r.id} data-request={r.id} data-status={r.status}>
                  <td>{fmtDate(r.filedAt)}</td>
                  <td>
                    {fmtDateTime(r.windowStart)} – {fmtDateTime(r.windowEnd)}
                    <br />
                    <span class="muted">{r.place}</span>
                  </td>
                  <td>{text(REQUEST_STATUS_TEXT, r.status)}</td>
                  <td data-due={r.dueAt}>
                    {fmtDate(r.dueAt)}
                    {r.extendedUntil && (
                      <>
                        <br />
                        <span class="muted">
                          {L('verlengd', 'extended')}: {r.extensionReason}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {r.decision ? text(DECISION_TEXT, r.decision) : '—'}
                    {r.decisionReason && (
                      <>
                        <br />
                        <span class="muted">{r.decisionReason}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <FileForm onDone={q.reload} />
    </>
  );
}

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function FileForm({ onDone }: { onDone: () => void }) {
  const [m, setM] = useState('GM0344');
  const cams = useQuery(CAMERAS, { m }, [m]);
  const cameras = edgesOf(cams.data?.cameras);
  const [v, setV] = useState(() => {
    const end = new Date(Date.now() - 3_600_000);
    return {
      camera: '',
      windowStart: localInput(new Date(end.getTime() - 3_600_000)),
      windowEnd: localInput(end),
      place: '',
      description: '',
    };
  });
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const [filed, setFiled] = useState<{ id: string; dueAt: string }>();
  const { byField, rest } = fieldErrors(errors, FIELDS);
  const set = (k: keyof typeof v) => (e: Event) => setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
  const toIso = (s: string) => (s ? new Date(s).toISOString() : '');
  const submit = async (e: Event) => {
    e.preventDefault();
    setFiled(undefined);
    const r = await request(FILE, {
      input: {
        cameraIds: v.camera ? [v.camera] : [],
        windowStart: toIso(v.windowStart),
        windowEnd: toIso(v.windowEnd),
        place: v.place,
        description: v.description,
      },
    });
    setErrors(r.errors);
    if (r.data && !r.errors) {
      setFiled(r.data.fileAccessRequest);
      onDone();
    }
  };
  return (
    <Section title={L('Een inzageverzoek indienen', 'File an access request')} id="file">
      <form class="stack" onSubmit={submit} noValidate>
        <Errors errors={rest} />
        {filed && (
          <p class="ok" role="status" data-testid="filed">
            {L('Uw verzoek is ingediend. Het moet uiterlijk', 'Your request is filed. It must be answered by')}{' '}
            <strong>{fmtDate(filed.dueAt)}</strong> {L('beantwoord zijn.', '.')}
          </p>
        )}
        <Field id="c-municipality" label={L('Gemeente', 'Municipality')}>
          <select {...aria('c-municipality')} value={m} onChange={(e) => setM(e.currentTarget.value)}>
            {MUNICIPALITIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="c-camera" label={L('Camera', 'Camera')} error={byField.cameraIds}>
          <select {...aria('c-camera', byField.cameraIds)} value={v.camera} onChange={set('camera')}>
            <option value="">{L('— kies een camera —', '— pick a camera —')}</option>
            {cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.street})
              </option>
            ))}
          </select>
        </Field>
        <Field id="c-windowStart" label={L('Van (datum en tijd)', 'From (date and time)')} error={byField.windowStart}>
          <input
            type="datetime-local"
            {...aria('c-windowStart', byField.windowStart)}
            value={v.windowStart}
            onInput={set('windowStart')}
          />
        </Field>
        <Field id="c-windowEnd" label={L('Tot (datum en tijd)', 'To (date and time)')} error={byField.windowEnd}>
          <input
            type="datetime-local"
            {...aria('c-windowEnd', byField.windowEnd)}
            value={v.windowEnd}
            onInput={set('windowEnd')}
          />
        </Field>
        <Field id="c-place" label={L('Waar was u?', 'Where were you?')} error={byField.place}>
          <input {...aria('c-place', byField.place)} value={v.place} onInput={set('place')} />
        </Field>
        <Field
          id="c-description"
          label={L('Hoe herkennen we u op de beelden?', 'How can we recognise you in the footage?')}
          error={byField.description}
        >
          <textarea
            {...aria('c-description', byField.description)}
            value={v.description}
            onInput={set('description')}
            rows={3}
          />
        </Field>
        <p>
          <button type="submit">{L('Verzoek indienen', 'File request')}</button>
        </p>
      </form>
    </Section>
  );
}
