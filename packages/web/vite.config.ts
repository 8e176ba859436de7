// The hub's web app: static files (dist/) the gateway serves at / and a city can host itself.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [preact()],
  // the warning limit is raw size; the budget is 300 kB gzipped for the first load (about 110 kB now)
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 400 },
});
