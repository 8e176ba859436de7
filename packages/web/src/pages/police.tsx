// The police: who may have filmed this (public and declared cameras near a point picked on the
// map), a camera's recordings metadata (a purpose is mandatory and every read is audited), and
// the footage-request queue with its deadlines and review actions, and registering an access request
// that reached the police by letter, at the desk or by e-mail (the month to answer runs from receipt).
import { useCallback, useState } from 'preact/hooks';
import { graphql, request, type ApiError, type ResultOf } from '../graphql';
import { CHANNEL_TEXT, L, REQUEST_STATUS_TEXT, fmtDate, fmtDateTime, fmtNumber, text } from '../i18n';
import { Field, aria, fieldErrors } from '../form';
import { MapView, NEUTRAL } from '../map';
import { session } from '../session';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';

const DAY = 86_400_000;

const NEAR = graphql(`
  query Near($lat: Float!, $lon: Float!, $r: Float!) {
    camerasNear(lat: $lat, lon: $lon, radiusMeters: $r, first: 100) {
      source
      distanceMeters
      liveView
      location {
        latitude
        longitude
      }
      camera {
        id
        name
        street
        kind
        status
      }
      registration {
        id
        ownerName
        address
        contactName
        contactPhone
        alarmCentre
      }
    }
  }
`);
const RECORDINGS = graphql(`
  query Recordings($filter: RecordingFilter, $purpose: String!) {
    recordings(filter: $filter, purpose: $purpose, first: 100) {
      edges {
        node {
          id
          kind
          startedAt
          endedAt
          expiresAt
          sizeBytes
          sourceSystem
          underHold
          camera {
            name
          }
        }
      }
    }
  }
`);
const QUEUE = graphql(`
  query Queue($status: RequestStatus) {
    footageRequests(first: 100, filter: { status: $status }) {
      edges {
        node {
          id
          kind
          reportNumber
          caseReference
          status
          filedAt
          channel
          receivedAt
          dueAt
          overdue
          flaggedLate
          place
          municipality
          holdStatus
          recordingCount
          cameras {
            id
            name
          }
        }
      }
    }
  }
`);
const REVIEW = graphql(`
  mutation Review($id: ID!, $action: RequestReviewAction!, $reason: String) {
    reviewFootageRequest(id: $id, action: $action, reason: $reason) {
      id
      status
    }
  }
`);

export function Police() {
  if (session.who?.kind !== 'police') return <p>{L('Meld je aan als politie.', 'Sign in as the police.')}</p>;
  return <PolicePage />;
}

function PolicePage() {
  const [camera, setCamera] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      <h1>{L('Politie', 'Police')}</h1>
      <Nearby onCamera={setCamera} />
      <Recordings camera={camera} onCamera={setCamera} />
      <Queue />
      <ReceivedRequest />
    </>
  );
}

type Near = ResultOf<typeof NEAR>['camerasNear'][number];

function Nearby({ onCamera }: { onCamera: (c: { id: string; name: string }) => void }) {
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [radius, setRadius] = useState('250');
  const [rows, setRows] = useState<Near[]>();
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const search = async (lat: number, lon: number, r = radius) => {
    setPicked([lat, lon]);
    const res = await request(NEAR, { lat, lon, r: Number(r) });
    setErrors(res.errors);
    setRows(res.data?.camerasNear);
  };
  const onPick = useCallback((lat: number, lon: number) => void search(lat, lon), [radius]);
  const points = (rows ?? []).map((n, i) => ({
    id: `${i}`,
    lat: n.location.latitude,
    lon: n.location.longitude,
    label: n.camera
      ? `${n.camera.name} (${Math.round(n.distanceMeters)} m)`
      : `${n.registration?.ownerName ?? L('aangemeld', 'declared')} (${Math.round(n.distanceMeters)} m)`,
    color: n.source === 'PUBLIC' ? NEUTRAL : '#8250df',
  }));
  return (
    <Section title={L('Wie kan dit gefilmd hebben?', 'Who may have filmed this?')} id="near">
      <p class="muted">
        {L(
          'Klik op de kaart (of vul de coördinaten in): openbare en aangemelde camera’s binnen de straal, dichtstbij eerst. Elke zoekvraag komt in de auditlog.',
          'Click the map (or enter the coordinates): public and declared cameras within the radius, nearest first. Every search is written to the audit log.',
        )}
      </p>
      <div class="grid">
        <MapView
          points={points}
          label={L('Kaart om een punt te kiezen', 'Map to pick a point')}
          onPick={onPick}
          picked={picked}
        />
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void search(Number(f.get('p-lat')), Number(f.get('p-lon')));
          }}
        >
          <Field id="p-lat" label={L('Breedtegraad', 'Latitude')}>
            <input
              {...aria('p-lat')}
              type="number"
              step="any"
              defaultValue={picked ? picked[0].toFixed(5) : '52.0926'}
              key={`lat-${picked?.[0]}`}
            />
          </Field>
          <Field id="p-lon" label={L('Lengtegraad', 'Longitude')}>
            <input
              {...aria('p-lon')}
              type="number"
              step="any"
              defaultValue={picked ? picked[1].toFixed(5) : '5.1190'}
              key={`lon-${picked?.[1]}`}
            />
          </Field>
          <Field id="p-radius" label={L('Straal (meter)', 'Radius (metres)')}>
            <select {...aria('p-radius')} value={radius} onChange={(e) => setRadius(e.currentTarget.value)}>
              {['100', '250', '500', '1000'].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
          <p>
            <button type="submit">{L('Zoeken', 'Search')}</button>
          </p>
        </form>
      </div>
      <Errors errors={errors} />
      {rows && rows.length === 0 && <p>{L('Geen camera’s binnen deze straal.', 'No cameras within this radius.')}</p>}
      {rows && rows.length > 0 && (
        <table data-testid="near">
          <thead>
            <tr>
              <th scope="col">{L('Afstand', 'Distance')}</th>
              <th scope="col">{L('Soort', 'Kind')}</th>
              <th scope="col">{L('Camera', 'Camera')}</th>
              <th scope="col">{L('Contact', 'Contact')}</th>
              <th scope="col">Live View</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n, i) => (
              <tr key={i} data-source={n.source}>
                <td>{fmtNumber(Math.round(n.distanceMeters))} m</td>
                <td>{n.source === 'PUBLIC' ? L('overheid', 'public') : L('aangemeld', 'declared')}</td>
                <td>
                  {n.camera ? (
                    <button class="link" onClick={() => onCamera({ id: n.camera!.id, name: n.camera!.name })}>
                      {n.camera.name} ({n.camera.street})
                    </button>
                  ) : (
                    `${n.registration?.ownerName ?? '—'}, ${n.registration?.address ?? ''}`
                  )}
                </td>
                <td>
                  {n.registration ? `${n.registration.contactName ?? ''} ${n.registration.contactPhone ?? ''}` : '—'}
                </td>
                <td>{n.liveView ? L('ja', 'yes') : L('nee', 'no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function Recordings({
  camera,
  onCamera,
}: {
  camera: { id: string; name: string } | null;
  onCamera: (c: { id: string; name: string }) => void;
}) {
  const [v, setV] = useState(() => ({
    camera: camera?.id ?? 'utrecht-neude-1',
    purpose: '',
    from: localInput(new Date(Date.now() - 7 * DAY)),
    to: localInput(new Date()),
  }));
  const cameraId = camera?.id ?? v.camera;
  const [rows, setRows] = useState<ResultOf<typeof RECORDINGS>['recordings']['edges'][number]['node'][]>();
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const { byField, rest } = fieldErrors(errors, ['purpose', 'cameraId', 'from', 'to']);
  const set = (k: keyof typeof v) => (e: Event) => setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const res = await request(RECORDINGS, {
      filter: {
        cameraId,
        from: v.from ? new Date(v.from).toISOString() : null,
        to: v.to ? new Date(v.to).toISOString() : null,
      },
      purpose: v.purpose,
    });
    setErrors(res.errors);
    setRows(res.data ? edgesOf(res.data.recordings) : undefined);
  };
  return (
    <Section title={L('Opnamen van een camera', 'Recordings of a camera')} id="recordings">
      <p class="muted">
        {L(
          'Alleen metadata. Een doel (zaaknummer of reden) is verplicht; elke opvraging komt in de auditlog.',
          'Metadata only. A purpose (case number or reason) is mandatory; every read is written to the audit log.',
        )}
      </p>
      <form class="filters" onSubmit={submit} noValidate>
        <Field id="r-camera" label={L('Camera (id)', 'Camera (id)')} error={byField.cameraId}>
          <input
            {...aria('r-camera', byField.cameraId)}
            value={cameraId}
            onInput={(e) => {
              onCamera({ id: e.currentTarget.value, name: e.currentTarget.value });
              set('camera')(e);
            }}
          />
        </Field>
        <Field id="r-purpose" label={L('Doel (verplicht)', 'Purpose (mandatory)')} error={byField.purpose}>
          <input
            {...aria('r-purpose', byField.purpose)}
            value={v.purpose}
            onInput={set('purpose')}
            placeholder="PL0900-2026-…"
          />
        </Field>
        <Field id="r-from" label={L('Vanaf', 'From')} error={byField.from}>
          <input type="datetime-local" {...aria('r-from', byField.from)} value={v.from} onInput={set('from')} />
        </Field>
        <Field id="r-to" label={L('Tot', 'To')} error={byField.to}>
          <input type="datetime-local" {...aria('r-to', byField.to)} value={v.to} onInput={set('to')} />
        </Field>
        <p>
          <button type="submit">{L('Opnamen tonen', 'Show recordings')}</button>
        </p>
      </form>
      <Errors errors={rest} />
      {rows && rows.length === 0 && <p>{L('Geen opnamen in deze periode.', 'No recordings in this period.')}</p>}
      {rows && rows.length > 0 && (
        <table data-testid="recordings">
          <thead>
            <tr>
              <th scope="col">{L('Begin', 'Start')}</th>
              <th scope="col">{L('Einde', 'End')}</th>
              <th scope="col">{L('Soort', 'Kind')}</th>
              <th scope="col">{L('Grootte', 'Size')}</th>
              <th scope="col">{L('Verwijderd op', 'Deleted on')}</th>
              <th scope="col">{L('Bewaarplicht', 'Legal hold')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{fmtDateTime(r.startedAt)}</td>
                <td>{fmtDateTime(r.endedAt)}</td>
                <td>{r.kind}</td>
                <td>{fmtNumber(Math.round(r.sizeBytes / 1e6))} MB</td>
                <td>{fmtDate(r.expiresAt)}</td>
                <td>{r.underHold ? L('ja', 'yes') : L('nee', 'no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

const STATUSES = ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'FULFILLED', 'REJECTED', 'EXPIRED', 'CLOSED'] as const;

function Queue() {
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const q = useQuery(QUEUE, { status: status || null }, [status]);
  const [errors, setErrors] = useState<readonly ApiError[]>();
  // open requests first, the nearest deadline first: that is the order to work in
  const rows = edgesOf(q.data?.footageRequests).sort((a, b) => {
    const open = (s: string) => (['SUBMITTED', 'IN_REVIEW', 'APPROVED'].includes(s) ? 0 : 1);
    return open(a.status) - open(b.status) || Date.parse(a.dueAt) - Date.parse(b.dueAt);
  });
  const act = async (id: string, action: 'START_REVIEW' | 'APPROVE' | 'REJECT') => {
    let reason: string | null = null;
    if (action === 'REJECT') {
      reason = prompt(L('Reden van afwijzing', 'Reason for rejection'));
      if (reason === null) return;
    }
    const r = await request(REVIEW, { id, action, reason });
    setErrors(r.errors);
    if (!r.errors) q.reload();
  };
  return (
    <Section title={L('Verzoeken om beelden', 'Footage requests')} id="queue">
      <Field id="q-status" label={L('Status', 'Status')}>
        <select
          {...aria('q-status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
        >
          <option value="">{L('alle', 'all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {text(REQUEST_STATUS_TEXT, s)}
            </option>
          ))}
        </select>
      </Field>
      <Errors errors={q.errors} />
      <Errors errors={errors} />
      <Loading when={q.loading} />
      {q.data && rows.length === 0 && <p>{L('Geen verzoeken.', 'No requests.')}</p>}
      {rows.length > 0 && (
        <table data-testid="queue">
          <thead>
            <tr>
              <th scope="col">{L('Soort', 'Kind')}</th>
              <th scope="col">{L('Kenmerk', 'Reference')}</th>
              <th scope="col">{L('Plaats', 'Place')}</th>
              <th scope="col">{L('Status', 'Status')}</th>
              <th scope="col">{L('Uiterlijk', 'Due')}</th>
              <th scope="col">{L('Beelden', 'Footage')}</th>
              <th scope="col">{L('Actie', 'Action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-request={r.id} data-status={r.status}>
                <td data-channel={r.channel}>
                  {r.kind}
                  {r.channel !== 'HUB' && (
                    <span class="muted">
                      {' '}
                      ({text(CHANNEL_TEXT, r.channel)}, {L('ontvangen', 'received')} {fmtDate(r.receivedAt)})
                    </span>
                  )}
                </td>
                <td>{r.reportNumber ?? r.caseReference ?? '—'}</td>
                <td>
                  {r.place} <span class="muted">({r.cameras.map((c) => c.name).join(', ')})</span>
                </td>
                <td>{text(REQUEST_STATUS_TEXT, r.status)}</td>
                <td data-due={r.dueAt}>
                  {fmtDateTime(r.dueAt)}
                  {r.overdue && <strong class="bad"> {L('te laat', 'overdue')}</strong>}
                  {r.flaggedLate && (
                    <span class="muted"> {L('(mogelijk te laat ingediend)', '(may be too late)')}</span>
                  )}
                </td>
                <td data-hold={r.holdStatus}>
                  {r.holdStatus} {r.recordingCount > 0 ? `(${r.recordingCount})` : ''}
                </td>
                <td>
                  {r.status === 'SUBMITTED' && (
                    <button class="secondary" onClick={() => act(r.id, 'START_REVIEW')}>
                      {L('In behandeling nemen', 'Start review')}
                    </button>
                  )}
                  {r.status === 'IN_REVIEW' && (
                    <>
                      <button class="secondary" onClick={() => act(r.id, 'APPROVE')}>
                        {L('Goedkeuren', 'Approve')}
                      </button>{' '}
                      <button class="secondary" onClick={() => act(r.id, 'REJECT')}>
                        {L('Afwijzen', 'Reject')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

const RECORD_RECEIVED = graphql(`
  mutation RecordReceived($input: RecordReceivedAccessRequestInput!) {
    recordReceivedAccessRequest(input: $input) {
      id
      status
      channel
      receivedAt
      dueAt
    }
  }
`);

/** An access request that came by letter, at the desk or by e-mail, registered with the day it was received. */
function ReceivedRequest() {
  const [v, setV] = useState(() => ({
    camera: 'utrecht-vredenburg-1',
    windowStart: localInput(new Date(Date.now() - 3 * DAY)),
    windowEnd: localInput(new Date(Date.now() - 3 * DAY + 1_800_000)),
    place: '',
    description: '',
    receivedAt: localInput(new Date(Date.now() - DAY)),
    channel: 'LETTER',
  }));
  const [done, setDone] = useState<ResultOf<typeof RECORD_RECEIVED>['recordReceivedAccessRequest']>();
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const { byField, rest } = fieldErrors(errors, [
    'cameraIds',
    'windowStart',
    'windowEnd',
    'place',
    'description',
    'receivedAt',
  ]);
  const set = (k: keyof typeof v) => (e: Event) =>
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const iso = (local: string) => (local ? new Date(local).toISOString() : '');
  const submit = async (e: Event) => {
    e.preventDefault();
    const res = await request(RECORD_RECEIVED, {
      input: {
        cameraIds: [v.camera],
        windowStart: iso(v.windowStart),
        windowEnd: iso(v.windowEnd),
        place: v.place,
        description: v.description,
        receivedAt: iso(v.receivedAt),
        channel: v.channel as 'LETTER' | 'DESK' | 'EMAIL',
      },
    });
    setErrors(res.errors);
    setDone(res.data?.recordReceivedAccessRequest);
  };
  return (
    <Section title={L('Ontvangen inzageverzoek registreren', 'Register a received access request')} id="received">
      <p class="muted">
        {L(
          'Een verzoek per brief, aan de balie of per e-mail: de maand om te antwoorden loopt vanaf de ontvangst (AVG art. 12 lid 3).',
          'A request by letter, at the desk or by e-mail: the month to answer runs from its receipt (GDPR art. 12(3)).',
        )}
      </p>
      <form class="filters" onSubmit={submit} noValidate>
        <Field id="rr-camera" error={byField.cameraIds} label={L('Camera (id)', 'Camera (id)')}>
          <input {...aria('rr-camera', byField.cameraIds)} value={v.camera} onInput={set('camera')} />
        </Field>
        <Field id="rr-from" error={byField.windowStart} label={L('Beelden vanaf', 'Footage from')}>
          <input
            {...aria('rr-from', byField.windowStart)}
            type="datetime-local"
            value={v.windowStart}
            onInput={set('windowStart')}
          />
        </Field>
        <Field id="rr-to" error={byField.windowEnd} label={L('Beelden tot', 'Footage to')}>
          <input
            {...aria('rr-to', byField.windowEnd)}
            type="datetime-local"
            value={v.windowEnd}
            onInput={set('windowEnd')}
          />
        </Field>
        <Field id="rr-place" error={byField.place} label={L('Plaats', 'Place')}>
          <input {...aria('rr-place', byField.place)} value={v.place} onInput={set('place')} />
        </Field>
        <Field
          id="rr-description"
          error={byField.description}
          label={L('Herkenbaar aan', 'How to recognise the person')}
        >
          <input {...aria('rr-description', byField.description)} value={v.description} onInput={set('description')} />
        </Field>
        <Field id="rr-received" error={byField.receivedAt} label={L('Ontvangen op', 'Received on')}>
          <input
            {...aria('rr-received', byField.receivedAt)}
            type="datetime-local"
            value={v.receivedAt}
            onInput={set('receivedAt')}
          />
        </Field>
        <Field id="rr-channel" label={L('Hoe', 'How')}>
          <select {...aria('rr-channel')} value={v.channel} onChange={set('channel')}>
            {(['LETTER', 'DESK', 'EMAIL'] as const).map((c) => (
              <option key={c} value={c}>
                {text(CHANNEL_TEXT, c)}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <button type="submit">{L('Registreren', 'Register')}</button>
        </p>
      </form>
      <Errors errors={rest} />
      {done && (
        <p role="status" data-testid="received-done">
          {L('Geregistreerd', 'Registered')}: {text(CHANNEL_TEXT, done.channel)}, {L('ontvangen', 'received')}{' '}
          {fmtDate(done.receivedAt)}, {L('te beantwoorden vóór', 'to be answered by')} {fmtDate(done.dueAt)}.
        </p>
      )}
    </Section>
  );
}
