// What no answer to any input may be: bad input is a GraphQL error with a code,
// never a 500, a stack trace, SQL or another party's data).
import { CALLER_ERROR_CODES } from '@hub/auth';

/** The codes a caller may see: the caller codes, and the GraphQL server's own for a bad request. */
export const KNOWN_CODES = new Set<string>([
  ...CALLER_ERROR_CODES,
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);
/** At most this many errors in one answer, and this many characters in one message (the gateway caps them). */
export const MAX_ERRORS = 50;
export const MAX_MESSAGE = 1000;

const LEAKS: Array<[string, RegExp]> = [
  ['SQL', /\b(select\s[\s\S]{0,200}\sfrom\s|insert\s+into\s|delete\s+from\s|update\s+"?\w+"?\s+set\s)/i],
  [
    'database error',
    /(syntax error at|violates \S+ constraint|duplicate key|invalid input syntax|out of range for type|relation "|column "|current transaction is aborted|PGlite|postgres|drizzle|sqlstate)/i,
  ],
  ['stack', /\n\s+at\s|\(\S+:\d+:\d+\)/],
  ['file path', /(file:\/\/|node_modules|\/(?:src|dist|work|home|usr|tmp)\/[\w./-]+|\w+\.(?:ts|js|mjs|cjs):\d+)/],
  [
    'internal error text',
    /(TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|undefined is not|Maximum call stack|ECONNRE|socket hang up|fetch failed)/,
  ],
];

export interface GqlError {
  message?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}
export interface Answer {
  /** HTTP status (0 over WebSocket) */
  status: number;
  errors?: GqlError[];
  /** The raw text of the answer, to measure and search. */
  text: string;
  /** A WebSocket close that ended the operation, if any. */
  closeCode?: number;
}

export interface CheckContext {
  /** What the caller sent (document and variables): text it sent may come back, nothing else. */
  sent: string;
  /** Values other parties hold that this caller cannot read (ids, plates): never in a message. */
  secrets: readonly string[];
  /** Names of tables and columns: never in a message. */
  internalNames: readonly string[];
}

/** Everything wrong with one answer (empty when it is clean). */
export function problemsOf(a: Answer, ctx: CheckContext): string[] {
  const out: string[] = [];
  if (a.status >= 500) out.push(`HTTP ${a.status}`);
  if (a.closeCode !== undefined && a.closeCode !== 1000) out.push(`WebSocket closed ${a.closeCode}`);
  const errors = a.errors ?? [];
  if (errors.length > MAX_ERRORS) out.push(`${errors.length} errors (at most ${MAX_ERRORS})`);
  if (/"stacktrace"|"exception"|"originalError"/.test(a.text))
    out.push('error details (stacktrace/exception/originalError) in the answer');
  const seen = new Set<string>();
  for (const e of errors.slice(0, MAX_ERRORS + 1)) {
    const code = e.extensions?.code;
    const message = typeof e.message === 'string' ? e.message : '';
    const problem = (what: string) => {
      if (!seen.has(what)) out.push(what);
      seen.add(what);
    };
    if (typeof e.message !== 'string') problem('an error without a message');
    if (code === undefined) problem(`no extensions.code: "${message.slice(0, 160)}"`);
    else if (!KNOWN_CODES.has(String(code))) problem(`code ${String(code)}: "${message.slice(0, 160)}"`);
    if (message.length > MAX_MESSAGE) problem(`a message of ${message.length} characters (at most ${MAX_MESSAGE})`);
    for (const [what, re] of LEAKS) {
      const m = re.exec(message);
      // what the caller sent itself may come back quoted (a bad value named in the message)
      if (m && !ctx.sent.includes(m[0])) problem(`${what} in a message: "${message.slice(0, 200)}"`);
    }
    for (const s of ctx.secrets)
      if (message.includes(s) && !ctx.sent.includes(s))
        problem(`another party's value ${s} in a message: "${message.slice(0, 200)}"`);
    for (const n of ctx.internalNames)
      if (message.includes(n) && !ctx.sent.includes(n))
        problem(`internal name ${n} in a message: "${message.slice(0, 200)}"`);
  }
  return out;
}
