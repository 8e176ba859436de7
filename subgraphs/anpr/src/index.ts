// The ANPR subgraph: plate reads stored pseudonymised (keyed hash + encryption), batch ingest with
// per-row rejection, hotlists with live hits, purpose-bound audited plate search, counts for
// municipalities, and 28-day retention with deletion proofs (art. 126jj Sv).
import { fileURLToPath } from 'node:url';
import type { Database } from '@hub/db';
import { CAMERA_REGISTERED, type Events } from '@hub/events';
import { councilReportAreaLoader, every, type Clock, type SubgraphDefinition } from '@hub/subgraph-kit';
import { applyCameraRegistered } from './db/replica.js';
import { ANPR_RETENTION_SCHEDULER, runAnprRetention } from './db/retention.js';
import { drainMatchQueue } from './db/match.js';
import { ANPR_HIT, auditOf } from './schema/common.js';
import { AnprCountResolver, AnprRetentionResolver } from './schema/counts.js';
import { HotlistEntryResolver, HotlistResolver } from './schema/hotlist.js';
import { AnprHitResolver } from './schema/hit.js';
import { loadHits, loadHotlistEntries, loadHotlists } from './schema/hotlist.reference.js';
import { AnprReadResolver } from './schema/read.js';
import { loadReads } from './schema/read.reference.js';
import { anprReadStream } from './schema/stream.js';
import { CameraRef } from './schema/types.js';
import { CouncilReportAnprResolver, CouncilReportAreaRef } from './schema/council-report.js';

/** Default interval of the retention scheduler; ANPR_RETENTION_INTERVAL_MS overrides, 0 disables. */
const RETENTION_INTERVAL_MS = 15 * 60_000;
/** Default interval of hotlist matching (a hit is announced within about this long); ANPR_MATCH_INTERVAL_MS overrides. */
// 100 ms: a hit reaches the police within ~0.1–0.2 s (the p99 < 200 ms hit target, BENCHMARKS.md ANPR); an empty
// drain is one short transaction, 10 a second
const MATCH_INTERVAL_MS = 100;
/** Matching cannot be switched off: a value that is not a positive number of ms means the default. */
const matchInterval = () =>
  Number(process.env.ANPR_MATCH_INTERVAL_MS) > 0 ? Number(process.env.ANPR_MATCH_INTERVAL_MS) : MATCH_INTERVAL_MS;

function background({ database, events, clock }: { database: Database; events: Events; clock: Clock }) {
  events.consume('anpr.camera-replica', [CAMERA_REGISTERED], (tx, e) => applyCameraRegistered(tx, e.payload));
  const stopRetention = every(
    'anpr retention',
    Number(process.env.ANPR_RETENTION_INTERVAL_MS ?? RETENTION_INTERVAL_MS),
    () =>
      runAnprRetention({ database, audit: auditOf(database) }, { now: clock.now(), actor: ANPR_RETENTION_SCHEDULER }),
  );
  // hotlist matching of stored batches (db/match.ts), on its own clock so no answer waits for it or
  // is followed by it; a failed drain leaves its batches for the next
  const stopMatching = every('anpr hotlist matching', matchInterval(), () => drainMatchQueue(database, events));
  return async () => {
    await stopRetention?.();
    await stopMatching?.();
  };
}

export const anprSubgraph: SubgraphDefinition = {
  name: 'anpr',
  resolvers: [
    AnprReadResolver,
    HotlistResolver,
    HotlistEntryResolver,
    AnprHitResolver,
    AnprCountResolver,
    AnprRetentionResolver,
    CouncilReportAnprResolver,
  ],
  orphanedTypes: [CameraRef, CouncilReportAreaRef],
  stubs: ['Camera'],
  entities: {
    AnprRead: loadReads,
    AnprHit: loadHits,
    Hotlist: loadHotlists,
    HotlistEntry: loadHotlistEntries,
    // an area's row of the council report (003 §6.1): its ANPR passage count
    CouncilReportArea: councilReportAreaLoader,
  },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  prepare: (database) => auditOf(database).migrate(),
  liveTopics: [ANPR_HIT],
  streams: [anprReadStream],
  background,
};

export { runAnprRetention, ANPR_RETENTION_SCHEDULER } from './db/retention.js';
export { drainMatchQueue } from './db/match.js';
export { PlateCipher, loadAnprKeys, normalisePlate, plateProblem } from './domain/plate.js';
export { plateCipher } from './schema/common.js';
export { ANPR_STREAM_PATH } from './schema/stream.js';
export { chainDigest, EMPTY_DIGEST, READ_RETENTION_MS } from './domain/read.js';
