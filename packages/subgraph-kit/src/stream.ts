// Streaming HTTP endpoints next to GraphQL, for source systems that deliver more than fits in one
// GraphQL request (ANPR networks). The gateway authenticates the caller and checks the policy, then
// forwards the body unbuffered with the signed actor; the subgraph checks the policy again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Action, SubjectType } from '@hub/auth';
import type { HubContext } from './context.js';

export interface StreamRoute {
  /** The same path at the gateway and at the subgraph, e.g. `/ingest/anpr-reads`. POST only. */
  path: string;
  /** What the caller must be allowed for the whole stream (checked at the gateway and the subgraph). */
  action: Action;
  subject: SubjectType;
  /** Reads the request body and writes the whole response. */
  handle(req: IncomingMessage, res: ServerResponse, ctx: HubContext): Promise<void>;
}

export const MAX_NDJSON_LINE = 64 * 1024;
/**
 * How long one stream may last, at the gateway and the subgraph (Node's default request timeout, 5
 * minutes, would cut a camera system off): then it ends and the system opens a new one (replays are safe).
 */
export const MAX_STREAM_MS = 3_600_000;

/**
 * The lines of an NDJSON body as they arrive (without the newline; a final line without one too).
 * Throws when one line exceeds `maxLine` bytes, so a body without newlines cannot fill the memory.
 */
export async function* ndjsonLines(
  body: AsyncIterable<Buffer | string>,
  maxLine = MAX_NDJSON_LINE,
): AsyncGenerator<string> {
  // the unfinished line's pieces, joined only once its newline arrives (no copying per piece)
  let parts: Buffer[] = [];
  let partial = 0;
  for await (const piece of body) {
    const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      let line = buf.subarray(start, nl);
      if (parts.length) {
        line = Buffer.concat([...parts, line]);
        parts = [];
        partial = 0;
      }
      if (line.length > maxLine) throw new LineTooLong(maxLine);
      yield line.toString('utf8', 0, line.length && line[line.length - 1] === 13 ? line.length - 1 : line.length);
      start = nl + 1;
    }
    if (start < buf.length) {
      parts.push(buf.subarray(start));
      partial += buf.length - start;
      if (partial > maxLine) throw new LineTooLong(maxLine);
    }
  }
  if (partial) yield Buffer.concat(parts).toString('utf8');
}

export class LineTooLong extends Error {
  constructor(max: number) {
    super(`a line is longer than ${max} bytes`);
  }
}

/** How much of a refused body a stream endpoint still reads (and drops) before it answers, and for how long. */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
export const MAX_DRAIN_MS = 30_000;

/**
 * End a stream's answer early (a refused line, a failed store) without resetting the sender: write
 * the last line, read and drop what it is still sending (up to `maxDrain` bytes), then end. Ending
 * first would close the connection while the sender still writes; its next write then meets a reset
 * that can throw away the answer before it is read.
 */
export async function endAfterDrain(
  req: IncomingMessage,
  res: ServerResponse,
  lastLine: string,
  maxDrain = MAX_DRAIN_BYTES,
  maxMs = MAX_DRAIN_MS,
): Promise<void> {
  if (lastLine) res.write(lastLine);
  if (!req.complete && !req.destroyed) {
    await new Promise<void>((resolve) => {
      let bytes = 0;
      // a sender trickling on is cut off after maxMs, as one sending too much is after maxDrain bytes
      const timer = setTimeout(() => cut(), maxMs);
      const done = () => {
        clearTimeout(timer);
        req.off('data', count).off('end', done).off('close', done);
        resolve();
      };
      const cut = () => {
        req.destroy();
        done();
      };
      const count = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxDrain) cut();
      };
      req.on('data', count).once('end', done).once('close', done);
      req.resume();
    });
  }
  res.end();
}
