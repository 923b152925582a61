/** mammoth set up for Node: its Node build, which takes the file's bytes as a Buffer. */
import type { MammothApi } from '../../lib/sources';

let loaded: Promise<{ api: MammothApi; input: (bytes: Uint8Array) => object }> | undefined;

export function nodeMammoth(): Promise<{ api: MammothApi; input: (bytes: Uint8Array) => object }> {
  loaded ??= (async () => {
    const mod = await import('mammoth');
    const api = (mod.default ?? mod) as unknown as MammothApi;
    return { api, input: (bytes: Uint8Array) => ({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }) };
  })();
  return loaded;
}
