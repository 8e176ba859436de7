// The request id that ties a gateway request to its subgraph calls in the logs: the caller's
// x-request-id when it is a sane token, else a new one; the gateway forwards it to every subgraph.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE = /^[A-Za-z0-9._:-]{1,64}$/;

/** The incoming id if it is 1–64 safe characters (it lands in every log line), else a fresh UUID. */
export function requestIdFrom(value: string | string[] | null | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && SANE.test(v) ? v : randomUUID();
}
