/** Outbox topics this subgraph publishes (packages/events). */
export const CAMERA_STATUS_CHANGED = 'cameras.cameraStatusChanged';
export const SIGNAL_SHARED = 'cameras.signalShared';
/** A camera exists (registered or seeded): other subgraphs keep a replica of its id, municipality and area. */
export const CAMERA_REGISTERED = 'cameras.cameraRegistered';
export type CameraRegisteredPayload = {
  id: string;
  municipality: string;
  areaId: string | null;
  kind: string;
  latitude: number;
  longitude: number;
  covert: boolean;
};
/** A municipality is known to the hub (code, name, country): others validate against it. */
export const MUNICIPALITY_REGISTERED = 'cameras.municipalityRegistered';
export const LIVE_TOPICS = [CAMERA_STATUS_CHANGED, SIGNAL_SHARED];
