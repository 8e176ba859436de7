// Test support: one suite written once, run against every driver in the same `npm test`
// (the pattern of drizzle-orm's integration tests). PGlite always; PostgreSQL when a server answers.
import postgres from 'postgres';
import { describe } from 'vitest';
import { openTestDatabase, type Database } from './index.js';

export interface TestDriver {
  /** Named in every test's title, so a report says which driver failed. */
  name: 'PGlite' | 'PostgreSQL';
  /** A fresh database for one suite (PostgreSQL: a scratch database dropped on close). */
  open(): Promise<Database>;
}

/** The PostgreSQL server the driver suites use: TEST_DATABASE_URL, else DATABASE_URL, else the local one. */
export const testPostgresUrl = (env = process.env) =>
  env.TEST_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | null> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
}

let drivers: Promise<{ available: TestDriver[]; unreachable: string | null }> | undefined;

/** The drivers to run a suite on; asked once per test file. */
export function testDrivers() {
  return (drivers ??= (async () => {
    const url = testPostgresUrl();
    const unreachable = await reachable(url);
    const available: TestDriver[] = [{ name: 'PGlite', open: () => openTestDatabase(null) }];
    if (!unreachable) available.push({ name: 'PostgreSQL', open: () => openTestDatabase(url) });
    return {
      available,
      unreachable: unreachable && `PostgreSQL at ${new URL(url).host} not reachable (${unreachable})`,
    };
  })());
}

/**
 * `describe(title [driver], …)` once per driver. Without a reachable server the PostgreSQL run is
 * reported as skipped with the reason in its title (CI always has one: .ci/run starts it).
 */
export async function describeEachDriver(title: string, suite: (driver: TestDriver) => void): Promise<void> {
  const { available, unreachable } = await testDrivers();
  for (const driver of available) describe(`${title} [${driver.name}]`, () => suite(driver));
  if (unreachable) describe.skipIf(true)(`${title} [PostgreSQL] — skipped: ${unreachable}`, () => suite(available[0]!));
}
