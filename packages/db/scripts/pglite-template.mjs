// Build step of @hub/db: an initialised, empty PGlite cluster as a gzipped tarball
// (dist/pglite-template.tar.gz, ~5 MB). openDatabase() starts a new PGlite database from it
// instead of running initdb, which on two shared cores cost ~5 CPU s and ~450 MB of peak memory
// per new database (npm start on a fresh clone, every test stack). Made with the installed PGlite,
// so a PGlite upgrade rebuilds it (turbo hashes the package's dependencies).
import { mkdirSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const out = new URL('../dist/pglite-template.tar.gz', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
const pg = new PGlite();
await pg.waitReady;
const tarball = await pg.dumpDataDir('gzip');
await pg.close();
writeFileSync(out, Buffer.from(await tarball.arrayBuffer()));
