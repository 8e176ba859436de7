// The gateway's errors: UNAUTHENTICATED with its 401, and the masking of everything unexpected.
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { CALLER_ERROR_CODES } from '@hub/auth';

export const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const CALLER_CODES = new Set<string>(CALLER_ERROR_CODES);

/** Our subgraphs' deliberate errors pass with their code; anything unexpected is masked. */
export function maskError(error: unknown, message: string): Error {
  const code = (error as GraphQLError)?.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR') return new GraphQLError('Internal server error', { extensions: { code } });
  // a subgraph's refusal of a subscription reaches us as the plain error object it sent (not an
  // Error): its deliberate code and message pass, as they do for queries
  if (
    !(error instanceof Error) &&
    typeof (error as GraphQLError)?.message === 'string' &&
    CALLER_CODES.has(code as string)
  ) {
    return new GraphQLError((error as GraphQLError).message, {
      path: (error as GraphQLError).path,
      extensions: { code },
    });
  }
  return yogaMaskError(error, message, false);
}
