import { auditLogOf, type AuditLog } from '@hub/audit';
import type { Database } from '@hub/db';
import { PlateCipher, loadAnprKeys } from '../domain/plate.js';
import { hitTable, hotlistEntryTable, readTable } from '../db/schema.js';
import type { AnprHit, AnprRead, HotlistEntry } from './types.js';

export { ANPR_HIT } from '../domain/read.js';

let cipher: PlateCipher | undefined;
/** The process's plate cipher (keys: domain/plate.ts loadAnprKeys), created on first use. */
export const plateCipher = (): PlateCipher => (cipher ??= new PlateCipher(loadAnprKeys()));

/** The shared audit log of this database (@hub/audit auditLogOf). */
export const auditOf = (database: Database): AuditLog => auditLogOf(database);

// `plate` is decrypted lazily by the field resolver, which only runs once the policy let the field through.
export function toRead(r: typeof readTable.$inferSelect): AnprRead {
  const { plateHash: _hash, ...rest } = r;
  return { ...rest, camera: { id: r.cameraId } } as unknown as AnprRead;
}
export function toEntry(e: typeof hotlistEntryTable.$inferSelect): HotlistEntry {
  const { plateHash: _hash, ...rest } = e;
  return rest as unknown as HotlistEntry;
}
export function toHit(
  h: Pick<typeof hitTable.$inferSelect, 'id' | 'readId' | 'hotlistId' | 'entryId' | 'cameraId'> & {
    observedAt: Date | string;
  },
): AnprHit {
  return {
    id: h.id,
    readId: h.readId,
    hotlistId: h.hotlistId,
    entryId: h.entryId,
    observedAt: new Date(h.observedAt),
    camera: { id: h.cameraId },
  };
}
