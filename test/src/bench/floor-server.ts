// The floor of a read on this machine: the SQL of `Camera.recordings` behind a bare node:http
// handler with postgres.js — no GraphQL, no token, no policy, no federation hop, no hash chain.
// Spawned by floor.ts (`node --import tsx floor-server.ts <mode>`); prints `ready <url>`.
//   POST /page        one page of 50 recordings of a camera in a window
//   POST /page-audit  the same, then one INSERT of the read ids into an audit table (its own commit)
import { createServer } from 'node:http';
import postgres from 'postgres';

const pg = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DB_POOL_MAX ?? 20), onnotice: () => {} });
const DAY_MS = 86_400_000;

const server = createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const { camera, from, to } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { camera: string; from: string; to: string };
    const since = new Date(Date.parse(from) - DAY_MS).toISOString();
    const rows = await pg`select id, started_at, ended_at, storage_ref from floor.recordings
      where camera_id = ${camera} and ended_at >= ${from} and started_at >= ${since} and started_at <= ${to}
      order by started_at, id limit 51`;
    if (req.url === '/page-audit') await pg`insert into floor.audit (actor, ids) values ('officer', ${rows.map((r) => r.id as string)}::uuid[])`;
    const body = JSON.stringify({ data: { camera: { id: camera, recordings: { edges: rows.slice(0, 50).map((node) => ({ node })) } } } });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (e) {
    res.writeHead(500).end(JSON.stringify({ errors: [{ message: String(e) }] }));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address() as { port: number };
  process.stdout.write(`ready http://127.0.0.1:${a.port}\n`);
});
process.on('SIGTERM', () => server.close(() => void pg.end().then(() => process.exit(0))));
