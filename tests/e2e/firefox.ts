/**
 * Debian's firefox-esr, headless, driven over WebDriver BiDi (built into Firefox: no geckodriver, no
 * download; Playwright's Firefox needs its own patched build). The Firefox build is installed as a
 * temporary add-on (`webExtension.install`, unsigned is fine) and the fixture pages are served by the
 * harness's server (tests/harness/site.ts) under a gov.cn name that Firefox resolves to 127.0.0.1
 * (`network.dns.localDomains`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serve } from '../harness/site';
import { PAGES } from './browser';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const HOST = 'www.fixtures-ff.gov.cn';

interface Reply {
  id?: number;
  type?: string;
  error?: string;
  message?: string;
  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads
  result?: any;
}

export interface Firefox {
  version: string;
  /** The add-on's id as Firefox reports it after installing. */
  addon: string;
  /** A fixture page's address on the local server. */
  url(file: string): string;
  /** Load `url` in the one tab and wait for its load event. */
  open(url: string): Promise<void>;
  /** Evaluate `expression` in the page (its main world; or in another tab, `context`) and return the value (JSON-serialisable). */
  evaluate<T>(expression: string, context?: string): Promise<T>;
  /** The open tabs: their browsing contexts and addresses. */
  tabs(): Promise<{ context: string; url: string }[]>;
  /** Evaluate `expression` every 100 ms until it yields something truthy, or `timeoutMs` passes. */
  poll<T>(expression: string, timeoutMs: number): Promise<T | undefined>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** More gov.cn names Firefox resolves to 127.0.0.1 (the fake portal's). */
  localDomains?: string[];
}

export async function launchFirefox(extensionDir: string, opts: FirefoxOptions = {}): Promise<Firefox> {
  if (!existsSync(FIREFOX)) throw new Error(`the Firefox test needs ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
  const site = await serve({ '/ndbg/': PAGES }, { host: HOST });
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-ff-'));
  const prefs: Record<string, unknown> = {
    'network.dns.localDomains': [HOST, ...(opts.localDomains ?? [])].join(','),
    'network.proxy.type': 0,
    'browser.shell.checkDefaultBrowser': false,
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'remote.prefs.recommended': true,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const ff: ChildProcess = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cleanup = async () => {
    if (ff.exitCode === null) {
      const closed = new Promise((done) => ff.once('close', done));
      ff.kill('SIGTERM');
      await closed;
    }
    rmSync(profile, { recursive: true, force: true });
    await site.close();
  };
  try {
    let log = '';
    const endpoint = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`Firefox did not start WebDriver BiDi: ${log.slice(-400)}`)), 60_000);
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
      ff.once('exit', (code) => fail(new Error(`Firefox exited (${code}): ${log.slice(-400)}`)));
    });
    const ws = new WebSocket(`${endpoint}/session`);
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    let next = 0;
    const pending = new Map<number, (r: Reply) => void>();
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Reply;
      if (msg.id !== undefined) {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      }
    });
    const send = async (method: string, params: object): Promise<Reply> => {
      const reply = await new Promise<Reply>((ok) => {
        const id = ++next;
        pending.set(id, ok);
        ws.send(JSON.stringify({ id, method, params }));
      });
      if (reply.error) throw new Error(`${method}: ${reply.error}: ${reply.message}`);
      return reply;
    };
    const session = await send('session.new', { capabilities: {} });
    const installed = await send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });
    const context = (await send('browsingContext.getTree', {})).result.contexts[0].context as string;
    const evaluate = async <T>(expression: string, where = context): Promise<T> => {
      const r = await send('script.evaluate', {
        target: { context: where },
        awaitPromise: true,
        expression: `JSON.stringify(${expression})`,
      });
      if (r.result?.type === 'exception') throw new Error(`in the page: ${r.result.exceptionDetails?.text}`);
      const value = r.result?.result?.value;
      return (value === undefined ? undefined : JSON.parse(value)) as T;
    };
    return {
      version: String(session.result?.capabilities?.browserVersion ?? ''),
      addon: String(installed.result?.extension ?? ''),
      url: (file) => site.portUrl(`/ndbg/${file}`),
      open: async (url) => {
        await send('browsingContext.navigate', { context, url, wait: 'complete' });
      },
      evaluate,
      tabs: async () =>
        ((await send('browsingContext.getTree', {})).result.contexts as { context: string; url: string }[]).map((c) => ({
          context: c.context,
          url: c.url,
        })),
      poll: async <T>(expression: string, timeoutMs: number) => {
        const until = Date.now() + timeoutMs;
        for (;;) {
          const v = await evaluate<T>(expression);
          if (v || Date.now() > until) return v || undefined;
          await new Promise((done) => setTimeout(done, 100));
        }
      },
      close: async () => {
        ws.close();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
