// Belgian rules from the Antwerp police page (004). Pure: no database, time passed in.
//
// Council approval: "Politiezone Antwerpen mag op het openbaar domein zichtbaar camera's plaatsen en
// gebruiken na voorafgaande toestemming van de voltallige gemeenteraad. Camera's op nieuwe locaties of
// het gebruik van een nieuw type op het grondgebied moeten steeds worden goedgekeurd door de
// gemeenteraad." So a police camera in a Belgian municipality becomes ACTIVE only when the council
// approved its type, and — for a camera fixed to one place — its location, before that moment.
// - Types used "op het hele grondgebied" (temporary fixed cameras, the combis' roof cameras, mobile
//   ANPR kits, bodycams; 004 "Cameratypes") are approved for the whole territory with the type.
// - Cameras in police offices and cells are not on the public domain: outside the rule.
// - Cameras of cities, citizens and companies fall under the camerawet, not this rule (004); a third
//   party's camera the police have access to is a grant instead (below).

export const OPERATORS = ['POLICE', 'MUNICIPALITY', 'THIRD_PARTY'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Approved with the type, for the whole territory (004: "ingezet op het hele grondgebied"). */
export const TERRITORY_WIDE_KINDS = ['FLEXIBLE', 'MOBILE_VEHICLE', 'ANPR_MOBILE', 'BODYCAM', 'HELICOPTER'] as const;
/** Not on the public domain (004: "camera's in de onthalen van de politiekantoren en in de cellen"). */
export const OUTSIDE_PUBLIC_DOMAIN_KINDS = ['BUILDING'] as const;
/** An approved location is a place (a square, a street corner): at most this radius. */
export const MAX_LOCATION_RADIUS_M = 500;

export type ApprovedLocation = { label: string; latitude: number; longitude: number; radiusMeters: number };
export type Approval = {
  id: string;
  reference: string;
  decidedAt: Date;
  cameraKinds: string[];
  locations: ApprovedLocation[];
};
export type CameraFacts = { kind: string; operator: string; latitude: number; longitude: number; country: string };

/** Does the rule apply to this camera at all? */
export function needsCouncilApproval(c: Pick<CameraFacts, 'kind' | 'operator' | 'country'>): boolean {
  return (
    c.country === 'BE' &&
    c.operator === 'POLICE' &&
    !(OUTSIDE_PUBLIC_DOMAIN_KINDS as readonly string[]).includes(c.kind)
  );
}

const EARTH_M = 6_371_000;
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(h));
}

/**
 * The approvals (decided by `at`) that cover this camera, or why none does. Type and location may come
 * from different decisions (a new type approved once, each new location later).
 */
export function approvalCoverage(
  c: CameraFacts,
  approvals: Approval[],
  at: Date,
): { covered: true; type: Approval; location: Approval | null } | { covered: false; reason: string } {
  const decided = approvals
    .filter((a) => a.decidedAt.getTime() <= at.getTime())
    .sort((x, y) => x.decidedAt.getTime() - y.decidedAt.getTime());
  const type = decided.find((a) => a.cameraKinds.includes(c.kind));
  if (!type)
    return {
      covered: false,
      reason: `the municipal council has not approved cameras of type ${c.kind} (004: a new type needs the council's approval first)`,
    };
  if ((TERRITORY_WIDE_KINDS as readonly string[]).includes(c.kind)) return { covered: true, type, location: null };
  const location = decided.find((a) => a.locations.some((l) => distanceMeters(l, c) <= l.radiusMeters));
  if (!location)
    return {
      covered: false,
      reason:
        "the municipal council has not approved this location (004: a camera on a new location needs the council's approval first)",
    };
  return { covered: true, type, location };
}

/** Why an approval cannot be recorded, or null. */
export function approvalProblems(
  a: { reference: string; decidedAt: Date; cameraKinds: string[]; locations: ApprovedLocation[] },
  now: Date,
): string[] {
  const out: string[] = [];
  if (!a.reference.trim()) out.push('reference is required (the council decision)');
  if (a.decidedAt.getTime() > now.getTime())
    out.push('decidedAt is in the future: record a council decision once it is taken');
  if (a.cameraKinds.length === 0 && a.locations.length === 0)
    out.push('an approval names camera types, locations or both');
  for (const l of a.locations) {
    if (!(l.radiusMeters > 0 && l.radiusMeters <= MAX_LOCATION_RADIUS_M))
      out.push(`a location's radius is 1-${MAX_LOCATION_RADIUS_M} m`);
  }
  return [...new Set(out)];
}

// Police access to third parties' fixed cameras ("Politiezone Antwerpen heeft ook toegang tot vaste
// camera's van derde partijen", 004): a grant by the camera's owner, with what the police may do
// (watch live, obtain recordings) and for which period. The seed names no length; a grant must end
// (at most 5 years, then renewed), so no access is open-ended.
export const ACCESS_SCOPES = ['LIVE_VIEW', 'RECORDINGS'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];
export const MAX_GRANT_YEARS = 5;

export type Grant = { scope: string[]; validFrom: Date; validUntil: Date; revokedAt: Date | null };

export function grantProblems(
  g: { scope: string[]; validFrom: Date; validUntil: Date; thirdParty: string; reference: string },
  camera: { operator: string },
): string[] {
  const out: string[] = [];
  if (camera.operator !== 'THIRD_PARTY') out.push("a grant is for a third party's camera (operator THIRD_PARTY, 004)");
  if (g.scope.length === 0) out.push('scope names LIVE_VIEW, RECORDINGS or both');
  if (g.validUntil.getTime() <= g.validFrom.getTime()) out.push('validUntil must be after validFrom');
  const max = new Date(g.validFrom.getTime());
  max.setUTCFullYear(max.getUTCFullYear() + MAX_GRANT_YEARS);
  if (g.validUntil.getTime() > max.getTime())
    out.push(`a grant runs at most ${MAX_GRANT_YEARS} years; renew it by a new grant`);
  if (!g.thirdParty.trim() || !g.reference.trim()) out.push('thirdParty and reference are required');
  return out;
}

export const grantActive = (g: Grant, at: Date): boolean =>
  !g.revokedAt && g.validFrom.getTime() <= at.getTime() && at.getTime() < g.validUntil.getTime();

/** May the police use this third-party camera for `scope` at `at`? */
export function policeAccess(grants: Grant[], scope: AccessScope, at: Date): boolean {
  return grants.some((g) => grantActive(g, at) && g.scope.includes(scope));
}
