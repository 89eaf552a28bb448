/**
 * Column widths from the content, so that a table never splits a word mid-word: jspdf-autotable
 * breaks a word wider than its column anywhere ("Bankverbindun g"). Every column is made as wide
 * as its widest word (headers in bold); only when the page cannot hold that is a word too wide
 * hyphenated — after a hyphen it already has where possible, else with a hyphen added. Pure: the
 * text is measured by the caller's function, in mm.
 */

export interface LayoutColumn {
  header: string;
  /** Preferred width in mm; omitted = share the rest. */
  width?: number;
}

/** The width of `text` in mm, in the header's (bold) or the body's font. */
export type Measure = (text: string, bold: boolean) => number;

export interface TableLayout {
  /** Per column: a width in mm, or the least width of a column sharing the rest. */
  widths: { width: number; fixed: boolean }[];
  head: string[];
  body: string[][];
}

/** Below this a column is not narrowed to make room for others (mm). */
const NARROWEST = 14;
/** Rounding of the measured widths against the layout's own. */
const SLACK = 0.4;

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Pieces of `word` that fit `room`: cut after its own hyphens first, else with a hyphen added. */
export function hyphenate(word: string, width: number, measure: (s: string) => number): string[] {
  // Measured widths are sums of fractions: a word exactly as wide as the room fits.
  const room = width + 1e-6;
  if (measure(word) <= room) return [word];
  const pieces: string[] = [];
  let rest = word;
  while (measure(rest) > room) {
    // The longest start that fits: ending in one of the word's own hyphens, else cut with one added.
    let cut = -1;
    for (let i = rest.indexOf('-'); i > 0 && i < rest.length - 1; i = rest.indexOf('-', i + 1))
      if (measure(rest.slice(0, i + 1)) <= room) cut = i + 1;
    if (cut > 0) {
      pieces.push(rest.slice(0, cut));
    } else {
      cut = rest.length - 1;
      while (cut > 1 && measure(`${rest.slice(0, cut)}-`) > room) cut--;
      pieces.push(`${rest.slice(0, cut)}-`);
    }
    rest = rest.slice(cut);
  }
  return [...pieces, rest];
}

/** The text with every word wider than `room` hyphenated (the pieces joined by spaces, where lines may break). */
function hyphenateText(text: string, room: number, measure: (s: string) => number): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) => hyphenate(word, room, measure).join(' '))
        .join(' '),
    )
    .join('\n');
}

/**
 * Widths that hold each column's widest word (plus the cells' `padding`), within `total` mm: when
 * they do not fit, columns wider than their widest word give way first, then the widest columns
 * down to NARROWEST, and the words that no longer fit are hyphenated.
 */
export function layoutTable(
  columns: readonly LayoutColumn[],
  body: readonly (readonly string[])[],
  measure: Measure,
  padding: number,
  total: number,
): TableLayout {
  const need = columns.map((c, i) => {
    const words = [
      ...wordsOf(c.header).map((w) => measure(w, true)),
      ...body.flatMap((row) => wordsOf(row[i] ?? '').map((w) => measure(w, false))),
    ];
    return Math.max(0, ...words) + padding + SLACK;
  });
  const widths = columns.map((c, i) => Math.max(c.width ?? 0, need[i]));
  const sum = () => widths.reduce((a, b) => a + b, 0);
  // First the room columns have beyond their widest word, then — only if the page is still too
  // narrow — room below it (those words are hyphenated), down to NARROWEST.
  for (const floor of [need, columns.map(() => NARROWEST)]) {
    while (sum() > total + 0.01) {
      const widest = widths.reduce((best, w, i) => (w - floor[i] > widths[best] - floor[best] ? i : best), 0);
      const spare = widths[widest] - floor[widest];
      if (spare <= 0.01) break;
      // A step at a time, so that the room is taken from the widest in turn.
      widths[widest] = widths[widest] - Math.min(spare, sum() - total, 1);
    }
  }
  const room = widths.map((w) => w - padding - SLACK);
  return {
    widths: columns.map((c, i) => ({ width: widths[i], fixed: c.width !== undefined })),
    head: columns.map((c, i) => hyphenateText(c.header, room[i], (s) => measure(s, true))),
    body: body.map((row) => row.map((cell, i) => hyphenateText(cell, room[i], (s) => measure(s, false)))),
  };
}
