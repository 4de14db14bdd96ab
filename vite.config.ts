/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // Relative URLs in the build, so dist/ works served from any path (a
  // sub-folder of any web server, GitHub Pages), not only from `/`. The app has
  // no router: every page is index.html itself. See e2e/static-site.spec.ts.
  base: './',
  plugins: [react()],
  build: {
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Vite 8 / rolldown: `codeSplitting.groups` replaces Rollup's
        // `manualChunks`. Vendor code goes to its own chunks so app changes
        // do not invalidate them; higher priority wins.
        codeSplitting: {
          groups: [
            // Only the lazily loaded query engine uses these: keep them out of the eager vendor chunk.
            { name: 'xpath', test: /node_modules[\\/](xpath|@xmldom)[\\/]/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'codemirror', test: /node_modules[\\/](@codemirror|@lezer|codemirror|crelt|style-mod|w3c-keyname)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The JSON reporter is added on the command line (scripts/test-all.sh).
  },
});
