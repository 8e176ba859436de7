// The floor of a read on this machine: the SQL of a hub read behind a bare node:http handler with
// postgres.js — no GraphQL, no token, no policy, no federation hop, no hash chain.
// Spawned by floor.ts, footage.ts and registrations.ts (`node --import tsx floor-server.ts <mode>`);
// prints `ready <url>`. FLOOR_RECORDINGS names the recordings table (default floor.recordings: floor.ts's
// own; footage.ts points it at footage.recordings), FLOOR_AUDIT the audit table (default floor.audit).
//   POST /page        { camera, from, to }: one page of 50 recordings of a camera in a window
//   POST /page-audit  the same, then one INSERT of the read ids into the audit table (its own commit)
//   POST /near        { lat, lon, radius }: camerasNear's two bounding-box reads (registrations and
//                     the public camera replica), distance filter, nearest 50
//   POST /near-audit  the same, then one INSERT of the found ids into the audit table
import { createServer } from 'node:http';
import postgres from 'postgres';

const pg = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DB_POOL_MAX ?? 20), onnotice: () => {} });
const recordings = pg(process.env.FLOOR_RECORDINGS ?? 'floor.recordings');
const audit = pg(process.env.FLOOR_AUDIT ?? 'floor.audit');
const DAY_MS = 86_400_000;
const EARTH_M = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(a));
}

async function page(body: { camera: string; from: string; to: string }) {
  const { camera, from, to } = body;
  const since = new Date(Date.parse(from) - DAY_MS).toISOString();
  const rows = await pg`select id, started_at, ended_at, storage_ref from ${recordings}
    where camera_id = ${camera} and ended_at >= ${from} and started_at >= ${since} and started_at <= ${to}
    order by started_at, id limit 51`;
  return {
    ids: rows.map((r) => r.id as string),
    data: { camera: { id: camera, recordings: { edges: rows.slice(0, 50).map((node) => ({ node })) } } },
  };
}

async function near(body: { lat: number; lon: number; radius: number }) {
  const { lat, lon, radius } = body;
  const dLat = radius / 111_320;
  const dLon = radius / (111_320 * Math.cos(rad(lat)));
  const box = [lat - dLat, lat + dLat, lon - dLon, lon + dLon];
  const [privates, publics] = await Promise.all([
    pg`select * from registrations.registrations where latitude >= ${box[0]!} and latitude <= ${box[1]!} and longitude >= ${box[2]!} and longitude <= ${box[3]!}`,
    pg`select * from registrations.public_cameras where latitude >= ${box[0]!} and latitude <= ${box[1]!} and longitude >= ${box[2]!} and longitude <= ${box[3]!}`,
  ]);
  const found = [...privates, ...publics]
    .map((r) => ({ r, d: distanceMeters(lat, lon, r.latitude as number, r.longitude as number) }))
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d)
    .slice(0, 50);
  return {
    ids: found.map((x) => String(x.r.id)),
    data: { camerasNear: found.map((x) => ({ distanceMeters: x.d, ...x.r })) },
  };
}

const server = createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const mode = req.url ?? '';
    const { ids, data } = mode.startsWith('/near') ? await near(body) : await page(body);
    if (mode.endsWith('-audit')) await pg`insert into ${audit} (actor, ids) values ('officer', ${ids}::text[])`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  } catch (e) {
    res.writeHead(500).end(JSON.stringify({ errors: [{ message: String(e) }] }));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address() as { port: number };
  process.stdout.write(`ready http://127.0.0.1:${a.port}\n`);
});
process.on('SIGTERM', () => server.close(() => void pg.end().then(() => process.exit(0))));
