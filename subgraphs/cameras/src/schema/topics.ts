/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
// Topics other subgraphs consume are declared once, in packages/events contracts.
export { CAMERA_REGISTERED, MUNICIPALITY_REGISTERED, type CameraRegisteredPayload } from '@hub/events';
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED];
