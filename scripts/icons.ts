/**
 * Draws the toolbar icons (public/icon/{16,32,48,128}.png): a seal-red rounded square with a white
 * table grid and a check mark. Pure Node (zlib for PNG), anti-aliased by 4×4 supersampling.
 * Run: npx tsx scripts/icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];

const RED: RGBA = [198, 40, 40, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const GRID: RGBA = [255, 255, 255, 110];

/** Signed distance to a rounded square of half-size h and corner radius r, centred at (0.5, 0.5). */
function roundedSquare(x: number, y: number, h: number, r: number): number {
  const qx = Math.abs(x - 0.5) - h + r;
  const qy = Math.abs(y - 0.5) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from (x, y) to the segment a–b. */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function over(dst: RGBA, src: RGBA, coverage: number): RGBA {
  const a = (src[3] / 255) * coverage;
  return [dst[0] * (1 - a) + src[0] * a, dst[1] * (1 - a) + src[1] * a, dst[2] * (1 - a) + src[2] * a, dst[3] + (255 - dst[3]) * a];
}

/** The colour of one sample point (x, y in 0..1). */
function sample(x: number, y: number, size: number): RGBA {
  let c: RGBA = [0, 0, 0, 0];
  if (roundedSquare(x, y, 0.47, 0.16) > 0) return c;
  c = over(c, RED, 1);
  // The table grid only where there are pixels enough to show it.
  if (size >= 32) {
    const w = 0.018;
    const lines = [0.3, 0.5, 0.7];
    const onGrid =
      lines.some((l) => Math.abs(x - l) < w && y > 0.22 && y < 0.78) || lines.some((l) => Math.abs(y - l) < w && x > 0.22 && x < 0.78);
    if (onGrid) c = over(c, GRID, 1);
  }
  const stroke = size >= 32 ? 0.075 : 0.095;
  const d = Math.min(segment(x, y, 0.25, 0.53, 0.43, 0.7), segment(x, y, 0.43, 0.7, 0.77, 0.32));
  if (d < stroke) c = over(c, WHITE, 1);
  return c;
}

function render(size: number): Buffer {
  const ss = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const acc: [number, number, number, number] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          // Premultiplied, so transparent samples do not darken the edge.
          acc[0] += (r * a) / 255;
          acc[1] += (g * a) / 255;
          acc[2] += (b * a) / 255;
          acc[3] += a;
        }
      }
      const n = ss * ss;
      const a = acc[3] / n;
      const o = 1 + px * 4;
      row[o] = a ? Math.round((acc[0] / n / a) * 255) : 0;
      row[o + 1] = a ? Math.round((acc[1] / n / a) * 255) : 0;
      row[o + 2] = a ? Math.round((acc[2] / n / a) * 255) : 0;
      row[o + 3] = Math.round(a);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG from filtered scanlines (filter byte 0 on each row). */
function png(width: number, height: number, scanlines: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'icon');
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(join(out, `${size}.png`), render(size));
  console.log(`public/icon/${size}.png`);
}
