// The access policy as an explicit matrix (the root README's "Actors and what each sees"). The
// expectations below are written out as data on purpose: they restate the design, they are not
// derived from policy.ts.
import { describe, expect, it } from 'vitest';
import type { Actor, ActorKind } from './actor.js';
import {
  SUBJECT_FIELDS,
  SUBJECT_TYPES,
  defineAbilityFor,
  describePolicy,
  permittedFields,
  subject,
  type Action,
  type SubjectType,
} from './policy.js';

const OWN = 'GM0344';
const OTHER = 'GM0363';

const ACTORS: Record<ActorKind, Actor> = {
  police: { kind: 'police', sub: 'p-1', org: 'politie-midden' },
  municipality: { kind: 'municipality', sub: 'm-1', municipality: OWN },
  company: { kind: 'company', sub: 'b-1', org: 'KVK-1' },
  authority: { kind: 'authority', sub: 'ap-1' },
  citizen: { kind: 'citizen', sub: 'c-1' },
  system: { kind: 'system', sub: 'anpr-net-1', org: 'politiezone-antwerpen', municipality: OWN },
  public: { kind: 'public', sub: 'anonymous' },
};
const ACTOR_NAMES = Object.keys(ACTORS) as ActorKind[];

const ALL_ACTIONS: Action[] = [
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'playback',
  'hold',
  'ingest',
  'search',
  'run',
  'verify',
  'review',
  'confirm',
  'watch',
];

/** Footage and plates: police only, for every action (the law in the seeds). */
const POLICE_ONLY: SubjectType[] = [
  'Recording',
  'LegalHold',
  'PlaybackGrant',
  'AnprRead',
  'Hotlist',
  'HotlistEntry',
  'AnprHit',
];

type Grants = Partial<Record<SubjectType, Action[]>>;
const PUBLIC_REGISTER: Grants = {
  Camera: ['read'],
  CameraArea: ['read'],
  DesignationDecision: ['read'],
  RegistrationCount: ['read'],
  RetentionStatus: ['read'],
};

/**
 * Type-level matrix: which actions an actor may perform on a subject type at all (some rule, possibly
 * conditional, grants it). Anything not listed is refused. Police: everything (see POLICE below).
 */
const TYPE_MATRIX: Record<Exclude<ActorKind, 'police'>, Grants> = {
  municipality: {
    ...PUBLIC_REGISTER,
    CameraArea: ['read', 'create', 'update'],
    DesignationDecision: ['read', 'create', 'update'],
    Evaluation: ['read', 'create'],
    Dpia: ['read', 'create'],
    Pilot: ['read', 'create'],
    PrivacyMaskChange: ['read', 'create'],
    WatchEvent: ['read', 'create', 'update'],
    LiveWatchAnswer: ['read'],
    Signal: ['read'],
    FootageStatistics: ['read'],
    RequestStatistics: ['read'],
    PrivateCameraRegistration: ['read'],
    AnprCount: ['read'],
    BodycamRecording: ['read', 'playback', 'hold'],
    BodycamFigures: ['read'],
    CouncilReport: ['read'],
    CouncilReportArea: ['read'],
    CouncilApproval: ['read', 'create'],
    CameraAccessGrant: ['read'],
  },
  company: {
    ...PUBLIC_REGISTER,
    PrivateCameraRegistration: ['read', 'create', 'update', 'delete', 'confirm'],
  },
  authority: {
    Camera: ['read'],
    CameraArea: ['read'],
    DesignationDecision: ['read'],
    Evaluation: ['read'],
    Dpia: ['read'],
    Pilot: ['read'],
    PrivacyMaskChange: ['read'],
    WatchEvent: ['read'],
    LiveWatchAnswer: ['read'],
    LiveViewSession: ['read'],
    Signal: ['read'],
    RetentionProof: ['read'],
    RetentionStatus: ['read'],
    AuditEntry: ['read', 'verify'],
    AuditHead: ['read'],
    LoginSummary: ['read'],
    RequestStatistics: ['read'],
    OverdueAccessRequest: ['read'],
    AccessRule: ['read'],
    PrivateCameraRegistration: ['read'],
    RegistrationCount: ['read'],
    BodycamFigures: ['read'],
    CouncilReport: ['read'],
    CouncilReportArea: ['read'],
    CouncilApproval: ['read'],
    CameraAccessGrant: ['read'],
  },
  citizen: {
    ...PUBLIC_REGISTER,
    FootageRequest: ['read', 'create'],
  },
  // a source system delivers data and reads nothing back, not even the public register
  system: { Recording: ['ingest'], AnprRead: ['ingest'] },
  public: PUBLIC_REGISTER,
};

function expectedTypeLevel(actor: ActorKind, type: SubjectType): Action[] {
  // Police may do everything on every type but check log-ins (the supervisor's, 003 §5.2.3); the
  // DATA_SUBJECT_ACCESS exception is row-level (below).
  if (actor === 'police') return type === 'LoginSummary' ? [] : ALL_ACTIONS;
  return TYPE_MATRIX[actor][type] ?? [];
}

const PAIRS = ACTOR_NAMES.flatMap((actor) => SUBJECT_TYPES.map((type) => [actor, type] as const));

describe('the dates of a declaration (004: declared before first use, confirmed yearly)', () => {
  it('a company may not set when its declaration was made or confirmed; the police may (taking one over)', () => {
    const row = subject('PrivateCameraRegistration', registration('KVK-1', OWN, true));
    const company = defineAbilityFor(ACTORS.company);
    expect(company.can('create', row)).toBe(true);
    expect(company.can('create', row, 'ownerName')).toBe(true);
    expect(company.can('create', row, 'registeredAt')).toBe(false);
    expect(company.can('create', row, 'confirmedAt')).toBe(false);
    const police = defineAbilityFor(ACTORS.police);
    expect(police.can('create', row, 'registeredAt')).toBe(true);
    expect(police.can('create', row, 'confirmedAt')).toBe(true);
  });
});

describe('type-level matrix: every actor × every subject × every action', () => {
  it.each(PAIRS)('%s on %s', (actor, type) => {
    const ability = defineAbilityFor(ACTORS[actor]);
    const allowed = expectedTypeLevel(actor, type);
    // read and create are asserted for every pair; the other actions are asserted too.
    expect(ability.can('read', type)).toBe(allowed.includes('read'));
    expect(ability.can('create', type)).toBe(allowed.includes('create'));
    const got = ALL_ACTIONS.filter((a) => ability.can(a, type));
    expect(got).toEqual(ALL_ACTIONS.filter((a) => allowed.includes(a)));
  });

  it.each(ACTOR_NAMES.filter((a) => a !== 'police'))('%s is refused every action on footage and plates', (actor) => {
    const ability = defineAbilityFor(ACTORS[actor]);
    for (const type of POLICE_ONLY) {
      for (const action of ALL_ACTIONS) {
        // the one exception: a source system delivers recording metadata and reads (write-only)
        const delivers = actor === 'system' && action === 'ingest' && (type === 'Recording' || type === 'AnprRead');
        expect(ability.can(action, type), `${actor} ${action} ${type}`).toBe(delivers);
      }
      // not even a single field of a concrete row
      expect(permittedFields(ability, 'read', type, { id: 'x', municipality: OWN })).toEqual([]);
    }
  });

  it.each(['Camera', 'Signal'] as const)('municipality never creates %s, not even in its own municipality', (type) => {
    const ability = defineAbilityFor(ACTORS.municipality);
    expect(ability.can('create', type)).toBe(false);
    expect(ability.can('create', subject(type, { id: 'x', municipality: OWN, covert: false }))).toBe(false);
  });

  it('authority never creates or updates anything', () => {
    const ability = defineAbilityFor(ACTORS.authority);
    for (const type of SUBJECT_TYPES) {
      for (const action of ['create', 'update', 'delete', 'manage'] as const) {
        expect(ability.can(action, type), `${action} ${type}`).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Row-level: conditional rules, checked with concrete rows and permitted fields.

const PUBLIC_CAMERA_FIELDS = [
  'id',
  'name',
  'kind',
  'location',
  'street',
  'municipality',
  'area',
  'watchSchedule',
  'operator',
];
const REGISTRATION_CONTACT_FIELDS = ['contactName', 'contactPhone', 'contactEmail', 'ownerName'];
const allFields = (type: SubjectType): string[] => [...SUBJECT_FIELDS[type]];
const allBut = (type: SubjectType, omit: string[]): string[] => allFields(type).filter((f) => !omit.includes(f));

/** Expected read fields: an exact set, or (where the design only names some) must-have / must-not-have. */
type FieldExpectation = string[] | { include: string[]; exclude: string[] };

interface RowCase {
  actor: ActorKind;
  action: Action;
  type: SubjectType;
  row: Record<string, unknown>;
  allowed: boolean;
  /** For allowed reads: which fields of this row. */
  fields?: FieldExpectation;
  why: string;
}

const camera = (municipality: string, covert: boolean, status = 'ACTIVE') => ({
  id: 'cam',
  name: 'Plein',
  municipality,
  covert,
  status,
});
const decision = (municipality: string, published: boolean) => ({ id: 'dd', municipality, published });
const byMunicipality = (municipality: string, designated = true) => ({ id: 'x', municipality, designated });
const registration = (ownerOrg: string | null, municipality: string, filmsPublicSpace: boolean) => ({
  id: 'reg',
  ownerOrg,
  municipality,
  filmsPublicSpace,
});
const request = (
  kind: string,
  requesterId: string,
  requesterKind = kind === 'DATA_SUBJECT_ACCESS' ? 'citizen' : 'police',
) => ({ id: 'fr', kind, requesterId, requesterKind, municipality: OWN });

const DSA = 'DATA_SUBJECT_ACCESS';
const PUBLIC_DECISION: FieldExpectation = {
  include: ['id', 'reference', 'legalBasis', 'validFrom', 'validUntil', 'published', 'municipality'],
  exclude: ['evaluations', 'decidedBy', 'nextEvaluationDue', 'dpiaCurrent'],
};
const CITIZEN_REQUEST: FieldExpectation = {
  include: ['id', 'kind', 'status', 'receivedAt', 'dueAt', 'decision'],
  exclude: ['recordings', 'caseReference', 'reportNumber', 'holdsPlaced'],
};

/** A handhaver bodycam recording, as asked for one use (002: only for a police report or a complaint). */
const bodycam = (municipality: string, use?: string) => ({ id: 'r', municipality, ...(use ? { use } : {}) });
const recording = (operator: string, kind: string) => ({ id: 'r', municipality: OWN, operator, kind });
const NOT_MUNICIPALITY_OR_POLICE = ['authority', 'company', 'citizen', 'public', 'system'] as const;

const ROW_CASES: RowCase[] = [
  // --- Bodycam footage of the municipality's enforcement officers (002) ---
  {
    actor: 'municipality',
    action: 'read',
    type: 'BodycamRecording',
    row: bodycam(OWN),
    allowed: true,
    fields: allFields('BodycamRecording'),
    why: "its own handhavers' recordings, metadata",
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'BodycamRecording',
    row: bodycam(OTHER),
    allowed: false,
    why: "another municipality's handhavers",
  },
  {
    actor: 'municipality',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OWN, 'COMPLAINT'),
    allowed: true,
    why: 'views its own recordings to handle a complaint',
  },
  {
    actor: 'municipality',
    action: 'hold',
    type: 'BodycamRecording',
    row: bodycam(OWN, 'COMPLAINT'),
    allowed: true,
    why: 'keeps them past 4 weeks for a complaint',
  },
  {
    actor: 'municipality',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OWN, 'POLICE_REPORT'),
    allowed: false,
    why: "a police report is the police's to investigate",
  },
  {
    actor: 'municipality',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OWN),
    allowed: false,
    why: 'only for a complaint, never without a use',
  },
  {
    actor: 'municipality',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'COMPLAINT'),
    allowed: false,
    why: "another municipality's",
  },
  {
    actor: 'municipality',
    action: 'hold',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'COMPLAINT'),
    allowed: false,
    why: "another municipality's",
  },
  {
    actor: 'municipality',
    action: 'playback',
    type: 'Recording',
    row: recording('MUNICIPALITY', 'BODYCAM'),
    allowed: false,
    why: 'only through the bodycam route, for a complaint',
  },
  {
    actor: 'police',
    action: 'read',
    type: 'BodycamRecording',
    row: bodycam(OTHER),
    allowed: true,
    fields: allFields('BodycamRecording'),
    why: 'finds what to seize',
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'POLICE_REPORT'),
    allowed: true,
    why: 'may seize them on a police report',
  },
  {
    actor: 'police',
    action: 'hold',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'POLICE_REPORT'),
    allowed: true,
    why: 'seizure on a police report',
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'COMPLAINT'),
    allowed: false,
    why: "a complaint is the municipality's",
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'BodycamRecording',
    row: bodycam(OTHER),
    allowed: false,
    why: 'never without a police report',
  },
  {
    actor: 'police',
    action: 'hold',
    type: 'BodycamRecording',
    row: bodycam(OTHER, 'COMPLAINT'),
    allowed: false,
    why: "a complaint is the municipality's",
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'Recording',
    row: recording('MUNICIPALITY', 'BODYCAM'),
    allowed: false,
    why: 'not around the police-report rule',
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'Recording',
    row: recording('POLICE', 'BODYCAM'),
    allowed: true,
    why: "the police's own bodycams (004)",
  },
  {
    actor: 'police',
    action: 'playback',
    type: 'Recording',
    row: recording('MUNICIPALITY', 'WASTE_CONTAINER'),
    allowed: true,
    why: 'the rule is for handhaver bodycams',
  },
  // --- A third party's camera: its recordings only under a grant with scope RECORDINGS (004) ---
  ...(['read', 'playback', 'hold'] as const).flatMap((action): RowCase[] => [
    {
      actor: 'police',
      action,
      type: 'Recording',
      row: { ...recording('THIRD_PARTY', 'PUBLIC_ORDER'), accessGrant: null },
      allowed: false,
      why: 'no grant covers this use (004)',
    },
    {
      actor: 'police',
      action,
      type: 'Recording',
      // a row the subgraph did not look a grant up for counts as without one
      row: recording('THIRD_PARTY', 'PUBLIC_ORDER'),
      allowed: false,
      why: 'no grant named (004)',
    },
    {
      actor: 'police',
      action,
      type: 'Recording',
      row: { ...recording('THIRD_PARTY', 'PUBLIC_ORDER'), accessGrant: 'g-1' },
      allowed: true,
      ...(action === 'read' ? { fields: allFields('Recording') } : {}),
      why: 'under the grant the subgraph names (004)',
    },
    {
      actor: 'police',
      action,
      type: 'Recording',
      row: { ...recording('POLICE', 'PUBLIC_ORDER'), accessGrant: null },
      allowed: true,
      ...(action === 'read' ? { fields: allFields('Recording') } : {}),
      why: "the police's own camera needs no grant",
    },
  ]),
  ...NOT_MUNICIPALITY_OR_POLICE.flatMap((actor): RowCase[] => [
    { actor, action: 'read', type: 'BodycamRecording', row: bodycam(OWN), allowed: false, why: 'never footage' },
    {
      actor,
      action: 'playback',
      type: 'BodycamRecording',
      row: bodycam(OWN, 'COMPLAINT'),
      allowed: false,
      why: 'never footage',
    },
    {
      actor,
      action: 'hold',
      type: 'BodycamRecording',
      row: bodycam(OWN, 'POLICE_REPORT'),
      allowed: false,
      why: 'never footage',
    },
  ]),
  {
    actor: 'municipality',
    action: 'read',
    type: 'BodycamFigures',
    row: byMunicipality(OWN),
    allowed: true,
    fields: allFields('BodycamFigures'),
    why: "its own pilot's figures",
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'BodycamFigures',
    row: byMunicipality(OTHER),
    allowed: false,
    why: "another municipality's pilot",
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'BodycamFigures',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('BodycamFigures'),
    why: 'supervises pilots; counts only',
  },
  // --- The half-yearly council report (003 §6.1): the municipality its own, the authority all ---
  ...(['CouncilReport', 'CouncilReportArea'] as const).flatMap((type): RowCase[] => [
    {
      actor: 'municipality',
      action: 'read',
      type,
      row: byMunicipality(OWN),
      allowed: true,
      fields: allFields(type),
      why: 'its own report',
    },
    {
      actor: 'municipality',
      action: 'read',
      type,
      row: byMunicipality(OTHER),
      allowed: false,
      why: "another municipality's report",
    },
    {
      actor: 'authority',
      action: 'read',
      type,
      row: byMunicipality(OTHER),
      allowed: true,
      fields: allFields(type),
      why: 'supervisor reads all',
    },
    {
      actor: 'police',
      action: 'read',
      type,
      row: byMunicipality(OTHER),
      allowed: true,
      fields: allFields(type),
      why: 'police see everything',
    },
    ...(['company', 'citizen', 'public', 'system'] as const).map((actor): RowCase => ({
      actor,
      action: 'read',
      type,
      row: byMunicipality(OWN),
      allowed: false,
      why: 'not theirs',
    })),
  ]),
  // --- Belgium (004): council approvals, police access to third parties' cameras ---
  {
    actor: 'municipality',
    action: 'create',
    type: 'CouncilApproval',
    row: byMunicipality(OWN),
    allowed: true,
    why: "records its council's decisions",
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'CouncilApproval',
    row: byMunicipality(OTHER),
    allowed: false,
    why: "not another council's",
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'CameraAccessGrant',
    row: byMunicipality(OWN),
    allowed: true,
    fields: allFields('CameraAccessGrant'),
    why: 'police access in its territory',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'CameraAccessGrant',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'granted to the police by the third party, recorded by the police',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'CameraAccessGrant',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'another municipality',
  },
  {
    actor: 'police',
    action: 'create',
    type: 'CameraAccessGrant',
    row: byMunicipality(OTHER),
    allowed: true,
    why: 'records the grants it holds',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'CouncilApproval',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('CouncilApproval'),
    why: 'supervisor',
  },
  {
    actor: 'authority',
    action: 'create',
    type: 'CouncilApproval',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'supervisor never writes',
  },
  ...(['company', 'citizen', 'public', 'system'] as const).flatMap((actor): RowCase[] => [
    { actor, action: 'read', type: 'CouncilApproval', row: byMunicipality(OWN), allowed: false, why: 'not theirs' },
    { actor, action: 'read', type: 'CameraAccessGrant', row: byMunicipality(OWN), allowed: false, why: 'not theirs' },
  ]),
  // --- Live watching (000, 002, 003 §3.3, 004): the police only, never a camera the municipality runs ---
  {
    actor: 'police',
    action: 'watch',
    type: 'Camera',
    row: { ...camera(OWN, true), operator: 'POLICE' },
    allowed: true,
    why: 'the police watch their cameras live (when is the domain rule)',
  },
  {
    actor: 'police',
    action: 'watch',
    type: 'Camera',
    row: { ...camera(OWN, false), operator: 'THIRD_PARTY' },
    allowed: true,
    why: "a third party's camera under a LIVE_VIEW grant (the grant is the domain rule)",
  },
  {
    actor: 'police',
    action: 'watch',
    type: 'Camera',
    row: { ...camera(OWN, false), operator: 'MUNICIPALITY', kind: 'BODYCAM' },
    allowed: false,
    why: "the enforcement officers' bodycams are seized on a police report only (002)",
  },
  ...(['municipality', 'authority', 'company', 'citizen', 'public', 'system'] as const).flatMap((actor): RowCase[] => [
    {
      actor,
      action: 'watch',
      type: 'Camera',
      row: { ...camera(OWN, false), operator: 'POLICE' },
      allowed: false,
      why: 'only the police view images (000)',
    },
  ]),
  {
    actor: 'authority',
    action: 'read',
    type: 'LiveViewSession',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('LiveViewSession'),
    why: 'the supervisor checks who watched what (003 §5.2.3)',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'LiveViewSession',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'purposes are police case references, like request contents',
  },
  // --- Event-bound watching (003 §3.2, §3.3): the municipality its own areas, police all, supervisor reads ---
  {
    actor: 'municipality',
    action: 'create',
    type: 'WatchEvent',
    row: byMunicipality(OWN),
    allowed: true,
    why: 'schedules events in its own areas',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'WatchEvent',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not in another municipality',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'LiveWatchAnswer',
    row: byMunicipality(OWN),
    allowed: true,
    fields: allFields('LiveWatchAnswer'),
    why: 'its own areas',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'LiveWatchAnswer',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not another municipality',
  },
  {
    actor: 'police',
    action: 'read',
    type: 'LiveWatchAnswer',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('LiveWatchAnswer'),
    why: 'the operators ask it',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'WatchEvent',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('WatchEvent'),
    why: 'supervisor',
  },
  {
    actor: 'authority',
    action: 'create',
    type: 'WatchEvent',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'supervisor never writes',
  },
  ...(['company', 'citizen', 'public', 'system'] as const).flatMap((actor): RowCase[] => [
    { actor, action: 'read', type: 'WatchEvent', row: byMunicipality(OWN), allowed: false, why: 'not public' },
    { actor, action: 'read', type: 'LiveWatchAnswer', row: byMunicipality(OWN), allowed: false, why: 'not public' },
  ]),
  // --- Privacy masks (001, 003 §5.2.2): police; the municipality for its own non-covert cameras ---
  {
    actor: 'municipality',
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OWN, false),
    allowed: true,
    why: 'masks of its own cameras',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'PrivacyMaskChange',
    row: camera(OWN, false),
    allowed: true,
    fields: allFields('PrivacyMaskChange'),
    why: 'history of its own cameras',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OTHER, false),
    allowed: false,
    why: "another municipality's camera",
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OWN, true),
    allowed: false,
    why: 'never covert cameras',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'PrivacyMaskChange',
    row: camera(OWN, true),
    allowed: false,
    why: 'never covert cameras',
  },
  {
    actor: 'police',
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OTHER, true),
    allowed: true,
    why: 'police place the masks',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'PrivacyMaskChange',
    row: camera(OTHER, true),
    allowed: true,
    fields: allFields('PrivacyMaskChange'),
    why: 'supervisor reads the history',
  },
  {
    actor: 'authority',
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OWN, false),
    allowed: false,
    why: 'supervisor never writes',
  },
  ...(['company', 'citizen', 'public', 'system'] as const).map((actor): RowCase => ({
    actor,
    action: 'create',
    type: 'PrivacyMaskChange',
    row: camera(OWN, false),
    allowed: false,
    why: 'only police and the municipality',
  })),
  // --- DPIA register and pilots (003 §2.4, §5.2.4): the municipality its own, the authority all ---
  ...(['Dpia', 'Pilot'] as const).flatMap((type): RowCase[] => [
    {
      actor: 'municipality',
      action: 'read',
      type,
      row: byMunicipality(OWN),
      allowed: true,
      fields: allFields(type),
      why: 'own DPIAs and pilots',
    },
    {
      actor: 'municipality',
      action: 'create',
      type,
      row: byMunicipality(OWN),
      allowed: true,
      why: 'the mayor assesses and starts pilots',
    },
    {
      actor: 'municipality',
      action: 'read',
      type,
      row: byMunicipality(OTHER),
      allowed: false,
      why: "another municipality's register",
    },
    {
      actor: 'municipality',
      action: 'create',
      type,
      row: byMunicipality(OTHER),
      allowed: false,
      why: 'not for another municipality',
    },
    {
      actor: 'authority',
      action: 'read',
      type,
      row: byMunicipality(OTHER),
      allowed: true,
      fields: allFields(type),
      why: 'supervisor reads all',
    },
    {
      actor: 'authority',
      action: 'create',
      type,
      row: byMunicipality(OWN),
      allowed: false,
      why: 'supervisor never writes',
    },
    { actor: 'company', action: 'read', type, row: byMunicipality(OWN), allowed: false, why: 'not public' },
    { actor: 'citizen', action: 'read', type, row: byMunicipality(OWN), allowed: false, why: 'not public' },
    { actor: 'public', action: 'read', type, row: byMunicipality(OWN), allowed: false, why: 'not public' },
    { actor: 'system', action: 'read', type, row: byMunicipality(OWN), allowed: false, why: 'a machine reads nothing' },
  ]),

  // --- Camera ---
  {
    actor: 'police',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, true),
    allowed: true,
    fields: allFields('Camera'),
    why: 'police sees covert cameras in full',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false),
    allowed: true,
    fields: allBut('Camera', ['recordings']),
    why: 'own camera incl. status and masks, never footage',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, true),
    allowed: false,
    why: 'never covert, not even own',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, false),
    allowed: true,
    fields: PUBLIC_CAMERA_FIELDS,
    why: 'other municipality: public register only',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, true),
    allowed: false,
    why: 'never covert',
  },
  {
    actor: 'municipality',
    action: 'update',
    type: 'Camera',
    row: camera(OWN, false),
    allowed: false,
    why: 'camera register is read-only for the municipality',
  },
  {
    actor: 'company',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false),
    allowed: true,
    fields: PUBLIC_CAMERA_FIELDS,
    why: 'public register',
  },
  {
    actor: 'company',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, true),
    allowed: false,
    why: 'covert is not in the public register',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, true),
    allowed: true,
    fields: allBut('Camera', ['recordings']),
    why: 'supervisor sees covert and masks, never footage',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false),
    allowed: true,
    fields: allBut('Camera', ['recordings']),
    why: 'supervisor',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, false),
    allowed: true,
    fields: PUBLIC_CAMERA_FIELDS,
    why: 'public register',
  },
  { actor: 'citizen', action: 'read', type: 'Camera', row: camera(OTHER, true), allowed: false, why: 'covert' },
  {
    actor: 'public',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false),
    allowed: true,
    fields: PUBLIC_CAMERA_FIELDS,
    why: 'public register',
  },
  { actor: 'public', action: 'read', type: 'Camera', row: camera(OWN, true), allowed: false, why: 'covert' },
  // out of the register once decommissioned: whoever may not read status does not see it
  {
    actor: 'public',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false, 'DECOMMISSIONED'),
    allowed: false,
    why: 'decommissioned: out of the register',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false, 'DECOMMISSIONED'),
    allowed: false,
    why: 'decommissioned: out of the register',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, false, 'DECOMMISSIONED'),
    allowed: false,
    why: "another municipality's status is not its to know",
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'Camera',
    row: camera(OWN, false, 'DECOMMISSIONED'),
    allowed: true,
    fields: allBut('Camera', ['recordings']),
    why: 'its own camera, status included',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'Camera',
    row: camera(OTHER, false, 'DECOMMISSIONED'),
    allowed: true,
    fields: allBut('Camera', ['recordings']),
    why: 'supervisor',
  },

  // --- CameraArea ---
  ...(['read', 'create', 'update'] as const).map((action): RowCase => ({
    actor: 'municipality',
    action,
    type: 'CameraArea',
    row: byMunicipality(OWN),
    allowed: true,
    fields: allFields('CameraArea'),
    why: 'manages own areas',
  })),
  {
    actor: 'municipality',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('CameraArea'),
    why: 'areas are public',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'CameraArea',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not in another municipality',
  },
  {
    actor: 'municipality',
    action: 'update',
    type: 'CameraArea',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not in another municipality',
  },
  {
    actor: 'municipality',
    action: 'delete',
    type: 'CameraArea',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'read/create/update only',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('CameraArea'),
    why: 'public register',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER, false),
    allowed: false,
    why: 'no published decision yet: not announced',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OWN, false),
    allowed: true,
    fields: allFields('CameraArea'),
    why: 'prepares its own areas before publication',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER, false),
    allowed: false,
    why: "another municipality's draft area",
  },
  {
    actor: 'company',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER, false),
    allowed: false,
    why: 'public register only',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER, false),
    allowed: false,
    why: 'public register only',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'CameraArea',
    row: byMunicipality(OTHER, false),
    allowed: true,
    fields: allFields('CameraArea'),
    why: 'supervisor',
  },
  { actor: 'public', action: 'create', type: 'CameraArea', row: byMunicipality(OWN), allowed: false, why: 'read only' },
  {
    actor: 'authority',
    action: 'update',
    type: 'CameraArea',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'supervisor reads only',
  },

  // --- DesignationDecision ---
  {
    actor: 'municipality',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OWN, false),
    allowed: true,
    fields: allFields('DesignationDecision'),
    why: 'own decisions in full, also unpublished',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'DesignationDecision',
    row: decision(OWN, false),
    allowed: true,
    why: 'manages own decisions',
  },
  {
    actor: 'municipality',
    action: 'update',
    type: 'DesignationDecision',
    row: decision(OWN, true),
    allowed: true,
    why: 'manages own decisions',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OTHER, true),
    allowed: true,
    fields: PUBLIC_DECISION,
    why: 'other municipality: as published',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OTHER, false),
    allowed: false,
    why: 'unpublished decision of another municipality',
  },
  {
    actor: 'municipality',
    action: 'update',
    type: 'DesignationDecision',
    row: decision(OTHER, true),
    allowed: false,
    why: 'not in another municipality',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OWN, true),
    allowed: true,
    fields: PUBLIC_DECISION,
    why: 'published decisions',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OWN, false),
    allowed: false,
    why: 'unpublished',
  },
  {
    actor: 'company',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OTHER, true),
    allowed: true,
    fields: PUBLIC_DECISION,
    why: 'public register',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OTHER, false),
    allowed: false,
    why: 'unpublished',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'DesignationDecision',
    row: decision(OTHER, false),
    allowed: true,
    fields: allFields('DesignationDecision'),
    why: 'supervisor reads all decisions',
  },
  {
    actor: 'authority',
    action: 'create',
    type: 'DesignationDecision',
    row: decision(OTHER, false),
    allowed: false,
    why: 'supervisor reads only',
  },

  // --- Evaluation, Signal, statistics: own municipality only ---
  ...(['Evaluation', 'Signal', 'FootageStatistics', 'RequestStatistics', 'AnprCount'] as const).flatMap(
    (type): RowCase[] => [
      {
        actor: 'municipality',
        action: 'read',
        type,
        row: byMunicipality(OWN),
        allowed: true,
        fields: allFields(type),
        why: 'own municipality',
      },
      {
        actor: 'municipality',
        action: 'read',
        type,
        row: byMunicipality(OTHER),
        allowed: false,
        why: 'only its own municipality',
      },
    ],
  ),
  {
    actor: 'municipality',
    action: 'create',
    type: 'Evaluation',
    row: byMunicipality(OWN),
    allowed: true,
    why: 'records own evaluations',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'Evaluation',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not for another municipality',
  },
  {
    actor: 'municipality',
    action: 'create',
    type: 'Signal',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'signals are shared by the police',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'Signal',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('Signal'),
    why: 'supervisor',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'RequestStatistics',
    row: byMunicipality(OTHER),
    allowed: true,
    fields: allFields('RequestStatistics'),
    why: 'request figures',
  },
  {
    actor: 'authority',
    action: 'create',
    type: 'Evaluation',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'supervisor reads only',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'FootageStatistics',
    row: byMunicipality(OTHER),
    allowed: false,
    why: 'not in the supervisory slice',
  },
  { actor: 'public', action: 'read', type: 'Signal', row: byMunicipality(OWN), allowed: false, why: 'not public' },

  // --- PrivateCameraRegistration ---
  {
    actor: 'company',
    action: 'create',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-1', OWN, true),
    allowed: true,
    why: 'declares its own camera, now',
  },
  {
    actor: 'police',
    action: 'create',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-2', OWN, true),
    allowed: true,
    why: 'keeps the declarations (004), also taken over from an earlier register',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-9', OWN, false),
    allowed: true,
    fields: allBut('PrivateCameraRegistration', REGISTRATION_CONTACT_FIELDS),
    why: 'own municipality, no contact data',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-9', OTHER, true),
    allowed: false,
    why: 'other municipality',
  },
  {
    actor: 'municipality',
    action: 'update',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-9', OWN, true),
    allowed: false,
    why: 'read only',
  },
  ...(['read', 'create', 'update', 'delete', 'confirm'] as const).flatMap((action): RowCase[] => [
    {
      actor: 'company',
      action,
      type: 'PrivateCameraRegistration',
      row: registration('KVK-1', OTHER, true),
      allowed: true,
      fields: allFields('PrivateCameraRegistration'),
      why: 'own registration',
    },
    {
      actor: 'company',
      action,
      type: 'PrivateCameraRegistration',
      row: registration('KVK-2', OTHER, true),
      allowed: false,
      why: "another org's registration",
    },
    {
      actor: 'company',
      action,
      type: 'PrivateCameraRegistration',
      row: registration(null, OTHER, true),
      allowed: false,
      why: 'no owner is not "own"',
    },
  ]),
  {
    actor: 'authority',
    action: 'read',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-2', OTHER, true),
    allowed: true,
    fields: allFields('PrivateCameraRegistration'),
    why: 'films public space',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-2', OTHER, false),
    allowed: false,
    why: 'does not film public space',
  },
  {
    actor: 'authority',
    action: 'update',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-2', OTHER, true),
    allowed: false,
    why: 'supervisor reads only',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'PrivateCameraRegistration',
    row: registration('KVK-1', OWN, true),
    allowed: false,
    why: 'not public',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'RegistrationCount',
    row: byMunicipality(OWN),
    allowed: true,
    fields: allFields('RegistrationCount'),
    why: 'counts are public',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'RetentionStatus',
    row: byMunicipality(OWN),
    allowed: true,
    fields: ['violationCount', 'lastProofAt'],
    why: 'whether automatic deletion works is public (003 §5.2.2); the proofs themselves are not',
  },
  {
    actor: 'public',
    action: 'read',
    type: 'RetentionProof',
    row: { id: 'run' },
    allowed: false,
    why: 'proof details (digests, counts per run) are for the police and the authority',
  },
  {
    actor: 'system',
    action: 'read',
    type: 'RetentionStatus',
    row: byMunicipality(OWN),
    allowed: false,
    why: 'a source system reads nothing back',
  },

  // --- FootageRequest ---
  {
    actor: 'citizen',
    action: 'create',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: true,
    why: 'own data-subject access request',
  },
  {
    actor: 'citizen',
    action: 'create',
    type: 'FootageRequest',
    row: request(DSA, 'c-2'),
    allowed: false,
    why: 'not on behalf of someone else',
  },
  {
    actor: 'citizen',
    action: 'create',
    type: 'FootageRequest',
    row: request('INVESTIGATION', 'c-1'),
    allowed: false,
    why: 'only data-subject access',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: true,
    fields: CITIZEN_REQUEST,
    why: 'own request, never recordings or case data',
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-2'),
    allowed: false,
    why: "someone else's request",
  },
  // ownership is the requester's kind and subject, not the subject alone
  {
    actor: 'citizen',
    action: 'read',
    type: 'FootageRequest',
    row: request('POLICE_REPORT', 'c-1'),
    allowed: false,
    why: "a police officer's request whose sub equals the citizen's",
  },
  {
    actor: 'citizen',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-1', 'police'),
    allowed: false,
    why: 'filed by another kind of actor with the same sub',
  },
  {
    actor: 'citizen',
    action: 'create',
    type: 'FootageRequest',
    row: request(DSA, 'c-1', 'police'),
    allowed: false,
    why: 'only as a citizen',
  },
  {
    actor: 'citizen',
    action: 'update',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: false,
    why: 'follows, does not edit',
  },
  {
    actor: 'citizen',
    action: 'review',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: false,
    why: 'police handles requests',
  },
  {
    actor: 'police',
    action: 'create',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: false,
    why: 'filed by the data subject, not through the police',
  },
  {
    actor: 'police',
    action: 'create',
    type: 'FootageRequest',
    row: request('INVESTIGATION', 'p-1'),
    allowed: true,
    why: 'other kinds',
  },
  {
    actor: 'police',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: true,
    fields: allFields('FootageRequest'),
    why: 'handles requests',
  },
  {
    actor: 'police',
    action: 'review',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: true,
    why: 'handles requests',
  },
  {
    actor: 'municipality',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: false,
    why: 'never request contents',
  },
  // an access request received by letter, at the desk or by e-mail is registered by those who handle
  // requests (`review`; AVG art. 12(3): the month runs from receipt)
  {
    actor: 'police',
    action: 'review',
    type: 'FootageRequest',
    row: request(DSA, 'p-1', 'police'),
    allowed: true,
    why: 'registers an access request received outside the hub',
  },
  {
    actor: 'municipality',
    action: 'review',
    type: 'FootageRequest',
    row: request(DSA, 'm-1', 'municipality'),
    allowed: false,
    why: 'handles no requests, not even of its own cameras: it never sees request contents',
  },
  {
    actor: 'authority',
    action: 'review',
    type: 'FootageRequest',
    row: request(DSA, 'ap-1', 'authority'),
    allowed: false,
    why: 'supervises, does not handle requests',
  },
  {
    actor: 'authority',
    action: 'read',
    type: 'FootageRequest',
    row: request(DSA, 'c-1'),
    allowed: false,
    why: 'figures only, not contents',
  },
];

describe('row-level: conditional rules', () => {
  it.each(ROW_CASES)('$actor $action $type → $allowed ($why)', ({ actor, action, type, row, allowed, fields }) => {
    const ability = defineAbilityFor(ACTORS[actor]);
    expect(ability.can(action, subject(type, row))).toBe(allowed);
    if (action !== 'read') return;
    const got = permittedFields(ability, 'read', type, row);
    if (!allowed) {
      expect(got).toEqual([]);
      return;
    }
    expect(fields, 'an allowed read case states its fields').toBeDefined();
    if (Array.isArray(fields)) {
      expect([...got].sort()).toEqual([...fields].sort());
      // field-level can() agrees with permittedFields for every field of the type
      for (const f of SUBJECT_FIELDS[type])
        expect(ability.can('read', subject(type, row), f), f).toBe(fields.includes(f));
    } else if (fields) {
      for (const f of fields.include) expect(got, `must see ${f}`).toContain(f);
      for (const f of fields.exclude) {
        expect(got, `must not see ${f}`).not.toContain(f);
        expect(ability.can('read', subject(type, row), f)).toBe(false);
      }
    }
  });

  it('public type-level fields of Camera are the public register fields only', () => {
    const fields = permittedFields(defineAbilityFor(ACTORS.public), 'read', 'Camera');
    expect([...fields].sort()).toEqual([...PUBLIC_CAMERA_FIELDS].sort());
  });

  it('police may play back, hold and ingest recordings and search plates', () => {
    const ability = defineAbilityFor(ACTORS.police);
    const rec = subject('Recording', { id: 'r', camera: 'cam' });
    for (const action of ['read', 'playback', 'hold', 'ingest'] as const) expect(ability.can(action, rec)).toBe(true);
    expect(ability.can('search', subject('AnprRead', { id: 'a', plate: 'XX-11-YY' }))).toBe(true);
    expect(permittedFields(ability, 'read', 'Recording', { id: 'r' }).sort()).toEqual(allFields('Recording').sort());
  });
});

describe('a source system', () => {
  it('delivers only for cameras of its own municipality, recordings only under its own name, and reads nothing', () => {
    const ability = defineAbilityFor(ACTORS.system);
    expect(ability.can('ingest', subject('AnprRead', { municipality: OWN }))).toBe(true);
    expect(ability.can('ingest', subject('AnprRead', { municipality: OTHER }))).toBe(false);
    expect(ability.can('ingest', subject('Recording', { municipality: OWN, sourceSystem: 'anpr-net-1' }))).toBe(true);
    expect(ability.can('ingest', subject('Recording', { municipality: OWN, sourceSystem: 'another-vms' }))).toBe(false);
    expect(ability.can('ingest', subject('Recording', { municipality: OTHER, sourceSystem: 'anpr-net-1' }))).toBe(
      false,
    );
    for (const type of SUBJECT_TYPES) expect(ability.can('read', type), type).toBe(false);
  });
});

describe('describePolicy', () => {
  it('returns rules for each of the seven actors', () => {
    const rows = describePolicy();
    const actors = new Set(rows.map((r) => r.actor));
    expect([...actors].sort()).toEqual([...ACTOR_NAMES].sort());
    for (const name of ACTOR_NAMES) expect(rows.filter((r) => r.actor === name).length, name).toBeGreaterThan(0);
    // the police's one exception is visible to the supervisor as an inverted rule
    expect(rows).toContainEqual(
      expect.objectContaining({ actor: 'police', action: 'create', subject: 'FootageRequest', inverted: true }),
    );
  });
});
