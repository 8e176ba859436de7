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
 * The lines of an NDJSON body as they arrive (without the newline; a final line without one too).
 * Throws when one line exceeds `maxLine` bytes, so a body without newlines cannot fill the memory.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, maxLine = MAX_NDJSON_LINE): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const piece of body) {
    const chunk = rest.length ? Buffer.concat([rest, Buffer.from(piece)]) : Buffer.from(piece);
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (nl - start > maxLine) throw new LineTooLong(maxLine);
      yield chunk.toString('utf8', start, nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    rest = chunk.subarray(start);
    if (rest.length > maxLine) throw new LineTooLong(maxLine);
  }
  if (rest.length) yield rest.toString('utf8');
}

export class LineTooLong extends Error {
  constructor(max: number) {
    super(`a line is longer than ${max} bytes`);
  }
}
