// THE access policy of the hub: every actor × every subject, in one place (the root README, "Actors
// and what each sees"). Resolvers ask it, SQL filters are derived from it (./sql.ts), the gateway
// checks operations against it before planning. Nothing else decides who sees what.
import { AbilityBuilder, createMongoAbility, subject as caslSubject, type MongoAbility } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { refusal, type Actor } from './actor.js';

export type Action =
  | 'manage' // any action
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'playback' // Recording: obtain a signed playback URL
  | 'hold' // Recording: place / release a legal hold
  | 'ingest' // Recording, AnprRead: write batches from source systems
  | 'search' // AnprRead: plate search (purpose-bound, audited)
  | 'run' // RetentionProof: run retention
  | 'verify' // AuditEntry: verify the hash chain
  | 'review' // FootageRequest: state transitions
  | 'confirm' // PrivateCameraRegistration: yearly confirmation
  | 'watch'; // Camera: open a live-view session (watch its images live)

/** Every subject with its GraphQL field names. The field list is what "all fields" means. */
export const SUBJECT_FIELDS = {
  // cameras subgraph
  Camera: [
    'id',
    'name',
    'kind',
    'covert',
    'location',
    'street',
    'municipality',
    'area',
    'status',
    'statusChangedAt',
    'statusReason',
    'privacyMasks',
    'watchSchedule',
    'installedAt',
    'recordings',
    'operator',
    'councilApproval',
    'accessGrants',
  ],
  CameraArea: [
    'id',
    'name',
    'municipality',
    'kind',
    'description',
    'watchSchedule',
    'decisions',
    'currentDecision',
    'cameras',
    'createdAt',
  ],
  DesignationDecision: [
    'id',
    'area',
    'municipality',
    'reference',
    'legalBasis',
    'validFrom',
    'validUntil',
    'subGoals',
    'signagePlaced',
    'residentsInformed',
    'published',
    'status',
    'endedAt',
    'endReason',
    'nextEvaluationDue',
    'evaluationOverdue',
    'evaluations',
    'decidedBy',
    'createdAt',
    'criteria',
    'effectMeasurement',
    'resultsInformedAt',
    'resultsSummary',
    'dpiaCurrent',
  ],
  // DPIA register and pilots (003 §2.4, §5.2.4)
  Dpia: [
    'id',
    'municipality',
    'area',
    'cameraKind',
    'controller',
    'assessedAt',
    'outcome',
    'documentReference',
    'nextDueAt',
    'current',
    'recordedBy',
    'recordedAt',
  ],
  Pilot: [
    'id',
    'municipality',
    'name',
    'cameraKind',
    'purpose',
    'startsAt',
    'endsAt',
    'dpia',
    'startedBy',
    'createdAt',
  ],
  WatchEvent: [
    'id',
    'area',
    'municipality',
    'name',
    'startsAt',
    'endsAt',
    'watchBeforeMinutes',
    'watchAfterMinutes',
    'scheduledBy',
    'createdAt',
    'cancelledAt',
  ],
  LiveWatchAnswer: ['area', 'at', 'allowed', 'reason', 'event'],
  // the act of watching a camera live: who, when, why, under which rule (003 §3.2, §3.3, §5.2.3; 004)
  LiveViewSession: [
    'id',
    'camera',
    'municipality',
    'purpose',
    'basis',
    'grantId',
    'watchEvent',
    'openedBy',
    'openedAt',
    'expiresAt',
    'closedAt',
    'closedBy',
    'closeReason',
    'active',
  ],
  // Belgium (004): the council's approval of camera locations and types, and police access to third parties' cameras
  CouncilApproval: [
    'id',
    'municipality',
    'reference',
    'decidedAt',
    'cameraKinds',
    'locations',
    'recordedBy',
    'recordedAt',
  ],
  CameraAccessGrant: [
    'id',
    'camera',
    'municipality',
    'thirdParty',
    'scope',
    'validFrom',
    'validUntil',
    'reference',
    'grantedBy',
    'createdAt',
    'revokedAt',
    'revokeReason',
    'active',
  ],
  PrivacyMaskChange: [
    'id',
    'cameraId',
    'municipality',
    'action',
    'label',
    'before',
    'after',
    'reason',
    'changedByKind',
    'changedBy',
    'changedAt',
  ],
  Evaluation: [
    'id',
    'decision',
    'municipality',
    'evaluatedAt',
    'effective',
    'conclusion',
    'continueSurveillance',
    'recordedBy',
  ],
  Signal: [
    'id',
    'municipality',
    'category',
    'description',
    'street',
    'location',
    'camera',
    'observedAt',
    'sharedAt',
    'sharedBy',
    'cursor',
  ],
  // footage subgraph
  Recording: [
    'id',
    'camera',
    'kind',
    'startedAt',
    'endedAt',
    'storageRef',
    'sha256',
    'sizeBytes',
    'expiresAt',
    'holds',
    'sourceId',
    'sourceSystem',
    'underHold',
    'ingestedAt',
    'violation',
    'spokenWarnings',
    'warningsBeforeRecording',
    'bodycamPurpose',
  ],
  // recordings of the bodycams the municipality's enforcement officers (handhavers) wear (002)
  BodycamRecording: [
    'id',
    'camera',
    'municipality',
    'startedAt',
    'endedAt',
    'expiresAt',
    'underHold',
    'spokenWarnings',
    'warningsBeforeRecording',
    'purpose',
    'sha256',
    'sizeBytes',
    'ingestedAt',
  ],
  // the bodycam pilot's figures: recordings per month and purpose (002)
  BodycamFigures: ['municipality', 'month', 'purpose', 'recordings', 'withoutTwoWarnings'],
  LegalHold: [
    'id',
    'recordings',
    'recordingCount',
    'caseReference',
    'reason',
    'placedBy',
    'placedAt',
    'releasedAt',
    'releasedBy',
    'releaseReason',
    'active',
  ],
  PlaybackGrant: ['recordingId', 'url', 'expiresAt', 'purpose'],
  RetentionProof: [
    'id',
    'subsystem',
    'startedAt',
    'finishedAt',
    'deletedCount',
    'heldBackCount',
    'deletedDigest',
    'oldestUnheldAgeSeconds',
    'batches',
    'triggeredBy',
  ],
  // whether automatic deletion works, for everyone (003 §5.2.2): a count and a date, no proof details
  RetentionStatus: ['violationCount', 'lastProofAt'],
  AuditEntry: [
    'id',
    'seq',
    'at',
    'actorKind',
    'actorSub',
    'actorOrg',
    'action',
    'subjectType',
    'subjectIds',
    'purpose',
    'hash',
    'prevHash',
    'keyId',
  ],
  // the signed newest entry the authority keeps to detect a cut-off tail (packages/audit/README.md)
  AuditHead: ['seq', 'hash', 'time', 'keyId', 'signature', 'publicKey'],
  // log-ins per actor and period, checked periodically by the authority (003 §5.2.3)
  LoginSummary: ['actorKind', 'actorSub', 'orgs', 'firstAt', 'lastAt', 'logins'],
  FootageStatistics: ['municipality', 'area', 'month', 'recordings', 'deletions', 'holds', 'investigations'],
  // the half-yearly report to the council (003 §6.1); each subgraph adds its figures to an area's row
  CouncilReport: ['municipality', 'municipalityName', 'half', 'from', 'to', 'generatedAt', 'signalsShared', 'areas'],
  CouncilReportArea: [
    'id',
    'municipality',
    'half',
    'areaId',
    'areaName',
    'areaKind',
    'designations',
    'subGoals',
    'watchHours',
    'signalsShared',
    'evaluations',
    'footage',
    'footageRequests',
    'anprPassages',
  ],
  // requests subgraph
  FootageRequest: [
    'id',
    'kind',
    'reportNumber',
    'caseReference',
    'cameras',
    'windowStart',
    'windowEnd',
    'place',
    'description',
    'requester',
    'requesterId',
    'municipality',
    'status',
    'filedAt',
    'channel',
    'receivedAt',
    'dueAt',
    'flaggedLate',
    'extendedUntil',
    'extensionReason',
    'decision',
    'decisionReason',
    'recordings',
    'holdsPlaced',
    'holdStatus',
    'hold',
    'recordingCount',
    'overdue',
    'history',
    'updatedAt',
  ],
  RequestStatistics: ['municipality', 'kind', 'status', 'month', 'count'],
  OverdueAccessRequest: ['id', 'filedAt', 'receivedAt', 'channel', 'dueAt', 'municipality', 'daysOverdue'],
  // registrations subgraph
  PrivateCameraRegistration: [
    'id',
    'ownerOrg',
    'ownerName',
    'placeType',
    'address',
    'location',
    'mounting',
    'brandModel',
    'purpose',
    'filmsPublicSpace',
    'publicSpaceDescription',
    'liveView',
    'alarmCentre',
    'retentionDays',
    'signage',
    'contactName',
    'contactPhone',
    'contactEmail',
    'municipality',
    'status',
    'registeredAt',
    'firstUseAt',
    'confirmedAt',
    'complianceFlags',
  ],
  RegistrationCount: ['municipality', 'count'],
  // anpr subgraph
  AnprRead: ['id', 'camera', 'observedAt', 'plate', 'country', 'confidence', 'direction', 'lane', 'imageRef', 'hits'],
  Hotlist: [
    'id',
    'name',
    'reason',
    'legalBasis',
    'validUntil',
    'hitRetentionDays',
    'entries',
    'createdBy',
    'createdAt',
  ],
  HotlistEntry: ['id', 'hotlist', 'plate', 'country', 'reason', 'addedAt', 'removedAt'],
  AnprHit: ['id', 'read', 'hotlist', 'entry', 'observedAt', 'camera'],
  AnprCount: ['camera', 'municipality', 'bucketStart', 'count'],
  // the rules themselves (the authority supervises them)
  AccessRule: ['actor', 'action', 'subject', 'fields', 'conditions', 'inverted'],
} as const satisfies Record<string, readonly string[]>;

export type SubjectType = keyof typeof SUBJECT_FIELDS;
export const SUBJECT_TYPES = Object.keys(SUBJECT_FIELDS) as SubjectType[];
export type Ability = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;

/** Fields of the public camera register: position and purpose, never status, masks or the covert flag. */
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
/** A designation decision as published (003 §4: decisions are published); internals stay with the municipality. */
const PUBLIC_DECISION_FIELDS = [
  'id',
  'area',
  'municipality',
  'reference',
  'legalBasis',
  'validFrom',
  'validUntil',
  'subGoals',
  'signagePlaced',
  'residentsInformed',
  'published',
  'status',
  'endedAt',
  'endReason',
  // the weighing and the results told to the residents are part of what is made public (003 §2.3, §4.2, §4.3)
  'criteria',
  'effectMeasurement',
  'resultsInformedAt',
  'resultsSummary',
];
const REGISTRATION_CONTACT_FIELDS = ['contactName', 'contactPhone', 'contactEmail', 'ownerName'];
/** When a declaration was made and last confirmed: set by the hub, or taken over from an earlier register. */
const DECLARATION_DATE_FIELDS = ['registeredAt', 'confirmedAt'];
/** What a citizen sees of their own access request: status, due date and decision — never recordings (002). */
const CITIZEN_REQUEST_FIELDS = [
  'id',
  'kind',
  'windowStart',
  'windowEnd',
  'place',
  'description',
  'status',
  'filedAt',
  'channel',
  'receivedAt',
  'dueAt',
  'extendedUntil',
  'extensionReason',
  'decision',
  'decisionReason',
];

function allBut(type: SubjectType, omit: readonly string[]): string[] {
  return SUBJECT_FIELDS[type].filter((f) => !omit.includes(f));
}

/** The public register: everyone may read it, logged in or not (003 §5: camera register on the website). */
function publicRegister(can: AbilityBuilder<Ability>['can']) {
  // a decommissioned camera is no longer in the register (003 §5): whoever may not read a camera's
  // status does not see it at all, or comparing lists would tell its status
  can('read', 'Camera', PUBLIC_CAMERA_FIELDS, { covert: false, status: { $ne: 'DECOMMISSIONED' } });
  // an area is public once a decision for it was published (003 §4.3); a draft area is not announced
  can('read', 'CameraArea', { designated: true });
  can('read', 'DesignationDecision', PUBLIC_DECISION_FIELDS, { published: true });
  can('read', 'RegistrationCount');
  // that the 28-day automatic deletion works, which the police check periodically (003 §5.2.2):
  // the count of recordings the last run missed and its date, never a proof's digest or ids
  can('read', 'RetentionStatus');
}

type Rules = Pick<AbilityBuilder<Ability>, 'can' | 'cannot'>;

function policeRules({ can, cannot }: Rules, _actor: Actor): void {
  // Police see and manage everything, footage and plates included; access is audited per purpose
  // in the subgraphs (000, 003 §5.2.3, art. 126jj Sv).
  can('manage', 'all' as SubjectType);
  // Access requests are filed by the data subject, not on their behalf through the hub. One that
  // reached the police by letter, at the desk or by e-mail (004 "formulier") is registered by those
  // who handle requests — `review`, the police's alone — with when it was received, the month running
  // from receipt (AVG art. 12(3); requests domain/intake.ts). The municipality handles none: it never
  // sees request contents (DESIGN.md §1).
  cannot('create', 'FootageRequest', { kind: 'DATA_SUBJECT_ACCESS' });
  // The municipality's enforcement officers' bodycam footage is the municipality's; the police may
  // seize it on a police report ("Bij een aangifte mag de politie de opnames in beslag nemen", 002):
  // viewed only as a BodycamRecording for use POLICE_REPORT, never through the general playback.
  cannot('playback', 'Recording', { operator: 'MUNICIPALITY', kind: 'BODYCAM' });
  cannot(['playback', 'hold'], 'BodycamRecording', { use: { $ne: 'POLICE_REPORT' } });
  // A third party's camera is the owner's; the police use it only as far as the owner granted
  // ("Politiezone Antwerpen heeft ook toegang tot vaste camera's van derde partijen", 004): its
  // recordings — metadata, playback links, holds — only under a grant with scope RECORDINGS, active at
  // the access, whose period holds the recording. The subgraph names that grant on the row
  // (`accessGrant`, footage domain/grants.ts); no grant reads as no recording.
  cannot(['read', 'playback', 'hold'], 'Recording', { operator: 'THIRD_PARTY', accessGrant: null });
  // Watching live is the police's alone (000: only the police view the images), but never a camera the
  // municipality runs: its enforcement officers' bodycams are seized only on a police report (002), its
  // waste-container cameras keep only violations (000). When a camera may be watched (watch times,
  // events, grants) is a domain rule: cameras domain/live-view.ts.
  cannot('watch', 'Camera', { operator: 'MUNICIPALITY' });
  // The periodic check of log-ins (003 §5.2.3) is the supervisor's: the police are the ones checked
  // (their own log-in entries stay readable in the audit log, as every entry is).
  cannot('manage', 'LoginSummary');
}

function municipalityRules({ can }: Rules, actor: Actor): void {
  const m = actor.municipality;
  publicRegister(can);
  // Own municipality: camera status and masks (the mayor is controller of the area), areas,
  // decisions and evaluations (003 §3, §4), signals shared with the control room (003 §2.2).
  // Never covert cameras, never public-order footage (000: "De gemeente ... [heeft] geen toegang tot de
  // beelden"), never plates, never request contents (the root README's actor table).
  can('read', 'Camera', allBut('Camera', ['recordings']), { municipality: m, covert: false });
  can(['read', 'create', 'update'], 'CameraArea', { municipality: m });
  can(['read', 'create', 'update'], 'DesignationDecision', { municipality: m });
  can(['read', 'create'], 'Evaluation', { municipality: m });
  // the mayor assesses the deployment (DPIA) and starts pilots for its own municipality (003 §2.4, §5.2.4)
  can(['read', 'create'], ['Dpia', 'Pilot'], { municipality: m });
  // masks of its own non-covert cameras, the history included (001, 003 §5.2.2; domain/privacy-mask.ts)
  can(['read', 'create'], 'PrivacyMaskChange', { municipality: m, covert: false });
  // watch times around events in its own areas (003 §3.2, §3.3): scheduled with the police
  can(['read', 'create', 'update'], 'WatchEvent', { municipality: m });
  can('read', 'LiveWatchAnswer', { municipality: m });
  can('read', 'Signal', { municipality: m });
  can('read', 'FootageStatistics', { municipality: m });
  can('read', 'RequestStatistics', { municipality: m });
  can('read', 'PrivateCameraRegistration', allBut('PrivateCameraRegistration', REGISTRATION_CONTACT_FIELDS), {
    municipality: m,
  });
  can('read', 'AnprCount', { municipality: m });
  // Its own enforcement officers' bodycam footage (002): the municipality keeps it ("De gemeente gaat
  // veilig met de beelden om") and it is used only for a police report or a complaint; complaints are
  // the municipality's to handle, so it views and secures its own recordings for a COMPLAINT only.
  // Never footage of any other camera (000: only the police view public-order footage).
  can('read', 'BodycamRecording', { municipality: m });
  can(['playback', 'hold'], 'BodycamRecording', { municipality: m, use: 'COMPLAINT' });
  can('read', 'BodycamFigures', { municipality: m });
  // its half-yearly report to the council (003 §6.1)
  can('read', ['CouncilReport', 'CouncilReportArea'], { municipality: m });
  // Belgium (004): it records its council's approvals of camera locations and types, and sees the
  // police's access to third parties' cameras in its territory
  can(['read', 'create'], 'CouncilApproval', { municipality: m });
  can('read', 'CameraAccessGrant', { municipality: m });
}

function companyRules({ can }: Rules, actor: Actor): void {
  // Own private cameras only (004: declaration to the police); otherwise the public register.
  publicRegister(can);
  can(['read', 'update', 'delete', 'confirm'], 'PrivateCameraRegistration', { ownerOrg: actor.org });
  // a company declares now, before first use (004): the dates are the hub's; only the police, who
  // keep the declarations, take one over from an earlier register with the date it was made
  can('create', 'PrivateCameraRegistration', allBut('PrivateCameraRegistration', DECLARATION_DATE_FIELDS), {
    ownerOrg: actor.org,
  });
}

function authorityRules({ can, cannot }: Rules, _actor: Actor): void {
  // Supervisor (AP): reads the camera side in full (masks, covert included), proofs, audit log,
  // registrations filming public space, request figures and the rules; never footage or plates.
  can('read', [
    'Camera',
    'CameraArea',
    'DesignationDecision',
    'Evaluation',
    'Signal',
    'Dpia',
    'Pilot',
    'PrivacyMaskChange',
    'WatchEvent',
    'LiveWatchAnswer',
    // who watched which camera live, when and why: the supervisor checks operator actions (003 §5.2.3)
    'LiveViewSession',
  ]);
  cannot('read', 'Camera', ['recordings']);
  can('read', [
    'RetentionProof',
    'RetentionStatus',
    'AuditEntry',
    'AuditHead',
    'RequestStatistics',
    'OverdueAccessRequest',
    'AccessRule',
  ]);
  // figures, never the footage: the bodycam pilot's (002), every council report (003 §6.1); Belgian approvals and grants (004)
  can('read', ['BodycamFigures', 'CouncilReport', 'CouncilReportArea', 'CouncilApproval', 'CameraAccessGrant']);
  can('verify', 'AuditEntry');
  // 003 §5.2.3: log-ins are logged and checked periodically — the supervisor's check, no one else's
  can('read', 'LoginSummary');
  can('read', 'PrivateCameraRegistration', { filmsPublicSpace: true });
  can('read', 'RegistrationCount');
}

function citizenRules({ can }: Rules, actor: Actor): void {
  // A filmed person may ask to see footage of themselves (002, GDPR art. 15) and follow only
  // their own requests; never a recording or URL through the hub.
  publicRegister(can);
  // Ownership is the filer's kind and subject, never the subject alone: a police officer whose `sub`
  // happens to equal a citizen's is someone else. One issuer per hub (JWT_ISSUER).
  can('create', 'FootageRequest', { kind: 'DATA_SUBJECT_ACCESS', requesterKind: 'citizen', requesterId: actor.sub });
  can('read', 'FootageRequest', CITIZEN_REQUEST_FIELDS, {
    kind: 'DATA_SUBJECT_ACCESS',
    requesterKind: 'citizen',
    requesterId: actor.sub,
  });
}

function systemRules({ can }: Rules, actor: Actor): void {
  const m = actor.municipality;
  // A source system's machine credential: it delivers reads and recording metadata for the cameras
  // of its own municipality, recordings under its own name only — and nothing else: no search, no
  // reads back, no hits, not even the public register (it is not a person).
  can('ingest', 'AnprRead', { municipality: m });
  can('ingest', 'Recording', { municipality: m, sourceSystem: actor.sub });
}

function publicRules({ can }: Rules, _actor: Actor): void {
  publicRegister(can);
}

/** One function per actor kind: what that kind may do, each rule with its source. */
const RULES: Record<Actor['kind'], (rules: Rules, actor: Actor) => void> = {
  police: policeRules,
  municipality: municipalityRules,
  company: companyRules,
  authority: authorityRules,
  citizen: citizenRules,
  system: systemRules,
  public: publicRules,
};

export function defineAbilityFor(actor: Actor): Ability {
  const { can, cannot, build } = new AbilityBuilder<Ability>(createMongoAbility);
  RULES[actor.kind]({ can, cannot }, actor);
  return build();
}

/** Tag (a copy of) a row with its subject type so CASL can match conditions against it. */
export function subject<T extends Record<string, unknown>>(type: SubjectType, row: T): T {
  return caslSubject(type, { ...row });
}

/** The fields of one row (or of the type when no row) this ability may perform `action` on. */
export function permittedFields(
  ability: Ability,
  action: Action,
  type: SubjectType,
  row?: Record<string, unknown>,
): string[] {
  const target = row ? subject(type, row) : type;
  return permittedFieldsOf(ability, action, target as never, {
    fieldsFrom: (rule) => (rule.fields as string[] | undefined) ?? [...SUBJECT_FIELDS[type]],
  });
}

/** The rules as data, for the authority's supervision ("the access rules themselves": the root README's actors). */
export function describePolicy(): Array<{
  actor: string;
  action: string;
  subject: string;
  fields: string[] | null;
  conditions: string | null;
  inverted: boolean;
}> {
  const out = [];
  const sample: Record<string, Actor> = {
    police: { kind: 'police', sub: '<sub>' },
    municipality: { kind: 'municipality', sub: '<sub>', municipality: '<own municipality>' },
    company: { kind: 'company', sub: '<sub>', org: '<own org>' },
    authority: { kind: 'authority', sub: '<sub>' },
    citizen: { kind: 'citizen', sub: '<own subject id>' },
    system: { kind: 'system', sub: '<system id>', org: '<operating org>', municipality: "<its cameras' municipality>" },
    public: { kind: 'public', sub: 'anonymous' },
  };
  for (const [name, actor] of Object.entries(sample)) {
    for (const r of defineAbilityFor(actor).rules) {
      out.push({
        actor: name,
        action: ([] as string[]).concat(r.action as string | string[]).join(','),
        subject: ([] as string[]).concat(r.subject as string | string[]).join(','),
        fields: r.fields ? ([] as string[]).concat(r.fields) : null,
        conditions: r.conditions ? JSON.stringify(r.conditions) : null,
        inverted: !!r.inverted,
      });
    }
  }
  return out;
}

const abilityCache = new Map<string, Ability>();
/**
 * The ability of an actor, built once and reused: abilities are immutable and building one costs
 * more than answering many checks. Bounded so a flood of distinct subjects cannot grow it forever.
 */
export function abilityFor(actor: Actor): Ability {
  const key = `${actor.kind}\u0000${actor.sub}\u0000${actor.org ?? ''}\u0000${actor.municipality ?? ''}`;
  let ability = abilityCache.get(key);
  if (!ability) {
    if (abilityCache.size >= 5000) abilityCache.clear();
    ability = defineAbilityFor(actor);
    abilityCache.set(key, ability);
  }
  return ability;
}

/**
 * Null when the actor may perform `action` on `type` at all, else how to refuse: for endpoints that
 * decide before any row is known (streams), at the gateway and again in the subgraph.
 */
export function refusalUnlessAllowed(
  actor: Actor,
  action: Action,
  type: SubjectType,
): ReturnType<typeof refusal> | null {
  return abilityFor(actor).can(action, type) ? null : refusal(actor, `${action} ${type}`);
}

/** True when no rule for (action, type) depends on the row, so one answer holds for every row. */
export function rowIndependent(ability: Ability, action: Action, type: SubjectType): boolean {
  return ability.rulesFor(action, type).every((r) => !r.conditions);
}
