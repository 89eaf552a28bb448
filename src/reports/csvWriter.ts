/**
 * The one CSV writer of every file the app produces (person export, campaign mail merge). Pure.
 *
 * Written comma-separated, but read by spreadsheets that split on `;` (German Excel) as well as
 * on `,`. A reader splitting on `;` ignores our quotes wherever a `;` or line break inside a
 * quoted cell starts a new field, so quoting alone cannot stop `x;=HYPERLINK(…)` from becoming a
 * formula cell there. Therefore:
 * - every place where either reader may start a cell — the value's start and each position after
 *   `,` `;` CR or LF in it (spaces and quotes skipped) — that begins with = + - @, tab or CR gets
 *   an apostrophe in front (`-2+3` → `'-2+3`, phone numbers such as "+49 30 123" included: a
 *   spreadsheet would evaluate those as well);
 * - a value holding `,` `;` a quote or a line break is quoted, quotes doubled (RFC 4180).
 */

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const CELL_BREAK = new Set([',', ';', '\r', '\n']);
const NEEDS_QUOTES = /[",;\r\n]/;

/** The value with an apostrophe before each formula character where a reader may start a cell. */
function neutraliseFormulas(value: string): string {
  let out = '';
  let cellStart = true;
  for (const c of value) {
    if (cellStart && FORMULA_START.has(c)) out += "'";
    if (CELL_BREAK.has(c)) cellStart = true;
    else if (c !== ' ' && c !== '"') cellStart = false;
    out += c;
  }
  return out;
}

/** One cell, neutralised and quoted as the file comment says. */
export function csvField(value: string): string {
  const safe = neutraliseFormulas(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as a CSV file: UTF-8 BOM (so Excel detects the encoding), comma-separated, CRLF lines. */
export function csvDocument(rows: Iterable<readonly string[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
