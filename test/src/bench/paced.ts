// An open-loop load: requests start on a fixed schedule (rate per second), whether or not earlier
// ones have come back, over at most `connections` keep-alive sockets; latency runs from the
// scheduled start, so time spent waiting for a free socket counts. (autocannon's overallRate sends
// each connection's share in a burst at every one-second tick: that measured the bursts, not the hub.)
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './run.js';

export interface PacedOptions {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  /** The n-th request: its headers and body. */
  request(n: number): { headers: Record<string, string>; body: string };
  /** A 200 answer whose body fails this counts as an error. */
  ok(body: string): boolean;
}

export interface PacedResult {
  sent: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

export async function paced(o: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(o.url);
  const latencies: number[] = [];
  let errors = 0;
  const one = (n: number, scheduled: number) =>
    new Promise<void>((resolve) => {
      const { headers, body } = o.request(n);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode !== 200 || !o.ok(Buffer.concat(chunks).toString('utf8'))) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const total = Math.round(o.rate * o.seconds);
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(one(n, due));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: total,
    perSecond: total / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    errors,
  };
}
