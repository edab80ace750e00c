import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // The API only takes writes from a page of the Host it is sent to (server/src/http/
  // cross-site.ts): keep the dev server's Host (localhost:5173) instead of rewriting it to
  // 127.0.0.1:8080, as Vite's shorthand would, so the page's Origin matches it.
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } } },
});
