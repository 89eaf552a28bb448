/**
 * The Auskunft's Protokoll with a member's consent changes held back (tests/unit/syncHeldBackRecords.test.ts
 * shows how such entries arise): read back as text, each marked row says so in its own row, and a
 * consent's row names the consent as section 4 does ("Einwilligung vom 01.03.2024") where the book
 * holds it — a withdrawal the book did not take over is then matched to the consent still shown as
 * given; a consent the book does not hold is named by its purposes only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import type { AuditEntry } from '../../src/domain/audit';
import { loadLanguage, t, textOf, type Language } from '../../src/i18n/messages';
import { formatDate, formatTime } from '../../src/i18n/locale';
import { accessReportInput, auditEntries, nodePdfFonts } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const squash = (s: string) => s.replace(/\s+/g, '');

const mia = { userId: 'u-mia', userName: 'Mia Berger', staffNumber: 'P-7', personId: 'person-1' };
const consentEntry = (seq: number, at: string, extra: Partial<AuditEntry>): AuditEntry => ({
  ...mia,
  seq,
  at,
  action: 'consentGiven',
  purposeId: 'purpose-advertising',
  purposeName: 'Werbung',
  fieldKeys: ['purpose:purpose-advertising'],
  comment: '',
  context: 'consent:c-held',
  ...extra,
});

const marked: AuditEntry[] = [
  // A consent she recorded, held back: the book does not hold it.
  consentEntry(4, '2024-02-01T12:00:00.000Z', { heldBack: 'held' }),
  // Her withdrawal of the consent of 01.03.2024 (the sample's consent-1, given in the book), dropped.
  consentEntry(5, '2024-02-01T12:05:00.000Z', {
    action: 'consentWithdrawn',
    comment: 'am Telefon widerrufen',
    context: 'consent:consent-1',
    heldBack: 'dropped',
  }),
  {
    ...mia,
    ...auditEntries(1)[0],
    ...mia,
    seq: 6,
    at: '2024-02-01T12:10:00.000Z',
    action: 'update',
    fieldKeys: ['city'],
  },
];

const TZ = 'Europe/Berlin';
/** A time as the table's first column shows it, squashed. */
const stamp = (lang: Language, iso: string) => squash(formatDate(lang, iso, TZ) + formatTime(lang, iso, TZ));

/** The squashed text of the Protokoll row of `entry`, to the next entry's row or the end. */
function row(lang: Language, text: string, entry: AuditEntry, next?: AuditEntry): string {
  const start = text.indexOf(stamp(lang, entry.at));
  expect(start).toBeGreaterThan(-1);
  const end = next ? text.indexOf(stamp(lang, next.at), start) : text.length;
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('the Auskunft with a consent change held back', () => {
  it.each(['de', 'en'] as Language[])('marks the consent’s own row and names the consent (%s)', async (lang) => {
    const input = accessReportInput('Vera', 'Vorher', { lang, auditEntries: [...auditEntries(3), ...marked] });
    const pdf = await renderAccessReport(input, fonts);
    if (process.env.SCREENSHOT_DIR)
      writeFileSync(join(process.env.SCREENSHOT_DIR, `access-held-back-${lang}.pdf`), pdf);
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    const all = squash(text);
    const [given, withdrawn, later] = marked.map((e, i) => row(lang, all, e, marked[i + 1]));
    expect(given).toContain(squash(textOf(lang, 'action.consentGiven')));
    expect(given).toContain(squash(t(lang, 'report.audit.heldBack')));
    expect(given).toContain('Werbung');
    // Not in the book: not named by a date section 4 would have to show.
    expect(given).not.toContain(squash(t(lang, 'report.evidence.consentOf')));
    expect(withdrawn).toContain(squash(textOf(lang, 'action.consentWithdrawn')));
    expect(withdrawn).toContain(squash(t(lang, 'report.audit.heldBackDropped')));
    const consentOf = `${t(lang, 'report.evidence.consentOf')} ${formatDate(lang, '2024-03-01T10:00:00.000Z', TZ)}`;
    expect(withdrawn).toContain(squash(`${consentOf}: Werbung`));
    expect(withdrawn).toContain(squash('am Telefon widerrufen'));
    // The person's own change after them carries no mark.
    expect(later).not.toContain(squash(t(lang, 'report.audit.heldBack')));
    // The mark reads as a phrase: its dash never left at the start of a line of its own ("— nicht").
    expect(text.split('\n').filter((line) => /^— \S/.test(line))).toEqual([]);
    // The note under the table says what the mark means.
    expect(all).toContain(squash(t(lang, 'report.audit.heldBackNote')));
  });

  it.each(['de', 'en'] as Language[])(
    'marks her change an administrator’s device wrote over, and says what that means (%s)',
    async (lang) => {
      const over: AuditEntry[] = [
        {
          ...auditEntries(1)[0],
          ...mia,
          seq: 7,
          at: '2024-02-02T09:00:00.000Z',
          action: 'update',
          fieldKeys: ['city'],
        },
        {
          ...auditEntries(1)[0],
          ...mia,
          seq: 8,
          at: '2024-02-02T10:00:00.000Z',
          action: 'update',
          fieldKeys: ['city'],
        },
      ];
      over[0].heldBack = 'overwritten';
      const input = accessReportInput('Vera', 'Vorher', { lang, auditEntries: [...auditEntries(3), ...over] });
      const { text } = await extractText((await renderAccessReport(input, fonts)).slice(), { mergePages: true });
      const all = squash(text);
      const [written, later] = over.map((e, i) => row(lang, all, e, over[i + 1]));
      expect(written).toContain(squash(t(lang, 'report.audit.heldBackOverwritten')));
      expect(later).not.toContain(squash(t(lang, 'report.audit.heldBackOverwritten')));
      expect(all).toContain(squash(t(lang, 'report.audit.heldBackOverwrittenNote')));
      // No entry held back here: the note on those is not given.
      expect(all).not.toContain(squash(t(lang, 'report.audit.heldBackNote')));
    },
  );
});
