import { describe, expect, it } from 'vitest';
import { MAX_RETENTION_DAYS, changeRefusal, complianceFlags, confirmationDue, effectiveStatus } from './compliance.js';
import { boundingBox, distanceMeters } from './geo.js';

const DAY = 24 * 3_600_000;
const base = {
  country: 'NL',
  retentionDays: 28,
  filmsPublicSpace: true,
  signage: true,
  status: 'ACTIVE',
  confirmedAt: new Date('2026-01-10T00:00:00Z'),
};

describe('compliance flags', () => {
  it('retention above the legal maximum: 28 days in NL, one month in BE', () => {
    expect(complianceFlags(base, base.confirmedAt)).toEqual([]);
    expect(complianceFlags({ ...base, retentionDays: 29 }, base.confirmedAt)).toEqual(['RETENTION_TOO_LONG']);
    expect(complianceFlags({ ...base, country: 'BE', retentionDays: 30 }, base.confirmedAt)).toEqual([]);
    expect(complianceFlags({ ...base, country: 'BE', retentionDays: 31 }, base.confirmedAt)).toEqual([
      'RETENTION_TOO_LONG',
    ]);
    expect(MAX_RETENTION_DAYS).toEqual({ NL: 28, BE: 30 });
  });
  it('public space filmed without signage', () => {
    expect(complianceFlags({ ...base, signage: false }, base.confirmedAt)).toEqual(['PUBLIC_SPACE_WITHOUT_SIGNAGE']);
    expect(complianceFlags({ ...base, signage: false, filmsPublicSpace: false }, base.confirmedAt)).toEqual([]);
  });
  it('confirmation overdue after a year: LAPSED, flagged; deregistered is never flagged', () => {
    const due = confirmationDue(base.confirmedAt);
    expect(due.getTime() - base.confirmedAt.getTime()).toBe(365 * DAY);
    expect(effectiveStatus(base, new Date(due.getTime() - DAY))).toBe('ACTIVE');
    expect(effectiveStatus(base, new Date(due.getTime() + DAY))).toBe('LAPSED');
    expect(complianceFlags(base, new Date(due.getTime() + DAY))).toEqual(['CONFIRMATION_OVERDUE']);
    expect(
      complianceFlags({ ...base, status: 'DEREGISTERED', retentionDays: 90 }, new Date(due.getTime() + DAY)),
    ).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('a deregistered declaration is final: no change, no confirmation (register again); active and lapsed ones may', () => {
    expect(changeRefusal({ status: 'DEREGISTERED' }, 'change')).toMatch(/cannot be changed; register it again/);
    expect(changeRefusal({ status: 'DEREGISTERED' }, 'confirm')).toMatch(/cannot be confirmed; register it again/);
    // LAPSED is derived, stored as ACTIVE: confirming is exactly how it becomes active again
    expect(changeRefusal({ status: 'ACTIVE' }, 'change')).toBeNull();
    expect(changeRefusal({ status: 'ACTIVE' }, 'confirm')).toBeNull();
  });
});

describe('geo', () => {
  it('measures known distances', () => {
    expect(distanceMeters(52.0907, 5.1214, 52.0907, 5.1214)).toBe(0);
    // Utrecht Dom tower to Amsterdam Dam: about 35.1 km
    expect(distanceMeters(52.0907, 5.1214, 52.3731, 4.8926) / 1000).toBeCloseTo(35.2, 0);
    // one degree of latitude is about 111.2 km
    expect(distanceMeters(52, 5, 53, 5)).toBeCloseTo(111_195, -2);
  });
  it('the bounding box contains every point within the radius', () => {
    for (const [lat, lon, r] of [
      [52.09, 5.12, 250],
      [51.22, 4.4, 5000],
      [60, 10, 100_000],
      [0, 0, 1],
    ] as const) {
      const box = boundingBox(lat, lon, r);
      for (let bearing = 0; bearing < 360; bearing += 15) {
        const b = (bearing * Math.PI) / 180;
        const dLat = ((r / 6_371_008.8) * Math.cos(b) * 180) / Math.PI;
        const dLon = ((r / 6_371_008.8) * Math.sin(b) * 180) / Math.PI / Math.cos((lat * Math.PI) / 180);
        const p = { lat: lat + dLat, lon: lon + dLon };
        if (distanceMeters(lat, lon, p.lat, p.lon) <= r) {
          expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon).toBe(true);
        }
      }
    }
  });
});
