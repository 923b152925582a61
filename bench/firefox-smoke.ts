/**
 * Does the Firefox build load and work? Debian's firefox-esr, headless, driven over WebDriver BiDi
 * (built into Firefox; nothing to download): the add-on is installed as a temporary add-on
 * (`webExtension.install`, unsigned is fine), then a report page and a news page are loaded from the
 * bench's local server under a gov.cn name (`network.dns.localDomains`), and the page is asked whether
 * the extension's `<nianbao-check>` element and its `nianbao` measure are there.
 *
 *   npx wxt build -b firefox
 *   NODE_OPTIONS=--experimental-websocket npx tsx bench/firefox-smoke.ts [.output/firefox-mv2]
 *   SIDELOAD=path/to.xpi ... also tries the profile's extensions/ folder (needs a gecko id in the manifest)
 *
 * Node 20 needs --experimental-websocket for the global WebSocket. Exit 0 when the report page shows the panel.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_HOST, serve } from './lib/server';
import { writeSite } from './pages';

const extDir = resolve(process.argv[2] ?? '.output/firefox-mv2');
const sideload = process.env.SIDELOAD;

interface BidiReply {
  id: number;
  error?: string;
  message?: string;
  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads
  result?: any;
}

async function main(): Promise<number> {
  await writeSite();
  const site = await serve({ '/gen/': 'bench/out/site', '/fixtures/': 'tests/fixtures/pages' });
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-ff-'));
  const prefs: Record<string, unknown> = {
    'xpinstall.signatures.required': false,
    'network.dns.localDomains': BENCH_HOST,
    'network.proxy.type': 0,
    'browser.shell.checkDefaultBrowser': false,
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    'remote.prefs.recommended': true,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  if (sideload) {
    const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
    const id = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
    if (!id) console.log('sideload: the manifest has no browser_specific_settings.gecko.id; Firefox will ignore the file');
    mkdirSync(join(profile, 'extensions'));
    copyFileSync(sideload, join(profile, 'extensions', `${id ?? 'nianbao@unknown'}.xpi`));
  }
  const ff = spawn('firefox-esr', ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  try {
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`Firefox did not start BiDi: ${log.slice(-400)}`)), 30_000);
      const onData = (d: Buffer) => {
        log += d;
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          ok(m[1] as string);
        }
      };
      ff.stderr?.on('data', onData);
      ff.stdout?.on('data', onData);
    });
    const ws = new WebSocket(`${url}/session`);
    await new Promise((ok, fail) => {
      ws.onopen = ok;
      ws.onerror = fail;
    });
    let next = 0;
    const pending = new Map<number, (r: BidiReply) => void>();
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as BidiReply;
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    };
    const send = (method: string, params: object) =>
      new Promise<BidiReply>((ok) => {
        const id = ++next;
        pending.set(id, ok);
        ws.send(JSON.stringify({ id, method, params }));
      });
    const session = await send('session.new', { capabilities: {} });
    console.log(`Firefox ${session.result?.capabilities?.browserVersion}`);
    if (!sideload) {
      const installed = await send('webExtension.install', { extensionData: { type: 'path', path: extDir } });
      console.log(`webExtension.install: ${installed.error ? `${installed.error}: ${installed.message}` : installed.result?.extension}`);
    }
    const context = (await send('browsingContext.getTree', {})).result.contexts[0].context;
    let ok = false;
    for (const page of ['fixtures/seed000-plain.html', 'gen/news-article.html']) {
      await send('browsingContext.navigate', { context, url: site.url(`/${page}`), wait: 'complete' });
      let seen: { host?: boolean; measure?: number[] } = {};
      for (let i = 0; i < 25; i++) {
        const r = await send('script.evaluate', {
          target: { context },
          awaitPromise: false,
          expression: `JSON.stringify({ host: !!document.querySelector('nianbao-check'), measure: performance.getEntriesByName('nianbao').map((e) => e.duration) })`,
        });
        seen = JSON.parse(r.result?.result?.value ?? '{}');
        if (seen.host || (!page.startsWith('fixtures') && seen.measure?.length)) break;
        await new Promise((done) => setTimeout(done, 200));
      }
      console.log(`${page}: panel element ${seen.host ? 'present' : 'absent'}; content script measure ${JSON.stringify(seen.measure)} ms`);
      if (page.startsWith('fixtures')) ok = seen.host === true;
    }
    ws.close();
    return ok ? 0 : 1;
  } finally {
    ff.kill('SIGTERM');
    await new Promise((done) => ff.on('close', done));
    rmSync(profile, { recursive: true, force: true });
    await site.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
