// POST /ingest/anpr-reads: the streaming NDJSON ingest for camera systems (a system credential, or
// police), one read per line, as long as the system keeps sending. Reads are stored in chunks of
// CHUNK lines, or whatever arrived within MAX_WAIT_MS, each chunk in its own transaction, so a hit
// is announced within moments of its line arriving rather than at the end of the stream.
//
// The response is NDJSON too, one line per committed chunk:
//   {"lines":[first,last],"created":n,"duplicates":n,"rejected":[{"line":n,"sourceReadId":"…","reason":"…"}]}
// then {"done":true,"lines":n,"created":n,"duplicates":n,"rejected":n}. Lines are counted
// from 1. If storing fails, a last line {"error":"…","committedThroughLine":n} ends the response:
// everything through that line is stored; the system replays the rest (replays create nothing new).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorFields, logger } from '@hub/observability';
import { LineTooLong, endAfterDrain, ndjsonLines, type HubContext, type StreamRoute } from '@hub/subgraph-kit';
import { ingestReads, type IngestOutcome } from '../db/ingest.js';
import { readFromJson, type ReadInput } from '../domain/read.js';
import { plateCipher } from './common.js';

export const ANPR_STREAM_PATH = '/ingest/anpr-reads';
const CHUNK = 1000;
const MAX_WAIT_MS = 25;
const MAX_LISTED = 100;

interface LineRejection {
  line: number;
  sourceReadId: string;
  reason: string;
}

async function ingestStream(req: IncomingMessage, res: ServerResponse, ctx: HubContext): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  // no ack says anything of hotlists, nor waits for matching (db/match.ts runs after commit): whether a
  // plate is listed is police knowledge, told on anprHit
  const totals = { lines: 0, created: 0, duplicates: 0, rejected: 0 };
  const inflight: Promise<void>[] = []; // chunks handed to store() and not yet acknowledged, oldest first
  let committedThrough = 0;
  let failed = false;

  // the chunk being filled, the line number of each read in it, and rejections found while parsing
  let reads: ReadInput[] = [];
  let lineNos: number[] = [];
  let early: LineRejection[] = [];
  let firstLine = 1;
  let timer: NodeJS.Timeout | undefined;
  let stored: Promise<void> = Promise.resolve(); // chunks are stored one after the other, in order

  const store = async (chunk: ReadInput[], nos: number[], parsed: LineRejection[], from: number, to: number) => {
    if (failed) return;
    let out: IngestOutcome = { created: 0, duplicates: 0, rejected: [] };
    try {
      if (chunk.length)
        out = await ingestReads(
          { database: ctx.database, events: ctx.events, cipher: plateCipher(), ability: ctx.ability },
          chunk,
          ctx.clock.now(),
        );
    } catch (e) {
      failed = true;
      logger().error(
        { subgraph: 'anpr', committedThroughLine: committedThrough, ...errorFields(e) },
        'stream ingest failed',
      );
      // the answer ends once the rest of the body is drained (a reset could lose it)
      res.write(
        `${JSON.stringify({ error: 'Storing failed; lines after committedThroughLine were not stored', committedThroughLine: committedThrough })}\n`,
      );
      return;
    }
    const rejected = [
      ...parsed,
      ...out.rejected.map((r) => ({ line: nos[r.index]!, sourceReadId: r.sourceReadId, reason: r.reason })),
    ].sort((a, b) => a.line - b.line);
    committedThrough = to;
    totals.created += out.created;
    totals.duplicates += out.duplicates;
    totals.rejected += rejected.length;
    // at most MAX_LISTED rejections spelled out per chunk (a stream of junk must not grow the answer
    // without bound); the rest counted
    const ack = {
      lines: [from, to],
      created: out.created,
      duplicates: out.duplicates,
      rejected: rejected.slice(0, MAX_LISTED),
      ...(rejected.length > MAX_LISTED ? { rejectedNotListed: rejected.length - MAX_LISTED } : {}),
    };
    // the sender waits while its acknowledgements are not being read (back-pressure on the response)
    if (!res.write(`${JSON.stringify(ack)}\n`))
      await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
  };
  const flush = (through: number) => {
    clearTimeout(timer);
    timer = undefined;
    if (through < firstLine) return stored;
    const args = [reads, lineNos, early, firstLine, through] as const;
    reads = [];
    lineNos = [];
    early = [];
    firstLine = through + 1;
    const done: Promise<void> = stored.then(() => store(...args)).finally(() => void inflight.shift());
    inflight.push(done);
    stored = done;
    return stored;
  };

  try {
    // destroyOnReturn false: leaving the loop early (a line too long) must not reset the connection
    // before the answer is read; the rest of the body is drained below (req.resume)
    for await (const line of ndjsonLines(req.iterator({ destroyOnReturn: false }))) {
      if (failed) break;
      const no = ++totals.lines;
      if (!line.trim()) continue;
      let value: unknown;
      let parsed: ReturnType<typeof readFromJson>;
      try {
        parsed = readFromJson((value = JSON.parse(line)));
      } catch {
        parsed = { problem: 'not valid JSON' };
      }
      if ('problem' in parsed) {
        const id = (value as { sourceReadId?: unknown } | null)?.sourceReadId;
        early.push({ line: no, sourceReadId: typeof id === 'string' ? id.slice(0, 200) : '', reason: parsed.problem });
      } else {
        reads.push(parsed);
        lineNos.push(no);
      }
      // a quiet stream still gets its reads stored (and hits announced) within MAX_WAIT_MS
      if (!timer) timer = setTimeout(() => void flush(totals.lines), MAX_WAIT_MS);
      if (reads.length + early.length >= CHUNK) void flush(no);
      // at most one chunk stored while the next one is parsed and one more waiting: beyond that the
      // sender waits (back-pressure), whether chunks were cut by size or by the timer
      while (inflight.length > 1) await inflight[0];
    }
  } catch (e) {
    clearTimeout(timer);
    await stored;
    const reason = e instanceof LineTooLong ? e.message : 'the request stream broke off';
    // a failed store has written its own last line already
    const last = failed ? '' : `${JSON.stringify({ error: reason, committedThroughLine: committedThrough })}\n`;
    failed = true;
    await endAfterDrain(req, res, last);
    return;
  }
  await flush(totals.lines);
  // a failed store wrote its last line and stopped the loop: the rest of the body is drained first
  if (failed) return endAfterDrain(req, res, '');
  res.end(`${JSON.stringify({ done: true, ...totals })}\n`);
}

export const anprReadStream: StreamRoute = {
  path: ANPR_STREAM_PATH,
  action: 'ingest',
  subject: 'AnprRead',
  handle: ingestStream,
};
