/**
 * Builds the extension once for the whole end-to-end run (into its own folder, so a developer's
 * `.output/` is left alone) and hands its absolute path to the tests as `inject('extensionDir')`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
  }
}

export default function setup(project: TestProject): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`end-to-end tests need Chromium at ${chromium} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`);
  }
  const root = resolve(import.meta.dirname, '../..');
  const outDir = join(root, '.output', 'e2e');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NIANBAO_OUT_DIR: outDir },
    });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: Buffer | string; stderr?: Buffer | string };
    throw new Error(`wxt build failed:\n${String(stdout).slice(-4000)}\n${String(stderr).slice(-4000)}`);
  }
  const dir = join(outDir, 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build did not produce ${dir}`);
  project.provide('extensionDir', dir);
}
