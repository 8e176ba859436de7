// Build step of @hub/stack, last: dist/main.bundle.mjs, the launcher `npm start` runs — dist/main.js with
// everything it imports in one file (esbuild). Loading ~1,500 modules one by one (resolve, read, parse,
// link) was most of the start's module loading: a new data directory's start measured 13.5 → 8.9 CPU s
// (BENCHMARKS.md). Every module keeps its own location: import.meta.url, __dirname and
// __filename are the file it came from (relative to the bundle, so a moved checkout still works), so
// migrations, templates, the web app and PGlite's WebAssembly are found where they are; native modules
// and @hub/web (which loads vite on demand for a stale web build) stay outside. Packages a module imports
// by a computed name at run time (Hive Gateway's transports) resolve from here: the root node_modules. dist/main.js stays
// the same program, unbundled (what the tests and the per-process deployment run).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../dist/main.bundle.mjs', import.meta.url));
const outDir = dirname(out);
const keepLocation = {
  name: 'keep-location',
  setup(b) {
    b.onLoad({ filter: /\.(m?js|cjs)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!/import\.meta\.url|__dirname|__filename/.test(text)) return { contents: text, loader: 'js' };
      const rel = JSON.stringify(relative(outDir, args.path).split('\\').join('/'));
      // no import.meta in a CommonJS file (esbuild would take it for ESM): the bundle's URL from the banner
      const head = `var __hub_module_url = new URL(${rel}, __hub_bundle_url).href;`;
      const cjs =
        /__dirname|__filename/.test(text) && !/(?:const|let|var)\s+__(?:dirname|filename)\b/.test(text)
          ? 'var __filename = __hub_fileURLToPath(__hub_module_url), __dirname = __hub_dirname(__filename);'
          : '';
      return { contents: `${head}${cjs}\n${text.replace(/import\.meta\.url/g, '__hub_module_url')}`, loader: 'js' };
    });
  },
};
await build({
  entryPoints: [fileURLToPath(new URL('../dist/main.js', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  // outside, each loaded from where it is: @hub/web (its on-demand vite build resolves vite from
  // packages/web/node_modules, not from here), native modules, tsx
  // graphql too: packages reach it both as `graphql` and as its .mjs files, and two copies in one bundle break
  // every `instanceof GraphQLError` — the gateway then masked each subgraph error as a 500 (npm-start test)
  external: ['@hub/web', '*.node', 'vite', 'tsx', 'tsx/*', 'lightningcss', 'graphql', 'graphql/*'],
  // type-graphql names GraphQL types after their classes: esbuild must not rename them (RecordingInput2)
  keepNames: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  plugins: [keepLocation],
  banner: {
    js: [
      "import { createRequire as __hub_createRequire } from 'node:module';",
      "import { fileURLToPath as __hub_fileURLToPath } from 'node:url';",
      "import { dirname as __hub_dirname } from 'node:path';",
      'const require = __hub_createRequire(import.meta.url);',
      'const __hub_bundle_url = import.meta.url;',
    ].join('\n'),
  },
});
