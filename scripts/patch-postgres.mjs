// Patches postgres.js 3.4.9 (the driver drizzle uses) against a crash the fault suite found: when
// PostgreSQL restarts, a write queued behind setImmediate runs after the connection closed and
// calls `socket.write` on null — an uncaught TypeError that kills the process (upstream:
// porsager/postgres#1154, #1208; fixes proposed in #1168/#1209, unreleased). Teardown also left the
// write timer set and the buffered bytes in place, so a reconnected connection could prepend stale
// bytes or never flush. The patch drops the queued write on close and, if a write still finds no
// socket, fails its queries with CONNECTION_CLOSED instead of crashing. Idempotent; runs at
// `npm install`/`npm ci` (postinstall) and in the image build. Remove once postgres.js ships the fix.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* hub: patched nextWrite (porsager/postgres#1154) */';
// the hoisted copy the workspaces share (npm installs it at the top)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
if (!existsSync(join(root, 'package.json'))) process.exit(0); // not installed (yet)
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const files = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']
  .map((f) => join(root, f))
  .filter(existsSync);
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  // teardown: cancel the queued write for good (the timer variable and the buffered bytes too)
  [
    '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    '    clearImmediate(nextWriteTimer), nextWriteTimer = null, chunk = null\n    if (socket) {',
  ],
  [
    '    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    '    incomings = null\n    clearImmediate(nextWriteTimer), nextWriteTimer = null, chunk = null\n',
  ],
];
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  if (version !== '3.4.9' || !replacements.every(([from]) => text.includes(from))) {
    process.stderr.write(
      `patch-postgres: postgres ${version} (${file}) does not look like 3.4.9: not patched; check whether it still needs the nextWrite fix\n`,
    );
    continue;
  }
  for (const [from, to] of replacements) text = text.replace(from, to);
  writeFileSync(file, text);
  process.stdout.write(`patch-postgres: patched ${file}\n`);
}
