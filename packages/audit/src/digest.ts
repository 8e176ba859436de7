// The digest a deletion proof carries (footage and ANPR retention): sha256 chained over batches,
// each batch's ids sorted, so the same deletions give the same digest whatever the order within a batch.
import { createHash } from 'node:crypto';

export const EMPTY_DIGEST = createHash('sha256').update('').digest('hex');

/** sha256(previous digest + the batch's sorted ids, one per line). */
export function chainDigest(previous: string, ids: string[]): string {
  const h = createHash('sha256').update(previous);
  for (const id of [...ids].sort()) h.update('\n').update(id);
  return h.digest('hex');
}
