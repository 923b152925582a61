/**
 * `wxt build` into a folder of its own (NIANBAO_OUT_DIR, read by wxt.config.ts), so a developer's
 * `.output/` is left alone: the end-to-end tests, the demo and the bench each build this way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Build for `browser` into `outDir` and return the unpacked extension's folder (absolute). */
export function buildExtension(outDir: string, browser: 'chrome' | 'firefox' = 'chrome'): string {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build', '-b', browser], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A production build whoever asks: Vitest sets NODE_ENV=test, and Vite then compiles JSX for
      // development (jsxDEV calls carrying this machine's file paths, ~15 KB more in the reader).
      env: { ...process.env, NODE_ENV: 'production', NIANBAO_OUT_DIR: resolve(ROOT, outDir) },
    });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: Buffer | string; stderr?: Buffer | string };
    throw new Error(`wxt build -b ${browser} failed:\n${String(stdout).slice(-4000)}\n${String(stderr).slice(-4000)}`);
  }
  const dir = join(resolve(ROOT, outDir), browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build -b ${browser} did not produce ${dir}`);
  return dir;
}
