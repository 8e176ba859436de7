// What the municipality's footage statistics count (council report, 003 §6.1).
// Pure rule.

/**
 * Covert cameras are not in them. The council report covers the mayor's public-order cameras
 * (art. 151c Gemeentewet, 003 §3); a covert camera is a police investigation measure, and a
 * municipality never sees one (DESIGN §1) — a count per area would reveal it.
 */
export const inMunicipalStatistics = (recording: { covert: boolean }): boolean => !recording.covert;
