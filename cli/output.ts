/**
 * Where the output goes, written piece by piece: standard output (waiting when the pipe is full)
 * or the `--out` file. The file is opened before any page is read, so a path that cannot be written
 * is bad usage reported at once; it is emptied only when the output begins, and removed again if
 * the command created it and then stopped without output.
 */
import { once } from 'node:events';
import { unlinkSync } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { UsageError } from './args';
import { reasonOf } from './problem';

/** The reader of standard output went away (`| head`): not an error, the command stops quietly. */
export class OutputClosed extends Error {}

export interface Sink {
  put(text: string): Promise<void>;
  close(): Promise<void>;
  /** The run ended without output: remove the file when this run created it (synchronous, for signal handlers). */
  discard(): void;
}

async function fileSink(out: string): Promise<Sink> {
  const info = await stat(out).then(
    (s) => {
      if (s.isDirectory()) throw new UsageError(`cannot write ${out}: is a directory`);
      return s;
    },
    () => null,
  );
  const existed = info !== null;
  // Only a file is emptied first: a device (/dev/null) or a pipe cannot be, and need not be.
  const emptied = !info || info.isFile();
  let file: FileHandle;
  try {
    // Appending, so an existing file is left whole until the output begins.
    file = await open(out, 'a');
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${reasonOf(e)}`);
  }
  let begun = false;
  let closed = false;
  const fail = (e: unknown) => new UsageError(`cannot write ${out}: ${reasonOf(e)}`);
  return {
    put: async (text) => {
      try {
        if (!begun && emptied) await file.truncate(0);
        begun = true;
        await file.write(text);
      } catch (e) {
        throw fail(e);
      }
    },
    close: async () => {
      closed = true;
      await file.close().catch((e) => {
        throw fail(e);
      });
    },
    discard: () => {
      if (!closed) void file.close().catch(() => undefined);
      if (!existed && !begun) {
        try {
          unlinkSync(out);
        } catch {
          // already gone
        }
      }
    },
  };
}

function stdoutSink(): Sink {
  let failed: NodeJS.ErrnoException | null = null;
  process.stdout.on('error', (e) => {
    failed = e;
  });
  const check = () => {
    const e = failed as NodeJS.ErrnoException | null;
    if (!e) return;
    if (e.code === 'EPIPE') throw new OutputClosed();
    throw new UsageError(`cannot write the output: ${e.message}`);
  };
  return {
    put: async (text) => {
      check();
      // Waiting for 'drain' rejects on 'error', which the listener above has kept for `check`.
      if (!process.stdout.write(text)) await once(process.stdout, 'drain').catch(() => undefined);
      check();
    },
    close: async () => check(),
    discard: () => undefined,
  };
}

export function openSink(out: string | undefined): Promise<Sink> {
  return out ? fileSink(out) : Promise.resolve(stdoutSink());
}
