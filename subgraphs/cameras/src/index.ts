// The cameras subgraph: Camera, CameraArea with DesignationDecision and Evaluation, Signals.
import { fileURLToPath } from 'node:url';
import { every, type SubgraphDefinition } from '@hub/subgraph-kit';
import { CameraResolver, loadCameras } from './schema/camera.js';
import { CameraAreaResolver, DesignationDecisionResolver, EvaluationResolver, decisionLoader } from './schema/area.js';
import { loadAreas } from './schema/area-mapping.js';
import { SignalResolver } from './schema/signal.js';
import { PublicRegisterResolver } from './schema/register.js';
import { AccessRuleResolver } from './schema/policy.js';
import { LIVE_TOPICS } from './schema/topics.js';
import { seedDemoCity } from './seed/demo-city.js';
import { DesignationLifecycleResolver } from './schema/lifecycle.js';
import { scanDesignations, scanDpias } from './db/lifecycle.js';
import { announceGrants } from './db/grant-events.js';
import { DecisionDpiaResolver, DpiaResolver, PilotResolver } from './schema/dpia.js';
import { PrivacyMaskResolver, auditOf } from './schema/privacy-mask.js';
import { LiveWatchAnswerResolver, WatchEventResolver } from './schema/watching.js';
import { CameraAccessGrantResolver, CameraBelgiumResolver, CouncilApprovalResolver } from './schema/belgium.js';
import { CouncilReportResolver } from './schema/council-report.js';

/** Default interval of the lifecycle scheduler; CAMERAS_LIFECYCLE_INTERVAL_MS overrides, 0 disables. */
const LIFECYCLE_INTERVAL_MS = 60_000;

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
  ],
  entities: { Camera: loadCameras, CameraArea: loadAreas, DesignationDecision: decisionLoader },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  liveTopics: LIVE_TOPICS,
  seed: seedDemoCity,
  // the shared audit log's tables, before mask changes append to it
  prepare: (database) => auditOf(database).migrate(),
  // designation milestones (designationChanged) as the clock passes them; unannounced grants
  background: ({ database, events, clock }) =>
    every('cameras lifecycle', Number(process.env.CAMERAS_LIFECYCLE_INTERVAL_MS ?? LIFECYCLE_INTERVAL_MS), async () => {
      const now = clock.now();
      await scanDesignations(database, events, now);
      await scanDpias(database, events, now);
      // grants recorded before accessGrantChanged existed reach the footage subgraph once (004)
      await announceGrants(database, events);
    }),
};

export { seedDemoCity, announceGrants };
