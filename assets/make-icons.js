#!/usr/bin/env node
// Draws the add-in's icons as PNGs with zlib only (no image library): `node assets/make-icons.js`.
// Shapes are defined on a unit square and rendered with 4×4 supersampling.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- shapes: each returns true when (x, y) in [0,1]² is inside -------------------------
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const stroke = (pts, w) => (x, y) => {
  for (let i = 1; i < pts.length; i++) if (segDist(x, y, ...pts[i - 1], ...pts[i]) <= w / 2) return true;
  return false;
};
const polygon = (pts) => (x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
/** Arc of a ring from angle a0 to a1 (radians, clockwise from +x with y down). */
const arc = (cx, cy, r, w, a0, a1) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  if (Math.abs(d - r) > w / 2) return false;
  let a = Math.atan2(y - cy, x - cx);
  while (a < a0) a += 2 * Math.PI;
  return a <= a1;
};

function render(size, layers) {
  const S = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let col = null;
          for (const [shape, color] of layers) if (shape(x, y)) col = color;
          if (col) {
            r += col[0];
            g += col[1];
            b += col[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (S * S));
      }
    }
  }
  return png(size, out);
}

const BLUE = hex('#1F5FA8');
const WHITE = hex('#FFFFFF');
const LINE = hex('#9DB7D5');
const GOLD = hex('#F2B01E');
const GREEN = hex('#1E8C45');
const ORANGE = hex('#D9661F');
const GREY = hex('#5B6770');

// The add-in: a blue tile, a white form with lines, a gold check.
const addin = (small) => [
  [roundRect(0.04, 0.04, 0.96, 0.96, 0.16), BLUE],
  [roundRect(0.2, 0.14, 0.68, 0.86, 0.04), WHITE],
  ...(small
    ? []
    : [
        [
          stroke(
            [
              [0.28, 0.3],
              [0.6, 0.3],
            ],
            0.05,
          ),
          LINE,
        ],
        [
          stroke(
            [
              [0.28, 0.42],
              [0.6, 0.42],
            ],
            0.05,
          ),
          LINE,
        ],
        [
          stroke(
            [
              [0.28, 0.54],
              [0.5, 0.54],
            ],
            0.05,
          ),
          LINE,
        ],
      ]),
  [circle(0.7, 0.7, 0.22), GOLD],
  [
    stroke(
      [
        [0.6, 0.7],
        [0.67, 0.78],
        [0.8, 0.62],
      ],
      small ? 0.09 : 0.07,
    ),
    WHITE,
  ],
];
// 重新计算: a blue circular arrow.
const recompute = () => [
  [arc(0.5, 0.52, 0.32, 0.13, -Math.PI * 0.35, Math.PI * 1.45), BLUE],
  [
    polygon([
      [0.66, 0.06],
      [0.92, 0.26],
      [0.6, 0.38],
    ]),
    BLUE,
  ],
];
// 提交前校验: a green disc with a white check.
const validate = () => [
  [circle(0.5, 0.5, 0.44), GREEN],
  [
    stroke(
      [
        [0.28, 0.52],
        [0.44, 0.68],
        [0.73, 0.36],
      ],
      0.12,
    ),
    WHITE,
  ],
];
// 清除标记: an orange back arrow over a grey cell.
const restore = () => [
  [roundRect(0.1, 0.44, 0.9, 0.92, 0.06), GREY],
  [roundRect(0.18, 0.52, 0.82, 0.84, 0.03), WHITE],
  [
    stroke(
      [
        [0.3, 0.26],
        [0.66, 0.26],
        [0.8, 0.36],
        [0.8, 0.5],
      ],
      0.11,
    ),
    ORANGE,
  ],
  [
    polygon([
      [0.1, 0.26],
      [0.34, 0.08],
      [0.34, 0.44],
    ]),
    ORANGE,
  ],
];
// 打开助手: a window with a right-hand pane.
const taskpane = () => [
  [roundRect(0.06, 0.12, 0.94, 0.88, 0.06), BLUE],
  [roundRect(0.12, 0.24, 0.56, 0.82, 0.02), WHITE],
  [roundRect(0.62, 0.24, 0.88, 0.82, 0.02), hex('#D6E6F7')],
];

const out = path.join(__dirname);
const files = [];
for (const size of [16, 32, 64, 80, 128]) files.push([`icon-${size}.png`, render(size, addin(size <= 16))]);
for (const [name, layers] of Object.entries({ recompute, validate, restore, taskpane })) {
  for (const size of [16, 32, 80]) files.push([`${name}-${size}.png`, render(size, layers())]);
}
for (const [name, buf] of files) fs.writeFileSync(path.join(out, name), buf);
console.log(`wrote ${files.length} icons to ${out}`);
