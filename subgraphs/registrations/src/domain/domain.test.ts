import { describe, expect, it } from 'vitest';
import {
  MAX_RETENTION_DAYS,
  changeRefusal,
  complianceFlags,
  confirmationDue,
  declaredAfterFirstUse,
  effectiveStatus,
  firstUseChangeRefusal,
  firstUseProblem,
} from './compliance.js';
import { boundingBox, distanceMeters } from './geo.js';

const DAY = 24 * 3_600_000;
const base = {
  country: 'NL',
  retentionDays: 28,
  filmsPublicSpace: true,
  signage: true,
  status: 'ACTIVE',
  confirmedAt: new Date('2026-01-10T00:00:00Z'),
  registeredAt: new Date('2026-01-10T00:00:00Z'),
  firstUseAt: null as Date | null,
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

describe('date of first use (004: declare before use)', () => {
  const declared = new Date('2026-03-01T09:00:00Z');
  const be = { ...base, country: 'BE', registeredAt: declared, confirmedAt: declared };

  it('a Belgian declaration made after first use is flagged; one made ahead is not, before that moment or after', () => {
    const late = { ...be, firstUseAt: new Date(declared.getTime() - DAY) };
    expect(declaredAfterFirstUse(late)).toBe(true);
    expect(complianceFlags(late, declared)).toEqual(['DECLARED_AFTER_FIRST_USE']);
    const ahead = { ...be, firstUseAt: new Date(declared.getTime() + 30 * DAY) };
    // the clock moves past the planned first use: the camera is in use now, declared in time
    for (const now of [declared, new Date(declared.getTime() + 29 * DAY), new Date(declared.getTime() + 31 * DAY)])
      expect(complianceFlags(ahead, now), now.toISOString()).toEqual([]);
    // first use at the very moment of declaring is not after it
    expect(complianceFlags({ ...be, firstUseAt: declared }, declared)).toEqual([]);
    // a declaration without the date (made before it was asked) is not flagged: nothing says when
    expect(complianceFlags({ ...be, firstUseAt: null }, declared)).toEqual([]);
    // a deregistered declaration is never flagged
    expect(complianceFlags({ ...late, status: 'DEREGISTERED' }, declared)).toEqual([]);
  });

  it('the Dutch register is voluntary: no duty to declare before use, no flag', () => {
    expect(complianceFlags({ ...base, firstUseAt: new Date('2019-05-01T00:00:00Z') }, declared)).toEqual([]);
  });

  it('required in Belgium, optional in the Netherlands; 1900 up to a year ahead of the clock', () => {
    const now = declared;
    expect(firstUseProblem(undefined, 'BE', now)).toMatch(/required for a camera in Belgium/);
    expect(firstUseProblem(null, 'BE', now)).toMatch(/required/);
    expect(firstUseProblem(undefined, 'NL', now)).toBeNull();
    expect(firstUseProblem(new Date('2018-05-25T00:00:00Z'), 'BE', now)).toBeNull();
    expect(firstUseProblem(new Date('1900-01-01T00:00:00Z'), 'NL', now)).toBeNull();
    expect(firstUseProblem(new Date('1899-12-31T23:59:59Z'), 'NL', now)).toMatch(/before 1900/);
    expect(firstUseProblem(new Date(Number.NaN), 'BE', now)).toMatch(/must be a date/);
    expect(firstUseProblem(new Date(now.getTime() + 365 * DAY), 'BE', now)).toBeNull();
    expect(firstUseProblem(new Date(now.getTime() + 366 * DAY), 'BE', now)).toMatch(/at most 365 days ahead/);
    // "ahead" counts from the clock: a year later, the same date is fine
    expect(firstUseProblem(new Date(now.getTime() + 366 * DAY), 'BE', new Date(now.getTime() + 2 * DAY))).toBeNull();
  });

  it('a planned date may be moved while it lies ahead; once passed it stays as declared', () => {
    const planned = new Date(declared.getTime() + 10 * DAY);
    const later = new Date(declared.getTime() + 20 * DAY);
    expect(firstUseChangeRefusal(planned, later, declared)).toBeNull();
    expect(firstUseChangeRefusal(planned, later, new Date(planned.getTime() - 1))).toBeNull();
    expect(firstUseChangeRefusal(planned, later, new Date(planned.getTime() + DAY))).toMatch(/has passed/);
    // the same date again, no date in the change, or a first statement on an older declaration: fine
    expect(firstUseChangeRefusal(planned, new Date(planned), new Date(planned.getTime() + DAY))).toBeNull();
    expect(firstUseChangeRefusal(planned, undefined, new Date(planned.getTime() + DAY))).toBeNull();
    expect(firstUseChangeRefusal(null, new Date('2020-01-01T00:00:00Z'), declared)).toBeNull();
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
