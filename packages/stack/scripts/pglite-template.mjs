// Build step of @hub/stack, after tsc: the hub's migrated PGlite template (dist/pglite-hub-template.tar.gz,
// see src/template.ts) — @hub/db's empty cluster with migrateHub() applied, the same migrations
// `serve.js migrate` runs on PostgreSQL. No rows: the demo seed is relative to the time of a start.
import { writePgliteTemplate } from '@hub/db';
import { migrateHub } from '../dist/migrate.js';
import { HUB_PGLITE_TEMPLATE } from '../dist/template.js';

await writePgliteTemplate(HUB_PGLITE_TEMPLATE, (database) => migrateHub(database));
