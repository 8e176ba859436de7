import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, ID_CURSOR, SEQ_CURSOR, TIME_CURSOR } from './pagination.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'accepted';
};

describe('decodeCursor', () => {
  it('takes back what the queries encode', () => {
    expect(decodeCursor(encodeCursor(['2026-11-24T00:00:00.000Z', 'rec-1']), TIME_CURSOR)).toEqual(['2026-11-24T00:00:00.000Z', 'rec-1']);
    expect(decodeCursor(encodeCursor(['cam-1']), ID_CURSOR)).toEqual(['cam-1']);
    expect(decodeCursor(encodeCursor([42]), SEQ_CURSOR)).toEqual([42]);
    expect(decodeCursor(null, TIME_CURSOR)).toBeUndefined();
  });

  it('refuses a made-up or mismatched cursor as BAD_USER_INPUT, before any query', () => {
    for (const [cursor, shape] of [
      [encodeCursor(['x', 'y']), TIME_CURSOR], // not a time
      [encodeCursor([1, 2]), TIME_CURSOR], // numbers, not (time, id)
      [encodeCursor(['2026-13-45T99:00:00Z', 'a']), TIME_CURSOR], // shaped like a time, not one
      [encodeCursor(['2026-11-24T00:00:00Z']), SEQ_CURSOR], // a time where a sequence number goes
      [encodeCursor([-1]), SEQ_CURSOR],
      [encodeCursor([1.5]), SEQ_CURSOR],
      [encodeCursor([7]), ID_CURSOR],
      [encodeCursor(['a', 'b']), ID_CURSOR], // wrong length
      ['not base64 json', ID_CURSOR],
    ] as const) {
      expect(code(() => decodeCursor(cursor, shape))).toBe('BAD_USER_INPUT');
    }
  });
});
