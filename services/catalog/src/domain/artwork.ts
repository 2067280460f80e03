// Generated product artwork: one deterministic SVG per product (its category's colour, a shape and
// its initials, and its name), so a fresh shop has images without binary files or the internet.

export interface ArtworkSubject {
  name: string;
  categorySlug: string;
}

const SIZE = 400;
const CENTER = SIZE / 2;
const NAME_MAX_CHARS = 30;

// Four simple shapes centred on the artwork's upper part; a product always gets the same one.
const SHAPES = [
  `<circle cx="${CENTER}" cy="170" r="110"/>`,
  `<rect x="95" y="65" width="210" height="210" rx="36"/>`,
  `<polygon points="200,55 315,170 200,285 85,170"/>`,
  `<polygon points="200,58 297,114 297,226 200,282 103,226 103,114"/>`,
];

/** The SVG for a product; the same name and category always give the same bytes (so ETags are stable). */
export function productArtwork({ name, categorySlug }: ArtworkSubject): string {
  const hue = hash(categorySlug) % 360;
  const shape = SHAPES[hash(name) % SHAPES.length];
  const title = escapeXml(name);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="title">`,
    `<title id="title">${title}</title>`,
    `<rect width="${SIZE}" height="${SIZE}" fill="${hslToHex(hue, 60, 94)}"/>`,
    `<g fill="${hslToHex(hue, 55, 40)}">${shape}</g>`,
    `<text x="${CENTER}" y="170" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="88" font-weight="700" fill="#ffffff">${escapeXml(initialsOf(name))}</text>`,
    `<text x="${CENTER}" y="350" text-anchor="middle" font-family="system-ui, sans-serif" font-size="22" fill="${hslToHex(hue, 45, 22)}">${escapeXml(shorten(name))}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Up to two letters: the first letter or digit of each of the first two words. */
export function initialsOf(name: string): string {
  // Apostrophes join a word ("Chef's Knife" is CK, not CS).
  const words = name
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const initials = words
    .slice(0, 2)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
  return initials || '?';
}

/** Text safe inside an XML element or attribute; characters XML forbids (C0 controls) are dropped. */
export function escapeXml(text: string): string {
  const replacements: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the controls XML 1.0 does not allow
  const allowed = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return allowed.replace(/[&<>"']/g, (c) => replacements[c] ?? c);
}

function shorten(name: string): string {
  const chars = [...name];
  return chars.length <= NAME_MAX_CHARS
    ? name
    : `${chars
        .slice(0, NAME_MAX_CHARS - 1)
        .join('')
        .trimEnd()}…`;
}

// FNV-1a: a tiny, stable string hash; only used to pick colours and shapes, never for security.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Hex colours rather than hsl() so every SVG renderer, old ones included, shows the same thing.
function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
