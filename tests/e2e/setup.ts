/**
 * Builds the extension once for the whole end-to-end run, for Chromium and for Firefox (into
 * .output/e2e/, so a developer's `.output/` is left alone), and hands the absolute paths to the
 * tests as `inject('extensionDir')` and `inject('firefoxExtensionDir')`.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../harness/build';
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
  project.provide('extensionDir', buildExtension('.output/e2e', 'chrome'));
  project.provide('firefoxExtensionDir', buildExtension('.output/e2e', 'firefox'));
}
