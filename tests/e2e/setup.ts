/**
 * Builds the extension once for the whole end-to-end run, for Chromium and for Firefox (into its own
 * folder, so a developer's `.output/` is left alone), and hands the absolute paths to the tests as
 * `inject('extensionDir')` and `inject('firefoxExtensionDir')`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from '../harness/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
    firefoxExtensionDir: string;
  }
}

export default function setup(project: TestProject): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `end-to-end tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`,
    );
  }
  const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(firefox)) {
    throw new Error(`end-to-end tests need Firefox at ${firefox} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
  }
  const root = resolve(import.meta.dirname, '../..');
  const outDir = join(root, '.output', 'e2e');
  project.provide('extensionDir', build(root, outDir, 'chrome', 'chrome-mv3'));
  project.provide('firefoxExtensionDir', build(root, outDir, 'firefox', 'firefox-mv2'));
}

function build(root: string, outDir: string, browser: string, folder: string): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build', '-b', browser], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NIANBAO_OUT_DIR: outDir },
    });
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: Buffer | string; stderr?: Buffer | string };
    throw new Error(`wxt build -b ${browser} failed:\n${String(stdout).slice(-4000)}\n${String(stderr).slice(-4000)}`);
  }
  const dir = join(outDir, folder);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build -b ${browser} did not produce ${dir}`);
  return dir;
}
