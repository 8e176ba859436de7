// Random bytes at ingest rates: slices of one larger CSPRNG draw, each byte handed out once. A call
// to the CSPRNG per read (a nonce, an id) cost more than the encryption it served.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 64 * 1024;
let pool = Buffer.alloc(0);
let used = 0;

/** `n` fresh random bytes (n ≤ 64 KiB); a view into the pool, never handed out again. */
export function randomSlice(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, n));
    used = 0;
  }
  return pool.subarray(used, (used += n));
}
