/**
 * The project's WXT config built into .output/bench-profile/: the same minified, tree-shaken content
 * script, but with its identifiers kept, so a CPU profile of it names real functions. Never shipped.
 * (minify: false is not the same code: without the minifier, the unused Zod schemas stay in.)
 */
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  outDir: '.output/bench-profile',
  vite: (env) => {
    const own = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...own, esbuild: { minifyIdentifiers: false } };
  },
});
