/**
 * The notice informing a person about the processing of their data (Art. 13 at collection,
 * Art. 14 when the data came from elsewhere): who is responsible and how to reach them, the
 * purpose and its legal basis, the data concerned, where it came from, recipients, how long it is
 * kept, the person's rights. One text, two forms: a PDF letter (the letter theme and fonts of
 * every other letter) and an e-mail (subject and plain text). Pure: data in, bytes or text out.
 */
import { letterSalutation } from '../domain/campaign';
import { addressLines, joinNonEmpty, recipientLines } from '../domain/address';
import { informationOf, type CollectionSource } from '../domain/information';
import type { Person } from '../domain/person';
import type { Purpose } from '../domain/purpose';
import type { Controller, PrivacySettings } from '../domain/settings';
import { formatDate } from '../i18n/locale';
import { t, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { NO_BOOK_RECIPIENTS, noticeRecipientParagraphs, type BookRecipients } from './bookRecipients';
import { bookRecipientsFor } from '../domain/recipients';
import { contactWays, heldFieldLabels, type LetterPerson } from './consentLetters';
import { controllerSenderLine, createPdfLetter, type PdfFonts } from './letter';
import { purposeRetentionText } from './purposeRetention';
import { purposeInterestText } from './purposeInterest';

export type NoticePurpose = Pick<
  Purpose,
  'id' | 'name' | 'lawfulBasis' | 'recipients' | 'retention' | 'legitimateInterest'
>;

export interface InformationNoticeInput {
  lang: Language;
  /** ISO date or timestamp printed as the letter's date. */
  issuedAt: string;
  controller: Controller;
  person: LetterPerson;
  /**
   * Every purpose the person's data is processed for: their purpose (first), then each purpose of a
   * consent they gave and did not withdraw. Empty: none set.
   */
  purposes: NoticePurpose[];
  /** Whether the person has a consent given and not withdrawn (they can withdraw it, Art. 7(3)). */
  consented: boolean;
  /** From the person (Art. 13) or from elsewhere (Art. 14). */
  source: CollectionSource;
  /** Years business records are kept (settings): business letters, accounting records. */
  retentionYears: { transactions: number; accounting: number };
  /**
   * Who receives the book's data besides the purpose's recipients: the processors and recipients
   * of Einstellungen and the sync server's operator (bookRecipients.ts). Omitted: none.
   */
  book?: BookRecipients;
  /** Data taken over by an import: the file, the day (YYYY-MM-DD) and what was noted with it (Art. 14(2)(f)). */
  imported?: { file: string; at: string; note: string };
  timeZone?: string;
}

/** The notice's input from what the data layer gathered (collectInformationNotice), issued at `issuedAt` (ISO). */
export function informationNoticeInput(
  data: {
    person: Person;
    purposes: Purpose[];
    consented: boolean;
    controller: Controller;
    privacy: PrivacySettings;
    book: BookRecipients;
    importNote?: string;
  },
  lang: Language,
  issuedAt: string,
): InformationNoticeInput {
  const { person, purposes, consented, controller, privacy } = data;
  return {
    lang,
    issuedAt,
    controller,
    person,
    purposes,
    consented,
    source: informationOf(person).source,
    retentionYears: {
      transactions: privacy.retentionYearsTransactions,
      accounting: privacy.retentionYearsAccountingTransactions,
    },
    book: data.book,
    imported: person.source.startsWith('import:')
      ? {
          file: person.source.slice('import:'.length),
          at: informationOf(person).collectedAt,
          note: data.importNote ?? '',
        }
      : undefined,
  };
}

export interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

/** The notice's sections in order: the same text for the letter and the e-mail. */
export function informationNoticeSections(input: InformationNoticeInput): NoticeSection[] {
  const { lang, controller, purposes } = input;
  const bases = new Set(purposes.map((p) => p.lawfulBasis));
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const address = joinNonEmpty(', ', addressLines(controller));
  const dpo = controller.dataProtectionOfficer.trim();
  const fields = heldFieldLabels(input.person, lang);
  const sections: NoticeSection[] = [
    {
      heading: tr('info.section.controller'),
      paragraphs: [
        tr('info.controller', {
          controller: joinNonEmpty(', ', [controller.name, address]),
          contact: contactWays(controller, lang),
        }),
        dpo ? tr('info.dpo', { dpo }) : '',
      ],
    },
    {
      heading: tr('info.section.purpose'),
      paragraphs: purposes.length
        ? purposes.flatMap((p) => [
            tr('info.purpose', { purpose: p.name }),
            tr(`letter.basis.${p.lawfulBasis}`),
            // Art. 13(1)(d), 14(2)(b): which legitimate interest, for a purpose on Art. 6(1)(f).
            purposeInterestText(lang, p, 'info'),
            // Art. 13(2)(e), for data collected from the person: whether they had to provide it.
            input.source === 'direct' ? tr(`info.provision.${p.lawfulBasis}`) : '',
          ])
        : [tr('info.purposeNone')],
    },
    { heading: tr('info.section.data'), paragraphs: [fields ? tr('info.data', { fields }) : tr('info.dataNone')] },
  ];
  if (input.source === 'elsewhere') sections.push({ heading: tr('info.section.source'), paragraphs: sourceOf(input) });
  sections.push(
    {
      heading: tr('info.section.recipients'),
      // Processors and the sync operator are recipients too (Art. 4(9)); one outside the EU/EEA a transfer (Art. 13(1)(f)).
      paragraphs: noticeRecipientParagraphs(
        lang,
        [...new Set(purposes.map((p) => p.recipients.trim()).filter(Boolean))].join(', '),
        bookRecipientsFor(
          input.book ?? NO_BOOK_RECIPIENTS,
          purposes.map((p) => p.id),
        ),
      ),
    },
    {
      heading: tr('info.section.retention'),
      paragraphs: [
        ...retentionParagraphs(lang, purposes),
        tr('info.retentionRecords', {
          transactions: input.retentionYears.transactions,
          accounting: input.retentionYears.accounting,
        }),
      ],
    },
    {
      heading: tr('info.section.rights'),
      paragraphs: [
        tr('info.rights'),
        input.consented || bases.has('a') ? tr('info.withdraw') : '',
        bases.has('e') || bases.has('f') ? tr('info.object') : '',
        tr('info.complaint'),
        tr('info.noAutomatedDecision'),
      ],
    },
  );
  return sections.map((s) => ({ ...s, paragraphs: s.paragraphs.filter(Boolean) }));
}

/** How long each purpose keeps the data; with more than one purpose each is named. */
function retentionParagraphs(lang: Language, purposes: readonly NoticePurpose[]): string[] {
  const kept = purposes.filter((p) => p.retention.years > 0);
  if (kept.length === 0) return [t(lang, 'info.retentionPurposeNone')];
  if (purposes.length === 1)
    return [t(lang, 'info.retentionPurpose', { period: purposeRetentionText(lang, kept[0].retention) })];
  // Every purpose named (Art. 13(2)(a), 14(2)(a)), those kept no longer than needed too.
  return purposes.map((p) =>
    p.retention.years > 0
      ? t(lang, 'info.retentionPurposeNamed', { purpose: p.name, period: purposeRetentionText(lang, p.retention) })
      : t(lang, 'info.retentionPurposeNamedNone', { purpose: p.name }),
  );
}

/** Where data obtained elsewhere came from (Art. 14(2)(f)): an import's file, day and note, else the general text. */
function sourceOf({ lang, imported }: InformationNoticeInput): string[] {
  if (!imported) return [t(lang, 'info.source')];
  return [
    t(lang, 'info.sourceImport', { date: formatDate(lang, imported.at), file: imported.file }),
    imported.note ? t(lang, 'info.sourceNote', { note: imported.note.replace(/[.\s]+$/, '') }) : '',
  ];
}

function subtitleKey(source: CollectionSource): MessageKey {
  return source === 'direct' ? 'info.subtitle.direct' : 'info.subtitle.elsewhere';
}

/** The notice as a letter (PDF). */
export async function renderInformationLetter(input: InformationNoticeInput, fonts: PdfFonts): Promise<Uint8Array> {
  const { lang, controller, person } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const title = tr('info.title');
  const letter = await createPdfLetter({ fonts, lang, title, controller });
  letter.letterhead();
  letter.addressBlock({ senderLine: controllerSenderLine(controller), recipientLines: recipientLines(person, lang) }, [
    [tr('letter.consent.date'), formatDate(lang, input.issuedAt, input.timeZone)],
  ]);
  letter.title(title, tr(subtitleKey(input.source)));
  letter.paragraph(letterSalutation(person, lang));
  letter.paragraph(tr(input.source === 'direct' ? 'info.intro.direct' : 'info.intro.elsewhere'));
  informationNoticeSections(input).forEach((section, i) => {
    letter.heading(`${i + 1}. ${section.heading}`);
    for (const p of section.paragraphs) letter.paragraph(p);
  });
  // Closing and signature stay together.
  letter.ensureSpace(14);
  letter.y += 2;
  letter.paragraph(tr('letter.consent.closing'));
  letter.y += 3;
  letter.paragraph(controller.name);
  return letter.finish();
}

/** The notice as an e-mail: subject and plain text, to paste into any mail program. */
export function informationEmail(input: InformationNoticeInput): { subject: string; body: string } {
  const { lang, controller, person } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const sections = informationNoticeSections(input).map(
    (s, i) => `${i + 1}. ${s.heading}\n\n${s.paragraphs.join('\n\n')}`,
  );
  const body = [
    letterSalutation(person, lang),
    tr(input.source === 'direct' ? 'info.intro.direct' : 'info.intro.elsewhere'),
    ...sections,
    `${tr('letter.consent.closing')}\n${controller.name}`,
  ].join('\n\n');
  return { subject: `${tr('info.title')} (${tr(subtitleKey(input.source))})`, body };
}
