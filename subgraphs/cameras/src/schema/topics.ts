/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED];
