// Business portal: declare a private camera, see your own with their compliance flags explained,
// confirm yearly, change, deregister. Another company's camera is never in your list (the API says so).
import { useState } from 'preact/hooks';
import { graphql, request, type ApiError, type ResultOf } from '../graphql';
import { FIRST_USE_TEXT, FLAG_TEXT, L, REGISTRATION_STATUS_TEXT, fmtDate, text } from '../i18n';
import { Field, aria, fieldErrors } from '../form';
import { session } from '../session';
import { Errors, Loading, Section, edgesOf, useQuery } from '../ui';
import { MUNICIPALITIES } from '../municipalities';

const MINE = graphql(`
  query MyRegistrations {
    myRegistrations(first: 100) {
      edges {
        node {
          id
          ownerName
          address
          placeType
          purpose
          retentionDays
          signage
          filmsPublicSpace
          liveView
          status
          registeredAt
          firstUseAt
          confirmedAt
          complianceFlags
          municipality
        }
      }
    }
  }
`);
const REGISTER = graphql(`
  mutation Register($input: RegisterPrivateCameraInput!) {
    registerPrivateCamera(input: $input) {
      id
      status
      complianceFlags
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateRegistration($id: ID!, $input: UpdatePrivateCameraInput!) {
    updatePrivateCamera(id: $id, input: $input) {
      id
      retentionDays
      signage
      complianceFlags
    }
  }
`);
const CONFIRM = graphql(`
  mutation Confirm($id: ID!) {
    confirmPrivateCamera(id: $id) {
      id
      confirmedAt
      complianceFlags
    }
  }
`);
const DEREGISTER = graphql(`
  mutation Deregister($id: ID!) {
    deregisterPrivateCamera(id: $id) {
      id
      status
    }
  }
`);

const PLACE_TYPES = [
  'SHOP',
  'HORECA',
  'OFFICE',
  'INDUSTRIAL_SITE',
  'BUSINESS_PARK',
  'PARKING',
  'PRIVATE_HOME',
  'OTHER',
] as const;
const PLACE_TEXT: Record<string, [string, string]> = {
  SHOP: ['Winkel', 'Shop'],
  HORECA: ['Horeca', 'Hospitality'],
  OFFICE: ['Kantoor', 'Office'],
  INDUSTRIAL_SITE: ['Bedrijfsterrein', 'Industrial site'],
  BUSINESS_PARK: ['Bedrijventerrein', 'Business park'],
  PARKING: ['Parkeerplaats', 'Parking'],
  PRIVATE_HOME: ['Woning', 'Private home'],
  OTHER: ['Anders', 'Other'],
};
const FIELDS = [
  'ownerName',
  'placeType',
  'address',
  'location.latitude',
  'location.longitude',
  'mounting',
  'purpose',
  'publicSpaceDescription',
  'alarmCentre',
  'retentionDays',
  'firstUseAt',
  'contact.name',
  'contact.phone',
  'contact.email',
  'municipality',
] as const;

type Reg = ResultOf<typeof MINE>['myRegistrations']['edges'][number]['node'];

export function Business() {
  if (session.who?.kind !== 'company') return <p>{L('Meld je aan als bedrijf.', 'Sign in as a company.')}</p>;
  return <BusinessPortal />;
}

function BusinessPortal() {
  const q = useQuery(MINE, {}, []);
  const regs = edgesOf(q.data?.myRegistrations);
  return (
    <>
      <h1>{L('Mijn camera’s', 'My cameras')}</h1>
      <Errors errors={q.errors} />
      <Loading when={q.loading && !q.data} />
      <Section title={L('Aangemelde camera’s', 'Registered cameras')} id="mine">
        {regs.length === 0 ? (
          <p>{L('Je hebt nog geen camera’s aangemeld.', 'You have not registered any cameras yet.')}</p>
        ) : (
          regs.map((r) => <Registration key={r.id} r={r} onChange={q.reload} />)
        )}
      </Section>
      <RegisterForm onDone={q.reload} />
    </>
  );
}

function Registration({ r, onChange }: { r: Reg; onChange: () => void }) {
  const [errors, setErrors] = useState<ApiError[]>();
  const [editing, setEditing] = useState(false);
  const [retention, setRetention] = useState(String(r.retentionDays));
  const [signage, setSignage] = useState(r.signage);
  const act = async (p: Promise<{ errors?: ApiError[] }>) => {
    const res = await p;
    setErrors(res.errors);
    if (!res.errors) {
      setEditing(false);
      onChange();
    }
  };
  const idp = `reg-${r.id}`;
  // a refused change is shown at its field (BAD_USER_INPUT), the rest above the buttons
  const { byField, rest } = fieldErrors(errors, ['retentionDays']);
  return (
    <article class="card" aria-labelledby={`${idp}-h`} data-registration={r.id} data-status={r.status}>
      <h3 id={`${idp}-h`}>
        {r.ownerName ?? r.id} — {r.address}
      </h3>
      <p>
        {text(PLACE_TEXT, r.placeType)} · {r.purpose} · {L('bewaartermijn', 'retention')} {r.retentionDays}{' '}
        {L('dagen', 'days')} · {L('status', 'status')}: {text(REGISTRATION_STATUS_TEXT, r.status)} ·{' '}
        {L('laatst bevestigd', 'last confirmed')} <span data-confirmed={r.confirmedAt}>{fmtDate(r.confirmedAt)}</span>
        {r.firstUseAt && (
          <>
            {' '}
            · {L(...FIRST_USE_TEXT.since)} <span data-first-use={r.firstUseAt}>{fmtDate(r.firstUseAt)}</span>
          </>
        )}
      </p>
      {r.complianceFlags.length === 0 ? (
        <p class="ok">{L('Geen aandachtspunten.', 'Nothing to fix.')}</p>
      ) : (
        <ul class="bad" aria-label={L('Aandachtspunten', 'Points to fix')}>
          {r.complianceFlags.map((f) => (
            <li key={f} data-flag={f}>
              {text(FLAG_TEXT, f)}
            </li>
          ))}
        </ul>
      )}
      <Errors errors={rest} />
      {/* a lapsed declaration (not confirmed within a year) is confirmed or changed back to ACTIVE; a deregistered one is final */}
      {r.status !== 'DEREGISTERED' && (
        <p>
          <button onClick={() => act(request(CONFIRM, { id: r.id }))}>
            {L('Bevestigen dat dit klopt', 'Confirm this is right')}
          </button>{' '}
          <button class="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {L('Wijzigen', 'Change')}
          </button>{' '}
          <button
            class="secondary"
            onClick={() =>
              confirm(L('Deze camera afmelden?', 'Deregister this camera?')) && act(request(DEREGISTER, { id: r.id }))
            }
          >
            {L('Afmelden', 'Deregister')}
          </button>
        </p>
      )}
      {editing && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void act(request(UPDATE, { id: r.id, input: { retentionDays: Number(retention), signage } }));
          }}
        >
          <Field
            id={`${idp}-retention`}
            label={L('Bewaartermijn (dagen)', 'Retention (days)')}
            error={byField.retentionDays}
          >
            <input
              type="number"
              {...aria(`${idp}-retention`, byField.retentionDays)}
              value={retention}
              onInput={(e) => setRetention(e.currentTarget.value)}
            />
          </Field>
          <label class="check">
            <input type="checkbox" checked={signage} onChange={(e) => setSignage(e.currentTarget.checked)} />{' '}
            {L('Er hangt een bord', 'A sign is in place')}
          </label>
          <p>
            <button type="submit">{L('Opslaan', 'Save')}</button>
          </p>
        </form>
      )}
    </article>
  );
}

function RegisterForm({ onDone }: { onDone: () => void }) {
  const [v, setV] = useState({
    ownerName: '',
    placeType: 'SHOP',
    address: '',
    latitude: '52.0907',
    longitude: '5.1214',
    mounting: 'FIXED',
    purpose: '',
    filmsPublicSpace: false,
    publicSpaceDescription: '',
    liveView: false,
    alarmCentre: '',
    retentionDays: '28',
    firstUseAt: '',
    signage: true,
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    municipality: 'GM0344',
  });
  const [errors, setErrors] = useState<readonly ApiError[]>();
  const [done, setDone] = useState<{ id: string; flags: readonly string[] }>();
  const set = (k: keyof typeof v) => (e: Event) => {
    const t = e.currentTarget as HTMLInputElement;
    setV({ ...v, [k]: t.type === 'checkbox' ? t.checked : t.value });
  };
  const { byField, rest } = fieldErrors(errors, FIELDS);
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(undefined);
    const res = await request(REGISTER, {
      input: {
        ownerName: v.ownerName,
        placeType: v.placeType as (typeof PLACE_TYPES)[number],
        address: v.address,
        location: { latitude: Number(v.latitude), longitude: Number(v.longitude) },
        mounting: v.mounting as 'FIXED' | 'MOBILE',
        purpose: v.purpose,
        filmsPublicSpace: v.filmsPublicSpace,
        publicSpaceDescription: v.publicSpaceDescription || null,
        liveView: v.liveView,
        alarmCentre: v.alarmCentre || null,
        retentionDays: Number(v.retentionDays),
        // a calendar date: its first moment, UTC (the API's DateTime)
        firstUseAt: v.firstUseAt ? `${v.firstUseAt}T00:00:00.000Z` : null,
        signage: v.signage,
        contact: { name: v.contactName, phone: v.contactPhone, email: v.contactEmail },
        municipality: v.municipality,
      },
    });
    setErrors(res.errors);
    if (res.data && !res.errors) {
      setDone({ id: res.data.registerPrivateCamera.id, flags: res.data.registerPrivateCamera.complianceFlags });
      onDone();
    }
  };
  const input = (k: keyof typeof v, label: string, path: string = k, type: 'text' | 'number' | 'email' = 'text') => (
    <Field id={`f-${k}`} label={label} error={byField[path]}>
      <input
        type={type as 'text'}
        {...aria(`f-${k}`, byField[path])}
        value={String(v[k])}
        onInput={set(k)}
        step={type === 'number' ? 'any' : undefined}
      />
    </Field>
  );
  return (
    <Section title={L('Een camera aanmelden', 'Register a camera')} id="register">
      <form class="stack" onSubmit={submit} noValidate>
        <Errors errors={rest} />
        {done && (
          <div role="status" data-registered={done.id}>
            <p class="ok">
              {L('Aangemeld', 'Registered')}: {done.id}
            </p>
            {done.flags.length > 0 && (
              <ul class="bad" aria-label={L('Aandachtspunten', 'Points to fix')}>
                {done.flags.map((f) => (
                  <li key={f} data-flag={f}>
                    {text(FLAG_TEXT, f)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {input('ownerName', L('Naam van de zaak', 'Business name'))}
        <Field id="f-placeType" label={L('Soort plaats', 'Kind of place')}>
          <select {...aria('f-placeType')} value={v.placeType} onChange={set('placeType')}>
            {PLACE_TYPES.map((p) => (
              <option key={p} value={p}>
                {text(PLACE_TEXT, p)}
              </option>
            ))}
          </select>
        </Field>
        {input('address', L('Adres', 'Address'))}
        {input('latitude', L('Breedtegraad', 'Latitude'), 'location.latitude', 'number')}
        {input('longitude', L('Lengtegraad', 'Longitude'), 'location.longitude', 'number')}
        <Field id="f-mounting" label={L('Montage', 'Mounting')}>
          <select {...aria('f-mounting')} value={v.mounting} onChange={set('mounting')}>
            <option value="FIXED">{L('Vast', 'Fixed')}</option>
            <option value="MOBILE">{L('Mobiel', 'Mobile')}</option>
          </select>
        </Field>
        {input('purpose', L('Doel', 'Purpose'))}
        <label class="check">
          <input type="checkbox" checked={v.filmsPublicSpace} onChange={set('filmsPublicSpace')} />{' '}
          {L('De camera filmt (ook) openbare ruimte', 'The camera (also) films public space')}
        </label>
        {input('publicSpaceDescription', L('Welk deel van de openbare ruimte', 'Which part of public space'))}
        <label class="check">
          <input type="checkbox" checked={v.liveView} onChange={set('liveView')} />{' '}
          {L(
            'Live View: beelden gaan via een meldkamer naar de politie',
            'Live View: images go to the police via an alarm centre',
          )}
        </label>
        {input('alarmCentre', L('Meldkamer (alarmcentrale)', 'Alarm centre'))}
        {input('retentionDays', L('Bewaartermijn (dagen)', 'Retention (days)'), 'retentionDays', 'number')}
        <Field
          id="f-firstUseAt"
          label={L(...FIRST_USE_TEXT.label)}
          hint={L(...FIRST_USE_TEXT.hint)}
          error={byField.firstUseAt}
        >
          <input
            type="date"
            {...aria('f-firstUseAt', byField.firstUseAt, true)}
            value={v.firstUseAt}
            onInput={set('firstUseAt')}
          />
        </Field>
        <label class="check">
          <input type="checkbox" checked={v.signage} onChange={set('signage')} />{' '}
          {L('Er hangt een bord dat op de camera wijst', 'A sign tells people about the camera')}
        </label>
        {input('contactName', L('Contactpersoon', 'Contact person'), 'contact.name')}
        {input('contactPhone', L('Telefoon', 'Phone'), 'contact.phone')}
        {input('contactEmail', L('E-mail', 'Email'), 'contact.email', 'email')}
        <Field id="f-municipality" label={L('Gemeente', 'Municipality')} error={byField.municipality}>
          <select
            {...aria('f-municipality', byField.municipality)}
            value={v.municipality}
            onChange={set('municipality')}
          >
            {MUNICIPALITIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <button type="submit">{L('Aanmelden', 'Register')}</button>
        </p>
      </form>
    </Section>
  );
}
