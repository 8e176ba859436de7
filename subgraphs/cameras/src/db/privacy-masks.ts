// Privacy masks on a camera: the change (the camera's masks and the history row, in the caller's
// transaction) and the history as the policy lets the caller read it.
import { and, desc, eq, lt } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { Mask } from '../domain/privacy-mask.js';
import type { PrivacyMaskChange } from '../schema/privacy-mask.js';
import type { CameraRow } from './cameras.js';
import { cameraTable, maskChangeTable } from './schema.js';

/** Policy condition fields of PrivacyMaskChange → columns. */
const changeColumns = { municipality: maskChangeTable.municipality, covert: maskChangeTable.covert };

const toChange = (r: typeof maskChangeTable.$inferSelect): PrivacyMaskChange => ({ ...r, id: String(r.id) });

/** Replace a locked camera's masks and write the history row of the change. */
export async function changeMasks(
  tx: Queryable,
  cam: CameraRow,
  masks: Mask[],
  change: Omit<typeof maskChangeTable.$inferInsert, 'id' | 'cameraId' | 'municipality' | 'covert'>,
): Promise<CameraRow> {
  const [updated] = await tx
    .update(cameraTable)
    .set({ privacyMasks: masks })
    .where(eq(cameraTable.id, cam.id))
    .returning();
  await tx
    .insert(maskChangeTable)
    .values({ ...change, cameraId: cam.id, municipality: cam.municipality, covert: cam.covert });
  return updated!;
}

/** A camera's mask changes the ability may read, newest first, older than `beforeId` if given. */
export async function maskHistory(
  on: Queryable,
  ability: Ability,
  cameraId: string,
  beforeId: number | null,
  limit: number,
): Promise<PrivacyMaskChange[]> {
  const rows = await on
    .select()
    .from(maskChangeTable)
    .where(
      and(
        eq(maskChangeTable.cameraId, cameraId),
        accessibleWhere(ability, 'read', 'PrivacyMaskChange', changeColumns),
        beforeId === null ? undefined : lt(maskChangeTable.id, beforeId),
      ),
    )
    .orderBy(desc(maskChangeTable.id))
    .limit(limit);
  return rows.map(toChange);
}
