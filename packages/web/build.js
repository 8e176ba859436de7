// Plain JavaScript so that node runs it from the source tree, as tsx does (build.d.ts types it).
// Builds the web app on demand (npm start on a fresh clone, the browser tests): dist/ is not
// committed, and is rebuilt when a source file is newer than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** The built app the gateway serves at / (or a city hosts itself). */
export const WEB_DIST = join(HERE, 'dist');

/** @param {string} dir @returns {number} */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/ is missing or older than the sources. */
export function webBuildStale() {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(
    newest(join(HERE, 'src')),
    statSync(join(HERE, 'index.html')).mtimeMs,
    statSync(join(HERE, 'vite.config.ts')).mtimeMs,
  );
  return sources > statSync(index).mtimeMs;
}

/** @type {Promise<void> | undefined} */
let building;
/** Build dist/ with Vite unless it is up to date (one build at a time per process). */
export function ensureWebBuilt() {
  if (!webBuildStale()) return Promise.resolve();
  return (building ??= (async () => {
    const { build } = await import('vite');
    await build({ configFile: join(HERE, 'vite.config.ts'), logLevel: 'warn' });
  })().finally(() => (building = undefined)));
}
