// The cameras subgraph: Camera, CameraArea with DesignationDecision and Evaluation, Signals.
import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { CameraResolver, loadCameras } from './schema/camera.js';
import { CameraAreaResolver, DesignationDecisionResolver, EvaluationResolver, decisionLoader } from './schema/area.js';
import { loadAreas } from './schema/area-mapping.js';
import { SignalResolver } from './schema/signal.js';
import { PublicRegisterResolver } from './schema/register.js';
import { AccessRuleResolver } from './schema/policy.js';
import { LIVE_TOPICS } from './schema/topics.js';
import { seedDemoCity } from './seed/demo-city.js';

export const camerasSubgraph: SubgraphDefinition = {
  name: 'cameras',
  resolvers: [CameraResolver, CameraAreaResolver, DesignationDecisionResolver, EvaluationResolver, SignalResolver, PublicRegisterResolver, AccessRuleResolver],
  entities: { Camera: loadCameras, CameraArea: loadAreas, DesignationDecision: decisionLoader },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  liveTopics: LIVE_TOPICS,
  seed: seedDemoCity,
};

export { seedDemoCity };
