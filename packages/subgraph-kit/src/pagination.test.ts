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
    expect(decodeCursor(encodeCursor(['2026-11-24T00:00:00.000Z', 'rec-1']), TIME_CURSOR)).toEqual([
      '2026-11-24T00:00:00.000Z',
      'rec-1',
    ]);
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
      // what reached the database as INTERNAL_SERVER_ERROR before
      [encodeCursor(['a\u0000b']), ID_CURSOR], // NUL in an id
      [encodeCursor(['2026-11-24T00:00:00.000Z', 'a\ud800']), TIME_CURSOR], // unpaired surrogate
      [encodeCursor(['0000-01-01T00:00:00.000Z', 'a']), TIME_CURSOR], // year 0
      [encodeCursor(['0001-01-01T00:00:00.000Z', 'a']), TIME_CURSOR], // year 1: before the DateTime range
      [encodeCursor(['2026-11-24T00:00:00.0Z', 'a']), TIME_CURSOR], // a time, but not as encoded
      [encodeCursor(['x'.repeat(501)]), ID_CURSOR], // longer than any id
      [encodeCursor([2 ** 53]), SEQ_CURSOR], // not a safe integer
      [encodeCursor(['cam-1']) + '=', ID_CURSOR], // padding: not what encodeCursor writes
      [encodeCursor(['cam-1']) + '!!', ID_CURSOR], // characters base64url decoding would skip
      [Buffer.from('[ "cam-1" ]').toString('base64url'), ID_CURSOR], // the same key spelled another way
      ['A'.repeat(100_000), ID_CURSOR], // 100 KB
    ] as const) {
      expect(code(() => decodeCursor(cursor, shape))).toBe('BAD_USER_INPUT');
    }
  });
});
