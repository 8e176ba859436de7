// The footage subgraph: recording metadata, legal holds, retention with deletion proofs, playback
// grants, the audit log and statistics. Police only, except proofs/audit (authority) and statistics.
import { fileURLToPath } from 'node:url';
import type { Database } from '@hub/db';
import { ACCESS_GRANT_CHANGED, CAMERA_REGISTERED, type Events } from '@hub/events';
import { councilReportAreaLoader, every, type Clock, type SubgraphDefinition } from '@hub/subgraph-kit';
import { applyCameraRegistered } from './db/replica.js';
import { applyAccessGrantChanged } from './db/grants.js';
import { RETENTION_SCHEDULER, runRetention } from './db/retention.js';
import { REQUEST_HOLD_TOPICS, requestHoldHandler } from './db/request-holds.js';
// recording.ts first: its resolvers lead the composed schema's footage fields, as they always have
import { CameraRecordingsResolver, FootageRequestRecordingsResolver, RecordingResolver } from './schema/recording.js';
import { AuditResolver } from './schema/audit.js';
import { LoginSummaryResolver } from './schema/login-summary.js';
import { LegalHoldResolver } from './schema/hold.js';
import { holdLoader } from './schema/hold.reference.js';
import { auditOf } from './db/audit.js';
import { loadRecordings } from './schema/recording.reference.js';
import { RetentionResolver } from './schema/retention.js';
import { StatisticsResolver } from './schema/statistics.js';
import { CameraRef, FootageRequestRef } from './schema/types.js';
import { WasteViolationResolver } from './schema/waste.js';
import { BodycamResolver } from './schema/bodycam.js';
import { CouncilReportAreaRef, CouncilReportFootageResolver } from './schema/council-report.js';

/** Default interval of the retention scheduler; FOOTAGE_RETENTION_INTERVAL_MS overrides, 0 disables. */
const RETENTION_INTERVAL_MS = 15 * 60_000;

function background({ database, events, clock }: { database: Database; events: Events; clock: Clock }) {
  const audit = auditOf(database);
  // v2: a new consumer name replays every camera event from the start, so a replica from before
  // the covert column (migration 0001) learns which cameras are covert
  events.consume('footage.camera-replica-v2', [CAMERA_REGISTERED], (tx, e) => applyCameraRegistered(tx, e.payload));
  // v1's position would hold the outbox's pruning back forever (events.pruneDurable)
  void events.retireConsumer('footage.camera-replica').catch(() => {});
  // the police's grants to third parties' cameras (004): their footage is served only under one
  events.consume('footage.grant-replica', [ACCESS_GRANT_CHANGED], (tx, e) => applyAccessGrantChanged(tx, e.payload));
  // legal holds asked for by approved footage requests (requests subgraph), released when they close
  events.consume('footage.request-holds', REQUEST_HOLD_TOPICS, requestHoldHandler({ audit, events }));
  return every('footage retention', Number(process.env.FOOTAGE_RETENTION_INTERVAL_MS ?? RETENTION_INTERVAL_MS), () =>
    runRetention({ database, audit }, { now: clock.now(), actor: RETENTION_SCHEDULER }),
  );
}

export const footageSubgraph: SubgraphDefinition = {
  name: 'footage',
  resolvers: [
    RecordingResolver,
    CameraRecordingsResolver,
    FootageRequestRecordingsResolver,
    LegalHoldResolver,
    RetentionResolver,
    StatisticsResolver,
    AuditResolver,
    LoginSummaryResolver,
    WasteViolationResolver,
    BodycamResolver,
    CouncilReportFootageResolver,
  ],
  orphanedTypes: [CameraRef, FootageRequestRef, CouncilReportAreaRef],
  stubs: ['Camera', 'FootageRequest'],
  entities: {
    // resolves to null for everyone and reads nothing (recording.reference.ts)
    Recording: loadRecordings,
    LegalHold: holdLoader,
    // an area's row of the council report (003 §6.1): its footage figures
    CouncilReportArea: councilReportAreaLoader,
  },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  // the shared audit log's tables, before anything appends to it
  prepare: (database) => auditOf(database).migrate(),
  background,
};

export { runRetention, RETENTION_SCHEDULER } from './db/retention.js';
export { applyCameraRegistered } from './db/replica.js';
export { playbackSecret } from './schema/recording.js';
export { verifiedPlayback, verifyPlaybackUrl } from './domain/playback.js';
export { chainDigest, EMPTY_DIGEST } from './domain/retention.js';
