// Structured JSON logs (pino) on stdout: one object per line, the service on each, credentials
// redacted wherever they appear in an object. Callers log facts (operation, actor kind, outcome,
// duration, codes), never tokens, plates or storage references.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Default level: LOG_LEVEL, else `warn` under a test runner (the suites would drown in request lines), else `info`. */
function defaultLevel(env = process.env): string {
  if (env.LOG_LEVEL) return env.LOG_LEVEL;
  return env.VITEST || env.NODE_ENV === 'test' ? 'warn' : 'info';
}

let root: Logger | undefined;

/** The process's logger (created on first use); `service` names the process in every line. */
export function logger(): Logger {
  return (root ??= pino({
    level: defaultLevel(),
    base: { service: process.env.OTEL_SERVICE_NAME ?? 'hub', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // never written, whatever a caller passes by mistake
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        'token',
        '*.token',
        'assertion',
        'plate',
        '*.plate',
        'storageRef',
        '*.storageRef',
        'x-hub-actor',
        '*["x-hub-actor"]',
      ],
      censor: '[redacted]',
    },
  }));
}

/** Names the process in every later line (serve.ts: the role). */
export function setLogService(service: string): void {
  root = logger().child({ service });
}

/** Error details for a log line: the message and class, a stack only at debug level. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  // a failed drizzle query names its parameters (plates, references): the statement and the
  // database's reason are enough
  const message = err.message.replace(/\nparams: [\s\S]*$/, '');
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = (err as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  return {
    error: message,
    errorClass: err.name,
    ...(cause ? { cause: cause.message } : {}),
    ...(code !== undefined ? { errorCode: code } : {}),
    ...(logger().isLevelEnabled('debug') ? { stack: err.stack } : {}),
  };
}
