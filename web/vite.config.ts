import { defineConfig } from 'vite';
import pkg from './package.json';

// The server sends a strict Content-Security-Policy (no inline scripts or styles, no data: except
// images), so the build must emit only files: CSS is extracted, nothing is inlined as data: URLs,
// and Vite's inline module-preload polyfill is left out. Hashed files go to dist/assets/, which the
// server caches for a year; index.html is never cached.
const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
});
