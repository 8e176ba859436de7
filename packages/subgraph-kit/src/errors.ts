// Errors clients can act on: a human message and extensions.code, never a stack trace or SQL.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CALLER_ERROR_CODES, boundedMessage, refusal, type Actor } from '@hub/auth';
import { errorFields, logger, activeTraceId } from '@hub/observability';

export const CLIENT_CODES = [
  ...CALLER_ERROR_CODES,
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
] as const;

const err =
  (code: string, status: number) =>
  (message: string, extra: Record<string, unknown> = {}) =>
    new GraphQLError(message, { extensions: { code, http: { status }, ...extra } });

export const badInput = err('BAD_USER_INPUT', 400);
export const forbidden = err('FORBIDDEN', 403);
export const unauthenticated = err('UNAUTHENTICATED', 401);
export const notFound = err('NOT_FOUND', 404);
export const conflict = err('CONFLICT', 409);
/**
 * A quota or rate limit reached (quota.ts): RATE_LIMITED with `retryAfter`, the seconds after which
 * the same request can succeed; the gateway turns it into a Retry-After header. No HTTP status here:
 * the gateway reads a subgraph's answer as GraphQL, whatever the refusal.
 */
export const rateLimited = (message: string, retryAfter: number) =>
  new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfter } });

/** A refusal: the public is asked to log in, a logged-in actor is forbidden. */
export function refused(actor: Actor, what: string): GraphQLError {
  const r = refusal(actor, what);
  return new GraphQLError(r.message, { extensions: { code: r.code, http: { status: r.status } } });
}

type ValidationItem = { property: string; constraints?: Record<string, string>; children?: ValidationItem[] };
function flatten(items: ValidationItem[], prefix = ''): string[] {
  return items.flatMap((v) => [
    ...Object.values(v.constraints ?? {}).map((c) => (prefix ? `${prefix}.${c}` : c)),
    ...flatten(v.children ?? [], prefix ? `${prefix}.${v.property}` : v.property),
  ]);
}

const TOO_MANY_ERRORS = /^Too many errors processing variables/;

/**
 * Apollo Server formatError: errors we raised on purpose pass with their code; validation
 * failures get a readable message; anything else (driver errors with SQL, bugs) is masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // graphql-js stops coercing variables after 50 errors and says so in one more error without a code
  // (which Apollo Server makes INTERNAL_SERVER_ERROR): it is about the caller's input
  const code = TOO_MANY_ERRORS.test(formatted.message)
    ? 'BAD_USER_INPUT'
    : (formatted.extensions?.code as string | undefined);
  if (code && (CLIENT_CODES as readonly string[]).includes(code)) {
    const validationErrors = formatted.extensions?.validationErrors as ValidationItem[] | undefined;
    // `field`: the input field a BAD_USER_INPUT is about, so a form can show it there
    const field = formatted.extensions?.field;
    const retryAfter = formatted.extensions?.retryAfter;
    const extensions = {
      code,
      ...(typeof field === 'string' ? { field } : {}),
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    };
    if (validationErrors) {
      return {
        message: boundedMessage(`Invalid input: ${flatten(validationErrors).join('; ')}`),
        path: formatted.path,
        extensions,
      };
    }
    // a message may quote the caller's value (graphql-js quotes it whole): bounded, never 100 KB back
    return {
      message: boundedMessage(formatted.message),
      path: formatted.path,
      locations: formatted.locations,
      extensions,
    };
  }
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  logger().error(
    { path: formatted.path?.join('.'), traceId: activeTraceId(), ...errorFields(original) },
    'internal error',
  );
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
