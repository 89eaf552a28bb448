/**
 * The look every PDF document shares: A4 geometry after DIN 5008, the embedded font, colours and
 * line height. One place, so that letters, the Auskunft and the register look alike.
 */

/** DejaVu Sans faces as base64 TTF (see fonts.ts): the 14 standard fonts lack Ł, ş, Greek, Cyrillic. */
export interface PdfFonts {
  regular: string;
  bold: string;
}

export const PDF_FONT = 'DejaVuSans';

/** A4 in millimetres; margins after DIN 5008 (left 25 mm, right 20 mm). */
export const PAGE = {
  width: 210,
  height: 297,
  left: 25,
  right: 20,
  top: 20,
  /** Where content starts on pages 2..n, below the running header. */
  continuationTop: 24,
  /** Content must end above this line; the footer lives below it. */
  bottom: 275,
} as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export type Rgb = [number, number, number];
export const INK: Rgb = [33, 37, 41];
export const MUTED: Rgb = [108, 117, 125];
export const RULE: Rgb = [206, 212, 218];
export const HEAD_FILL: Rgb = [241, 243, 245];
export const ACCENT: Rgb = [31, 64, 112];

export const LINE_HEIGHT_FACTOR = 1.3;
const PT_TO_MM = 25.4 / 72;

/** The height of one line of text at `sizePt`, in mm. */
export function lineHeight(sizePt: number): number {
  return sizePt * LINE_HEIGHT_FACTOR * PT_TO_MM;
}
