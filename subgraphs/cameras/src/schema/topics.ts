/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
/** A camera exists (registered or seeded): other subgraphs keep a replica of its id, municipality and area. */
export const CAMERA_REGISTERED = 'cameras.cameraRegistered';
export type CameraRegisteredPayload = { id: string; municipality: string; areaId: string | null; kind: string };
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED];
