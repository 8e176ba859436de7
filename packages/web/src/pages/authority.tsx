// The authority (Autoriteit Persoonsgegevens): is the audit chain intact, who did what (a
// searchable audit log), has automatic deletion worked (the retention report: violations must be
// 0, with the deletion proofs), declared cameras filming public space with their flags, overdue
// access requests, and the access rules as enforced. Each part asks the API as the authority.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { graphql, request, type ApiError, type ResultOf } from '../graphql';
import { CHANNEL_TEXT, FLAG_TEXT, L, fmtDate, fmtDateTime, fmtNumber, text } from '../i18n';
import { Field, aria } from '../form';
import { session } from '../session';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';

const DAY = 86_400_000;

const CHAIN = graphql(`
  query Chain {
    verifyAuditChain {
      ok
      checked
      firstBadSeq
      problem
      detail
      verifiedThroughSeq
    }
    auditHead {
      seq
      time
      keyId
    }
  }
`);
const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditFilterInput, $after: String) {
    auditLog(first: 50, after: $after, filter: $filter) {
      edges {
        node {
          id
          seq
          at
          actorKind
          actorSub
          actorOrg
          action
          subjectType
          subjectIds
          purpose
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const RETENTION = graphql(`
  query Retention($from: DateTime!, $to: DateTime!) {
    retentionReport(from: $from, to: $to) {
      violationCount
      violations {
        recordingId
        expiredAt
      }
      proofs {
        id
        subsystem
        startedAt
        finishedAt
        deletedCount
        heldBackCount
        deletedDigest
        oldestUnheldAgeSeconds
        triggeredBy
      }
    }
    anprRetentionRuns(from: $from, to: $to) {
      id
      startedAt
      deletedCount
      keptWithHitCount
      hitsDeletedCount
      deletedDigest
      triggeredBy
    }
  }
`);
const PUBLIC_SPACE = graphql(`
  query PublicSpaceRegistrations($flag: ComplianceFlag) {
    privateCameraRegistrations(first: 100, filter: { filmsPublicSpace: true, flag: $flag }) {
      edges {
        node {
          id
          ownerName
          ownerOrg
          address
          municipality
          publicSpaceDescription
          retentionDays
          signage
          liveView
          complianceFlags
        }
      }
    }
  }
`);
const OVERDUE = graphql(`
  query Overdue {
    overdueAccessRequests(first: 100) {
      edges {
        node {
          id
          filedAt
          receivedAt
          channel
          dueAt
          municipality
          daysOverdue
        }
      }
    }
  }
`);
const RULES = graphql(`
  query Rules {
    accessRules {
      actor
      action
      subject
      fields
      conditions
      inverted
    }
  }
`);

export function Authority() {
  if (!session.who) return <p>{L('Meld je aan als toezichthouder.', 'Sign in as the supervisory authority.')}</p>;
  return (
    <>
      <h1>{L('Toezicht', 'Oversight')}</h1>
      <p class="muted">
        {L(
          'Wat de hub de toezichthouder laat zien. Wat de API weigert, staat hier als geweigerd.',
          'What the hub shows the supervisory authority. What the API refuses is shown as refused.',
        )}
      </p>
      <ChainStatus />
      <RetentionReport />
      <AuditLog />
      <PublicSpace />
      <OverdueRequests />
      <AccessRules />
    </>
  );
}

function ChainStatus() {
  const q = useQuery(CHAIN, {}, []);
  const r = q.data?.verifyAuditChain;
  return (
    <Section title={L('Auditketen', 'Audit chain')} id="chain">
      <Errors errors={q.errors} />
      <Loading when={q.loading} />
      {r && (
        <p class={r.ok ? 'ok' : 'bad'} data-chain={r.ok ? 'ok' : 'broken'} role="status">
          {r.ok
            ? L(
                `Keten geverifieerd: ${fmtNumber(r.checked)} regels intact.`,
                `Chain verified: ${fmtNumber(r.checked)} entries intact.`,
              )
            : L(
                `Keten gebroken bij regel ${r.firstBadSeq} (${r.problem}): ${r.detail ?? ''}`,
                `Chain broken at entry ${r.firstBadSeq} (${r.problem}): ${r.detail ?? ''}`,
              )}
        </p>
      )}
      {q.data?.auditHead && (
        <p class="muted">
          {L('Ondertekende kop', 'Signed head')}: {L('regel', 'entry')} {q.data.auditHead.seq},{' '}
          {fmtDateTime(q.data.auditHead.time)}, {L('sleutel', 'key')} <code>{q.data.auditHead.keyId}</code>
        </p>
      )}
      <p>
        <button class="secondary" onClick={q.reload}>
          {L('Opnieuw verifiëren', 'Verify again')}
        </button>
      </p>
    </Section>
  );
}

function RetentionReport() {
  const range = useMemo(
    () => ({ from: new Date(Date.now() - 90 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }),
    [],
  );
  const q = useQuery(RETENTION, range, []);
  const rep = q.data?.retentionReport;
  return (
    <Section
      title={L('Bewaartermijnen: werkt automatisch verwijderen?', 'Retention: does automatic deletion work?')}
      id="retention"
    >
      <Errors errors={q.errors} />
      <Loading when={q.loading} />
      {rep && (
        <>
          <p class={rep.violationCount === 0 ? 'ok' : 'bad'} data-violations={rep.violationCount} role="status">
            {rep.violationCount === 0
              ? L(
                  '0 overtredingen: geen opname zonder bewaarplicht is langer bewaard dan toegestaan.',
                  '0 violations: no unheld recording is kept past its retention.',
                )
              : L(
                  `${rep.violationCount} opnamen zijn langer bewaard dan toegestaan.`,
                  `${rep.violationCount} recordings are kept past their retention.`,
                )}
          </p>
          {rep.violations.length > 0 && (
            <ul>
              {rep.violations.map((v) => (
                <li key={v.recordingId}>
                  {v.recordingId}: {L('verlopen', 'expired')} {fmtDateTime(v.expiredAt)}
                </li>
              ))}
            </ul>
          )}
          <h3>{L('Verwijderbewijzen (laatste 90 dagen)', 'Deletion proofs (last 90 days)')}</h3>
          {rep.proofs.length === 0 ? (
            <p class="muted">
              {L('Nog geen verwijderrondes in deze periode.', 'No retention runs in this period yet.')}
            </p>
          ) : (
            <table data-testid="proofs">
              <thead>
                <tr>
                  <th scope="col">{L('Gestart', 'Started')}</th>
                  <th scope="col">{L('Verwijderd', 'Deleted')}</th>
                  <th scope="col">{L('Tegengehouden (bewaarplicht)', 'Held back (legal hold)')}</th>
                  <th scope="col">{L('Oudste resterende', 'Oldest left')}</th>
                  <th scope="col">{L('Bewijs (sha256)', 'Proof (sha256)')}</th>
                </tr>
              </thead>
              <tbody>
                {rep.proofs.map((p) => (
                  <tr key={p.id}>
                    <td>{fmtDateTime(p.startedAt)}</td>
                    <td>{fmtNumber(p.deletedCount)}</td>
                    <td>{fmtNumber(p.heldBackCount)}</td>
                    <td>
                      {p.oldestUnheldAgeSeconds == null
                        ? '—'
                        : `${fmtNumber(Math.round(p.oldestUnheldAgeSeconds / 86400))} ${L('dagen', 'days')}`}
                    </td>
                    <td>
                      <code class="digest">{p.deletedDigest.slice(0, 16)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{L('ANPR-verwijderrondes', 'ANPR retention runs')}</h3>
          {(q.data?.anprRetentionRuns.length ?? 0) === 0 ? (
            <p class="muted">{L('Nog geen ANPR-rondes in deze periode.', 'No ANPR runs in this period yet.')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{L('Gestart', 'Started')}</th>
                  <th scope="col">{L('Verwijderd', 'Deleted')}</th>
                  <th scope="col">{L('Bewaard als hit', 'Kept as a hit')}</th>
                  <th scope="col">{L('Bewijs (sha256)', 'Proof (sha256)')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data!.anprRetentionRuns.map((p) => (
                  <tr key={p.id}>
                    <td>{fmtDateTime(p.startedAt)}</td>
                    <td>{fmtNumber(p.deletedCount)}</td>
                    <td>{fmtNumber(p.keptWithHitCount)}</td>
                    <td>
                      <code class="digest">{p.deletedDigest.slice(0, 16)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Section>
  );
}

type Entry = ResultOf<typeof AUDIT_LOG>['auditLog']['edges'][number]['node'];
const ACTOR_KINDS = ['police', 'municipality', 'company', 'authority', 'citizen', 'system', 'public'];

function AuditLog() {
  const [f, setF] = useState({ actorKind: '', action: '', subjectId: '', from: '', to: '' });
  const [entries, setEntries] = useState<Entry[]>();
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const [busy, setBusy] = useState(false);
  // only the fields given: an unset field is left out of the filter
  const filter = () =>
    Object.fromEntries(
      Object.entries({
        actorKind: f.actorKind,
        action: f.action.trim(),
        subjectId: f.subjectId.trim(),
        from: f.from && new Date(f.from).toISOString(),
        to: f.to && new Date(f.to).toISOString(),
      }).filter(([, x]) => x),
    );
  const search = async (after: string | null) => {
    setBusy(true);
    const r = await request(AUDIT_LOG, { filter: filter(), after });
    setBusy(false);
    setErrors(r.errors);
    if (!r.data) return;
    const page = edgesOf(r.data.auditLog);
    setEntries(after ? [...(entries ?? []), ...page] : page);
    setNext(r.data.auditLog.pageInfo.hasNextPage ? (r.data.auditLog.pageInfo.endCursor ?? null) : null);
  };
  useEffect(() => void search(null), []);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <Section title={L('Auditlog', 'Audit log')} id="audit">
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search(null);
        }}
      >
        <Field id="a-actor" label={L('Soort actor', 'Actor kind')}>
          <select {...aria('a-actor')} value={f.actorKind} onChange={set('actorKind')}>
            <option value="">{L('alle', 'all')}</option>
            {ACTOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </Field>
        <Field id="a-action" label={L('Handeling', 'Action')}>
          <input {...aria('a-action')} value={f.action} onInput={set('action')} placeholder="anpr.search" />
        </Field>
        <Field id="a-subject" label={L('Onderwerp (id)', 'Subject (id)')}>
          <input {...aria('a-subject')} value={f.subjectId} onInput={set('subjectId')} />
        </Field>
        <Field id="a-from" label={L('Vanaf', 'From')}>
          <input type="datetime-local" {...aria('a-from')} value={f.from} onInput={set('from')} />
        </Field>
        <Field id="a-to" label={L('Tot', 'To')}>
          <input type="datetime-local" {...aria('a-to')} value={f.to} onInput={set('to')} />
        </Field>
        <p>
          <button type="submit" disabled={busy}>
            {L('Zoeken', 'Search')}
          </button>
        </p>
      </form>
      <Errors errors={errors} />
      {entries && entries.length === 0 && <p>{L('Geen regels gevonden.', 'No entries found.')}</p>}
      {entries && entries.length > 0 && (
        <table data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{L('Tijd', 'Time')}</th>
              <th scope="col">{L('Wie', 'Who')}</th>
              <th scope="col">{L('Handeling', 'Action')}</th>
              <th scope="col">{L('Onderwerp', 'Subject')}</th>
              <th scope="col">{L('Doel', 'Purpose')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{e.seq}</td>
                <td>{fmtDateTime(e.at)}</td>
                <td>
                  {e.actorKind} {e.actorSub}
                  {e.actorOrg ? ` (${e.actorOrg})` : ''}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.subjectType} {e.subjectIds.slice(0, 3).join(', ')}
                  {e.subjectIds.length > 3 ? ` +${e.subjectIds.length - 3}` : ''}
                </td>
                <td>{e.purpose ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p>
          <button class="secondary" disabled={busy} onClick={() => search(next)}>
            {L('Meer', 'More')}
          </button>
        </p>
      )}
    </Section>
  );
}

const FLAGS = ['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE', 'CONFIRMATION_OVERDUE'] as const;

function PublicSpace() {
  const [flag, setFlag] = useState<(typeof FLAGS)[number] | ''>('');
  const q = useQuery(PUBLIC_SPACE, { flag: flag || null }, [flag]);
  const regs = edgesOf(q.data?.privateCameraRegistrations);
  return (
    <Section
      title={L('Aangemelde camera’s die openbare ruimte filmen', 'Declared cameras filming public space')}
      id="public-space"
    >
      <Field id="ps-flag" label={L('Alleen met aandachtspunt', 'Only with the flag')}>
        <select {...aria('ps-flag')} value={flag} onChange={(e) => setFlag(e.currentTarget.value as typeof flag)}>
          <option value="">{L('alle', 'all')}</option>
          {FLAGS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </Field>
      <Errors errors={q.errors} />
      <Loading when={q.loading} />
      {!q.loading && regs.length === 0 && (
        <p>{L('Geen aangemelde camera’s gevonden.', 'No declared cameras found.')}</p>
      )}
      {regs.length > 0 && (
        <table data-testid="public-space">
          <thead>
            <tr>
              <th scope="col">{L('Eigenaar', 'Owner')}</th>
              <th scope="col">{L('Adres', 'Address')}</th>
              <th scope="col">{L('Filmt', 'Films')}</th>
              <th scope="col">{L('Bewaartermijn', 'Retention')}</th>
              <th scope="col">{L('Aandachtspunten', 'Flags')}</th>
            </tr>
          </thead>
          <tbody>
            {regs.map((r) => (
              <tr key={r.id} data-registration={r.id}>
                <td>
                  {r.ownerName ?? '—'} <span class="muted">({r.ownerOrg})</span>
                </td>
                <td>
                  {r.address} <span class="muted">{r.municipality}</span>
                </td>
                <td>{r.publicSpaceDescription ?? '—'}</td>
                <td>
                  {r.retentionDays} {L('dagen', 'days')}
                </td>
                <td>
                  {r.complianceFlags.length === 0 ? (
                    <span class="ok">{L('geen', 'none')}</span>
                  ) : (
                    <ul class="bad">
                      {r.complianceFlags.map((f) => (
                        <li key={f} data-flag={f}>
                          {text(FLAG_TEXT, f)}
                        </li>
                      ))}
                    </ul>
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

function OverdueRequests() {
  const q = useQuery(OVERDUE, {}, []);
  const rows = edgesOf(q.data?.overdueAccessRequests);
  return (
    <Section title={L('Inzageverzoeken over de termijn', 'Overdue access requests')} id="overdue">
      <p class="muted">
        {L(
          'Een inzageverzoek moet binnen een maand na ontvangst beantwoord zijn (AVG art. 12 lid 3), ook een dat per brief, aan de balie of per e-mail binnenkwam. Zonder persoonsgegevens.',
          'An access request must be answered within a month of receipt (GDPR art. 12(3)), also one that came by letter, at the desk or by e-mail. No personal details.',
        )}
      </p>
      <Errors errors={q.errors} />
      <Loading when={q.loading} />
      {!q.loading && !q.errors && rows.length === 0 && (
        <p class="ok" data-testid="no-overdue">
          {L('Geen verzoeken over de termijn.', 'No requests past their deadline.')}
        </p>
      )}
      {rows.length > 0 && (
        <table data-testid="overdue">
          <thead>
            <tr>
              <th scope="col">{L('Verzoek', 'Request')}</th>
              <th scope="col">{L('Gemeente', 'Municipality')}</th>
              <th scope="col">{L('Binnengekomen', 'Received')}</th>
              <th scope="col">{L('Hoe', 'How')}</th>
              <th scope="col">{L('Geregistreerd', 'Registered')}</th>
              <th scope="col">{L('Uiterlijk', 'Due')}</th>
              <th scope="col">{L('Dagen te laat', 'Days overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-channel={r.channel}>
                <td>{r.id.slice(0, 8)}</td>
                <td>{r.municipality}</td>
                <td>{fmtDate(r.receivedAt)}</td>
                <td>{text(CHANNEL_TEXT, r.channel)}</td>
                <td>{fmtDate(r.filedAt)}</td>
                <td>{fmtDate(r.dueAt)}</td>
                <td>{r.daysOverdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function AccessRules() {
  const q = useQuery(RULES, {}, []);
  const [actor, setActor] = useState('');
  const rules = (q.data?.accessRules ?? []).filter((r) => !actor || r.actor === actor);
  const actors = [...new Set((q.data?.accessRules ?? []).map((r) => r.actor))];
  return (
    <Section title={L('Toegangsregels zoals de hub ze afdwingt', 'Access rules as the hub enforces them')} id="rules">
      <Field id="r-actor" label={L('Actor', 'Actor')}>
        <select {...aria('r-actor')} value={actor} onChange={(e) => setActor(e.currentTarget.value)}>
          <option value="">{L('alle', 'all')}</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Errors errors={q.errors} />
      <Loading when={q.loading} />
      {rules.length > 0 && (
        <table data-testid="rules">
          <thead>
            <tr>
              <th scope="col">{L('Actor', 'Actor')}</th>
              <th scope="col">{L('Mag', 'May')}</th>
              <th scope="col">{L('Handeling', 'Action')}</th>
              <th scope="col">{L('Onderwerp', 'Subject')}</th>
              <th scope="col">{L('Velden', 'Fields')}</th>
              <th scope="col">{L('Alleen als', 'Only when')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={i} class={r.inverted ? 'denied' : undefined}>
                <td>{r.actor}</td>
                <td>{r.inverted ? L('nee', 'no') : L('ja', 'yes')}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.subject}</td>
                <td>{r.fields?.join(', ') ?? L('alle', 'all')}</td>
                <td>{r.conditions ? <code>{readableConditions(r.conditions)}</code> : L('altijd', 'always')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** {"municipality":"<own municipality>","covert":{"$ne":true}} → municipality = <own municipality>, covert ≠ true */
function readableConditions(json: string): string {
  try {
    const c = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(c)
      .map(([k, v]) => {
        if (v && typeof v === 'object') {
          return Object.entries(v as Record<string, unknown>)
            .map(
              ([op, x]) =>
                `${k} ${({ $ne: '≠', $in: 'in', $nin: 'not in', $lt: '<', $gt: '>', $lte: '≤', $gte: '≥' } as Record<string, string>)[op] ?? op} ${JSON.stringify(x)}`,
            )
            .join(', ');
        }
        return `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`;
      })
      .join(', ');
  } catch {
    return json;
  }
}
