#!/usr/bin/env node
/**
 * Generates the PWA icons (public/icons/*.png) with a tiny PNG encoder: a white shield with a
 * check mark on the brand colour. Run once when the design changes: `node scripts/make-icons.mjs`.
 * No image package needed: PNG is zlib-deflated scanlines plus CRC-checked chunks.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = [0x0f, 0x5f, 0x7a];
const WHITE = [0xff, 0xff, 0xff];
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1), centred on (0.5, 0.5) before scaling.
function inRoundedSquare(x, y, r) {
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}
function inShield(x, y) {
  if (y < 0.14 || y > 0.88) return false;
  if (y <= 0.52) {
    // Flat top with slight shoulders.
    const half = 0.3 - Math.max(0, 0.2 - y) * 0.6;
    return Math.abs(x - 0.5) <= half;
  }
  const t = (y - 0.52) / 0.36;
  const half = 0.3 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 0.5) <= half;
}
function distToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax,
    vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}
function inCheck(x, y) {
  const w = 0.05;
  return distToSegment(x, y, 0.36, 0.5, 0.46, 0.61) <= w || distToSegment(x, y, 0.46, 0.61, 0.66, 0.37) <= w;
}

/** `scale` shrinks the glyph towards the centre (maskable icons keep it in the safe zone). */
function render(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4; // 4×4 supersampling for smooth edges
  const scale = maskable ? 0.78 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          const inBg = maskable || inRoundedSquare(x, y, 0.2);
          if (!inBg) continue;
          const gx = (x - 0.5) / scale + 0.5;
          const gy = (y - 0.5) / scale + 0.5;
          const colour = inShield(gx, gy) ? (inCheck(gx, gy) ? BRAND : WHITE) : BRAND;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const n = S * S;
      const i = (py * size + px) * 4;
      // Premultiplied sums → straight alpha.
      rgba[i] = a ? Math.round((r * 255) / a) : 0;
      rgba[i + 1] = a ? Math.round((g * 255) / a) : 0;
      rgba[i + 2] = a ? Math.round((b * 255) / a) : 0;
      rgba[i + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, rgba);
}

mkdirSync(OUT, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-512-maskable.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
]) {
  writeFileSync(join(OUT, name), render(size, { maskable }));
  console.log(`wrote public/icons/${name}`);
}
