/**
 * The command line's floor: jsdom's own parse of every page in a folder, as the command line loads
 * them (cli/load.ts: the bytes decoded by their declared charset), and nothing else. Run by section
 * 4 under /usr/bin/time, one thread, beside `nianbao check --jobs 1` on the same pages.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPage } from '../cli/load';

const dir = process.argv[2] as string;
for (const f of (await readdir(dir)).filter((n) => n.endsWith('.html')).sort()) {
  const { dom } = await loadPage(join(dir, f));
  dom.window.close();
  // jsdom frees a closed window only once the event loop has turned.
  await new Promise((ok) => setImmediate(ok));
}
