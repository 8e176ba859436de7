// The federation reference resolver of Recording. No other subgraph returns recordings (a footage
// request's are resolved here, with its case reference as the purpose), and a reference carries no
// purpose: recording rows are read only through fields that name one (003 §5.2.3; recording.ts
// PURPOSE_ARG). A reference resolves to null for everyone and reads nothing, so it logs nothing either.
export const loadRecordings = async (): Promise<Array<Record<string, unknown>>> => [];
