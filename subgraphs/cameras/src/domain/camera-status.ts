// Camera status lifecycle. Pure rule, no database.
//
// DECOMMISSIONED is final: a removed camera that is put up again is a new deployment, which needs a
// designation decision for its area and its own register entry (003 §4: deployment only under a
// published decision). Reviving the old row would silently carry over a register entry, masks and
// history that belong to the removed camera.
export const CAMERA_STATUSES = ['ACTIVE', 'MAINTENANCE', 'OFFLINE', 'DECOMMISSIONED'] as const;
export type CameraStatusValue = (typeof CAMERA_STATUSES)[number];

/** Why `from → to` is refused, or null when allowed (same status is a no-op, allowed). */
export function statusChangeProblem(from: string, to: string): string | null {
  if (from === 'DECOMMISSIONED' && to !== 'DECOMMISSIONED') {
    return 'A decommissioned camera stays decommissioned; register the new deployment as a new camera';
  }
  return null;
}
