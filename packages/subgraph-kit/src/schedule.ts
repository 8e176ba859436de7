// Periodic background work (retention runs): one run at a time per process, the timer never keeps
// the process alive, and stopping waits for the run in progress. Across replicas the work itself
// must tolerate overlap (retention: batches with SKIP LOCKED).
import { errorFields, logger } from '@hub/observability';

/** Run `work` every `intervalMs` (0 or less: never). Returns what stops it. */
export function every(
  name: string,
  intervalMs: number,
  work: () => Promise<unknown>,
): (() => Promise<void>) | undefined {
  if (!(intervalMs > 0)) return undefined;
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= work()
      .catch((err) => logger().error({ job: name, ...errorFields(err) }, 'background run failed'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
