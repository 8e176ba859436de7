// The half-yearly council report (003 §6.1) as a download: GET /reports/council?municipality=GM0344&half=2026-H2&format=csv|pdf
// with the caller's own token. The figures come from the GraphQL `councilReport` query, run through
// the gateway's own pipeline with that token — the same authentication, policy and subgraph checks as
// any query, so there is no second door to the data: a municipality gets its own, the authority any.
import type { IncomingMessage, ServerResponse } from 'node:http';
import PDFDocument from 'pdfkit';

export const COUNCIL_REPORT_PATH = '/reports/council';

/** Runs a GraphQL operation through the gateway's pipeline with the given request headers. */
export type GatewayFetch = (
  input: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<Response>;

const QUERY = /* GraphQL */ `
  query CouncilReportDownload($m: String!, $half: String!) {
    councilReport(municipality: $m, half: $half) {
      municipality
      municipalityName
      half
      from
      to
      generatedAt
      signalsShared
      areas {
        areaId
        areaName
        areaKind
        subGoals
        watchHours
        signalsShared
        anprPassages
        designations {
          reference
          legalBasis
          validFrom
          validUntil
          endedAt
        }
        evaluations {
          evaluatedAt
          decisionReference
          effective
          conclusion
          continueSurveillance
        }
        footage {
          recordings
          securedForInvestigations
          holdsPlaced
          deletions
        }
        footageRequests {
          kind
          outcome
          count
        }
      }
    }
  }
`;

type Area = {
  areaId: string;
  areaName: string;
  areaKind: string;
  subGoals: string[];
  watchHours: number;
  signalsShared: number;
  anprPassages: number | null;
  designations: Array<{
    reference: string;
    legalBasis: string;
    validFrom: string;
    validUntil: string;
    endedAt: string | null;
  }>;
  evaluations: Array<{
    evaluatedAt: string;
    decisionReference: string;
    effective: boolean;
    conclusion: string;
    continueSurveillance: boolean;
  }>;
  footage: { recordings: number; securedForInvestigations: number; holdsPlaced: number; deletions: number };
  footageRequests: Array<{ kind: string; outcome: string; count: number }>;
};
export type CouncilReportData = {
  municipality: string;
  municipalityName: string;
  half: string;
  from: string;
  to: string;
  generatedAt: string;
  signalsShared: number;
  areas: Area[];
};

const HTTP_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
};
const problem = (res: ServerResponse, status: number, code: string, message: string) =>
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));

/**
 * The route: true when it answered the request. `fetchGraphQL` is the gateway runtime's own fetch, so
 * the query passes authentication, limits and the policy exactly as a client's would.
 */
export function councilReportRoute(fetchGraphQL: GatewayFetch): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.internal');
    if (url.pathname !== COUNCIL_REPORT_PATH) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return true;
    }
    serve(fetchGraphQL, req, url, res).catch(() => {
      if (!res.headersSent) problem(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
    return true;
  };
}

async function serve(fetchGraphQL: GatewayFetch, req: IncomingMessage, url: URL, res: ServerResponse) {
  const municipality = url.searchParams.get('municipality') ?? '';
  const half = url.searchParams.get('half') ?? '';
  const format = url.searchParams.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'pdf') return problem(res, 400, 'BAD_USER_INPUT', 'format is csv or pdf');
  if (!municipality || municipality.length > 20 || !half || half.length > 10)
    return problem(res, 400, 'BAD_USER_INPUT', 'municipality and half (YYYY-H1 or YYYY-H2) are required');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  const answer = await fetchGraphQL('http://gateway.internal/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: QUERY, variables: { m: municipality, half } }),
  });
  const body = (await answer.json()) as {
    data?: { councilReport?: CouncilReportData | null } | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  const err = body.errors?.[0];
  if (err || !body.data?.councilReport) {
    const code = err?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    return problem(res, HTTP_STATUS[code] ?? 500, code, err?.message ?? 'No report');
  }
  const report = body.data.councilReport;
  const name = `council-report-${report.municipality}-${report.half}.${format}`;
  const common = { 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${name}"` };
  if (format === 'csv') {
    res.writeHead(200, { ...common, 'content-type': 'text/csv; charset=utf-8' }).end(councilReportCsv(report));
    return;
  }
  const pdf = await councilReportPdf(report);
  res.writeHead(200, { ...common, 'content-type': 'application/pdf', 'content-length': String(pdf.length) }).end(pdf);
}

/** A spreadsheet cell: quoted, and a leading = + - @ neutralised (a formula in spreadsheets: CSV injection). */
function cell(v: unknown): string {
  if (v == null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const periods = (a: Area) =>
  a.designations.map((d) => `${d.reference} (${day(d.validFrom)} – ${day(d.endedAt ?? d.validUntil)})`).join('; ');
const requests = (a: Area) => a.footageRequests.map((r) => `${r.kind} ${r.outcome}: ${r.count}`).join('; ');
const evaluations = (a: Area) =>
  a.evaluations
    .map(
      (e) =>
        `${day(e.evaluatedAt)} ${e.effective ? 'effective' : 'not effective'}, ${e.continueSurveillance ? 'continue' : 'stop'}: ${e.conclusion}`,
    )
    .join('; ');

export const CSV_COLUMNS = [
  'municipality',
  'half',
  'areaId',
  'areaName',
  'areaKind',
  'designations',
  'subGoals',
  'watchHours',
  'signalsShared',
  'recordings',
  'securedForInvestigations',
  'holdsPlaced',
  'deletions',
  'footageRequests',
  'anprPassages',
  'evaluations',
];

/** One line per area, in the report's order; a header line first. */
export function councilReportCsv(r: CouncilReportData): string {
  const lines = r.areas.map((a) =>
    [
      r.municipality,
      r.half,
      a.areaId,
      a.areaName,
      a.areaKind,
      periods(a),
      a.subGoals.join(' '),
      a.watchHours,
      a.signalsShared,
      a.footage.recordings,
      a.footage.securedForInvestigations,
      a.footage.holdsPlaced,
      a.footage.deletions,
      requests(a),
      a.anprPassages ?? '',
      evaluations(a),
    ]
      .map(cell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A4, the built-in Helvetica (no font files), one section per area with the same rows in the same order,
 * so a report prints the same way every time; the document's dates are the report's, not the clock's.
 */
export function councilReportPdf(r: CouncilReportData): Promise<Buffer> {
  const generated = new Date(r.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Council report ${r.municipalityName} ${r.half}`,
      Author: 'Camera oversight hub',
      Subject: 'Camera surveillance, half-yearly report (003 §6.1)',
      CreationDate: generated,
      ModDate: generated,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(`Camera surveillance ${r.municipalityName} (${r.municipality})`);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(`Half-yearly report to the council, ${r.half}: ${day(r.from)} up to ${day(r.to)}`);
  doc.text(`Generated ${r.generatedAt}. Signals shared with the municipal control room: ${r.signalsShared}.`);
  doc.moveDown();
  const row = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .text(value || '—');
  };
  for (const a of r.areas) {
    if (doc.y > doc.page.height - 260) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).text(`${a.areaName} (${a.areaKind})`);
    doc.moveDown(0.3);
    row('Designation in force', periods(a));
    row('Sub-goals', a.subGoals.join(', '));
    row('Watch hours', String(a.watchHours));
    row('Signals shared', String(a.signalsShared));
    row('Recordings', String(a.footage.recordings));
    row('Secured for investigations', String(a.footage.securedForInvestigations));
    row('Legal holds placed', String(a.footage.holdsPlaced));
    row('Deleted by retention', String(a.footage.deletions));
    row('Footage requests', requests(a));
    if (a.anprPassages !== null) row('ANPR passages', String(a.anprPassages));
    row('Evaluations', evaluations(a));
    doc.moveDown();
  }
  if (r.areas.length === 0) doc.text('No camera area had a published designation in force in this half-year.');
  doc.end();
  return done;
}
