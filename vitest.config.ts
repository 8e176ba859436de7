import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// Workspace packages are tested from their sources (their package.json "exports" condition), not
// dist/; the rest are Vite's default server conditions, which setting the list replaces, less
// 'module': vitest hands these to Node (--conditions), and a 'module' build meant for bundlers
// (OpenTelemetry's: imports without file extensions) does not load there. Node in production does
// not use it either.
const conditions = ['@hub/source', 'node', 'development|production'];

export default defineConfig({
  resolve: {
    conditions,
    // graphql 16 ships index.mjs (vite's pick for our sources) and index.js (what Node gives the
    // libraries): two copies break instanceof checks ("another module or realm"). Use one.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'subgraphs/*/src/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'test/src/**/*.test.ts',
    ],
    testTimeout: 90_000, // generous: CI and helpers share two cores; e2e waits have their own bounds
    hookTimeout: 180_000, // booting a hub on a busy 2-core machine
    // 2 cores: a few files at a time, each booting its own stack.
    maxWorkers: 3,
    setupFiles: ['reflect-metadata'],
    // the web app is built (when stale) once, before the browser tests load it from the gateway
    globalSetup: ['test/src/web/global-setup.ts'],
  },
});
