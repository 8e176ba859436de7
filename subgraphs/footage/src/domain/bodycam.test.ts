import { describe, expect, it } from 'vitest';
import { bodycamRowProblem, isHandhaverBodycam, useReference, warningsBeforeRecording } from './bodycam.js';

const handhaver = { kind: 'BODYCAM', operator: 'MUNICIPALITY' };
const police = { kind: 'BODYCAM', operator: 'POLICE' };

describe("enforcement officers' bodycams (002)", () => {
  it('two spoken warnings before recording; fewer is flagged, not refused', () => {
    expect(warningsBeforeRecording(2)).toBe(true);
    expect(warningsBeforeRecording(3)).toBe(true);
    expect(warningsBeforeRecording(1)).toBe(false);
    expect(warningsBeforeRecording(null)).toBeNull();
    expect(
      bodycamRowProblem({ kind: 'BODYCAM', spokenWarnings: 0, bodycamPurpose: 'VERBAL_AGGRESSION' }, handhaver),
    ).toBeNull();
  });

  it("an officer's recording states its warnings and purpose; a police bodycam need not", () => {
    expect(bodycamRowProblem({ kind: 'BODYCAM', bodycamPurpose: 'VERBAL_AGGRESSION' }, handhaver)).toMatch(/\(002\)/);
    expect(bodycamRowProblem({ kind: 'BODYCAM', spokenWarnings: 2 }, handhaver)).toMatch(/\(002\)/);
    expect(bodycamRowProblem({ kind: 'BODYCAM' }, police)).toBeNull();
    expect(
      bodycamRowProblem({ kind: 'BODYCAM', spokenWarnings: 2.5, bodycamPurpose: 'OTHER_THREAT' }, handhaver),
    ).toMatch(/whole number/);
    expect(bodycamRowProblem({ kind: 'BODYCAM', spokenWarnings: 2, bodycamPurpose: 'FUN' }, handhaver)).toMatch(
      /unknown/,
    );
    expect(
      bodycamRowProblem({ kind: 'PUBLIC_ORDER', spokenWarnings: 2 }, { kind: 'FIXED', operator: 'POLICE' }),
    ).toMatch(/for bodycam/);
  });

  it('only bodycams the municipality runs are the officers’', () => {
    expect(isHandhaverBodycam(handhaver)).toBe(true);
    expect(isHandhaverBodycam(police)).toBe(false);
    expect(isHandhaverBodycam({ kind: 'WASTE_CONTAINER', operator: 'MUNICIPALITY' })).toBe(false);
    expect(useReference('COMPLAINT', 'K-1')).toBe('COMPLAINT K-1');
  });
});
