import { describe, expect, it } from 'vitest';
import { CAMERA_STATUSES, statusChangeProblem } from './camera-status.js';

describe('camera status lifecycle', () => {
  it('moves freely between ACTIVE, MAINTENANCE and OFFLINE, and into DECOMMISSIONED', () => {
    for (const from of ['ACTIVE', 'MAINTENANCE', 'OFFLINE']) {
      for (const to of CAMERA_STATUSES) expect(statusChangeProblem(from, to)).toBeNull();
    }
  });
  it('never leaves DECOMMISSIONED', () => {
    for (const to of ['ACTIVE', 'MAINTENANCE', 'OFFLINE']) {
      expect(statusChangeProblem('DECOMMISSIONED', to)).toMatch(/stays decommissioned/);
    }
    expect(statusChangeProblem('DECOMMISSIONED', 'DECOMMISSIONED')).toBeNull();
  });
});
