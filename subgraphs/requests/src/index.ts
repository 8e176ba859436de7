// The requests subgraph: footage requests (police report, prosecutor order) and data-subject access
// requests, their state machine and deadlines; linked to Cameras and Recordings by federation.
// Footage is secured by the footage subgraph, asked through events: this subgraph never writes its tables.
import { fileURLToPath } from 'node:url';
import { auditLogOf } from '@hub/audit';
import type { Events } from '@hub/events';
import { councilReportAreaLoader, type Clock, type SubgraphDefinition } from '@hub/subgraph-kit';
import { holdAnswers } from './db/holds.js';
import { applyCameraRegistered } from './db/replica.js';
import { CouncilReportAreaRef, CouncilReportRequestsResolver } from './schema/council-report.js';
import { FootageRequestResolver } from './schema/request.js';
import { requestLoader } from './schema/request.reference.js';
import { RequestStatisticsResolver } from './schema/statistics.js';
import { CAMERA_REGISTERED, HOLDS_PLACED, HOLD_RELEASED, LIVE_TOPICS } from './schema/topics.js';
import { CameraRef, LegalHoldRef, RecordingRef } from './schema/types.js';

function background({ events, clock }: { events: Events; clock: Clock }) {
  // a replica of the cameras (id, municipality, covert): reject unknown cameras, count per municipality
  events.consume('requests.camera-replica', [CAMERA_REGISTERED], (tx, e) => applyCameraRegistered(tx, e.payload));
  // the footage subgraph's answers: holds placed (or nothing to hold), holds released
  events.consume('requests.footage-holds', [HOLDS_PLACED, HOLD_RELEASED], holdAnswers({ events, clock }));
}

export const requestsSubgraph: SubgraphDefinition = {
  name: 'requests',
  resolvers: [FootageRequestResolver, RequestStatisticsResolver, CouncilReportRequestsResolver],
  orphanedTypes: [CameraRef, RecordingRef, LegalHoldRef, CouncilReportAreaRef],
  stubs: ['Camera', 'Recording', 'LegalHold'],
  entities: {
    FootageRequest: requestLoader,
    // an area's row of the council report (003 §6.1): its footage requests
    CouncilReportArea: councilReportAreaLoader,
  },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  liveTopics: LIVE_TOPICS,
  // the shared audit log's tables, before a registered receipt appends to it
  prepare: (database) => auditLogOf(database).migrate(),
  background,
};

export * from './schema/topics.js';
export { addMonths, RETENTION_DAYS, REPORT_WINDOW_DAYS } from './domain/deadlines.js';
