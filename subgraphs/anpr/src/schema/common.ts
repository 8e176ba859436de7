// What every ANPR resolver shares: the process's plate cipher and the shared audit log.
import { auditLogOf, type AuditLog } from '@hub/audit';
import type { Database } from '@hub/db';
import { PlateCipher, loadAnprKeys } from '../domain/plate.js';

export { ANPR_HIT } from '../domain/read.js';

let cipher: PlateCipher | undefined;
/** The process's plate cipher (keys: domain/plate.ts loadAnprKeys), created on first use. */
export const plateCipher = (): PlateCipher => (cipher ??= new PlateCipher(loadAnprKeys()));

/** The shared audit log of this database (@hub/audit auditLogOf). */
export const auditOf = (database: Database): AuditLog => auditLogOf(database);
