// Bodycams of the municipality's enforcement officers (handhavers), The Hague's pilot (002). Pure rules.
//
// - "De handhaver start alleen een opname als er sprake is van een dreigende situatie voor de handhaver
//   zelf. Daarbij geeft hij altijd 2 mondelinge waarschuwingen en start pas daarna de opname." A
//   recording states how many spoken warnings came before it and why it was started. One with fewer
//   than two is still taken in — the footage exists and must be deleted on time like any other — but
//   is flagged (`warningsBeforeRecording: false`) and counted in the pilot's figures.
// - "Tijdens de proef kijkt de gemeente naar ... aantal gemaakte opnames en met welk doel": figures per
//   month and purpose for the municipality, kept as counts after the footage is deleted (4 weeks).
// - "Opnames mogen alleen worden gebruikt bij een aangifte of klacht. ... Bij een aangifte mag de politie
//   de opnames in beslag nemen": every use names a COMPLAINT (the municipality's to handle) or a
//   POLICE_REPORT (the police's), with its reference; who may do what is the policy's (packages/auth).
// The police's own bodycams (004) are police footage like any other: none of this applies to them.

export const REQUIRED_WARNINGS = 2;
export const MAX_WARNINGS = 20;
/** The threat to the wearer that made them record (002: recording only on a threat to the officer). */
export const BODYCAM_PURPOSES = [
  'VERBAL_AGGRESSION',
  'THREAT_OF_VIOLENCE',
  'PHYSICAL_VIOLENCE',
  'OTHER_THREAT',
] as const;
export type BodycamPurpose = (typeof BODYCAM_PURPOSES)[number];
export const FOOTAGE_USES = ['COMPLAINT', 'POLICE_REPORT'] as const;
export type FootageUse = (typeof FOOTAGE_USES)[number];

/** A recording of a bodycam worn by the municipality's enforcement officers. */
export const isHandhaverBodycam = (r: { kind: string; operator: string }): boolean =>
  r.kind === 'BODYCAM' && r.operator === 'MUNICIPALITY';

export const warningsBeforeRecording = (spokenWarnings: number | null): boolean | null =>
  spokenWarnings === null ? null : spokenWarnings >= REQUIRED_WARNINGS;

/** Why an ingested row's bodycam facts are unusable, or null. `camera` is the camera it came from. */
export function bodycamRowProblem(
  r: { kind: string; spokenWarnings?: number | null; bodycamPurpose?: string | null },
  camera: { kind: string; operator: string },
): string | null {
  const given = r.spokenWarnings != null || r.bodycamPurpose != null;
  if (r.kind !== 'BODYCAM') return given ? 'spokenWarnings and bodycamPurpose are for bodycam recordings' : null;
  if (
    r.spokenWarnings != null &&
    (!Number.isInteger(r.spokenWarnings) || r.spokenWarnings < 0 || r.spokenWarnings > MAX_WARNINGS)
  ) {
    return `spokenWarnings is a whole number 0-${MAX_WARNINGS}`;
  }
  if (r.bodycamPurpose != null && !(BODYCAM_PURPOSES as readonly string[]).includes(r.bodycamPurpose))
    return 'unknown bodycamPurpose';
  if (
    isHandhaverBodycam({ kind: r.kind, operator: camera.operator }) &&
    (r.spokenWarnings == null || r.bodycamPurpose == null)
  ) {
    return "an enforcement officer's bodycam recording states the spoken warnings given before it and its purpose (002)";
  }
  return null;
}

/** The reference a use is audited and held under: "COMPLAINT K-2026-014". */
export function useReference(use: FootageUse, reference: string): string {
  return `${use} ${reference}`;
}
