// The hub's web app and open data, beside /graphql: the built static files at /, the app's
// configuration, the development sign-in (never in production), and each municipality's public
// camera register as GeoJSON and CSV. Open data is read through the public GraphQL API itself
// (executed here as the public actor, no token): there is no second door to the data.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '@hub/auth';

/** One identity on the development sign-in picker. */
export interface DevIdentity {
  id: string;
  label: string;
  actor: Actor;
}

export interface WebOptions {
  /** Directory of the built app (packages/web/dist). Unset or missing: / says how to build it. */
  root?: string;
  /** The app's runtime configuration, served as /config.json (tile URL, OIDC issuer and client, sign-in modes). */
  config?: Record<string, unknown>;
  /** Development sign-in: demo identities and how to mint their tokens. Ignored in production. */
  devSignIn?: { identities: DevIdentity[]; sign(actor: Actor): Promise<{ token: string; expiresAt: string }> };
}

/** Runs a GraphQL operation as the public actor (no token) through the gateway's own pipeline. */
export type PublicQuery = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
const problem = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, { errors: [{ message, extensions: { code } }] });

const REGISTER = /* GraphQL */ `
  query OpenDataRegister($m: String!, $after: String) {
    publicCameraRegister(municipality: $m, first: 100, after: $after) {
      edges {
        node {
          cameraId
          name
          kind
          street
          municipality
          areaName
          areaKind
          legalBasis
          designatedFrom
          designatedUntil
          location {
            latitude
            longitude
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
/** Open data pages at most this many register rows (100 per page). */
const MAX_OPEN_DATA_PAGES = 100;
const CSV_COLUMNS = [
  'cameraId',
  'name',
  'kind',
  'street',
  'municipality',
  'areaName',
  'areaKind',
  'legalBasis',
  'designatedFrom',
  'designatedUntil',
  'latitude',
  'longitude',
];

function csvCell(v: unknown): string {
  if (v == null) return '';
  let s = String(v);
  // a cell starting with = + - @ is a formula in spreadsheets: neutralise it (CSV injection)
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function readJson(req: IncomingMessage, max = 4096): Promise<unknown> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > max) throw new Error('too large');
  }
  return JSON.parse(body || '{}');
}

/**
 * A request handler for the web routes; returns false for anything else (the GraphQL runtime's).
 * `production` turns the development sign-in off whatever the options say.
 */
export function webRoutes(opts: WebOptions, production: boolean, publicQuery: PublicQuery) {
  const root = opts.root && existsSync(join(opts.root, 'index.html')) ? normalize(opts.root) : undefined;
  const dev = production ? undefined : opts.devSignIn;
  const CSP = contentSecurityPolicy(opts.config);

  const openData = async (res: ServerResponse, code: string, format: string) => {
    const rows: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_OPEN_DATA_PAGES; page++) {
      const r = await publicQuery(REGISTER, { m: code, after });
      if (r.errors?.length || !r.data) {
        const c = r.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
        return problem(
          res,
          c === 'BAD_USER_INPUT' ? 404 : c === 'INTERNAL_SERVER_ERROR' ? 502 : 400,
          c,
          r.errors?.[0]?.message ?? 'Service unavailable',
        );
      }
      const conn: any = r.data.publicCameraRegister;
      rows.push(...conn.edges.map((e: any) => e.node));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
    if (format === 'geojson') {
      const features = rows.map(({ location, ...props }) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [location.longitude, location.latitude] },
        properties: props,
      }));
      res.writeHead(200, { ...headers, 'content-type': 'application/geo+json; charset=utf-8' });
      return void res.end(JSON.stringify({ type: 'FeatureCollection', name: `camera-register-${code}`, features }));
    }
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) {
      const flat: Record<string, unknown> = { ...r, latitude: r.location.latitude, longitude: r.location.longitude };
      lines.push(CSV_COLUMNS.map((c) => csvCell(flat[c])).join(','));
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `inline; filename="cameras-${code}.csv"`,
    });
    res.end(`${lines.join('\r\n')}\r\n`);
  };

  const devToken = async (req: IncomingMessage, res: ServerResponse) => {
    if (!dev)
      return problem(res, 404, 'NOT_FOUND', 'Development sign-in is off (production): sign in with OpenID Connect');
    if (req.method === 'GET')
      return json(res, 200, {
        identities: dev.identities.map(({ id, label, actor }) => ({
          id,
          label,
          kind: actor.kind,
          municipality: actor.municipality ?? null,
          org: actor.org ?? null,
        })),
      });
    if (req.method !== 'POST') return problem(res, 405, 'BAD_REQUEST', 'GET or POST');
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return problem(res, 400, 'BAD_USER_INPUT', 'The body must be JSON: {"identity": "<id>"}');
    }
    const who = dev.identities.find((i) => i.id === (body as { identity?: unknown })?.identity);
    if (!who) return problem(res, 400, 'BAD_USER_INPUT', 'Unknown demo identity');
    return json(res, 200, await dev.sign(who.actor));
  };

  const serveFile = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!root) return false;
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return false;
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return false;
      size = st.size;
    } catch {
      return false;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      // hashed asset names never change; index.html always revalidates
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(extname(file) === '.html' ? { 'content-security-policy': CSP, 'referrer-policy': 'no-referrer' } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = decodeURIComponentSafe((req.url ?? '/').split('?')[0]!);
    if (path === undefined) return false;
    if (path === '/auth/dev-token') {
      devToken(req, res).catch(() => problem(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/config.json') {
      json(res, 200, { ...opts.config, devSignIn: !!dev });
      return true;
    }
    const od = /^\/open-data\/([A-Za-z0-9]{1,12})\/cameras\.(geojson|csv)$/.exec(path);
    if (od) {
      openData(res, od[1]!, od[2]!).catch(() => problem(res, 502, 'INTERNAL_SERVER_ERROR', 'Service unavailable'));
      return true;
    }
    if (path === '/' || path === '/index.html') {
      if (serveFile(req, res, '/index.html')) return true;
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The web app is not built: npm run build -w @hub/web (npm start builds it)\n');
      return true;
    }
    if (path.startsWith('/graphql') || path.startsWith('/ingest/') || path.startsWith('/internal/')) return false;
    return serveFile(req, res, path);
  };
}

// The app loads only its own files; it talks to this origin (HTTP and WebSocket) and, when
// configured, the OIDC issuer (discovery, token and refresh requests); map tiles are images (img-src https:).
function contentSecurityPolicy(config: Record<string, unknown> | undefined): string {
  const issuer = (config?.oidc as { issuer?: string } | null | undefined)?.issuer;
  let issuerOrigin = '';
  try {
    issuerOrigin = issuer ? new URL(issuer).origin : '';
  } catch {
    // not a URL: sign-in cannot work anyway, and nothing more is allowed
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    `connect-src 'self' ws: wss:${issuerOrigin ? ` ${issuerOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
  ].join('; ');
}

function decodeURIComponentSafe(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
