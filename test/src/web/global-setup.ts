// vitest globalSetup: the web app is built once before any test file runs (the browser tests
// load it from the gateway), and only when its sources changed since the last build.
import { ensureWebBuilt } from '@hub/web';

export default async function setup() {
  await ensureWebBuilt();
}
