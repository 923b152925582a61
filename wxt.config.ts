/**
 * The extension's build: WXT with Preact, the messages of locales/, no auto-imports, and the
 * manifest (permissions, the Firefox id, the one web-accessible stylesheet), each part with why.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * pdf.js's files the attachment page loads (utils/attachmentReaders.ts): its worker, the CJK
 * character maps (Chinese PDFs often need them to map glyphs to text), the standard fonts and the
 * image decoders of scanned pages, copied from pdfjs-dist into `pdfjs/` of the build. Not
 * web-accessible: only the extension's own page loads them.
 */
const PDFJS = fileURLToPath(new URL('./node_modules/pdfjs-dist/', import.meta.url));
function pdfjsAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const dir = (name: string) =>
    readdirSync(join(PDFJS, name)).map((f) => ({ absoluteSrc: join(PDFJS, name, f), relativeDest: `pdfjs/${name}/${f}` }));
  return [
    { absoluteSrc: join(PDFJS, 'build', 'pdf.worker.min.mjs'), relativeDest: 'pdfjs/pdf.worker.min.mjs' },
    { absoluteSrc: join(PDFJS, 'LICENSE'), relativeDest: 'pdfjs/LICENSE' },
    ...dir('cmaps'),
    ...dir('standard_fonts'),
    ...dir('wasm'),
  ];
}

/** The engine's folder (absolute): every module in it is free of side effects. */
const LIB = fileURLToPath(new URL('./lib/', import.meta.url)).replaceAll('\\', '/');

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // The end-to-end tests and the demo build into their own folder, leaving `.output/` to the developer.
  outDir: process.env.NIANBAO_OUT_DIR ?? '.output',
  // Every file imports what it uses; nothing appears as a global.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    build: {
      rollupOptions: {
        // lib/ is pure (no module does anything when loaded): what a bundle does not use is dropped,
        // so the content script, which runs on every gov.cn page, does not carry the Zod schema.
        treeshake: { moduleSideEffects: (id: string) => !id.replaceAll('\\', '/').startsWith(LIB) },
      },
    },
  }),
  zip: {
    // The sources zip the Firefox store asks for: the project, not local output or scratch folders.
    excludeSources: ['bench/out/**', 'demo-out/**', 'scratch/**', '.output/**', 'coverage/**'],
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...pdfjsAssets());
    },
    // WXT lists the reader's stylesheet again for the reader's own gov.cn matches; the entry above
    // already offers it everywhere, so that second entry only repeats it.
    'build:manifestGenerated': (_wxt, manifest) => {
      const war = manifest.web_accessible_resources;
      if (!war?.every((w) => typeof w === 'object')) return;
      const everywhere = war.filter((w) => w.matches?.includes('*://*/*'));
      manifest.web_accessible_resources = war.filter(
        (w) =>
          everywhere.includes(w) ||
          !w.resources.every((r) => everywhere.some((e) => e.resources.includes(r) && e.use_dynamic_url === w.use_dynamic_url)),
      );
    },
  },
  manifest: ({ manifestVersion, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // storage: the history and the preferences; unlimitedStorage: records are large, and the
    // default quota would stop the history after a few dozen (README, "Permissions, and why"); scripting: the
    // first look at a tab's frames and the reader where a report is; activeTab: the current tab's
    // address when the popup opens, to offer that site's switch.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'activeTab'],
    // The sites read without asking: the background may see a tab's address and look at its frames.
    host_permissions: ['*://*.gov.cn/*'],
    // Granted one site at a time from the popup's switch; never asked for at install.
    ...(manifestVersion === 3 ? { optional_host_permissions: ['*://*/*'] } : { optional_permissions: ['*://*/*'] }),
    // No content_scripts: a declared one, even empty, slows every matching page's load in Chromium
    // (README, "How it runs in the browser"). The background looks at a tab once it has loaded.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'nianbao-check@nianbao.invalid',
              strict_min_version: '115.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    web_accessible_resources: [
      // The panel's stylesheet, fetched into the shadow root on sites switched on at run time
      // (WXT lists it again for the gov.cn matches; the hook above drops that repeat).
      { resources: ['content-scripts/reader.css'], matches: ['*://*/*'], use_dynamic_url: true },
    ],
  }),
});
