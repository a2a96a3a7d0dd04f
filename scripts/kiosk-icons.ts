/**
 * Draws the kiosk app's PNG icons (public/kiosk/icon-*.png) from the same
 * shapes as public/icon.svg: the app's red tile with a smiling face. Run once
 * after changing the design and commit the PNGs:
 *
 *   npx tsx scripts/kiosk-icons.ts
 *
 * No image toolchain needed: shapes are tested per pixel on a 4×4 grid of
 * sub-samples (anti-aliasing) and written with pngjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];
const hex = (h: string): Rgba => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];
const BRAND = hex('#a3141c');
const FACE = hex('#fbc02d');
const INK = hex('#1a1a1a');
const CLEAR: Rgba = [0, 0, 0, 0];

/** Points along the mouth, the quadratic curve M15 27 Q24 37 33 27 of icon.svg. */
const MOUTH = Array.from({ length: 240 }, (_, i) => {
  const t = i / 239;
  const u = 1 - t;
  return [u * u * 15 + 2 * u * t * 24 + t * t * 33, u * u * 27 + 2 * u * t * 37 + t * t * 27] as const;
});

function nearMouth(x: number, y: number, halfWidth: number): boolean {
  if (x < 13 || x > 35 || y < 25 || y > 34) return false;
  return MOUTH.some(([mx, my]) => (x - mx) ** 2 + (y - my) ** 2 <= halfWidth * halfWidth);
}

/** The colour at a point of the 48-unit design; `tile` rounds the corners (a maskable icon is a full square). */
function colourAt(x: number, y: number, rounded: boolean): Rgba {
  if (rounded) {
    const r = 10;
    const cx = Math.min(Math.max(x, r), 48 - r);
    const cy = Math.min(Math.max(y, r), 48 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return CLEAR;
  }
  if ((x - 18) ** 2 + (y - 20) ** 2 <= 2.5 ** 2 || (x - 30) ** 2 + (y - 20) ** 2 <= 2.5 ** 2) return INK;
  if (nearMouth(x, y, 1.5)) return INK;
  if ((x - 24) ** 2 + (y - 24) ** 2 <= 16 * 16) return FACE;
  return BRAND;
}

function draw(size: number, rounded: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(((px + (sx + 0.5) / n) * 48) / size, ((py + (sy + 0.5) / n) * 48) / size, rounded);
          // Premultiplied, so transparent corners do not darken the edge.
          sum[0]! += (c[0] * c[3]) / 255;
          sum[1]! += (c[1] * c[3]) / 255;
          sum[2]! += (c[2] * c[3]) / 255;
          sum[3]! += c[3];
        }
      }
      const a = sum[3]! / (n * n);
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round((sum[0]! / (n * n)) * (255 / a)) : 0;
      png.data[i + 1] = a ? Math.round((sum[1]! / (n * n)) * (255 / a)) : 0;
      png.data[i + 2] = a ? Math.round((sum[2]! / (n * n)) * (255 / a)) : 0;
      png.data[i + 3] = Math.round(a);
    }
  }
  return PNG.sync.write(png);
}

const out = path.join(__dirname, '..', 'public', 'kiosk');
fs.mkdirSync(out, { recursive: true });
// The face fills two thirds of the tile, inside the maskable safe zone (a circle of 40 % radius).
for (const [name, size, rounded] of [
  ['icon-192.png', 192, true],
  ['icon-512.png', 512, true],
  ['icon-maskable-192.png', 192, false],
  ['icon-maskable-512.png', 512, false],
] as const) {
  fs.writeFileSync(path.join(out, name), draw(size, rounded));
  console.log(`public/kiosk/${name}`);
}
