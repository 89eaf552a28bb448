/**
 * vCard syntax, 2.1, 3.0 and 4.0 as real address books write them (RFC 2426, RFC 6350 and the
 * 2.1 spec): text to cards of properties — unfolding, quoted-printable and charsets, parameter
 * forms, escapes and the BEGIN/END structure. What the properties mean is vcard.ts's business.
 */
import type { MessageKey } from '../../i18n/messages';
import { decodeWindows1252, isWindows1252 } from '../import/decode';
import { excerpt, type ImportMessage, type ImportProblem } from '../import/types';

export interface VCardProperty {
  /** Group prefix as in "item1.ADR"; '' when none. */
  group: string;
  /** Upper case: 'ADR', 'TEL', 'X-ABLABEL'. */
  name: string;
  /**
   * Upper-case parameter names; TYPE values in lower case. Bare 2.1 parameters count as TYPE.
   * Only the parameters the line has.
   */
  params: Partial<Record<string, string[]>>;
  /** The value with quoted-printable decoded, still vCard-escaped (\, \; \n). */
  value: string;
  line: number;
}

export interface VCard {
  /** Line of BEGIN:VCARD. */
  line: number;
  properties: VCardProperty[];
  warnings: ImportMessage[];
}

// ---------------------------------------------------------------------------------------------
// Lines

interface LogicalLine {
  text: string;
  line: number;
}

/** The part before the value, cheaply: long values are never scanned for parameters. */
function headOf(line: string): string {
  const colon = line.indexOf(':');
  return colon < 0 ? '' : line.slice(0, Math.min(colon, 1000));
}

const QP_HEAD = /QUOTED-PRINTABLE/i;
const BASE64_HEAD = /(ENCODING=(B|BASE64)\b|;BASE64\b)/i;
const BASE64_LINE = /^[A-Za-z0-9+/=]+\s*$/;

/**
 * A text's physical lines: a break is a line feed with any carriage returns before it (a file
 * converted twice writes "\r\r\n"), or a carriage return alone. By one pass: the regular expression
 * `/\r*\n|\r/` said the same, but took quadratic time on a long run of carriage returns (160 KB of
 * them: 11 s in a worker nothing stops).
 */
export function physicalLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 13 && c !== 10) {
      i++;
      continue;
    }
    lines.push(text.slice(start, i));
    let end = i;
    while (text.charCodeAt(end) === 13) end++;
    if (text.charCodeAt(end) === 10) i = end + 1;
    else {
      // Carriage returns not ending in a line feed: each is a break of its own.
      for (let k = i + 1; k < end; k++) lines.push('');
      i = end;
    }
    start = i;
  }
  lines.push(text.slice(start));
  return lines;
}

/**
 * Physical lines to logical ones, each given as it is complete. Folding: a line starting with
 * a space or tab continues the previous one. Quoted-printable (2.1): a value line ending in "=" is
 * a soft break and continues with the next line as it stands. 2.1 base64 (photos) may continue
 * without indentation up to a blank line; those lines are dropped here, since photos are not
 * imported.
 */
function* logicalLines(text: string): Generator<LogicalLine> {
  const lines = physicalLines(text);
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const parts = [lines[i]];
    i++;
    const qp = QP_HEAD.test(headOf(parts[0]));
    for (;;) {
      const next = lines.at(i);
      if (next === undefined) break;
      const last = parts[parts.length - 1];
      if (qp && last.endsWith('=')) {
        parts[parts.length - 1] = last.slice(0, -1);
        parts.push(next);
      } else if (next.startsWith(' ') || next.startsWith('\t')) {
        parts.push(next.slice(1));
      } else break;
      i++;
    }
    const joined = parts.length === 1 ? parts[0] : parts.join('');
    if (BASE64_HEAD.test(headOf(joined))) {
      while (i < lines.length && BASE64_LINE.test(lines[i])) i++;
    }
    yield { text: joined, line: start + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// Properties

/** Split at `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

function colonIndex(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return i;
  }
  // An unclosed quote in the parameters: fall back to the first colon.
  return line.indexOf(':');
}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
const unquote = (v: string) => v.trim().replace(/^"(.*)"$/s, '$1');

function parseParams(parts: string[]): Partial<Record<string, string[]>> {
  const params: Partial<Record<string, string[]>> = {};
  const add = (key: string, values: string[]) => (params[key] ??= []).push(...values);
  for (const part of parts) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      // vCard 2.1 bare parameters: ";WORK;VOICE", ";QUOTED-PRINTABLE".
      const bare = part.trim().toUpperCase();
      if (ENCODINGS.has(bare)) add('ENCODING', [bare]);
      else add('TYPE', [bare.toLowerCase()]);
      continue;
    }
    const key = part.slice(0, eq).trim().toUpperCase();
    // TYPE=work,voice and TYPE="work,voice" both list two types.
    const values = splitOutsideQuotes(part.slice(eq + 1), ',').flatMap((v) => unquote(v).split(','));
    add(key, key === 'TYPE' ? values.map((v) => v.trim().toLowerCase()) : values.map((v) => v.trim()));
  }
  return params;
}

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label, { fatal: true });
    decoders.set(label, d);
  }
  return d;
}

/**
 * Quoted-printable bytes in the declared charset. Unknown charsets are read as UTF-8, and bytes
 * that are not valid UTF-8 as Windows-1252 (what "ANSI" exports usually are), with a warning.
 */
function decodeQuotedPrintable(value: string, charset: string, warn: (m: ImportMessage) => void): string {
  let label = charset.trim().toLowerCase() || 'utf-8';
  if (label === 'us-ascii' || label === 'ascii') label = 'utf-8';
  try {
    decoder(label);
  } catch {
    warn({ messageKey: 'import.warning.unknownCharset', params: { charset: excerpt(charset, 30) } });
    label = 'utf-8';
  }
  const cp1252 = isWindows1252(label);
  const decoded = value.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    if (cp1252) return decodeWindows1252(bytes);
    try {
      return decoder(label).decode(bytes);
    } catch {
      return decodeWindows1252(bytes);
    }
  });
  return decoded.endsWith('=') ? decoded.slice(0, -1) : decoded;
}

/** One logical line as a property; null when it is not one (no colon or no name). */
export function parseProperty(line: LogicalLine, warn: (m: ImportMessage) => void): VCardProperty | null {
  const colon = colonIndex(line.text);
  if (colon <= 0) return null;
  const [groupName = '', ...paramParts] = splitOutsideQuotes(line.text.slice(0, colon), ';');
  const dot = groupName.lastIndexOf('.');
  const name = groupName
    .slice(dot + 1)
    .trim()
    .toUpperCase();
  if (!name) return null;
  const params = parseParams(paramParts);
  const encoding = (params.ENCODING?.[0] ?? '').toUpperCase();
  let value = line.text.slice(colon + 1);
  if (encoding === 'QUOTED-PRINTABLE') value = decodeQuotedPrintable(value, params.CHARSET?.[0] ?? '', warn);
  return { group: dot < 0 ? '' : groupName.slice(0, dot).trim(), name, params, value, line: line.line };
}

// ---------------------------------------------------------------------------------------------
// Cards

const BEGIN = /^BEGIN\s*:\s*VCARD\s*$/i;
const END = /^END\s*:\s*VCARD\s*$/i;

function cardName(card: VCard): string | undefined {
  const fn = card.properties.find((p) => p.name === 'FN')?.value;
  return fn ? excerpt(unescapeText(fn), 60) : undefined;
}

/** The cards of a file, with problems about its structure (unended cards, stray text). */
export function readVCards(text: string): { cards: VCard[]; problems: ImportProblem[] } {
  const cards: VCard[] = [];
  const problems = eachVCard(text, (card) => cards.push(card));
  return { cards, problems };
}

/**
 * Each card of a file handed on as its END is read, and the problems about the file's structure
 * (unended cards, stray text): a caller that turns each card into something smaller (parseVCards)
 * never holds every card's properties at once — at 10,000 cards, what the collector had to keep.
 */
export function eachVCard(text: string, onCard: (card: VCard) => void): ImportProblem[] {
  const problems: ImportProblem[] = [];
  let card: VCard | null = null;
  /** Depth inside an embedded card (2.1 AGENT), whose content is skipped. */
  let embedded = 0;
  let strayReported = false;
  const problem = (line: number, messageKey: MessageKey, name?: string) =>
    problems.push(name ? { line, messageKey, name } : { line, messageKey });

  for (const l of logicalLines(text)) {
    const trimmed = l.text.trim();
    if (!trimmed) continue;
    if (BEGIN.test(trimmed)) {
      strayReported = false;
      if (card) {
        const last = card.properties.at(-1);
        if (embedded > 0 || (last?.name === 'AGENT' && !last.value.trim())) {
          embedded++;
          continue;
        }
        problem(card.line, 'import.problem.missingEnd', cardName(card));
      }
      card = { line: l.line, properties: [], warnings: [] };
      continue;
    }
    if (END.test(trimmed)) {
      if (embedded > 0) embedded--;
      else if (card) {
        onCard(card);
        card = null;
      } else problem(l.line, 'import.problem.endWithoutBegin');
      continue;
    }
    if (!card) {
      // Report a run of text outside any card once, at its first line.
      if (!strayReported) problem(l.line, 'import.problem.strayText');
      strayReported = true;
      continue;
    }
    if (embedded > 0) continue;
    const current: VCard = card;
    const property = parseProperty(l, (m) => current.warnings.push(m));
    if (property) current.properties.push(property);
    else current.warnings.push({ messageKey: 'import.warning.ignoredLine', params: { line: l.line } });
  }
  if (card) problem(card.line, 'import.problem.missingEnd', cardName(card));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Split at an unescaped separator (';' between components, ',' between list entries). */
export function splitEscaped(value: string, sep: ';' | ','): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\') i++;
    else if (ch === sep) {
      out.push(value.slice(from, i));
      from = i + 1;
    }
  }
  out.push(value.slice(from));
  return out;
}

/**
 * Undo vCard escaping: \\ \, \; and \n (a line break) from the RFCs, \: and \" as Apple and Google
 * write them. Other backslashes stay.
 */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;:"nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** A structured value's components, each unescaped. */
export function components(value: string): string[] {
  return splitEscaped(value, ';').map(unescapeText);
}
