import { subject } from '@hub/auth';
import { refused, resumableEvents, type HubContext } from '@hub/subgraph-kit';
import type { Topic } from '@hub/events';
import type { cameraTable, decisionTable, dpiaTable, signalTable } from '../db/schema.js';
import type { ChangeKind } from '../domain/lifecycle.js';

type CameraRow = typeof cameraTable.$inferSelect;
type SignalRow = typeof signalTable.$inferSelect;
/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
/** A designation reached a milestone (db/lifecycle.ts announces each once). */
export const DESIGNATION_CHANGED = 'cameras.designationChanged';
/** A DPIA falls due within 60 days (db/lifecycle.ts). */
export const DPIA_DUE = 'cameras.dpiaDue';
// Topics other subgraphs consume are declared once, in packages/events contracts.
export { CAMERA_REGISTERED, MUNICIPALITY_REGISTERED, type CameraRegisteredPayload } from '@hub/events';
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED, DESIGNATION_CHANGED, DPIA_DUE] as const;

export type DesignationChangedPayload = {
  kind: ChangeKind;
  decision: typeof decisionTable.$inferSelect;
  at: string;
  noticedAt: string;
};
export type DpiaDuePayload = { dpia: typeof dpiaTable.$inferSelect };

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
    [DESIGNATION_CHANGED]: DesignationChangedPayload;
    [DPIA_DUE]: DpiaDuePayload;
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
