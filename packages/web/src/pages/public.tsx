// The public transparency page (no sign-in): a municipality's camera register on the map and as a
// list, the designation decisions in force with their periods and sub-goals, how many private
// cameras are declared, whether automatic deletion works (recordings the last retention run missed,
// and when it ran: 003 §5.2.2), and the register as open data (GeoJSON, CSV) at stable URLs. Nothing
// personal. The half-yearly council report (003 §6.1) is not shown: the seed has it reported to the
// council, not published, and the API gives it to the municipality and the authority only.
import { graphql } from '../graphql';
import { L, SUBGOAL_TEXT, fmtDate, fmtDateTime, fmtNumber, text } from '../i18n';
import { MapView, NEUTRAL } from '../map';
import { MUNICIPALITIES, municipalityName } from '../municipalities';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';

const REGISTER = graphql(`
  query PublicRegister($m: String!) {
    publicCameraRegister(municipality: $m, first: 100) {
      edges {
        node {
          cameraId
          name
          kind
          street
          areaName
          legalBasis
          designatedFrom
          designatedUntil
          location {
            latitude
            longitude
          }
        }
      }
      pageInfo {
        hasNextPage
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
          }
        }
      }
    }
    registrationCounts(municipality: $m) {
      municipality
      count
    }
    publicRetentionStatus(municipality: $m) {
      violationCount
      lastProofAt
    }
  }
`);

const KIND_TEXT: Record<string, [string, string]> = {
  FIXED: ['Vast', 'Fixed'],
  FLEXIBLE: ['Flexibel', 'Flexible'],
  MOBILE_VEHICLE: ['Mobiel (voertuig)', 'Mobile (vehicle)'],
  ANPR_FIXED: ['ANPR (vast)', 'ANPR (fixed)'],
  ANPR_MOBILE: ['ANPR (mobiel)', 'ANPR (mobile)'],
  BODYCAM: ['Bodycam', 'Bodycam'],
  HELICOPTER: ['Helikopter', 'Helicopter'],
  BUILDING: ['Gebouw', 'Building'],
  WASTE_CONTAINER: ['Afvalcontainer', 'Waste container'],
};
const kindText = (k: string) => {
  const t = KIND_TEXT[k];
  return t ? L(t[0], t[1]) : k;
};

export function PublicPage({ municipality }: { municipality: string }) {
  const m = municipality;
  const q = useQuery(REGISTER, { m }, [m]);
  const rows = edgesOf(q.data?.publicCameraRegister);
  const areas = edgesOf(q.data?.cameraAreas).filter((a) => a.currentDecision);
  const declared = q.data?.registrationCounts.find((c) => c.municipality === m)?.count ?? 0;
  const deletion = q.data?.publicRetentionStatus;
  const points = rows.map((r) => ({
    id: r.cameraId,
    lat: r.location.latitude,
    lon: r.location.longitude,
    label: `${r.name} — ${r.street}`,
    color: NEUTRAL,
  }));
  const base = new URL(`open-data/${encodeURIComponent(m)}/cameras`, document.baseURI).toString();
  return (
    <>
      <h1>
        {L('Openbaar cameraregister', 'Public camera register')} — {municipalityName(m)}
      </h1>
      <nav aria-label={L('Gemeenten', 'Municipalities')}>
        <ul class="inline">
          {MUNICIPALITIES.map(([code, name]) => (
            <li key={code}>
              <a href={`#/public/${code}`} aria-current={code === m ? 'page' : undefined}>
                {name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Errors errors={q.errors} />
      <Loading when={q.loading && !q.data} />
      <div class="grid">
        <Section title={L('Camera’s op de kaart', 'Cameras on the map')} id="map">
          <MapView points={points} label={L('Kaart van het cameraregister', 'Map of the camera register')} />
        </Section>
        <Section title={L('In cijfers en als open data', 'In figures and as open data')} id="figures">
          <p data-testid="count">
            {L('Camera’s van de overheid in het register', 'Government cameras in the register')}:{' '}
            <strong>{fmtNumber(rows.length)}</strong>
            {q.data?.publicCameraRegister.pageInfo.hasNextPage ? '+' : ''}
          </p>
          <p>
            {L('Gebieden met een aanwijzingsbesluit in werking', 'Areas with a designation decision in force')}:{' '}
            <strong>{fmtNumber(areas.length)}</strong>
          </p>
          <p>
            {L('Aangemelde camera’s van bedrijven en particulieren', 'Cameras declared by businesses and residents')}:{' '}
            <strong>{fmtNumber(declared)}</strong>
          </p>
          <h3>{L('Open data', 'Open data')}</h3>
          <ul>
            <li>
              <a href={`${base}.geojson`} data-testid="geojson">
                GeoJSON
              </a>{' '}
              <span class="muted">{`${base}.geojson`}</span>
            </li>
            <li>
              <a href={`${base}.csv`} data-testid="csv">
                CSV
              </a>{' '}
              <span class="muted">{`${base}.csv`}</span>
            </li>
          </ul>
        </Section>
      </div>
      <Section title={L('Automatisch wissen van beelden', 'Automatic deletion of footage')} id="deletion">
        <p>
          {L(
            'Opnamen van camera’s in de openbare ruimte worden hooguit 28 dagen bewaard en daarna automatisch gewist, tenzij ze voor een strafrechtelijk onderzoek zijn veiliggesteld. De politie controleert periodiek of het wissen werkt; elke controle levert een bewijs van verwijdering op.',
            'Recordings of cameras in public space are kept at most 28 days and then deleted automatically, unless secured for a criminal investigation. The police check periodically that deletion works; each check yields a deletion proof.',
          )}
        </p>
        {deletion && (
          <dl class="facts" data-testid="deletion">
            <dt>{L('Opnamen die gewist hadden moeten zijn', 'Recordings that should have been deleted')}</dt>
            <dd data-violations={deletion.violationCount} class={deletion.violationCount === 0 ? 'ok' : 'bad'}>
              <strong>{fmtNumber(deletion.violationCount)}</strong>{' '}
              {deletion.violationCount === 0
                ? L('— het automatisch wissen werkt.', '— automatic deletion works.')
                : L('— het automatisch wissen liep achter.', '— automatic deletion fell behind.')}
            </dd>
            <dt>{L('Laatste bewijs van verwijdering', 'Last deletion proof')}</dt>
            <dd data-last-proof={deletion.lastProofAt ?? ''}>
              {deletion.lastProofAt ? fmtDateTime(deletion.lastProofAt) : L('nog geen', 'none yet')}
            </dd>
          </dl>
        )}
      </Section>
      <Section title={L('Aanwijzingsbesluiten in werking', 'Designation decisions in force')} id="decisions">
        {q.data && areas.length === 0 && <p>{L('Geen besluiten in werking.', 'No decisions in force.')}</p>}
        {areas.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{L('Gebied', 'Area')}</th>
                <th scope="col">{L('Besluit', 'Decision')}</th>
                <th scope="col">{L('Grondslag', 'Legal basis')}</th>
                <th scope="col">{L('Geldig', 'Valid')}</th>
                <th scope="col">{L('Subdoelen', 'Sub-goals')}</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{a.currentDecision!.reference}</td>
                  <td>{a.currentDecision!.legalBasis}</td>
                  <td>
                    {fmtDate(a.currentDecision!.validFrom)} – {fmtDate(a.currentDecision!.validUntil)}
                  </td>
                  <td>{a.currentDecision!.subGoals.map((g) => text(SUBGOAL_TEXT, g)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={L('Het register', 'The register')} id="register">
        <table data-testid="register">
          <thead>
            <tr>
              <th scope="col">{L('Camera', 'Camera')}</th>
              <th scope="col">{L('Straat', 'Street')}</th>
              <th scope="col">{L('Soort', 'Kind')}</th>
              <th scope="col">{L('Gebied', 'Area')}</th>
              <th scope="col">{L('Aangewezen tot', 'Designated until')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.cameraId} data-camera={r.cameraId}>
                <td>{r.name}</td>
                <td>{r.street}</td>
                <td>{kindText(r.kind)}</td>
                <td>{r.areaName ?? '—'}</td>
                <td>{fmtDate(r.designatedUntil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
