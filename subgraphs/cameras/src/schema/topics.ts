import { subject } from '@hub/auth';
import { refused, resumableEvents, type HubContext } from '@hub/subgraph-kit';
import type { Topic } from '@hub/events';
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
    [CAMERA_STATUS_CHANGED]: {
      camera: CameraRow | undefined;
      previousStatus: string;
      status: string;
      reason: string | null;
      changedAt: string;
    };
    [SIGNAL_SHARED]: SignalRow | undefined;
  }
}

/**
 * A subscription's topics, refusing up front a municipality the caller may not watch (FORBIDDEN,
 * as the same query would be) instead of opening a stream that stays silent.
 */
export function checkWatch(
  context: HubContext,
  municipality: string | null | undefined,
  type: 'Camera' | 'Signal',
  field?: string,
) {
  const m = municipality;
  if (m && !context.ability.can('read', subject(type, { municipality: m, covert: false }), field)) {
    throw refused(context.actor, `watch ${type === 'Camera' ? 'camera status' : 'signals'} in ${m}`);
  }
}

/**
 * A resumable subscription to `topic` (packages/subgraph-kit resume.ts): the watch check above up
 * front, then the payloads `accept` lets through for this subscriber, after `args.after` if given.
 */
export function resumableWatch<P extends object, A extends { municipality?: string | null; after?: string | null }>(
  topic: Topic,
  type: 'Camera' | 'Signal',
  accept: (payload: P, args: A, context: HubContext) => boolean,
  field?: string,
) {
  return ({ args, context }: { args: A; context: HubContext }) => {
    checkWatch(context, args.municipality, type, field);
    return resumableEvents<P>(context, topic, args.after, (p) => accept(p, args, context));
  };
}
