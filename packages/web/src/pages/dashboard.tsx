// Municipality live dashboard: own cameras on the map by status, areas and decisions in force,
// and a live feed of status changes and police signals that resumes after a dropped connection.
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  graphql,
  onConnectionState,
  subscribeLive,
  type ApiError,
  type ConnectionState,
  type ResultOf,
} from '../graphql';
import { L, STATUS_TEXT, SUBGOAL_TEXT, fmtDate, fmtDateTime, fmtNumber, text } from '../i18n';
import { MapView, STATUS_COLOR } from '../map';
import { BarChart } from '../chart';
import { session } from '../session';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';

const DASHBOARD = graphql(`
  query Dashboard($m: String!, $from: DateTime!, $to: DateTime!) {
    liveCursor
    cameras(filter: { municipality: $m }, first: 100) {
      edges {
        node {
          id
          name
          street
          kind
          status
          statusChangedAt
          location {
            latitude
            longitude
          }
          area {
            name
          }
        }
      }
    }
    cameraAreas(municipality: $m, first: 100) {
      edges {
        node {
          id
          name
          kind
          currentDecision {
            reference
            legalBasis
            validFrom
            validUntil
            subGoals
            nextEvaluationDue
            evaluationOverdue
          }
        }
      }
    }
    signals(municipality: $m, first: 10) {
      edges {
        node {
          id
          category
          description
          street
          sharedAt
          cursor
        }
      }
    }
    footageStatistics(municipality: $m, from: $from, to: $to) {
      area
      month
      recordings
      deletions
      holds
      investigations
    }
  }
`);

const STATUS_FEED = graphql(`
  subscription StatusFeed($m: String, $after: String) {
    cameraStatusChanged(municipality: $m, after: $after) {
      status
      previousStatus
      reason
      changedAt
      cursor
      camera {
        id
        name
        street
      }
    }
  }
`);
const SIGNAL_FEED = graphql(`
  subscription SignalFeed($m: String, $after: String) {
    signalShared(municipality: $m, after: $after) {
      id
      category
      description
      street
      sharedAt
      cursor
    }
  }
`);
const ANPR_COUNTS = graphql(`
  query AnprCounts($camera: ID!, $from: DateTime!, $to: DateTime!) {
    anprCounts(cameraId: $camera, from: $from, to: $to, bucket: HOUR) {
      bucketStart
      count
    }
  }
`);

type FeedItem = { key: string; at: string; text: string; kind: 'status' | 'signal' };
const DAY = 86_400_000;

export function Dashboard() {
  const m = session.who?.municipality;
  if (!session.who) return <p>{L('Meld je aan als gemeente.', 'Sign in as a municipality.')}</p>;
  if (!m) return <p>{L('Dit dashboard is voor gemeenten.', 'This dashboard is for municipalities.')}</p>;
  return <DashboardOf m={m} />;
}

function DashboardOf({ m }: { m: string }) {
  const range = useMemo(
    () => ({ from: new Date(Date.now() - 180 * DAY).toISOString(), to: new Date().toISOString() }),
    [m],
  );
  const q = useQuery(DASHBOARD, { m, ...range }, [m]);
  const [status, setStatus] = useState<Record<string, string>>({});
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [conn, setConn] = useState<ConnectionState>('connecting');
  const [liveErrors, setLiveErrors] = useState<readonly ApiError[]>();

  useEffect(() => onConnectionState(setConn), []);
  // the live feed starts where the data just read ends: nothing committed in between is missed
  const startAfter = q.data?.liveCursor;
  const [anchor, setAnchor] = useState<string>();
  useEffect(() => {
    if (startAfter && !anchor) setAnchor(startAfter);
  }, [startAfter]);
  useEffect(() => {
    if (!anchor) return;
    const add = (item: FeedItem) => setFeed((f) => [item, ...f.filter((x) => x.key !== item.key)].slice(0, 100));
    const offStatus = subscribeLive(
      STATUS_FEED,
      { m, after: anchor },
      (d) => d.cameraStatusChanged.cursor,
      (d) => {
        const c = d.cameraStatusChanged;
        setStatus((s) => ({ ...s, [c.camera.id]: c.status }));
        add({
          key: c.cursor,
          at: c.changedAt,
          kind: 'status',
          text: `${c.camera.name} (${c.camera.street}): ${text(STATUS_TEXT, c.previousStatus)} → ${text(STATUS_TEXT, c.status)}${c.reason ? ` — ${c.reason}` : ''}`,
        });
      },
      setLiveErrors,
    );
    const offSignals = subscribeLive(
      SIGNAL_FEED,
      { m, after: anchor },
      (d) => d.signalShared.cursor,
      (d) => {
        const s = d.signalShared;
        add({
          key: s.id,
          at: s.sharedAt,
          kind: 'signal',
          text: `${L('Signaal', 'Signal')} ${s.category}: ${s.description}${s.street ? ` (${s.street})` : ''}`,
        });
      },
      setLiveErrors,
    );
    return () => {
      offStatus();
      offSignals();
    };
  }, [m, anchor]);

  const cameras = edgesOf(q.data?.cameras);
  const areas = edgesOf(q.data?.cameraAreas);
  const points = cameras.map((c) => {
    const st = status[c.id] ?? c.status ?? '';
    return {
      id: c.id,
      lat: c.location.latitude,
      lon: c.location.longitude,
      label: `${c.name} — ${text(STATUS_TEXT, st)}`,
      color: STATUS_COLOR[st] ?? '#57606a',
    };
  });
  const soon = Date.now() + 60 * DAY;
  const expiring = areas.filter((a) => a.currentDecision && Date.parse(a.currentDecision.validUntil) < soon);
  const overdue = areas.filter((a) => a.currentDecision?.evaluationOverdue);
  const anprCamera = cameras.find((c) => c.kind.startsWith('ANPR'));

  return (
    <>
      <h1>
        {L('Live dashboard', 'Live dashboard')} — {m}
      </h1>
      <p class={`conn conn-${conn}`} role="status" data-connection={conn}>
        {conn === 'connected'
          ? L('Live verbinding: verbonden', 'Live connection: connected')
          : conn === 'reconnecting'
            ? L('Live verbinding verbroken — opnieuw verbinden…', 'Live connection lost — reconnecting…')
            : L('Live verbinding: verbinden…', 'Live connection: connecting…')}
      </p>
      <Errors errors={q.errors} />
      <Errors errors={liveErrors} />
      <Loading when={q.loading && !q.data} />
      <div class="grid">
        <Section title={L('Camera’s op de kaart', 'Cameras on the map')} id="map">
          <MapView
            points={points}
            label={L('Kaart van de camera’s van de gemeente', 'Map of the municipality’s cameras')}
          />
          <p class="muted">
            {Object.entries(STATUS_COLOR).map(([s, c]) => (
              <span key={s}>
                <span class="pill" style={{ background: c }}>
                  {text(STATUS_TEXT, s)}
                </span>{' '}
              </span>
            ))}
          </p>
        </Section>
        <Section title={L('Live meldingen', 'Live feed')} id="feed">
          <ul class="feed" aria-live="polite" data-testid="feed">
            {feed.length === 0 && (
              <li class="muted">{L('Nog geen meldingen sinds het openen.', 'Nothing yet since opening.')}</li>
            )}
            {feed.map((f) => (
              <li key={f.key} data-kind={f.kind}>
                <time dateTime={f.at}>{fmtDateTime(f.at)}</time> — {f.text}
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <Section title={L('Camera’s', 'Cameras')} id="cameras">
        <table>
          <caption class="muted">
            {L('Alle camera’s van de gemeente met hun status', 'All the municipality’s cameras with their status')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{L('Naam', 'Name')}</th>
              <th scope="col">{L('Straat', 'Street')}</th>
              <th scope="col">{L('Gebied', 'Area')}</th>
              <th scope="col">{L('Status', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {cameras.map((c) => (
              <tr key={c.id} data-camera={c.id}>
                <td>{c.name}</td>
                <td>{c.street}</td>
                <td>{c.area?.name ?? '—'}</td>
                <td data-status={status[c.id] ?? c.status}>{text(STATUS_TEXT, status[c.id] ?? c.status ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <div class="grid">
        <Section title={L('Gebieden en besluiten in werking', 'Areas and decisions in force')} id="areas">
          <table>
            <thead>
              <tr>
                <th scope="col">{L('Gebied', 'Area')}</th>
                <th scope="col">{L('Besluit', 'Decision')}</th>
                <th scope="col">{L('Geldig', 'Valid')}</th>
                <th scope="col">{L('Subdoelen', 'Sub-goals')}</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>
                    {a.currentDecision
                      ? `${a.currentDecision.reference} (${a.currentDecision.legalBasis})`
                      : L('geen besluit in werking', 'no decision in force')}
                  </td>
                  <td>
                    {a.currentDecision
                      ? `${fmtDate(a.currentDecision.validFrom)} – ${fmtDate(a.currentDecision.validUntil)}`
                      : '—'}
                  </td>
                  <td>{a.currentDecision?.subGoals.map((g) => text(SUBGOAL_TEXT, g)).join(', ') ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section title={L('Aandacht nodig', 'Needs attention')} id="attention">
          <h3>{L('Aanwijzingen die binnen 60 dagen aflopen', 'Designations expiring within 60 days')}</h3>
          <ul>
            {expiring.length === 0 && <li>{L('Geen', 'None')}</li>}
            {expiring.map((a) => (
              <li key={a.id}>
                {a.name}: {fmtDate(a.currentDecision!.validUntil)}
              </li>
            ))}
          </ul>
          <h3>{L('Evaluaties te laat', 'Evaluations overdue')}</h3>
          <ul>
            {overdue.length === 0 && <li>{L('Geen', 'None')}</li>}
            {overdue.map((a) => (
              <li key={a.id}>
                {a.name}: {L('evaluatie was uiterlijk', 'evaluation was due')}{' '}
                {fmtDate(a.currentDecision!.nextEvaluationDue)}
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <div class="grid">
        <Section title={L('Beelden per maand (raadsrapportage)', 'Footage per month (council report)')} id="stats">
          <Stats rows={q.data?.footageStatistics ?? []} />
        </Section>
        {anprCamera && (
          <Section title={`${L('ANPR-passages per uur', 'ANPR passages per hour')} — ${anprCamera.name}`} id="anpr">
            <AnprChart camera={anprCamera.id} />
          </Section>
        )}
      </div>
    </>
  );
}

function Stats({ rows }: { rows: ResultOf<typeof DASHBOARD>['footageStatistics'] }) {
  if (!rows.length)
    return <p class="muted">{L('Nog geen cijfers in deze periode.', 'No figures in this period yet.')}</p>;
  // per month over all areas: the chart; per area and month: the table
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const sum = (k: 'recordings' | 'deletions' | 'holds') =>
    months.map((m) => rows.filter((r) => r.month === m).reduce((n, r) => n + r[k], 0));
  return (
    <>
      <BarChart
        categories={months}
        series={[
          { label: L('Opnamen', 'Recordings'), values: sum('recordings'), color: '#0550ae' },
          { label: L('Verwijderd', 'Deleted'), values: sum('deletions'), color: '#9a6700' },
          { label: L('Bewaard voor onderzoek', 'Held for investigation'), values: sum('holds'), color: '#cf222e' },
        ]}
        label={L(
          'Staafdiagram van opnamen, verwijderingen en bewaarde opnamen per maand; de cijfers staan in de tabel',
          'Bar chart of recordings, deletions and held recordings per month; the figures are in the table',
        )}
      />
      <table>
        <thead>
          <tr>
            <th scope="col">{L('Maand', 'Month')}</th>
            <th scope="col">{L('Gebied', 'Area')}</th>
            <th scope="col">{L('Opnamen', 'Recordings')}</th>
            <th scope="col">{L('Verwijderd', 'Deleted')}</th>
            <th scope="col">{L('Bewaard voor onderzoek', 'Held for investigation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.month}</td>
              <td>{r.area ?? '—'}</td>
              <td>{fmtNumber(r.recordings)}</td>
              <td>{fmtNumber(r.deletions)}</td>
              <td>{fmtNumber(r.holds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function AnprChart({ camera }: { camera: string }) {
  const range = useMemo(
    () => ({ from: new Date(Date.now() - DAY).toISOString(), to: new Date().toISOString() }),
    [camera],
  );
  const q = useQuery(ANPR_COUNTS, { camera, ...range }, [camera]);
  const rows = q.data?.anprCounts ?? [];
  return (
    <>
      <Errors errors={q.errors} />
      {rows.length === 0 ? (
        <p class="muted">{L('Geen passages in de afgelopen 24 uur.', 'No passages in the last 24 hours.')}</p>
      ) : (
        <>
          <BarChart
            x={rows.map((r) => Date.parse(r.bucketStart) / 1000)}
            series={[{ label: L('Passages', 'Passages'), values: rows.map((r) => r.count), color: '#0550ae' }]}
            label={L(
              `ANPR-passages per uur, afgelopen 24 uur: totaal ${rows.reduce((n, r) => n + r.count, 0)}`,
              `ANPR passages per hour, last 24 hours: total ${rows.reduce((n, r) => n + r.count, 0)}`,
            )}
          />
          <p>
            {L('Totaal', 'Total')}: {fmtNumber(rows.reduce((n, r) => n + r.count, 0))}
          </p>
        </>
      )}
    </>
  );
}
