// The demo city's living history, made at first start through the hub's own public API (the
// gateway, real tokens) relative to the current time, so that every README example and every page
// of the web app shows real content: recordings within their retention and some just past it (a
// retention run then proves a deletion and holds one back), ANPR reads with hotlist hits and hourly
// counts, private cameras of several companies with compliance flags, footage and access requests
// in each state the API can reach today, camera status changes, signals, and audit entries.
//
// What the API cannot make "in the past" is not faked. A registration lapses a year after its last
// confirmation (CONFIRMATION_OVERDUE): the police take one over from Utrecht's earlier business-camera
// register (003) with the date it was made, 400 days ago, as the API allows them. An access request is
// due one month after it was received: the police register one that reached them by letter 40 days
// ago with that date (recordReceivedAccessRequest), so the city has an overdue access request.
import { createHash } from 'node:crypto';
import type { Actor } from '@hub/auth';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Recordings kept 28 days (000/001/003 §5.2.2): the near-expiry ones end this long before "28 days ago". */
const RETENTION_MS = 28 * DAY;

export interface HistoryTarget {
  /** The gateway's /graphql URL. */
  url: string;
  token(actor: Actor, expiresIn?: string | number): Promise<string>;
}

export interface HistoryResult {
  /** False when the history was there already (a later start on the same data). */
  made: boolean;
  ms: number;
  counts: Record<string, number>;
}

const POLICE: Actor = { kind: 'police', sub: 'agent-4711', org: 'politie-midden-nederland' };
const AUTHORITY: Actor = { kind: 'authority', sub: 'ap-toezicht-1', org: 'autoriteit-persoonsgegevens' };
const CITIZEN: Actor = { kind: 'citizen', sub: 'citizen-8f3a' };
const ANPR_SYSTEM: Actor = {
  kind: 'system',
  sub: 'anpr-net-antwerpen',
  org: 'politiezone-antwerpen',
  municipality: '11002',
};
/** The demo companies (the first two are on the web app's sign-in picker). */
const COMPANIES: Actor[] = [
  { kind: 'company', sub: 'beveiliging-1', org: 'KVK-30123456' },
  { kind: 'company', sub: 'bakkerij-1', org: 'KVK-30999888' },
  { kind: 'company', sub: 'garage-1', org: 'KVK-27111222' },
];
/** Marks the history: the first company's first declaration (checked before making it again). */
const MARKER_OWNER = 'Beveiliging BV — kantoor Vredenburg';

type Vars = Record<string, unknown>;

class Api {
  private tokens = new Map<string, Promise<string>>();
  constructor(private target: HistoryTarget) {}
  private token(a: Actor) {
    const key = JSON.stringify(a);
    let t = this.tokens.get(key);
    if (!t) this.tokens.set(key, (t = this.target.token(a, '1h')));
    return t;
  }
  /** Runs one operation; the history is made by the rules, so any error is a bug: it throws. */
  async run<T = any>(who: Actor, query: string, variables: Vars = {}): Promise<T> {
    const res = await fetch(this.target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(who)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: T;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.errors?.length || !body.data)
      throw new Error(
        `demo history: ${body.errors?.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') ?? res.status} in ${query.slice(0, 80)}`,
      );
    return body.data;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** A small deterministic pseudo-random sequence: the same history shape every start. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const UTRECHT_CAMERAS = [
  'utrecht-neude-1',
  'utrecht-vredenburg-1',
  'utrecht-domplein-1',
  'utrecht-oudegracht-1',
  'utrecht-herculesplein-1',
  'utrecht-kanaalstraat-1',
  'utrecht-zamenhofdreef-1',
];
const HAGUE_CAMERAS = [
  'denhaag-stationsplein-1',
  'denhaag-herengracht-1',
  'denhaag-grote-marktstraat-1',
  'denhaag-koningin-julianaplein-1',
];
const ANPR_CAMERAS = ['antwerpen-noorderlaan-1', 'antwerpen-boomsesteenweg-1', 'antwerpen-plantin-en-moretuslei-1'];
const HOT_PLATES = ['1ABC234', '2XYZ987', 'AB123C'];

/** Makes the history unless it is there; `now` is the hub's clock (tests move it). */
export async function seedHistory(target: HistoryTarget, now: () => Date = () => new Date()): Promise<HistoryResult> {
  const started = Date.now();
  const api = new Api(target);
  const counts: Record<string, number> = {};
  const add = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

  const mine = await api.run(COMPANIES[0]!, `{ myRegistrations(first: 100) { edges { node { ownerName } } } }`);
  if (mine.myRegistrations.edges.some((e: { node: { ownerName: string } }) => e.node.ownerName === MARKER_OWNER)) {
    return { made: false, ms: Date.now() - started, counts };
  }
  const t0 = now().getTime();

  // 1. Recordings. A few end just under 28 days ago: they expire seconds from now, so the retention
  // run at the end deletes them (and holds back the one a legal hold secures). The rest lie within
  // their retention: one evening hour per camera per day, and bodycam footage.
  const nearExpiry = UTRECHT_CAMERAS.slice(0, 3).map((cameraId, i) => ({
    sourceId: `history-expiring-${cameraId}-${t0}`,
    cameraId,
    kind: 'PUBLIC_ORDER',
    startedAt: iso(t0 - RETENTION_MS - HOUR + 8_000 + i * 1000),
    endedAt: iso(t0 - RETENTION_MS + 8_000 + i * 1000),
    storageRef: `s3://vms-utrecht/expiring/${cameraId}/${t0}.mp4`,
    sha256: sha(`expiring-${cameraId}-${t0}`),
    sizeBytes: 1_800_000_000,
  }));
  const expiring = await api.run(
    POLICE,
    `mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-utrecht", recordings: $r) { created createdIds rejected { reason } } }`,
    { r: nearExpiry },
  );
  add('recordings', expiring.ingestRecordings.created);
  const heldId: string = expiring.ingestRecordings.createdIds[0];
  await api.run(POLICE, `mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }`, {
    i: {
      recordingIds: [heldId],
      caseReference: 'PL0900-2026-311',
      reason: 'Assault at the Neude: footage secured for the investigation',
    },
  });
  add('legalHolds');

  const rand = rng(17);
  const within: Vars[] = [];
  const dayStart = Math.floor(t0 / DAY) * DAY;
  for (const [system, cameras] of [
    ['vms-utrecht', UTRECHT_CAMERAS],
    ['vms-den-haag', HAGUE_CAMERAS],
  ] as const) {
    const batch: Vars[] = [];
    for (const cameraId of cameras) {
      for (let d = 1; d <= 26; d++) {
        const start = dayStart - d * DAY + (19 + Math.floor(rand() * 4)) * HOUR;
        batch.push({
          sourceId: `history-${cameraId}-${start}`,
          cameraId,
          kind: 'PUBLIC_ORDER',
          startedAt: iso(start),
          endedAt: iso(start + HOUR),
          storageRef: `s3://${system}/${cameraId}/${start}.mp4`,
          sha256: sha(`${cameraId}-${start}`),
          sizeBytes: 1_500_000_000 + Math.floor(rand() * 500_000_000),
        });
      }
    }
    within.push(...batch);
    const r = await api.run(
      POLICE,
      `mutation($s: String!, $r: [RecordingInput!]!) { ingestRecordings(sourceSystem: $s, recordings: $r) { created } }`,
      { s: system, r: batch },
    );
    add('recordings', r.ingestRecordings.created);
  }
  const bodycam = [3, 2, 1].map((d) => {
    const start = t0 - d * DAY - 2 * HOUR;
    return {
      sourceId: `history-bodycam-${start}`,
      cameraId: 'denhaag-bodycam-handhavers-1',
      kind: 'BODYCAM',
      startedAt: iso(start),
      endedAt: iso(start + 40 * 60_000),
      storageRef: `s3://bodycam-den-haag/${start}.mp4`,
      sha256: sha(`bodycam-${start}`),
      sizeBytes: 600_000_000,
    };
  });
  add(
    'recordings',
    (
      await api.run(
        POLICE,
        `mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "bodycam-den-haag", recordings: $r) { created } }`,
        { r: bodycam },
      )
    ).ingestRecordings.created,
  );

  // 2. ANPR: a hotlist first (reads are matched as they arrive), then two days of reads from
  // Antwerp's network by its own source system, a few of them on the list.
  const hotlist = await api.run(
    POLICE,
    `mutation($until: DateTime!) { createHotlist(name: "Gestolen voertuigen", reason: "aangiften voertuigdiefstal", legalBasis: "art. 126jj Sv", validUntil: $until, hitRetentionDays: 90) { id } }`,
    {
      until: iso(t0 + 180 * DAY),
    },
  );
  for (const plate of HOT_PLATES) {
    await api.run(
      POLICE,
      `mutation($h: ID!, $p: String!) { addHotlistEntry(hotlistId: $h, plate: $p, country: "BE", reason: "gestolen") { id } }`,
      { h: hotlist.createHotlist.id, p: plate },
    );
  }
  const reads: Vars[] = [];
  const letters = 'ABCDEFGHJKLMNPRSTVXYZ';
  for (let h = 47; h >= 1; h--) {
    const hourStart = Math.floor(t0 / HOUR) * HOUR - h * HOUR;
    const hourOfDay = new Date(hourStart).getUTCHours();
    // traffic follows the day: busy mornings and afternoons, quiet nights
    const perCamera = Math.round(4 + 26 * Math.max(0, Math.sin(((hourOfDay - 5) / 17) * Math.PI)));
    for (const cameraId of ANPR_CAMERAS) {
      for (let i = 0; i < perCamera; i++) {
        const plate = `${1 + Math.floor(rand() * 9)}${letters[Math.floor(rand() * letters.length)]}${letters[Math.floor(rand() * letters.length)]}${letters[Math.floor(rand() * letters.length)]}${100 + Math.floor(rand() * 900)}`;
        const at = hourStart + Math.floor(rand() * HOUR);
        reads.push({
          sourceReadId: `h-${cameraId}-${at}-${i}`,
          cameraId,
          observedAt: iso(at),
          plate,
          country: 'BE',
          confidence: 0.9 + rand() * 0.1,
          direction: i % 2 ? 'INBOUND' : 'OUTBOUND',
          lane: 1 + (i % 2),
        });
      }
    }
  }
  HOT_PLATES.forEach((plate, i) => {
    const at = t0 - (5 + i * 7) * HOUR;
    reads.push({
      sourceReadId: `h-hit-${i}-${at}`,
      cameraId: ANPR_CAMERAS[i % ANPR_CAMERAS.length],
      observedAt: iso(at),
      plate,
      country: 'BE',
      confidence: 0.98,
      direction: 'INBOUND',
      lane: 1,
    });
  });
  const ingested = await api.run(
    ANPR_SYSTEM,
    `mutation($r: [AnprReadInput!]!) { ingestAnprReads(reads: $r) { created } }`,
    { r: reads },
  );
  add('anprReads', ingested.ingestAnprReads.created);

  // 3. Camera status changes and signals shared with the control rooms.
  for (const [id, status, reason] of [
    ['utrecht-oudegracht-1', 'MAINTENANCE', 'Lens cleaning and firmware update'],
    ['utrecht-zamenhofdreef-1', 'OFFLINE', 'Cable damaged by road works'],
    ['denhaag-herengracht-2', 'MAINTENANCE', 'Pole replaced'],
  ] as const) {
    await api.run(
      POLICE,
      `mutation($id: ID!, $s: CameraStatus!, $r: String) { setCameraStatus(id: $id, status: $s, reason: $r) { id } }`,
      { id, s: status, r: reason },
    );
    add('statusChanges');
  }
  for (const [m, category, description, street, hoursAgo] of [
    ['GM0344', 'VANDALISM', 'Bus shelter glass smashed', 'Vredenburg', 30],
    ['GM0344', 'ILLEGAL_DUMPING', 'Mattresses left beside the containers', 'Kanaalstraat', 20],
    ['GM0344', 'BROKEN_STREET_LIGHTING', 'Three lamps out along the canal', 'Oudegracht', 8],
    ['GM0518', 'GRAFFITI', 'Tags on the station underpass', 'Stationsplein', 12],
    ['GM0518', 'NUISANCE', 'Group of youths blocking the entrance', 'Grote Marktstraat', 3],
  ] as const) {
    await api.run(POLICE, `mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }`, {
      i: { municipality: m, category, description, street, observedAt: iso(t0 - hoursAgo * HOUR) },
    });
    add('signals');
  }

  // Live watching: Almere's centre is watched 7 days a week, so the police may open a session there now
  // (cameras domain/live-view.ts); one is closed after a look, one left to run out. The authority's
  // liveViewSessions then shows both. Almere's designation runs to mid 2028: past it the rule refuses
  // (CONFLICT) and the history goes on without sessions.
  for (const [cameraId, purpose, close] of [
    ['almere-stationsplein-1', 'PL0900-2026-88 fight reported at the station', true],
    ['almere-grote-markt-1', 'PL0900-2026-91 pickpockets reported on the market', false],
  ] as const) {
    try {
      const opened = await api.run(
        POLICE,
        `mutation($c: ID!, $p: String!) { openLiveView(cameraId: $c, purpose: $p) { id } }`,
        { c: cameraId, p: purpose },
      );
      if (close)
        await api.run(
          POLICE,
          `mutation($id: ID!) { closeLiveView(id: $id, reason: "Situation under control") { id } }`,
          {
            id: opened.openLiveView.id,
          },
        );
      add('liveViewSessions');
    } catch (e) {
      if (!/\bCONFLICT: /.test((e as Error).message)) throw e; // the watch rule refused: no session
    }
  }

  // 4. Private cameras of several companies, with each flag a fresh registration can have.
  const contact = (name: string, email: string) => ({ name, phone: '+31 30 123 4567', email });
  const regs: Array<[Actor, Vars]> = [
    [
      COMPANIES[0]!,
      {
        ownerName: MARKER_OWNER,
        placeType: 'OFFICE',
        address: 'Vredenburg 40, Utrecht',
        location: { latitude: 52.0925, longitude: 5.1154 },
        mounting: 'FIXED',
        purpose: 'Toegangscontrole',
        filmsPublicSpace: false,
        liveView: false,
        retentionDays: 28,
        signage: true,
        contact: contact('P. de Vries', 'beveiliging@example.nl'),
        municipality: 'GM0344',
      },
    ],
    [
      COMPANIES[0]!,
      {
        ownerName: 'Beveiliging BV — loods Atoomweg',
        placeType: 'INDUSTRIAL_SITE',
        address: 'Atoomweg 50, Utrecht',
        location: { latitude: 52.1109, longitude: 5.0818 },
        mounting: 'FIXED',
        purpose: 'Inbraakpreventie',
        filmsPublicSpace: true,
        publicSpaceDescription: 'stoep voor de poort',
        liveView: true,
        alarmCentre: 'Meldkamer Midden',
        retentionDays: 60,
        signage: true,
        contact: contact('P. de Vries', 'beveiliging@example.nl'),
        municipality: 'GM0344',
      },
    ],
    [
      COMPANIES[1]!,
      {
        ownerName: 'Bakkerij De Neude',
        placeType: 'SHOP',
        address: 'Neude 11, Utrecht',
        location: { latitude: 52.0931, longitude: 5.1188 },
        mounting: 'FIXED',
        purpose: 'Diefstalpreventie',
        filmsPublicSpace: true,
        publicSpaceDescription: 'terras en stoep',
        liveView: false,
        retentionDays: 14,
        signage: false,
        contact: contact('J. Jansen', 'bakker@example.nl'),
        municipality: 'GM0344',
      },
    ],
    [
      COMPANIES[2]!,
      {
        ownerName: 'Garage Laakhaven',
        placeType: 'PARKING',
        address: 'Hoefkade 200, Den Haag',
        location: { latitude: 52.0716, longitude: 4.3139 },
        mounting: 'FIXED',
        purpose: 'Bewaking parkeerterrein',
        filmsPublicSpace: true,
        publicSpaceDescription: 'in- en uitrit',
        liveView: false,
        retentionDays: 90,
        signage: false,
        contact: contact('A. Bakker', 'garage@example.nl'),
        municipality: 'GM0518',
      },
    ],
    [
      COMPANIES[2]!,
      {
        ownerName: 'Garage Laakhaven — werkplaats',
        placeType: 'OFFICE',
        address: 'Hoefkade 202, Den Haag',
        location: { latitude: 52.0718, longitude: 4.3142 },
        mounting: 'FIXED',
        purpose: 'Inbraakpreventie',
        filmsPublicSpace: false,
        liveView: false,
        retentionDays: 7,
        signage: true,
        contact: contact('A. Bakker', 'garage@example.nl'),
        municipality: 'GM0518',
      },
    ],
  ];
  for (const [company, input] of regs) {
    await api.run(company, `mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id } }`, {
      i: input,
    });
    add('registrations');
  }
  // taken over from an earlier register with its date, never confirmed since: lapsed (CONFIRMATION_OVERDUE)
  await api.run(POLICE, `mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id } }`, {
    i: {
      ownerName: 'Beveiliging BV — slagboom Kanaalstraat',
      ownerOrg: COMPANIES[0]!.org,
      placeType: 'PARKING',
      address: 'Kanaalstraat 120, Utrecht',
      location: { latitude: 52.0905, longitude: 5.1022 },
      mounting: 'FIXED',
      purpose: 'Toegang parkeerterrein',
      filmsPublicSpace: true,
      publicSpaceDescription: 'trottoir bij de slagboom',
      liveView: false,
      retentionDays: 28,
      signage: true,
      contact: contact('P. de Vries', 'beveiliging@example.nl'),
      municipality: 'GM0344',
      declaredAt: iso(t0 - 400 * DAY),
    },
  });
  add('registrations');

  // 5. Footage requests by the police, in each status, about footage that exists.
  const window = (daysAgo: number) => {
    const start = dayStart - daysAgo * DAY + 19 * HOUR;
    return { windowStart: iso(start), windowEnd: iso(start + 4 * HOUR) };
  };
  const file = async (n: number, cameraId: string, daysAgo: number, what: string) => {
    const r = await api.run(
      POLICE,
      `mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id status } }`,
      {
        i: {
          kind: 'POLICE_REPORT',
          reportNumber: `PL0900-2026-${400 + n}`,
          cameraIds: [cameraId],
          ...window(daysAgo),
          place: what,
          description: `Aangifte ${400 + n}: ${what}`,
        },
      },
    );
    add('footageRequests');
    return r.fileFootageRequest.id as string;
  };
  const review = (id: string, action: string, reason?: string) =>
    api.run(
      POLICE,
      `mutation($id: ID!, $a: RequestReviewAction!, $r: String) { reviewFootageRequest(id: $id, action: $a, reason: $r) { status } }`,
      { id, a: action, r: reason ?? null },
    );
  await file(1, 'utrecht-neude-1', 2, 'Fietsendiefstal Neude'); // SUBMITTED
  await review(await file(2, 'utrecht-vredenburg-1', 3, 'Zakkenrollerij Vredenburg'), 'START_REVIEW'); // IN_REVIEW
  const approved = await file(3, 'utrecht-domplein-1', 4, 'Mishandeling Domplein');
  await review(approved, 'START_REVIEW');
  await review(approved, 'APPROVE'); // APPROVED
  const rejected = await file(4, 'denhaag-herengracht-1', 5, 'Ruzie Herengracht');
  await review(rejected, 'START_REVIEW');
  await review(rejected, 'REJECT', 'Geen strafbaar feit: de aangifte is ingetrokken'); // REJECTED
  const fulfilled = await file(5, 'denhaag-stationsplein-1', 6, 'Straatroof Stationsplein');
  const closed = await file(6, 'utrecht-herculesplein-1', 7, 'Vernieling Herculesplein');
  for (const id of [fulfilled, closed]) {
    await review(id, 'START_REVIEW');
    await review(id, 'APPROVE');
  }
  // the footage subgraph secures the footage asynchronously; fulfilling waits for the hold
  for (const id of [fulfilled, closed]) await waitForHold(api, id);
  for (const id of [fulfilled, closed])
    await api.run(POLICE, `mutation($id: ID!) { fulfilFootageRequest(id: $id) { status } }`, { id });
  await api.run(
    POLICE,
    `mutation($id: ID!) { closeFootageRequest(id: $id, reason: "Zaak afgerond: verdachte veroordeeld") { status } }`,
    { id: closed },
  ); // CLOSED
  // a report about footage already past its retention expires at filing
  const old = dayStart - 40 * DAY + 19 * HOUR;
  await api.run(POLICE, `mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id } }`, {
    i: {
      kind: 'POLICE_REPORT',
      reportNumber: 'PL0900-2026-399',
      cameraIds: ['utrecht-neude-1'],
      windowStart: iso(old),
      windowEnd: iso(old + HOUR),
      place: 'Neude',
      description: 'Late aangifte van een fietsendiefstal',
    },
  }); // EXPIRED
  add('footageRequests');

  // 6. Data-subject access requests of the demo citizen (and another) in each reachable state; one by letter.
  const access = async (who: Actor, cameraId: string, daysAgo: number, place: string, description: string) => {
    const r = await api.run(who, `mutation($i: FileAccessRequestInput!) { fileAccessRequest(input: $i) { id } }`, {
      i: { cameraIds: [cameraId], ...window(daysAgo), place, description },
    });
    add('accessRequests');
    return r.fileAccessRequest.id as string;
  };
  await access(CITIZEN, 'utrecht-neude-1', 1, 'Neude, bij de bakkerij', 'Rode jas, zwarte fiets'); // SUBMITTED
  const inReview = await access(
    CITIZEN,
    'denhaag-bodycam-handhavers-1',
    2,
    'Grote Markt',
    'Blauwe jas, aangesproken door handhavers',
  );
  await review(inReview, 'START_REVIEW');
  await api.run(
    POLICE,
    `mutation($id: ID!, $u: DateTime!) { extendAccessRequest(id: $id, until: $u, reason: "Beelden van meerdere camera's moeten worden geblurd") { status } }`,
    {
      id: inReview,
      u: iso(t0 + 60 * DAY),
    },
  ); // IN_REVIEW, extended
  const granted = await access(CITIZEN, 'utrecht-vredenburg-1', 3, 'Vredenburg, bushalte', 'Grijze muts, rugzak');
  await review(granted, 'START_REVIEW');
  await review(granted, 'APPROVE');
  await api.run(
    POLICE,
    `mutation($id: ID!, $i: FulfilFootageRequestInput) { fulfilFootageRequest(id: $id, input: $i) { status } }`,
    {
      id: granted,
      i: {
        decision: 'VIEWING_GRANTED',
        reason: 'Politiebureau Paardenveld, balie 2',
        appointmentAt: iso(dayStart + 5 * DAY + 10 * HOUR),
      },
    },
  ); // FULFILLED (viewing)
  const refused = await access(
    { kind: 'citizen', sub: 'citizen-42' },
    'denhaag-stationsplein-1',
    4,
    'Stationsplein',
    'Groene jas',
  );
  await review(refused, 'START_REVIEW');
  await review(refused, 'REJECT', 'U bent op de beelden niet herkenbaar'); // REJECTED
  // a letter received 40 days ago, about bodycam footage of two days before it, registered only now:
  // the month ran from receipt (AVG art. 12(3)), so it is overdue (the authority's page lists it)
  await api.run(
    POLICE,
    `mutation($i: RecordReceivedAccessRequestInput!) { recordReceivedAccessRequest(input: $i) { id } }`,
    {
      i: {
        cameraIds: ['denhaag-bodycam-handhavers-1'],
        ...window(43),
        place: 'Grote Markt, bij de tramhalte',
        description: 'Per brief: aangesproken door twee handhavers, groene regenjas',
        receivedAt: iso(t0 - 40 * DAY),
        channel: 'LETTER',
      },
    },
  ); // SUBMITTED, overdue
  add('accessRequests');

  // 7. Audited reads: recording metadata with a purpose, a plate search, who may have filmed this, a playback link.
  const recs = await api.run(
    POLICE,
    `query($f: RecordingFilter) { recordings(filter: $f, first: 5, purpose: "PL0900-2026-403 mishandeling") { edges { node { id } } } }`,
    {
      f: { cameraId: 'utrecht-domplein-1', from: iso(t0 - 5 * DAY), to: iso(t0) },
    },
  );
  await api.run(
    POLICE,
    `query($f: DateTime!, $t: DateTime!) { anprReads(plate: "1-ABC-234", from: $f, to: $t, purpose: "PL0900-2026-77 gestolen voertuig") { edges { node { id } } } }`,
    { f: iso(t0 - 2 * DAY), t: iso(t0) },
  );
  await api.run(POLICE, `{ camerasNear(lat: 52.0926, lon: 5.1190, radiusMeters: 250) { distanceMeters } }`);
  const first = recs.recordings.edges[0]?.node.id;
  if (first)
    await api.run(
      POLICE,
      `mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "PL0900-2026-403 mishandeling") { expiresAt } }`,
      { id: first },
    );
  add('auditedReads', first ? 4 : 3);

  // 8. Retention: once the near-expiry recordings are past their 28 days, the run deletes them
  // (holding back the one under a legal hold) and writes its proof; ANPR's run too.
  const lastExpiry = Math.max(...nearExpiry.map((r) => Date.parse(r.endedAt))) + RETENTION_MS;
  const wait = lastExpiry - now().getTime() + 500;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const proof = await api.run(POLICE, `mutation { runRetention { deletedCount heldBackCount } }`);
  add('retentionDeleted', proof.runRetention.deletedCount);
  await api.run(POLICE, `mutation { runAnprRetention { deletedCount } }`);
  // the authority checks the chain (itself an audited act)
  await api.run(AUTHORITY, `{ verifyAuditChain { ok } }`);
  add('within', within.length);
  return { made: true, ms: Date.now() - started, counts };
}

async function waitForHold(api: Api, id: string) {
  for (let i = 0; i < 100; i++) {
    const r = await api.run(POLICE, `query($id: ID!) { footageRequest(id: $id) { holdStatus } }`, { id });
    if (r.footageRequest.holdStatus === 'PLACED') return;
    if (r.footageRequest.holdStatus === 'NOT_FOUND') throw new Error(`demo history: no footage to hold for ${id}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`demo history: the hold of ${id} was not placed`);
}
