/**
 * Demo-city seed data for the public-order camera hub (NL/BE).
 *
 * Built from the Dutch source documents in shared/seeds/:
 *   000 Den Haag, cameratoezicht (locations, ~140 fixed + ~15 flexible, helicopter)
 *   001 Almere, cameratoezicht (centres Almere Stad/Buiten, temporary, business parks, privacy masking)
 *   002 Den Haag, bodycam pilot for municipal enforcement officers
 *   003 Utrecht, beleidskader cameratoezicht (areas, periods, sub-goals, watch times)
 *   004 Antwerpen, politie cameratoezicht (camera types, WPA, council approval)
 * Area names and rules come from those documents. Individual streets for Almere, Utrecht and
 * Antwerpen are real streets in the named areas (the documents name none); coordinates are
 * approximate WGS84 (lat, lon). Camera subsets are a demo sample, not the full registers.
 * Pure data, no imports; ids are stable lowercase slugs.
 */

export type DemoMunicipality = { code: string; name: string; country: 'NL' | 'BE' };
export type DemoArea = {
  id: string;
  municipality: string;
  name: string;
  kind: 'CITY_CENTRE' | 'STADIUM' | 'NEIGHBOURHOOD' | 'SHORT_TERM' | 'BUSINESS_PARK' | 'OTHER';
  description: string;
  watchSchedule: string;
  decision: {
    legalBasis: string;
    validFrom: string;
    validUntil: string;
    subGoals: Array<'PREVENTION' | 'INTERVENTION' | 'FEELING_OF_SAFETY' | 'INVESTIGATION'>;
    signagePlaced: boolean;
    residentsInformed: boolean;
    published: boolean;
  };
};
export type DemoCamera = {
  id: string;
  areaId: string | null;
  municipality: string;
  kind: 'FIXED' | 'FLEXIBLE' | 'MOBILE_VEHICLE' | 'ANPR_FIXED' | 'ANPR_MOBILE' | 'BODYCAM' | 'HELICOPTER' | 'BUILDING';
  name: string;
  street: string;
  lat: number;
  lon: number;
  covert: boolean;
  status: 'ACTIVE' | 'MAINTENANCE' | 'OFFLINE' | 'DECOMMISSIONED';
  privacyMasks: Array<{ label: string; polygon: Array<[number, number]> }>;
  /** Default POLICE; the Hague's bodycams are worn by the municipality's enforcement officers (002). */
  operator?: 'POLICE' | 'MUNICIPALITY' | 'THIRD_PARTY';
};

export const municipalities: DemoMunicipality[] = [
  { code: 'GM0518', name: 'Den Haag', country: 'NL' },
  { code: 'GM0034', name: 'Almere', country: 'NL' },
  { code: 'GM0344', name: 'Utrecht', country: 'NL' },
  { code: '11002', name: 'Antwerpen', country: 'BE' },
];

export const areas: DemoArea[] = [
  // ── Den Haag (GM0518) ──
  {
    id: 'denhaag-hollands-spoor',
    municipality: 'GM0518',
    name: 'Stationsgebied Hollands Spoor',
    kind: 'CITY_CENTRE',
    description: 'Streets around Den Haag HS railway station (source 000, Locaties). Mayor re-designates yearly after evaluation.',
    watchSchedule: 'Live viewing by the police Team Technisch Toezicht; recordings kept max. 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2023-07-01',
      validUntil: '2027-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-centraal',
    municipality: 'GM0518',
    name: 'Stationsgebied Centraal',
    kind: 'CITY_CENTRE',
    description: 'Streets around Den Haag Centraal railway station (source 000, Locaties).',
    watchSchedule: 'Live viewing by the police Team Technisch Toezicht; recordings kept max. 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2023-07-01',
      validUntil: '2027-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-winkelgebied',
    municipality: 'GM0518',
    name: 'Winkelgebieden binnenstad',
    kind: 'CITY_CENTRE',
    description: 'Shopping streets: Herengracht, Korte Poten, Plein, Lange Poten, Vlamingstraat, De Laan, Spuistraat, Stationsweg, Wagenstraat, Grote Marktstraat (source 000, Locaties).',
    watchSchedule: 'Live viewing by the police Team Technisch Toezicht; recordings kept max. 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2023-07-01',
      validUntil: '2027-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-prostitutiestraten',
    municipality: 'GM0518',
    name: 'Prostitutiestraten',
    kind: 'OTHER',
    description: 'Window-prostitution streets Geleenstraat, Hunsestraat and Doubletstraat (source 000, Locaties).',
    watchSchedule: 'Live viewing by the police Team Technisch Toezicht; recordings kept max. 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2023-07-01',
      validUntil: '2027-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-kuststrook',
    municipality: 'GM0518',
    name: 'Kuststrook Scheveningen',
    kind: 'OTHER',
    description: 'Coastal strip: Strandweg and the Boulevard in Scheveningen (source 000, Locaties).',
    watchSchedule: 'Live viewing by the police Team Technisch Toezicht; recordings kept max. 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2023-07-01',
      validUntil: '2027-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-jaarwisseling',
    municipality: 'GM0518',
    name: 'Jaarwisseling risicolocaties',
    kind: 'SHORT_TERM',
    description: 'Flexible cameras at risk locations during New Year\'s Eve (source 000, flexibele camera\'s). Past decision; cameras redeployed since.',
    watchSchedule: 'Only around the New Year\'s Eve night',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2025-12-31',
      validUntil: '2026-01-01',
      subGoals: ['INTERVENTION', 'PREVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-delftselaan',
    municipality: 'GM0518',
    name: 'Flexibel cameratoezicht Delftselaan',
    kind: 'NEIGHBOURHOOD',
    description: 'Flexible camera against crime and youth nuisance at Delftselaan (source 000, flexibele camera\'s).',
    watchSchedule: 'Live viewing by the police when nuisance peaks (evenings)',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-07-01',
      validUntil: '2026-12-31',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-kaapseplein',
    municipality: 'GM0518',
    name: 'Flexibel cameratoezicht Kaapseplein',
    kind: 'NEIGHBOURHOOD',
    description: 'Flexible camera against crime and youth nuisance at Kaapseplein, Transvaal (source 000, flexibele camera\'s).',
    watchSchedule: 'Live viewing by the police when nuisance peaks (afternoons and evenings)',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-08-15',
      validUntil: '2027-02-14',
      subGoals: ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-hoefkade',
    municipality: 'GM0518',
    name: 'Flexibel cameratoezicht Hoefkade',
    kind: 'NEIGHBOURHOOD',
    description: 'Flexible camera against crime and youth nuisance at Hoefkade (source 000, flexibele camera\'s).',
    watchSchedule: 'Live viewing by the police when nuisance peaks (evenings and nights)',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-06-01',
      validUntil: '2026-11-30',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'denhaag-koningstraat',
    municipality: 'GM0518',
    name: 'Flexibel cameratoezicht Koningstraat',
    kind: 'NEIGHBOURHOOD',
    description: 'Flexible camera against crime and youth nuisance at Koningstraat (source 000, flexibele camera\'s).',
    watchSchedule: 'Live viewing by the police when nuisance peaks (evenings)',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-10-01',
      validUntil: '2027-03-31',
      subGoals: ['INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  // ── Almere (GM0034) ──
  {
    id: 'almere-stad-centrum',
    municipality: 'GM0034',
    name: 'Centrum Almere Stad',
    kind: 'CITY_CENTRE',
    description: 'City centre of Almere Stad; part of a package of measures, grey privacy zones over homes, signage (source 001).',
    watchSchedule: '7 days a week, watched by observers in the toezichtcentrale under police direction; stored 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2024-07-01',
      validUntil: '2028-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'almere-buiten-centrum',
    municipality: 'GM0034',
    name: 'Centrum Almere Buiten',
    kind: 'CITY_CENTRE',
    description: 'Centre of Almere Buiten around the station and the Buitenmere shopping area (source 001).',
    watchSchedule: '7 days a week, watched by observers in the toezichtcentrale under police direction; stored 28 days',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-07-01',
      validUntil: '2030-06-30',
      subGoals: ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'almere-tijdelijk-haven',
    municipality: 'GM0034',
    name: 'Tijdelijk cameratoezicht Almere Haven Centrum',
    kind: 'NEIGHBOURHOOD',
    description: 'Temporary surveillance by mayoral decision, bound to strict legal requirements (source 001, Tijdelijk cameratoezicht). Location is a demo choice.',
    watchSchedule: '7 days a week in the toezichtcentrale under police direction, for the decision period only',
    decision: {
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: '2026-07-01',
      validUntil: '2026-12-31',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'almere-bedrijventerreinen',
    municipality: 'GM0034',
    name: 'Bedrijventerreinen (SBBA)',
    kind: 'BUSINESS_PARK',
    description: 'Business-park cameras installed by Stichting Beveiliging Bedrijventerreinen Almere (SBBA) with a security firm (source 001); not a public-order designation.',
    watchSchedule: 'Recorded 24/7 for business security; monitored by the security firm',
    decision: {
      legalBasis: 'Private collective camera security by SBBA under a municipal mandate; AVG applies, supervised by the Autoriteit Persoonsgegevens',
      validFrom: '2024-01-01',
      validUntil: '2028-12-31',
      subGoals: ['PREVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  // ── Utrecht (GM0344) ──
  {
    id: 'utrecht-binnenstad',
    municipality: 'GM0344',
    name: 'Binnenstad',
    kind: 'CITY_CENTRE',
    description: 'City centre, cameras since 2001; against (nightlife) violence and drug crime/nuisance; designated for 4 years, evaluated yearly per camera (source 003 §3.1). CTOV cameras at Utrecht Centraal are excluded (source 003, Bijlage).',
    watchSchedule: 'Watch times tailored to the area (maatwerk), focus on shopping and nightlife hours',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2023-01-01',
      validUntil: '2026-12-31',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-galgenwaard',
    municipality: 'GM0344',
    name: 'Stadion Galgenwaard',
    kind: 'STADIUM',
    description: 'Area around Stadion Galgenwaard, cameras since 2014 after disturbances; designated for 4 years, evaluated yearly (source 003 §3.3).',
    watchSchedule: 'Only directly before, during and after football matches; not watched live otherwise',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2023-01-01',
      validUntil: '2026-12-31',
      subGoals: ['INTERVENTION', 'PREVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-west',
    municipality: 'GM0344',
    name: 'West',
    kind: 'NEIGHBOURHOOD',
    description: 'Neighbourhood approach in West (drug and youth nuisance); designated for 6 months, renewable only by a new decision (source 003 §3.2).',
    watchSchedule: 'Varies per area: afternoon, evening or night depending on the problems; extra actions outside fixed times possible',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2026-07-01',
      validUntil: '2026-12-31',
      subGoals: ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-noordwest',
    municipality: 'GM0344',
    name: 'Noordwest',
    kind: 'NEIGHBOURHOOD',
    description: 'Neighbourhood approach in Noordwest (intimidation, street robbery, car break-ins); 6-month designation (source 003 §3.2).',
    watchSchedule: 'Varies per area: afternoon, evening or night depending on the problems; extra actions outside fixed times possible',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2026-08-01',
      validUntil: '2027-01-31',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-overvecht',
    municipality: 'GM0344',
    name: 'Overvecht',
    kind: 'NEIGHBOURHOOD',
    description: 'Neighbourhood approach in Overvecht (drug nuisance, robberies, burglaries); 6-month designation, renewed by a new decision (source 003 §3.2).',
    watchSchedule: 'Varies per area: afternoon, evening or night depending on the problems; extra actions outside fixed times possible',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2026-09-01',
      validUntil: '2027-02-28',
      subGoals: ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-zuidwest',
    municipality: 'GM0344',
    name: 'Zuidwest',
    kind: 'NEIGHBOURHOOD',
    description: 'Neighbourhood approach in Zuidwest (youth nuisance, street robbery); 6-month designation (source 003 §3.2).',
    watchSchedule: 'Varies per area: afternoon, evening or night depending on the problems; extra actions outside fixed times possible',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht',
      validFrom: '2026-06-01',
      validUntil: '2026-11-30',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'utrecht-kortstondig-jaarbeursplein',
    municipality: 'GM0344',
    name: 'Kortstondig cameratoezicht Jaarbeursplein',
    kind: 'SHORT_TERM',
    description: 'Short-term surveillance (hours to days) around a demonstration with signals of possible disorder; evaluated after each deployment (source 003 §3.4). Location is a demo choice.',
    watchSchedule: 'Only during the demonstration',
    decision: {
      legalBasis: 'art. 151c Gemeentewet jo. art. 2.5 APV Utrecht; for sudden serious disorder also art. 3 Politiewet',
      validFrom: '2026-11-21',
      validUntil: '2026-11-23',
      subGoals: ['INTERVENTION', 'PREVENTION'],
      signagePlaced: true,
      residentsInformed: false,
      published: true,
    },
  },
  {
    id: 'utrecht-bedrijventerreinen',
    municipality: 'GM0344',
    name: 'Bedrijventerreinen (cameraregister U-safe)',
    kind: 'BUSINESS_PARK',
    description: 'Collective private camera security on business parks, registered under a covenant with U-safe (source 003, Bijlage); supervised by the Autoriteit Persoonsgegevens.',
    watchSchedule: 'Private camera security, not watched live by the police',
    decision: {
      legalBasis: 'Art. 8 Privacyverordening gemeente Utrecht; covenant camerabeveiliging bedrijventerreinen with U-safe; AVG',
      validFrom: '2025-01-01',
      validUntil: '2028-12-31',
      subGoals: ['PREVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  // ── Antwerpen (11002) ──
  {
    id: 'antwerpen-binnenstad',
    municipality: '11002',
    name: 'Vaste camera\'s binnenstad',
    kind: 'CITY_CENTRE',
    description: 'Network of fixed police cameras on streets and squares of Politiezone Antwerpen (source 004, Cameratypes).',
    watchSchedule: 'Viewed by Politiezone Antwerpen; hours not stated in the source',
    decision: {
      legalBasis: 'art. 25/1-25/8 Wet op het politieambt (WPA), prior consent of the full city council; Camerawet (wet van 21 maart 2007) no longer applies to police cameras since 25 May 2018',
      validFrom: '2024-01-01',
      validUntil: '2027-12-31',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'antwerpen-tijdelijk',
    municipality: '11002',
    name: 'Tijdelijke vaste camera\'s',
    kind: 'NEIGHBOURHOOD',
    description: 'Temporary fixed (non-moving) cameras placed for a limited time for a specific safety or liveability problem (source 004, Cameratypes).',
    watchSchedule: 'For the limited deployment period only',
    decision: {
      legalBasis: 'art. 25/1-25/8 Wet op het politieambt (WPA), prior consent of the full city council; Camerawet (wet van 21 maart 2007) no longer applies to police cameras since 25 May 2018',
      validFrom: '2026-09-01',
      validUntil: '2027-02-28',
      subGoals: ['PREVENTION', 'INTERVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
  {
    id: 'antwerpen-anpr',
    municipality: '11002',
    name: 'Vast ANPR-cameranetwerk',
    kind: 'OTHER',
    description: 'Fixed ANPR network recognising number plates on streets and squares (source 004, Cameratypes).',
    watchSchedule: 'Automatic number-plate recognition 24/7',
    decision: {
      legalBasis: 'art. 25/1-25/8 Wet op het politieambt (WPA), prior consent of the full city council; Camerawet (wet van 21 maart 2007) no longer applies to police cameras since 25 May 2018',
      validFrom: '2023-06-01',
      validUntil: '2027-05-31',
      subGoals: ['INTERVENTION', 'INVESTIGATION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
    },
  },
];

export const cameras: DemoCamera[] = [
  // ── Den Haag (GM0518) ──
  {
    id: 'denhaag-stationsplein-1', areaId: 'denhaag-hollands-spoor', municipality: 'GM0518', kind: 'FIXED',
    name: 'Stationsplein HS entrance', street: 'Stationsplein', lat: 52.0703, lon: 4.3212, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-stationsplein-2', areaId: 'denhaag-hollands-spoor', municipality: 'GM0518', kind: 'FIXED',
    name: 'Stationsplein HS tram stop', street: 'Stationsplein', lat: 52.0707, lon: 4.3203, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-rijswijkseplein-1', areaId: 'denhaag-hollands-spoor', municipality: 'GM0518', kind: 'FIXED',
    name: 'Rijswijkseplein', street: 'Rijswijkseplein', lat: 52.0718, lon: 4.3252, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-koningin-julianaplein-1', areaId: 'denhaag-centraal', municipality: 'GM0518', kind: 'FIXED',
    name: 'Koningin Julianaplein station front', street: 'Koningin Julianaplein', lat: 52.0802, lon: 4.3243, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-koningin-julianaplein-2', areaId: 'denhaag-centraal', municipality: 'GM0518', kind: 'FIXED',
    name: 'Koningin Julianaplein bus station', street: 'Koningin Julianaplein', lat: 52.0806, lon: 4.3252, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-anna-van-buerenplein-1', areaId: 'denhaag-centraal', municipality: 'GM0518', kind: 'FIXED',
    name: 'Anna van Buerenplein', street: 'Anna van Buerenplein', lat: 52.0818, lon: 4.3233, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-rijnstraat-1', areaId: 'denhaag-centraal', municipality: 'GM0518', kind: 'FIXED',
    name: 'Rijnstraat', street: 'Rijnstraat', lat: 52.0788, lon: 4.3248, covert: false, status: 'MAINTENANCE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-herengracht-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Herengracht west', street: 'Herengracht', lat: 52.0807, lon: 4.319, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-herengracht-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Herengracht east', street: 'Herengracht', lat: 52.0812, lon: 4.3207, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Herengracht north side', polygon: [[52.08138, 4.32055], [52.08138, 4.32105], [52.08162, 4.32105], [52.08162, 4.32055]] },
    ],
  },
  {
    id: 'denhaag-korte-poten-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Korte Poten', street: 'Korte Poten', lat: 52.0805, lon: 4.3174, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-plein-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Plein north', street: 'Plein', lat: 52.0803, lon: 4.3152, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-plein-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Plein south', street: 'Plein', lat: 52.0797, lon: 4.3162, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-lange-poten-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Lange Poten', street: 'Lange Poten', lat: 52.079, lon: 4.3152, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-vlamingstraat-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Vlamingstraat Grote Markt side', street: 'Vlamingstraat', lat: 52.0757, lon: 4.3093, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-vlamingstraat-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Vlamingstraat Weversplaats', street: 'Vlamingstraat', lat: 52.0763, lon: 4.3103, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-de-laan-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'De Laan west', street: 'De Laan', lat: 52.0733, lon: 4.283, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments above shops', polygon: [[52.07338, 4.28245], [52.07338, 4.28295], [52.07362, 4.28295], [52.07362, 4.28245]] },
    ],
  },
  {
    id: 'denhaag-de-laan-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'De Laan east', street: 'De Laan', lat: 52.074, lon: 4.2848, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-spuistraat-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Spuistraat Passage', street: 'Spuistraat', lat: 52.0776, lon: 4.3124, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-spuistraat-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Spuistraat Weversplaats', street: 'Spuistraat', lat: 52.0769, lon: 4.311, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-stationsweg-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Stationsweg HS end', street: 'Stationsweg', lat: 52.0713, lon: 4.3193, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Stationsweg', polygon: [[52.07098, 4.31875], [52.07098, 4.31925], [52.07122, 4.31925], [52.07122, 4.31875]] },
    ],
  },
  {
    id: 'denhaag-stationsweg-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Stationsweg Chinatown gate', street: 'Stationsweg', lat: 52.0728, lon: 4.3168, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-wagenstraat-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Wagenstraat Grote Marktstraat', street: 'Wagenstraat', lat: 52.0763, lon: 4.3131, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-wagenstraat-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Wagenstraat Chinatown', street: 'Wagenstraat', lat: 52.075, lon: 4.3142, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Wagenstraat', polygon: [[52.07508, 4.31425], [52.07508, 4.31475], [52.07532, 4.31475], [52.07532, 4.31425]] },
    ],
  },
  {
    id: 'denhaag-grote-marktstraat-1', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Grote Marktstraat west', street: 'Grote Marktstraat', lat: 52.0757, lon: 4.3105, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-grote-marktstraat-2', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Grote Marktstraat Bijenkorf', street: 'Grote Marktstraat', lat: 52.0765, lon: 4.3137, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-grote-marktstraat-3', areaId: 'denhaag-winkelgebied', municipality: 'GM0518', kind: 'FIXED',
    name: 'Grote Marktstraat Spui', street: 'Grote Marktstraat', lat: 52.0771, lon: 4.3158, covert: false, status: 'OFFLINE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-geleenstraat-1', areaId: 'denhaag-prostitutiestraten', municipality: 'GM0518', kind: 'FIXED',
    name: 'Geleenstraat north', street: 'Geleenstraat', lat: 52.0724, lon: 4.328, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Geleenstraat', polygon: [[52.07248, 4.32745], [52.07248, 4.32795], [52.07272, 4.32795], [52.07272, 4.32745]] },
      { label: 'Gardens rear Geleenstraat', polygon: [[52.07198, 4.32795], [52.07198, 4.32845], [52.07222, 4.32845], [52.07222, 4.32795]] },
    ],
  },
  {
    id: 'denhaag-geleenstraat-2', areaId: 'denhaag-prostitutiestraten', municipality: 'GM0518', kind: 'FIXED',
    name: 'Geleenstraat south', street: 'Geleenstraat', lat: 52.0719, lon: 4.3288, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-hunsestraat-1', areaId: 'denhaag-prostitutiestraten', municipality: 'GM0518', kind: 'FIXED',
    name: 'Hunsestraat', street: 'Hunsestraat', lat: 52.0715, lon: 4.3294, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Hunsestraat', polygon: [[52.07158, 4.32945], [52.07158, 4.32995], [52.07182, 4.32995], [52.07182, 4.32945]] },
    ],
  },
  {
    id: 'denhaag-doubletstraat-1', areaId: 'denhaag-prostitutiestraten', municipality: 'GM0518', kind: 'FIXED',
    name: 'Doubletstraat entrance', street: 'Doubletstraat', lat: 52.0726, lon: 4.3122, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Doubletstraat', polygon: [[52.07228, 4.31225], [52.07228, 4.31275], [52.07252, 4.31275], [52.07252, 4.31225]] },
    ],
  },
  {
    id: 'denhaag-doubletstraat-2', areaId: 'denhaag-prostitutiestraten', municipality: 'GM0518', kind: 'FIXED',
    name: 'Doubletstraat middle', street: 'Doubletstraat', lat: 52.0721, lon: 4.3114, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-strandweg-1', areaId: 'denhaag-kuststrook', municipality: 'GM0518', kind: 'FIXED',
    name: 'Strandweg harbour side', street: 'Strandweg', lat: 52.1052, lon: 4.2737, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-strandweg-2', areaId: 'denhaag-kuststrook', municipality: 'GM0518', kind: 'FIXED',
    name: 'Strandweg lighthouse', street: 'Strandweg', lat: 52.1085, lon: 4.2792, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments Strandweg', polygon: [[52.10818, 4.27925], [52.10818, 4.27975], [52.10842, 4.27975], [52.10842, 4.27925]] },
    ],
  },
  {
    id: 'denhaag-boulevard-1', areaId: 'denhaag-kuststrook', municipality: 'GM0518', kind: 'FIXED',
    name: 'Boulevard Kurhaus', street: 'Boulevard', lat: 52.1122, lon: 4.2842, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-boulevard-2', areaId: 'denhaag-kuststrook', municipality: 'GM0518', kind: 'FIXED',
    name: 'Boulevard Pier', street: 'Boulevard', lat: 52.1138, lon: 4.2876, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-delftselaan-1', areaId: 'denhaag-delftselaan', municipality: 'GM0518', kind: 'FLEXIBLE',
    name: 'Flex Delftselaan', street: 'Delftselaan', lat: 52.0652, lon: 4.288, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Delftselaan', polygon: [[52.06528, 4.28805], [52.06528, 4.28855], [52.06552, 4.28855], [52.06552, 4.28805]] },
    ],
  },
  {
    id: 'denhaag-kaapseplein-1', areaId: 'denhaag-kaapseplein', municipality: 'GM0518', kind: 'FLEXIBLE',
    name: 'Flex Kaapseplein', street: 'Kaapseplein', lat: 52.0672, lon: 4.2928, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Kaapseplein east', polygon: [[52.06718, 4.29285], [52.06718, 4.29335], [52.06742, 4.29335], [52.06742, 4.29285]] },
      { label: 'Homes Kaapseplein south', polygon: [[52.06678, 4.29245], [52.06678, 4.29295], [52.06702, 4.29295], [52.06702, 4.29245]] },
    ],
  },
  {
    id: 'denhaag-hoefkade-1', areaId: 'denhaag-hoefkade', municipality: 'GM0518', kind: 'FLEXIBLE',
    name: 'Flex Hoefkade', street: 'Hoefkade', lat: 52.0673, lon: 4.3082, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-koningstraat-1', areaId: 'denhaag-koningstraat', municipality: 'GM0518', kind: 'FLEXIBLE',
    name: 'Flex Koningstraat', street: 'Koningstraat', lat: 52.069, lon: 4.306, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Koningstraat', polygon: [[52.06868, 4.30605], [52.06868, 4.30655], [52.06892, 4.30655], [52.06892, 4.30605]] },
    ],
  },
  {
    id: 'denhaag-politiehelikopter-1', areaId: null, municipality: 'GM0518', kind: 'HELICOPTER',
    name: 'Police helicopter (thermal imaging)', street: 'Luchtruim Den Haag', lat: 52.078, lon: 4.3, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'denhaag-bodycam-handhavers-1', areaId: null, municipality: 'GM0518', kind: 'BODYCAM',
    name: 'Bodycam handhavers (pilot, 5 officers)', street: 'Stadhuis, Spui', lat: 52.0777, lon: 4.317, covert: false, status: 'ACTIVE',
    privacyMasks: [], operator: 'MUNICIPALITY',
  },
  // ── Almere (GM0034) ──
  {
    id: 'almere-stationsplein-1', areaId: 'almere-stad-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Stationsplein Almere Centrum', street: 'Stationsplein', lat: 52.3747, lon: 5.2181, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-stationsstraat-1', areaId: 'almere-stad-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Stationsstraat', street: 'Stationsstraat', lat: 52.3735, lon: 5.2191, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments Stationsstraat', polygon: [[52.37358, 5.21915], [52.37358, 5.21965], [52.37382, 5.21965], [52.37382, 5.21915]] },
    ],
  },
  {
    id: 'almere-grote-markt-1', areaId: 'almere-stad-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Grote Markt', street: 'Grote Markt', lat: 52.372, lon: 5.2192, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments above Grote Markt', polygon: [[52.37168, 5.21865], [52.37168, 5.21915], [52.37192, 5.21915], [52.37192, 5.21865]] },
    ],
  },
  {
    id: 'almere-stadhuisplein-1', areaId: 'almere-stad-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Stadhuisplein', street: 'Stadhuisplein', lat: 52.3705, lon: 5.221, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-esplanade-1', areaId: 'almere-stad-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Esplanade Weerwater', street: 'Esplanade', lat: 52.369, lon: 5.2192, covert: false, status: 'MAINTENANCE',
    privacyMasks: [],
  },
  {
    id: 'almere-buiten-stationsplein-1', areaId: 'almere-buiten-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Stationsplein Almere Buiten', street: 'Stationsplein', lat: 52.3936, lon: 5.2765, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-globeplein-1', areaId: 'almere-buiten-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Globeplein', street: 'Globeplein', lat: 52.3922, lon: 5.278, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments Globeplein tower', polygon: [[52.39228, 5.27805], [52.39228, 5.27855], [52.39252, 5.27855], [52.39252, 5.27805]] },
    ],
  },
  {
    id: 'almere-rio-de-janeiroplein-1', areaId: 'almere-buiten-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Rio de Janeiroplein', street: 'Rio de Janeiroplein', lat: 52.3915, lon: 5.277, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments Rio de Janeiroplein', polygon: [[52.39118, 5.27705], [52.39118, 5.27755], [52.39142, 5.27755], [52.39142, 5.27705]] },
    ],
  },
  {
    id: 'almere-baltimoreplein-1', areaId: 'almere-buiten-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Baltimoreplein', street: 'Baltimoreplein', lat: 52.3941, lon: 5.28, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-straat-van-florida-1', areaId: 'almere-buiten-centrum', municipality: 'GM0034', kind: 'FIXED',
    name: 'Straat van Florida', street: 'Straat van Florida', lat: 52.395, lon: 5.2752, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-de-brink-1', areaId: 'almere-tijdelijk-haven', municipality: 'GM0034', kind: 'FLEXIBLE',
    name: 'Tijdelijk De Brink', street: 'De Brink', lat: 52.3356, lon: 5.2183, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes De Brink', polygon: [[52.33568, 5.21775], [52.33568, 5.21825], [52.33592, 5.21825], [52.33592, 5.21775]] },
    ],
  },
  {
    id: 'almere-bolderweg-1', areaId: 'almere-bedrijventerreinen', municipality: 'GM0034', kind: 'FIXED',
    name: 'SBBA De Vaart entrance', street: 'Bolderweg', lat: 52.3862, lon: 5.2555, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'almere-bolderweg-2', areaId: 'almere-bedrijventerreinen', municipality: 'GM0034', kind: 'FIXED',
    name: 'SBBA De Vaart north', street: 'Bolderweg', lat: 52.388, lon: 5.2575, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  // ── Utrecht (GM0344) ──
  {
    id: 'utrecht-neude-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Neude', street: 'Neude', lat: 52.0928, lon: 5.119, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-vredenburg-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Vredenburg', street: 'Vredenburg', lat: 52.0922, lon: 5.1146, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-lange-viestraat-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Lange Viestraat', street: 'Lange Viestraat', lat: 52.0938, lon: 5.1163, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-janskerkhof-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Janskerkhof', street: 'Janskerkhof', lat: 52.0936, lon: 5.1222, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Janskerkhof', polygon: [[52.09368, 5.12225], [52.09368, 5.12275], [52.09392, 5.12275], [52.09392, 5.12225]] },
    ],
  },
  {
    id: 'utrecht-oudegracht-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Oudegracht Stadhuisbrug', street: 'Oudegracht', lat: 52.0912, lon: 5.1198, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Wharf-cellar homes Oudegracht', polygon: [[52.09088, 5.11975], [52.09088, 5.12025], [52.09112, 5.12025], [52.09112, 5.11975]] },
    ],
  },
  {
    id: 'utrecht-domplein-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Domplein', street: 'Domplein', lat: 52.0908, lon: 5.1213, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-mariaplaats-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Mariaplaats', street: 'Mariaplaats', lat: 52.0896, lon: 5.117, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-ledig-erf-1', areaId: 'utrecht-binnenstad', municipality: 'GM0344', kind: 'FIXED',
    name: 'Ledig Erf', street: 'Ledig Erf', lat: 52.0833, lon: 5.1243, covert: false, status: 'DECOMMISSIONED',
    privacyMasks: [],
  },
  {
    id: 'utrecht-herculesplein-1', areaId: 'utrecht-galgenwaard', municipality: 'GM0344', kind: 'FIXED',
    name: 'Herculesplein', street: 'Herculesplein', lat: 52.0798, lon: 5.1416, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-herculesplein-2', areaId: 'utrecht-galgenwaard', municipality: 'GM0344', kind: 'FIXED',
    name: 'Stadion Galgenwaard forecourt', street: 'Herculesplein', lat: 52.0788, lon: 5.144, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-waterlinieweg-1', areaId: 'utrecht-galgenwaard', municipality: 'GM0344', kind: 'FIXED',
    name: 'Waterlinieweg away-fans route', street: 'Waterlinieweg', lat: 52.0782, lon: 5.1492, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-kanaalstraat-1', areaId: 'utrecht-west', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Kanaalstraat east', street: 'Kanaalstraat', lat: 52.0911, lon: 5.1042, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Kanaalstraat', polygon: [[52.09118, 5.10365], [52.09118, 5.10415], [52.09142, 5.10415], [52.09142, 5.10365]] },
    ],
  },
  {
    id: 'utrecht-kanaalstraat-2', areaId: 'utrecht-west', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Kanaalstraat west', street: 'Kanaalstraat', lat: 52.0906, lon: 5.101, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-damstraat-1', areaId: 'utrecht-west', municipality: 'GM0344', kind: 'FIXED',
    name: 'Damstraat', street: 'Damstraat', lat: 52.0894, lon: 5.0988, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Damstraat', polygon: [[52.08908, 5.09885], [52.08908, 5.09935], [52.08932, 5.09935], [52.08932, 5.09885]] },
    ],
  },
  {
    id: 'utrecht-amsterdamsestraatweg-1', areaId: 'utrecht-noordwest', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Amsterdamsestraatweg Pijlsweerd', street: 'Amsterdamsestraatweg', lat: 52.1002, lon: 5.1088, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Amsterdamsestraatweg', polygon: [[52.10028, 5.10885], [52.10028, 5.10935], [52.10052, 5.10935], [52.10052, 5.10885]] },
    ],
  },
  {
    id: 'utrecht-amsterdamsestraatweg-2', areaId: 'utrecht-noordwest', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Amsterdamsestraatweg Zuilen', street: 'Amsterdamsestraatweg', lat: 52.1085, lon: 5.099, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-marnixlaan-1', areaId: 'utrecht-noordwest', municipality: 'GM0344', kind: 'FIXED',
    name: 'Marnixlaan Ondiep', street: 'Marnixlaan', lat: 52.1032, lon: 5.1075, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Marnixlaan', polygon: [[52.10288, 5.10695], [52.10288, 5.10745], [52.10312, 5.10745], [52.10312, 5.10695]] },
    ],
  },
  {
    id: 'utrecht-zamenhofdreef-1', areaId: 'utrecht-overvecht', municipality: 'GM0344', kind: 'FIXED',
    name: 'Zamenhofdreef shopping centre', street: 'Zamenhofdreef', lat: 52.1155, lon: 5.114, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-zambesidreef-1', areaId: 'utrecht-overvecht', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Zambesidreef', street: 'Zambesidreef', lat: 52.1228, lon: 5.1118, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Flats Zambesidreef', polygon: [[52.12298, 5.11175], [52.12298, 5.11225], [52.12322, 5.11225], [52.12322, 5.11175]] },
    ],
  },
  {
    id: 'utrecht-bangkokdreef-1', areaId: 'utrecht-overvecht', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Bangkokdreef', street: 'Bangkokdreef', lat: 52.112, lon: 5.1152, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Flats Bangkokdreef', polygon: [[52.11168, 5.11525], [52.11168, 5.11575], [52.11192, 5.11575], [52.11192, 5.11525]] },
    ],
  },
  {
    id: 'utrecht-churchilllaan-1', areaId: 'utrecht-zuidwest', municipality: 'GM0344', kind: 'FIXED',
    name: 'Churchilllaan', street: 'Churchilllaan', lat: 52.076, lon: 5.0935, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-marshalllaan-1', areaId: 'utrecht-zuidwest', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Marshalllaan', street: 'Marshalllaan', lat: 52.0742, lon: 5.0958, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Flats Marshalllaan', polygon: [[52.07428, 5.09585], [52.07428, 5.09635], [52.07452, 5.09635], [52.07452, 5.09585]] },
    ],
  },
  {
    id: 'utrecht-azielaan-1', areaId: 'utrecht-zuidwest', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Aziëlaan', street: 'Aziëlaan', lat: 52.072, lon: 5.093, covert: false, status: 'OFFLINE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-jaarbeursplein-1', areaId: 'utrecht-kortstondig-jaarbeursplein', municipality: 'GM0344', kind: 'MOBILE_VEHICLE',
    name: 'Mobile camera unit Jaarbeursplein', street: 'Jaarbeursplein', lat: 52.0887, lon: 5.1065, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-jaarbeursplein-2', areaId: 'utrecht-kortstondig-jaarbeursplein', municipality: 'GM0344', kind: 'FLEXIBLE',
    name: 'Temporary mast Jaarbeursplein', street: 'Jaarbeursplein', lat: 52.0882, lon: 5.108, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-atoomweg-1', areaId: 'utrecht-bedrijventerreinen', municipality: 'GM0344', kind: 'FIXED',
    name: 'Lage Weide entrance (U-safe)', street: 'Atoomweg', lat: 52.1048, lon: 5.0762, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'utrecht-isotopenweg-1', areaId: 'utrecht-bedrijventerreinen', municipality: 'GM0344', kind: 'FIXED',
    name: 'Lage Weide (U-safe)', street: 'Isotopenweg', lat: 52.1068, lon: 5.0712, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  // ── Antwerpen (11002) ──
  {
    id: 'antwerpen-groenplaats-1', areaId: 'antwerpen-binnenstad', municipality: '11002', kind: 'FIXED',
    name: 'Groenplaats', street: 'Groenplaats', lat: 51.2194, lon: 4.4012, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-grote-markt-1', areaId: 'antwerpen-binnenstad', municipality: '11002', kind: 'FIXED',
    name: 'Grote Markt', street: 'Grote Markt', lat: 51.2212, lon: 4.3996, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-meir-1', areaId: 'antwerpen-binnenstad', municipality: '11002', kind: 'FIXED',
    name: 'Meir', street: 'Meir', lat: 51.2183, lon: 4.4075, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-koningin-astridplein-1', areaId: 'antwerpen-binnenstad', municipality: '11002', kind: 'FIXED',
    name: 'Koningin Astridplein', street: 'Koningin Astridplein', lat: 51.2178, lon: 4.4205, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-theaterplein-1', areaId: 'antwerpen-binnenstad', municipality: '11002', kind: 'FIXED',
    name: 'Theaterplein', street: 'Theaterplein', lat: 51.2138, lon: 4.4078, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Apartments Theaterplein', polygon: [[51.21388, 4.40785], [51.21388, 4.40835], [51.21412, 4.40835], [51.21412, 4.40785]] },
    ],
  },
  {
    id: 'antwerpen-de-coninckplein-1', areaId: 'antwerpen-tijdelijk', municipality: '11002', kind: 'FLEXIBLE',
    name: 'Temporary fixed De Coninckplein', street: 'De Coninckplein', lat: 51.2226, lon: 4.4228, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes De Coninckplein', polygon: [[51.22268, 4.42225], [51.22268, 4.42275], [51.22292, 4.42275], [51.22292, 4.42225]] },
    ],
  },
  {
    id: 'antwerpen-sint-jansplein-1', areaId: 'antwerpen-tijdelijk', municipality: '11002', kind: 'FLEXIBLE',
    name: 'Temporary fixed Sint-Jansplein', street: 'Sint-Jansplein', lat: 51.2283, lon: 4.4195, covert: false, status: 'ACTIVE',
    privacyMasks: [
      { label: 'Homes Sint-Jansplein', polygon: [[51.22798, 4.41955], [51.22798, 4.42005], [51.22822, 4.42005], [51.22822, 4.41955]] },
    ],
  },
  {
    id: 'antwerpen-noorderlaan-1', areaId: 'antwerpen-anpr', municipality: '11002', kind: 'ANPR_FIXED',
    name: 'ANPR Noorderlaan', street: 'Noorderlaan', lat: 51.245, lon: 4.422, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-boomsesteenweg-1', areaId: 'antwerpen-anpr', municipality: '11002', kind: 'ANPR_FIXED',
    name: 'ANPR Boomsesteenweg', street: 'Boomsesteenweg', lat: 51.1762, lon: 4.3862, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-plantin-en-moretuslei-1', areaId: 'antwerpen-anpr', municipality: '11002', kind: 'ANPR_FIXED',
    name: 'ANPR Plantin en Moretuslei', street: 'Plantin en Moretuslei', lat: 51.2058, lon: 4.4282, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-combi-1', areaId: null, municipality: '11002', kind: 'MOBILE_VEHICLE',
    name: 'Combi with roof camera (1 of 3)', street: 'Oudaan', lat: 51.2152, lon: 4.4034, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-anpr-koffer-1', areaId: null, municipality: '11002', kind: 'ANPR_MOBILE',
    name: 'ANPR kit in striped vehicle', street: 'Oudaan', lat: 51.2152, lon: 4.4034, covert: true, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-bodycam-1', areaId: null, municipality: '11002', kind: 'BODYCAM',
    name: 'Bodycam patrol', street: 'Oudaan', lat: 51.2152, lon: 4.4034, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-oudaan-onthaal-1', areaId: null, municipality: '11002', kind: 'BUILDING',
    name: 'Politiehuis Oudaan reception', street: 'Oudaan', lat: 51.2153, lon: 4.4032, covert: false, status: 'ACTIVE',
    privacyMasks: [],
  },
  {
    id: 'antwerpen-oudaan-cellen-1', areaId: null, municipality: '11002', kind: 'BUILDING',
    name: 'Politiehuis Oudaan cells', street: 'Oudaan', lat: 51.2151, lon: 4.4036, covert: true, status: 'ACTIVE',
    privacyMasks: [],
  },
];

/**
 * Antwerp's council approvals of its police cameras (004: every new location and every new type needs
 * the council's approval first). Demo references; the types and the fixed cameras' locations match
 * the cameras above, so the demo's active cameras are covered.
 */
export const councilApprovals = [
  {
    id: 'antwerpen-gemeenteraad-2019-types',
    municipality: '11002',
    reference: 'Gemeenteraad Antwerpen 2019/demo-1 (camera types)',
    decidedAt: '2019-06-24',
    cameraKinds: ['FIXED', 'FLEXIBLE', 'ANPR_FIXED', 'MOBILE_VEHICLE', 'ANPR_MOBILE', 'BODYCAM'],
    locations: [] as Array<{ label: string; latitude: number; longitude: number; radiusMeters: number }>,
  },
  {
    id: 'antwerpen-gemeenteraad-2019-locations',
    municipality: '11002',
    reference: 'Gemeenteraad Antwerpen 2019/demo-2 (locations)',
    decidedAt: '2019-06-24',
    cameraKinds: [] as string[],
    locations: cameras
      .filter((c) => c.municipality === '11002' && (c.kind === 'FIXED' || c.kind === 'ANPR_FIXED'))
      .map((c) => ({ label: c.street, latitude: c.lat, longitude: c.lon, radiusMeters: 100 })),
  },
];
