import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.LT_API_URL ?? 'http://127.0.0.1:8057';

/**
 * React, the router and the query cache change rarely: one long-cached chunk. antd is left to the
 * bundler's own splitting, by the pages that use each component: one shared antd chunk (as before)
 * made the sign-in page download the table, tree, date picker and menu of every other page.
 */
const vendorGroups = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
    priority: 30,
  },
];

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: the chunk graph, read by scripts/bundle-budget.ts (JS per page)
    manifest: true,
    // every browser the app supports preloads modules natively: no polyfill in the entry chunk
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
