// Privacy masks: grey zones over homes and gardens that turn with the camera (001 "een grijs vlak
// meedraait"; 003 §5.2.2 "Door de politie wordt met software een grijs vlak gelegd over woningen").
// The police place them; the municipality is controller of its own public-order cameras (the mayor
// decides on their deployment, 003 §6.2) and may correct the masks of those. Every change is logged
// with who made it (003 §5.2.3 "De handelingen die zij uitvoeren worden gelogd").
export type Mask = { label: string; polygon: Array<[number, number]> };
export type MaskAction = 'ADDED' | 'CHANGED' | 'REMOVED';
export type MaskProblem = { code: 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND'; message: string };

export const MAX_MASKS = 50;

export function polygonProblem(polygon: Array<[number, number]>): string | null {
  if (polygon.length < 3) return 'A privacy mask polygon needs at least 3 points';
  for (const p of polygon) {
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1]) ||
      Math.abs(p[0]) > 90 ||
      Math.abs(p[1]) > 180
    ) {
      return 'A privacy mask point must be [latitude, longitude] within range';
    }
  }
  return null;
}

const same = (a: Mask, b: Mask) => a.label === b.label && JSON.stringify(a.polygon) === JSON.stringify(b.polygon);

/**
 * The masks after a change, or why not. `unchanged` when the change is already in place (a client
 * retrying an add or change gets the same answer and no second history row).
 */
export function applyMaskChange(
  masks: Mask[],
  change: { action: MaskAction; label: string; mask?: Mask },
): { masks: Mask[]; before: Mask | null; after: Mask | null; unchanged: boolean } | MaskProblem {
  const existing = masks.find((m) => m.label === change.label) ?? null;
  if (change.mask) {
    const bad = polygonProblem(change.mask.polygon);
    if (bad) return { code: 'BAD_USER_INPUT', message: bad };
  }
  switch (change.action) {
    case 'ADDED': {
      const mask = change.mask!;
      if (existing)
        return same(existing, mask)
          ? { masks, before: existing, after: existing, unchanged: true }
          : { code: 'CONFLICT', message: `The camera already has a mask labelled "${mask.label}": change it instead` };
      if (masks.length >= MAX_MASKS)
        return { code: 'BAD_USER_INPUT', message: `A camera has at most ${MAX_MASKS} masks` };
      return { masks: [...masks, mask], before: null, after: mask, unchanged: false };
    }
    case 'CHANGED': {
      const mask = change.mask!;
      if (!existing) return { code: 'NOT_FOUND', message: `No mask labelled "${change.label}" on this camera` };
      if (same(existing, mask)) return { masks, before: existing, after: existing, unchanged: true };
      if (mask.label !== change.label && masks.some((m) => m.label === mask.label))
        return { code: 'CONFLICT', message: `The camera already has a mask labelled "${mask.label}"` };
      return {
        masks: masks.map((m) => (m.label === change.label ? mask : m)),
        before: existing,
        after: mask,
        unchanged: false,
      };
    }
    case 'REMOVED':
      if (!existing) return { code: 'NOT_FOUND', message: `No mask labelled "${change.label}" on this camera` };
      return { masks: masks.filter((m) => m.label !== change.label), before: existing, after: null, unchanged: false };
  }
}
