/**
 * Shared scaffolding for the official-letter PDFs (Auskunft, consent-request letters, Art. 30
 * register): letterhead, address window, section headings, paragraphs, tables with light lines,
 * running header and "Seite X von Y" footer, in the look of theme.ts.
 *
 * jsPDF and jspdf-autotable are imported dynamically so that neither lands in the initial bundle;
 * only the types are imported statically.
 */
import type { jsPDF } from 'jspdf';
import type { CellHookData, Table, UserOptions } from 'jspdf-autotable';
import { cityLine, joinNonEmpty } from '../domain/address';
import { requireController, type Controller } from '../domain/settings';
import { localeOf } from '../i18n/locale';
import { t, type Language } from '../i18n/messages';
import {
  ACCENT,
  CONTENT_WIDTH,
  HEAD_FILL,
  INK,
  LINE_HEIGHT_FACTOR,
  lineHeight,
  MUTED,
  PAGE,
  PDF_FONT,
  RULE,
  type PdfFonts,
  type Rgb,
} from './theme';

import { layoutTable, type LayoutColumn } from './tableLayout';

export type { PdfFonts } from './theme';

export interface LetterOptions {
  fonts: PdfFonts;
  lang: Language;
  /** What the document is, e.g. "Auskunft nach Art. 15 DSGVO": in every footer. */
  title: string;
  /** Whom it is about, if one person: added to the title in the PDF metadata and the running header. */
  about?: string;
  /** Who issues the document: named in the letterhead and every footer. */
  controller: Controller;
}

/** The title with whom the document is about: "Auskunft … – Dr. Max Mustermann". */
function fullTitle({ title, about }: Pick<LetterOptions, 'title' | 'about'>): string {
  return about ? `${title} – ${about}` : title;
}

export type TableColumn = LayoutColumn;

/** Left and right padding of a table cell (mm). */
const CELL_PADDING_X = 1.6;

/** Sender and recipient for the address window (DIN 5008 form B). */
export interface LetterAddress {
  senderLine: string;
  recipientLines: string[];
}

/**
 * The address window of a DIN 5008 form B letter (45 to 90 mm from the top): its width, and the
 * lowest baseline that keeps a line's descenders inside it.
 */
const WINDOW = { width: 85, lastBaseline: 88 } as const;

/** Pages numbered on their own ("Seite 1 von 2" per letter), with their own running header. */
export interface PageRun {
  first: number;
  last: number;
  runningTitle: string;
}

/** The controller as the small sender line above a recipient's address: name, street, city. */
export function controllerSenderLine(c: Controller): string {
  return joinNonEmpty(' · ', [c.name, c.street, cityLine(c)]);
}

/** A letter being written top to bottom; `y` is the cursor in mm. */
/**
 * jspdf-autotable's two steps (its `autoTable` is both): a table laid out, then drawn — so a table
 * can be measured before it is placed. Exported by autotable as experimental; pinned in package.json.
 */
interface TableDrawing {
  create: (doc: jsPDF, options: UserOptions) => Table;
  draw: (doc: jsPDF, table: Table) => void;
}

export class PdfLetter {
  y: number = PAGE.top;

  constructor(
    readonly doc: jsPDF,
    private readonly tables: TableDrawing,
    private readonly options: LetterOptions,
  ) {}

  /** Letterhead: the controller's name and a one-line address and contact, over a thin rule. */
  letterhead(name = this.options.controller.name): void {
    const { doc } = this;
    const c = this.options.controller;
    const addressLine = joinNonEmpty(' · ', [c.street, cityLine(c), c.email, c.phone]);
    this.font('bold', 14, ACCENT);
    doc.text(name, PAGE.left, this.y + 5);
    this.font('normal', 8.5, MUTED);
    if (addressLine) doc.text(addressLine, PAGE.left, this.y + 10.5);
    this.rule(this.y + 14);
    this.y += 14;
  }

  /**
   * Address window and information block, placed like a DIN 5008 letter so that it fits a
   * windowed envelope: sender line at 50 mm, recipient below; info block at the right. Nothing in
   * the window is cut off — a cut house number makes a letter undeliverable: long lines wrap, and
   * what does not fit the window's height at 10.5 pt is set smaller (down to 8 pt, DIN 5008's
   * least); only an address too long even then runs below the window, still whole.
   */
  addressBlock(address: LetterAddress, info: [string, string][]): void {
    const { doc } = this;
    const top = 50;
    this.senderLine(address.senderLine, top);
    doc.setDrawColor(...RULE);
    doc.setLineWidth(0.1);
    doc.line(PAGE.left, top + 1.2, PAGE.left + WINDOW.width, top + 1.2);
    const recipient = address.recipientLines.filter(Boolean);
    const first = top + 7;
    let size = 10.5;
    let step = 5;
    let lines = this.wrapped(recipient, size);
    for (const [s, st] of [
      [9.5, 4.5],
      [8.5, 4],
      [8, 3.8],
    ] as const) {
      if (first + (lines.length - 1) * step <= WINDOW.lastBaseline) break;
      [size, step] = [s, st];
      lines = this.wrapped(recipient, size);
    }
    this.font('normal', size, INK);
    lines.forEach((line, i) => doc.text(line, PAGE.left, first + i * step));

    const labelX = 125;
    info.forEach(([label, value], i) => {
      this.font('normal', 8.5, MUTED);
      doc.text(label, labelX, first + i * 5);
      this.font('normal', 9.5, INK);
      doc.text(value, PAGE.width - PAGE.right, first + i * 5, { align: 'right' });
    });
    // Below the window; lower only when an address too long ran past it.
    const lastBaseline = Math.max(first + (lines.length - 1) * step, first + (info.length - 1) * 5);
    this.y = Math.max(top + 38, lastBaseline > WINDOW.lastBaseline ? lastBaseline + 4 : 0, this.y);
  }

  /** The recipient's lines wrapped to the window's width at `size`. */
  private wrapped(lines: readonly string[], size: number): string[] {
    this.font('normal', size, INK);
    return lines.flatMap((line) => this.doc.splitTextToSize(line, WINDOW.width) as string[]);
  }

  /**
   * The small return address above the window's rule, whole: set smaller when too long for one
   * line, wrapped upwards (the last line on the rule) when too long even so.
   */
  private senderLine(text: string, baseline: number): void {
    const sizes = [7, 6.5, 6];
    let lines: string[] = [];
    for (const size of sizes) {
      this.font('normal', size, MUTED);
      lines = this.doc.splitTextToSize(text, WINDOW.width) as string[];
      if (lines.length <= 1) break;
    }
    const step = lineHeight(sizes[sizes.length - 1]);
    lines.forEach((line, i) => this.doc.text(line, PAGE.left, baseline - (lines.length - 1 - i) * step));
  }

  /** Document title with an optional subtitle in a lighter tone. */
  title(text: string, subtitle?: string): void {
    this.ensureSpace(20);
    this.y = this.paragraphLines(text, 'bold', 15, ACCENT, this.y + 6);
    if (subtitle) this.y = this.paragraphLines(subtitle, 'normal', 10.5, MUTED, this.y + 0.5);
    this.y += 4;
  }

  /** Numbered section heading; kept together with at least the first lines that follow it. */
  heading(text: string): void {
    this.ensureSpace(22);
    this.y += 4;
    this.font('bold', 11.5, ACCENT);
    this.doc.text(text, PAGE.left, this.y + 4);
    this.y += 6.5;
  }

  paragraph(text: string, size = 9.5, color: Rgb = INK): void {
    this.y = this.paragraphLines(text, 'normal', size, color, this.y);
    this.y += 2;
  }

  /** The height `paragraph` takes for the text at `size` (its gap below included); 0 for no text. */
  textHeight(text: string, size = 9.5): number {
    if (!text) return 0;
    this.font('normal', size, INK);
    const lines = this.doc.splitTextToSize(text, CONTENT_WIDTH) as string[];
    return lines.length * lineHeight(size) + 2;
  }

  /** Bulleted list, each item wrapped with a hanging indent. */
  bullets(items: string[], size = 9.5): void {
    for (const item of items) {
      this.ensureSpace(lineHeight(size));
      this.font('normal', size, INK);
      this.doc.text('•', PAGE.left + 1, this.y + lineHeight(size) * 0.8);
      this.y = this.paragraphLines(item, 'normal', size, INK, this.y, PAGE.left + 5);
    }
    this.y += 2;
  }

  /** Two columns, label and value, for a record such as the person's data. */
  keyValueTable(rows: [string, string][], labelWidth = 52): void {
    const { widths, body } = this.layout([{ header: '', width: labelWidth }, { header: '' }], rows, 9);
    this.runTable({
      body,
      columnStyles: {
        0: { cellWidth: widths[0].width, textColor: MUTED },
        1: { cellWidth: 'auto', minCellWidth: widths[1].width },
      },
    });
  }

  /** A table with a header row repeated on every page; empty bodies print "no entries" instead. */
  table(columns: TableColumn[], body: string[][], emptyText: string, fontSize = 8.5): void {
    if (body.length === 0) {
      this.paragraph(emptyText, 9.5, MUTED);
      return;
    }
    const layout = this.layout(columns, body, fontSize);
    const columnStyles: UserOptions['columnStyles'] = {};
    layout.widths.forEach(({ width, fixed }, i) => {
      columnStyles[i] = fixed ? { cellWidth: width } : { cellWidth: 'auto', minCellWidth: width };
    });
    this.runTable({ head: [layout.head], body: layout.body, columnStyles, styles: { fontSize } });
  }

  /** Column widths from the content, in the table's font: no word is split mid-word (tableLayout.ts). */
  private layout(columns: readonly TableColumn[], body: readonly (readonly string[])[], fontSize: number) {
    const measure = (text: string, bold: boolean) => {
      this.font(bold ? 'bold' : 'normal', fontSize, INK);
      return this.doc.getTextWidth(text);
    };
    return layoutTable(columns, body, measure, 2 * CELL_PADDING_X, CONTENT_WIDTH);
  }

  /** Starts a new page when less than `height` mm are left above the footer. */
  ensureSpace(height: number): void {
    if (this.y + height > PAGE.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.continuationTop;
  }

  /**
   * Draws the running header (from a run's second page) and the footer (every page) once the page
   * count is known, and returns the compressed PDF. The whole document is one run unless told.
   */
  finish(runs?: readonly PageRun[]): Uint8Array {
    const { doc } = this;
    const { lang, title, controller } = this.options;
    const footer = joinNonEmpty(' · ', [controller.name, title]);
    for (const run of runs ?? [{ first: 1, last: doc.getNumberOfPages(), runningTitle: fullTitle(this.options) }]) {
      for (let page = run.first; page <= run.last; page++) {
        doc.setPage(page);
        if (page > run.first) {
          this.font('normal', 7.5, MUTED);
          doc.text(this.fit(run.runningTitle, CONTENT_WIDTH), PAGE.left, 13);
          this.rule(15);
        }
        this.rule(PAGE.bottom + 7);
        this.font('normal', 7.5, MUTED);
        doc.text(this.fit(footer, CONTENT_WIDTH - 40), PAGE.left, PAGE.bottom + 11);
        const pageLabel = t(lang, 'report.page', { page: page - run.first + 1, pages: run.last - run.first + 1 });
        doc.text(pageLabel, PAGE.width - PAGE.right, PAGE.bottom + 11, { align: 'right' });
      }
    }
    return new Uint8Array(doc.output('arraybuffer'));
  }

  private runTable(options: UserOptions): void {
    const settings = (startY: number): UserOptions => ({ ...this.tableSettings(options), startY });
    let table = this.tables.create(this.doc, settings(this.y));
    // The head and the first row go together, measured as autotable lays them out: where they do
    // not fit, the table starts on the next page (the rows are kept whole, so autotable moved them
    // on and left the head alone at the foot of the page — seen in the Verzeichnis).
    const first = table.getHeadHeight(table.columns) + (table.body[0]?.height ?? 0);
    if (this.y > PAGE.continuationTop && this.y + first > PAGE.bottom) {
      this.newPage();
      table = this.tables.create(this.doc, settings(this.y));
    }
    this.tables.draw(this.doc, table);
    const last = (this.doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable;
    this.y = (last?.finalY ?? this.y) + 4;
  }

  private tableSettings(options: UserOptions): UserOptions {
    return {
      theme: 'plain',
      // The top margin applies to continuation pages: keep clear of the running header.
      margin: { left: PAGE.left, right: PAGE.right, top: PAGE.continuationTop, bottom: PAGE.height - PAGE.bottom },
      tableWidth: CONTENT_WIDTH,
      showHead: 'everyPage',
      // Rows stay whole across pages (autotable still splits a row taller than a page).
      rowPageBreak: 'avoid',
      ...options,
      styles: {
        font: PDF_FONT,
        fontStyle: 'normal',
        fontSize: 9,
        textColor: INK,
        cellPadding: { top: 1.4, bottom: 1.4, left: CELL_PADDING_X, right: CELL_PADDING_X },
        lineColor: RULE,
        lineWidth: { bottom: 0.1 },
        overflow: 'linebreak',
        valign: 'top',
        ...options.styles,
      },
      headStyles: {
        font: PDF_FONT,
        fontStyle: 'bold',
        fillColor: HEAD_FILL,
        textColor: INK,
        lineWidth: { bottom: 0.25 },
        lineColor: MUTED,
      },
      didParseCell: (data: CellHookData) => {
        // Empty cells would otherwise collapse and look like missing data.
        if (data.section === 'body' && data.cell.text.join('') === '') data.cell.text = ['—'];
      },
    };
  }

  /** Writes wrapped text from `y`, breaking pages between lines; returns the new cursor. */
  private paragraphLines(
    text: string,
    style: 'normal' | 'bold',
    size: number,
    color: Rgb,
    y: number,
    x: number = PAGE.left,
  ): number {
    this.font(style, size, color);
    const lines = this.doc.splitTextToSize(text, PAGE.width - PAGE.right - x) as string[];
    const step = lineHeight(size);
    let cursor = y;
    for (const line of lines) {
      if (cursor + step > PAGE.bottom) {
        this.newPage();
        cursor = this.y;
        this.font(style, size, color);
      }
      this.doc.text(line, x, cursor + step * 0.8);
      cursor += step;
    }
    this.y = cursor;
    return cursor;
  }

  font(style: 'normal' | 'bold', size: number, color: Rgb): void {
    this.doc.setFont(PDF_FONT, style);
    this.doc.setFontSize(size);
    this.doc.setTextColor(...color);
  }

  /** A thin line across the text width. */
  rule(y: number): void {
    this.doc.setDrawColor(...RULE);
    this.doc.setLineWidth(0.2);
    this.doc.line(PAGE.left, y, PAGE.width - PAGE.right, y);
  }

  /** Shortens a single line with an ellipsis to fit `width` mm in the current font. */
  fit(text: string, width: number): string {
    if (this.doc.getTextWidth(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.doc.getTextWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }
}

/** Creates an A4 letter with DejaVu Sans embedded (regular and bold; jsPDF subsets the glyphs used). */
/** Every PDF letter starts here; none is made without its controller (ControllerMissingError). */
export async function createPdfLetter(options: LetterOptions): Promise<PdfLetter> {
  requireController(options.controller);
  const [{ jsPDF: JsPdf }, { __createTable, __drawTable }] = await Promise.all([
    import('jspdf'),
    import('jspdf-autotable'),
  ]);
  const doc = new JsPdf({ unit: 'mm', format: 'a4', compress: true });
  doc.addFileToVFS('DejaVuSans.ttf', options.fonts.regular);
  doc.addFont('DejaVuSans.ttf', PDF_FONT, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', options.fonts.bold);
  doc.addFont('DejaVuSans-Bold.ttf', PDF_FONT, 'bold');
  doc.setFont(PDF_FONT, 'normal');
  doc.setLineHeightFactor(LINE_HEIGHT_FACTOR);
  doc.setProperties({ title: fullTitle(options), creator: 'Consentbook', subject: fullTitle(options) });
  doc.setLanguage(localeOf(options.lang));
  return new PdfLetter(doc, { create: __createTable, draw: __drawTable }, options);
}
