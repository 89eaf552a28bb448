/**
 * Consent-request letters of a campaign ("Aktion erstellen"): one PDF, one letter per person, each starting on a new page and followed by its reply form. A letter names the
 * purposes asked for with their lawful basis in plain words, the data concerned, how to answer,
 * how to withdraw later (Art. 7(3)), and that not answering is no consent. The reply form has one
 * EMPTY checkbox per purpose — never pre-ticked — and lines for place, date and signature.
 * Pure: data in, bytes out. Built on the shared letter scaffolding of pdf.ts.
 */
import { bookRecipientsFor, type BookRecipients } from '../domain/recipients';
import { accessTransfersText, NO_BOOK_RECIPIENTS, recipientNames } from './bookRecipients';
import { campaignReference, letterSalutation } from '../domain/campaign';
import { normalisedValue } from '../domain/diff';
import { WATCHED_FIELDS } from '../domain/fields';
import { addresseeName, addressLines, cityLine, joinNonEmpty, recipientLines } from '../domain/address';
import type { Person } from '../domain/person';
import type { Purpose } from '../domain/purpose';
import type { Controller } from '../domain/settings';
import { t, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatDate } from '../i18n/locale';
import { controllerSenderLine, createPdfLetter, type PageRun, type PdfFonts, type PdfLetter } from './letter';
import { ACCENT, CONTENT_WIDTH, INK, lineHeight, MUTED, PAGE } from './theme';
import { purposeRetentionText } from './purposeRetention';

export type { PdfFonts } from './letter';

/** The person's fields a letter uses (address window, salutation, data concerned). */
export type LetterPerson = Pick<
  Person,
  | 'id'
  | 'kind'
  | 'organisation'
  | 'salutation'
  | 'title'
  | 'firstName'
  | 'lastName'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'country'
  | 'phone'
  | 'furtherPhones'
  | 'fax'
  | 'email'
  | 'bankAccounts'
>;

export interface ConsentLettersInput {
  lang: Language;
  /** ISO date or timestamp printed as the letter's date. */
  issuedAt: string;
  controller: Controller;
  /** Printed in the reference, so replies can be matched to the campaign. */
  campaignId: string;
  /** The purposes asked for, in order. */
  purposes: Pick<Purpose, 'id' | 'name' | 'lawfulBasis' | 'recipients' | 'retention'>[];
  /** One letter each, in order. */
  persons: LetterPerson[];
  /** Optional date (YYYY-MM-DD) by which an answer is asked for; not answering stays no consent. */
  replyBy?: string;
  /** Who receives the book's data besides each purpose's own recipients; omitted: nobody. */
  book?: BookRecipients;
  timeZone?: string;
}

/**
 * How tightly a letter is set: its body text, the purposes table and the DPO's line (pt), and the
 * space between sections (mm). A letter is written at the first that keeps it on one page.
 */
interface Density {
  text: number;
  table: number;
  small: number;
  gap: number;
}

export const DENSITIES: readonly Density[] = [
  { text: 9.5, table: 9, small: 8.5, gap: 2.5 },
  { text: 9, table: 8.5, small: 8, gap: 1.5 },
  { text: 8.5, table: 8, small: 7.5, gap: 1 },
];

/** An empty ballot box (U+2610, in DejaVu Sans): the reply form is never pre-ticked. */
export const EMPTY_CHECKBOX = '\u2610';

/** Letters written so far, of all to write. */
export interface LettersProgress {
  done: number;
  total: number;
}

export interface RenderLettersOptions {
  /** Called after each batch of letters (and once with done 0 before the first). */
  onProgress?: (progress: LettersProgress) => void;
  /** Checked between batches: when aborted, rendering stops and the signal's reason is thrown. */
  signal?: AbortSignal;
  /** Gives the page a turn between batches; a zero timeout unless the caller has a better one. */
  nextTurn?: () => Promise<void>;
}

/**
 * Letters written before the page gets a turn: one letter takes about 5–10 ms, so a batch keeps
 * each task short while the turns and progress updates (a render of the screen each) stay few.
 */
export const LETTERS_PER_TURN = 5;

const timeoutTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The letters as one PDF. Yields between batches of letters so a page stays responsive for
 * thousands of them; aborted (options.signal), it throws the signal's reason and makes no bytes.
 */
export async function renderConsentLetters(
  input: ConsentLettersInput,
  fonts: PdfFonts,
  options: RenderLettersOptions = {},
): Promise<Uint8Array> {
  const { signal, onProgress, nextTurn = timeoutTurn } = options;
  const { lang, controller } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const title = tr('letter.consent.title');
  const total = input.persons.length;
  // Each letter is numbered on its own ("Seite 1 von 2" for each person); its running header names
  // the person and never stands above the letterhead of the next person's letter.
  const runs: PageRun[] = [];
  signal?.throwIfAborted();
  const letter = await createPdfLetter({ fonts, lang, title, controller });
  onProgress?.({ done: 0, total });
  // The campaign's letters differ little (the same sender, purposes and text): each starts at the
  // density the one before needed, so a long sender block costs one retry, not one per letter.
  let level = 0;

  for (let i = 0; i < total; i++) {
    if (i > 0 && i % LETTERS_PER_TURN === 0) {
      onProgress?.({ done: i, total });
      await nextTurn();
      signal?.throwIfAborted();
    }
    const person = input.persons[i];
    if (i > 0) letter.newPage();
    const first = letter.doc.getNumberOfPages();
    level = writeOnePage(letter, input, person, level, first);
    letter.newPage();
    writeReplyForm(letter, input, person);
    runs.push({ first, last: letter.doc.getNumberOfPages(), runningTitle: `${title} – ${addresseeName(person)}` });
  }
  onProgress?.({ done: total, total });
  // A turn before and after putting the file together (one step: about 2 s for 1,000 letters):
  // the page shows the count first, and a cancel clicked meanwhile still counts.
  await nextTurn();
  signal?.throwIfAborted();
  const bytes = letter.finish(runs);
  await nextTurn();
  signal?.throwIfAborted();
  return bytes;
}

/**
 * Writes the letter on one page (from page `first`), tighter if it must: a letter that ran over is
 * taken out and written again at the next density (a closing alone on a second sheet costs a sheet
 * per letter of the mailing). At the tightest, one that still cannot fit breaks before its last
 * section, which goes to the next page whole with the closing, under the running header (finish).
 * Returns the density used.
 */
function writeOnePage(
  letter: PdfLetter,
  input: ConsentLettersInput,
  person: LetterPerson,
  from: number,
  first: number,
): number {
  const { doc } = letter;
  for (let level = from; ; level++) {
    const last = level === DENSITIES.length - 1;
    writeLetter(letter, input, person, DENSITIES[level], last);
    if (last || doc.getNumberOfPages() === first) return level;
    for (let page = doc.getNumberOfPages(); page >= first; page--) doc.deletePage(page);
    doc.addPage();
  }
}

function writeLetter(
  letter: PdfLetter,
  input: ConsentLettersInput,
  person: LetterPerson,
  density: Density,
  keepLastSection: boolean,
): void {
  const size = density.text;
  const { lang, controller } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const reference = campaignReference(input.campaignId, person.id);
  letter.y = PAGE.top;
  letter.letterhead();
  const info: [string, string][] = [
    [tr('letter.consent.date'), formatDate(lang, input.issuedAt, input.timeZone)],
    [tr('letter.consent.reference'), reference],
  ];
  if (input.replyBy) info.push([tr('letter.consent.replyBy'), formatDate(lang, input.replyBy)]);
  letter.addressBlock(
    { senderLine: controllerSenderLine(controller), recipientLines: recipientLines(person, lang) },
    info,
  );
  compactTitle(letter, tr('letter.consent.title'), tr('letter.consent.subtitle'));
  letter.paragraph(letterSalutation(person, lang), size);
  letter.paragraph(tr('letter.consent.intro', { controller: controller.name || tr('letter.consent.weStart') }), size);

  compactHeading(letter, `1. ${tr('letter.consent.section.purposes')}`, density.gap);
  // One row per lawful basis: the plain-words explanation is given once for all purposes sharing it.
  letter.table(
    [{ header: tr('letter.consent.col.purpose'), width: 42 }, { header: tr('letter.consent.col.meaning') }],
    groupByBasis(input.purposes).map((group) => [
      group.map((p) => p.name).join('\n'),
      joinNonEmpty('\n', [
        tr(`letter.basis.${group[0].lawfulBasis}`),
        // Everyone who receives the purpose's data, the book's narrowed to it included (informed consent).
        ...group.map((p) => {
          const book = bookRecipientsFor(input.book ?? NO_BOOK_RECIPIENTS, [p.id]);
          const recipients = recipientNames(lang, p.recipients, book);
          // A transfer to a third country with what it rests on, as the Auskunft and the notice say it.
          return joinNonEmpty('\n', [
            recipients ? tr('letter.consent.recipients', { purpose: p.name, recipients }) : '',
            accessTransfersText(lang, book),
          ]);
        }),
        ...group.map((p) =>
          p.retention.years > 0
            ? tr('letter.consent.retention', { purpose: p.name, period: purposeRetentionText(lang, p.retention) })
            : '',
        ),
      ]),
    ]),
    tr('report.noEntries'),
    density.table,
  );

  const fields = heldFieldLabels(person, lang);
  letter.paragraph(fields ? tr('letter.consent.data', { fields }) : tr('letter.consent.dataNone'), size);

  compactHeading(letter, `2. ${tr('letter.consent.section.answer')}`, density.gap);
  letter.paragraph(
    joinNonEmpty(' ', [
      tr('letter.consent.answerForm'),
      controller.email.trim() ? tr('letter.consent.answerEmail', { email: controller.email.trim(), reference }) : '',
    ]),
    size,
  );
  letter.paragraph(tr('letter.consent.noAnswer'), size);

  const withdraw = tr('letter.consent.withdraw', { contact: contactWays(controller, lang) });
  const dpo = controller.dataProtectionOfficer.trim();
  const dpoLine = dpo ? tr('letter.consent.dpo', { dpo }) : '';
  const closing = tr('letter.consent.closing');
  // Closing and signature stay together; where the letter must break, the last section goes whole.
  const closingHeight = 4 + letter.textHeight(closing, size) + letter.textHeight(controller.name, size);
  if (keepLastSection)
    letter.ensureSpace(
      density.gap + 5.8 + letter.textHeight(withdraw, size) + letter.textHeight(dpoLine, density.small) + closingHeight,
    );
  compactHeading(letter, `3. ${tr('letter.consent.section.withdraw')}`, density.gap);
  letter.paragraph(withdraw, size);
  if (dpoLine) letter.paragraph(dpoLine, density.small, MUTED);

  letter.ensureSpace(closingHeight);
  letter.y += 1;
  letter.paragraph(closing, size);
  letter.y += 3;
  letter.paragraph(controller.name, size);
}

/** The reply form: the controller in the address window (it can go back in a window envelope). */
function writeReplyForm(letter: PdfLetter, input: ConsentLettersInput, person: LetterPerson): void {
  const { lang, controller } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const reference = campaignReference(input.campaignId, person.id);
  letter.addressBlock(
    {
      senderLine: joinNonEmpty(', ', [addresseeName(person), person.street, cityLine(person)]),
      recipientLines: [controller.name, ...addressLines(controller)],
    },
    [[tr('letter.consent.reference'), reference]],
  );
  letter.title(tr('letter.form.title'), tr('letter.form.subtitle'));
  letter.keyValueTable([[tr('letter.form.from'), joinNonEmpty('\n', recipientLines(person, lang))]], 40);
  letter.paragraph(tr('letter.form.instructions'), 10);
  letter.y += 2;
  for (const p of input.purposes) {
    checkboxItem(
      letter,
      tr('letter.form.consent', { controller: controller.name || tr('letter.consent.we'), purpose: p.name }),
    );
  }
  letter.y += 2;
  letter.paragraph(tr('letter.form.withdrawNote'), 9.5, MUTED);
  signatureLines(letter, [tr('letter.form.placeDate'), tr('letter.form.signature')]);
}

/** The letter's subject: smaller than a report title, so that a letter fits one page. */
function compactTitle(letter: PdfLetter, title: string, subtitle: string): void {
  const { doc } = letter;
  letter.font('bold', 13, ACCENT);
  doc.text(title, PAGE.left, letter.y + 5);
  letter.font('normal', 9.5, MUTED);
  doc.text(subtitle, PAGE.left, letter.y + 10);
  letter.y += 15;
}

/** A section heading of the letter, `gap` mm below what is before it, kept with the lines that follow it. */
function compactHeading(letter: PdfLetter, text: string, gap: number): void {
  letter.ensureSpace(18);
  letter.y += gap;
  letter.font('bold', 10.5, ACCENT);
  letter.doc.text(text, PAGE.left, letter.y + 3.8);
  letter.y += 5.8;
}

/** An empty checkbox and its text with a hanging indent; kept on one page. */
function checkboxItem(letter: PdfLetter, text: string): void {
  const { doc } = letter;
  const size = 10;
  const indent = 9;
  letter.font('normal', size, INK);
  const lines = doc.splitTextToSize(text, CONTENT_WIDTH - indent) as string[];
  const step = lineHeight(size);
  letter.ensureSpace(lines.length * step + 5);
  letter.font('normal', 15, INK);
  doc.text(EMPTY_CHECKBOX, PAGE.left, letter.y + step * 0.8 + 1);
  letter.font('normal', size, INK);
  lines.forEach((line, i) => doc.text(line, PAGE.left + indent, letter.y + step * (i + 0.8)));
  letter.y += lines.length * step + 4;
}

/** Lines to write on, labelled below: place and date, signature. */
function signatureLines(letter: PdfLetter, labels: [string, string]): void {
  const { doc } = letter;
  letter.ensureSpace(30);
  const lineY = letter.y + 20;
  const gap = 10;
  const width = (CONTENT_WIDTH - gap) / 2;
  doc.setDrawColor(...INK);
  doc.setLineWidth(0.25);
  labels.forEach((label, i) => {
    const x = PAGE.left + i * (width + gap);
    doc.line(x, lineY, x + width, lineY);
    letter.font('normal', 8.5, MUTED);
    doc.text(label, x, lineY + 4);
  });
  letter.y = lineY + 8;
}

function controllerLine(c: Controller): string {
  return joinNonEmpty(', ', [c.name, ...addressLines(c)]);
}

function groupByBasis<P extends Pick<Purpose, 'lawfulBasis'>>(purposes: readonly P[]): P[][] {
  const groups = new Map<string, P[]>();
  for (const p of purposes) groups.set(p.lawfulBasis, [...(groups.get(p.lawfulBasis) ?? []), p]);
  return [...groups.values()];
}

/** Labels of the watched fields the person has filled, e.g. "Anrede, Vorname, Name, E-Mail". */
export function heldFieldLabels(person: LetterPerson, lang: Language): string {
  return WATCHED_FIELDS.filter((f) => normalisedValue(f.key, person).length > 0)
    .map((f) => t(lang, f.labelKey))
    .join(', ');
}

/** "per E-Mail an …, telefonisch unter … oder per Post an …" */
export function contactWays(c: Controller, lang: Language): string {
  const ways = [
    c.email.trim() ? t(lang, 'letter.contact.email', { email: c.email.trim() }) : '',
    // The phone only when there is no e-mail: a withdrawal should leave a trace.
    c.phone.trim() && !c.email.trim() ? t(lang, 'letter.contact.phone', { phone: c.phone.trim() }) : '',
    controllerLine(c) ? t(lang, 'letter.contact.post') : '',
  ].filter(Boolean);
  if (ways.length <= 1) return ways[0] ?? t(lang, 'letter.contact.any');
  return `${ways.slice(0, -1).join(', ')}${t(lang, 'letter.contact.or')}${ways.at(-1)}`;
}
