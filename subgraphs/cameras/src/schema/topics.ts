import { subject } from '@hub/auth';
import { refused, type HubContext } from '@hub/subgraph-kit';
import type { cameraTable, signalTable } from '../db/schema.js';

type CameraRow = typeof cameraTable.$inferSelect;
type SignalRow = typeof signalTable.$inferSelect;
/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
// Topics other subgraphs consume are declared once, in packages/events contracts.
export { CAMERA_REGISTERED, MUNICIPALITY_REGISTERED, type CameraRegisteredPayload } from '@hub/events';
export { DESIGNATION_CHANGED, DPIA_DUE } from '../db/lifecycle.js';
import { DESIGNATION_CHANGED, DPIA_DUE } from '../db/lifecycle.js';
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED, DESIGNATION_CHANGED, DPIA_DUE] as const;

declare module '@hub/events' {
  interface TopicPayloads {
    [CAMERA_STATUS_CHANGED]: { camera: CameraRow | undefined; previousStatus: string; status: string; reason: string | null; changedAt: string };
    [SIGNAL_SHARED]: SignalRow | undefined;
  }
}

/**
 * A subscription's topics, refusing up front a municipality the caller may not watch (FORBIDDEN,
 * as the same query would be) instead of opening a stream that stays silent.
 */
export function watchTopic(topic: string, type: 'Camera' | 'Signal', field?: string) {
  return ({ args, context }: { args: { municipality?: string | null }; context: HubContext }) => {
    const m = args.municipality;
    if (m && !context.ability.can('read', subject(type, { municipality: m, covert: false }), field)) {
      throw refused(context.actor, `watch ${type === 'Camera' ? 'camera status' : 'signals'} in ${m}`);
    }
    return topic;
  };
}
