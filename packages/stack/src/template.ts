// Where the hub's migrated PGlite template lives: a new embedded database (npm start on a fresh clone,
// every PGlite test stack) starts from it already holding every migration of the events outbox, the
// audit log and every subgraph, so a start only finds their journals applied. Made by this package's
// build (scripts/pglite-template.mjs), which turbo reruns when any dependency's build (its
// migrations) changes; absent when running unbuilt sources: then the migrations run as before.
// A migration newer than the template (sources ahead of the build) is still applied at start.
import { fileURLToPath } from 'node:url';

export const HUB_PGLITE_TEMPLATE = fileURLToPath(new URL('../dist/pglite-hub-template.tar.gz', import.meta.url));
