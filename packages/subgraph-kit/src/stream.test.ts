import { describe, expect, it } from 'vitest';
import { LineTooLong, ndjsonLines } from './stream.js';

async function lines(pieces: Array<string | Buffer>, max?: number) {
  const out: string[] = [];
  for await (const l of ndjsonLines(
    (async function* () {
      yield* pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));
    })(),
    max,
  ))
    out.push(l);
  return out;
}

describe('ndjsonLines', () => {
  it('splits lines across pieces, drops CR of CRLF, keeps a last line without newline', async () => {
    expect(await lines(['{"a":1}\n{"b"', ':2}\r\n', '\n{"c":', '3}'])).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('keeps multi-byte characters split between pieces intact', async () => {
    const b = Buffer.from('"Zoë"\n');
    expect(await lines([b.subarray(0, 3), b.subarray(3)])).toEqual(['"Zoë"']);
  });

  it('refuses a line longer than the limit, also while it is still arriving in small pieces', async () => {
    await expect(lines(['x'.repeat(11) + '\n'], 10)).rejects.toBeInstanceOf(LineTooLong);
    await expect(
      lines(
        Array.from({ length: 20 }, () => 'x'),
        10,
      ),
    ).rejects.toBeInstanceOf(LineTooLong);
    expect(await lines(['x'.repeat(10) + '\n'], 10)).toEqual(['x'.repeat(10)]);
  });
});
