// The cameras subgraph: Camera, CameraArea with DesignationDecision and Evaluation, Signals, live-view sessions.
import { fileURLToPath } from 'node:url';
import { auditLogOf } from '@hub/audit';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { every, type Clock, type SubgraphDefinition } from '@hub/subgraph-kit';
// type-graphql collects fields as the modules load: this order is the order of the composed schema's fields
import { CameraResolver } from './schema/camera.js';
import { loadCameras } from './schema/camera.reference.js';
import { CameraAreaResolver, DesignationDecisionResolver, EvaluationResolver } from './schema/area.js';
import { decisionLoader } from './schema/decision.reference.js';
import { loadAreas } from './schema/area.reference.js';
import { SignalResolver } from './schema/signal.js';
import { PublicRegisterResolver } from './schema/register.js';
import { AccessRuleResolver } from './schema/policy.js';
import { LIVE_TOPICS } from './schema/topics.js';
import { seedDemoCity } from './seed/demo-city.js';
import { DesignationLifecycleResolver } from './schema/lifecycle.js';
import { scanDesignations, scanDpias } from './db/lifecycle.js';
import { announceGrants } from './db/grant-events.js';
import { DecisionDpiaResolver, DpiaResolver, PilotResolver } from './schema/dpia.js';
import { PrivacyMaskResolver } from './schema/privacy-mask.js';
import { LiveWatchAnswerResolver, WatchEventResolver } from './schema/watching.js';
import { CameraAccessGrantResolver, CameraBelgiumResolver, CouncilApprovalResolver } from './schema/belgium.js';
import { CouncilReportResolver } from './schema/council-report.js';
import { LiveViewSessionResolver } from './schema/live-view.js';

/** Default interval of the lifecycle scheduler; CAMERAS_LIFECYCLE_INTERVAL_MS overrides, 0 disables. */
const LIFECYCLE_INTERVAL_MS = 60_000;

function background({ database, events, clock }: { database: Database; events: Events; clock: Clock }) {
  // designation milestones (designationChanged) and DPIAs falling due (dpiaDue) as the clock passes
  // them; unannounced grants
  return every(
    'cameras lifecycle',
    Number(process.env.CAMERAS_LIFECYCLE_INTERVAL_MS ?? LIFECYCLE_INTERVAL_MS),
    async () => {
      const now = clock.now();
      await scanDesignations(database, events, now);
      await scanDpias(database, events, now);
      // grants recorded before accessGrantChanged existed reach the footage subgraph once (004)
      await announceGrants(database, events);
    },
  );
}

export const camerasSubgraph: SubgraphDefinition = {
  name: 'cameras',
  resolvers: [
    CameraResolver,
    CameraAreaResolver,
    DesignationDecisionResolver,
    EvaluationResolver,
    SignalResolver,
    PublicRegisterResolver,
    AccessRuleResolver,
    DesignationLifecycleResolver,
    DpiaResolver,
    PilotResolver,
    DecisionDpiaResolver,
    PrivacyMaskResolver,
    WatchEventResolver,
    LiveWatchAnswerResolver,
    CouncilApprovalResolver,
    CameraAccessGrantResolver,
    CameraBelgiumResolver,
    CouncilReportResolver,
    LiveViewSessionResolver,
  ],
  entities: { Camera: loadCameras, CameraArea: loadAreas, DesignationDecision: decisionLoader },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  liveTopics: LIVE_TOPICS,
  seed: seedDemoCity,
  // the shared audit log's tables, before mask changes and live-view sessions append to it
  prepare: (database) => auditLogOf(database).migrate(),
  background,
};

export { seedDemoCity, announceGrants };
