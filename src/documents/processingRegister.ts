/**
 * The records of processing activities (Art. 30(1) GDPR) as PDF and JSON, from the register the
 * data layer gathers (src/data/queries/register.ts): controller and data protection officer, one record
 * per purpose (lawful basis, categories of data subjects and of personal data, recipients,
 * retention) and the technical and organisational measures as the app actually has them.
 * Pure: data in, bytes out. Issuing is logged by the caller (recordRegisterIssued).
 */
import { addressLines, joinNonEmpty } from '../domain/address';
import type { ProcessingRegister, RegisterActivity } from '../domain/overview';
import { requireController, type Controller } from '../domain/settings';
import { t, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatDateTime } from '../i18n/locale';
import { activityRecipientsText, activityTransfersText, bookRecipientsOf } from './bookRecipients';
import { measureRows } from './registerMeasures';
import type { GdprSupportState } from '../domain/settings';
import { recipientRows } from './registerRecipients';
import { createPdfLetter, type PdfFonts, type PdfLetter } from './letter';
import { ACCENT, MUTED } from './theme';
import { purposeRetentionText } from './purposeRetention';
import { purposeInterestText } from './purposeInterest';

export type { PdfFonts } from './letter';

export const REGISTER_JSON_FORMAT = 'consentbook-processing-register';
/**
 * 2: the measures as read from the state (encryption at rest, key derivation, keyed log, storage).
 * 3: `bookTags` among them — the purposes' and settings' tags compared when the file was made.
 * 4: each activity's `legitimateInterest` (basis f; '' when not stated or on another basis).
 */
export const REGISTER_JSON_VERSION = 4;

const ARTICLE: Record<RegisterActivity['lawfulBasis'], string> = {
  a: 'Art. 6(1)(a) GDPR',
  b: 'Art. 6(1)(b) GDPR',
  c: 'Art. 6(1)(c) GDPR',
  d: 'Art. 6(1)(d) GDPR',
  e: 'Art. 6(1)(e) GDPR',
  f: 'Art. 6(1)(f) GDPR',
};

/** The register as the data layer gathers it: GDPR support's state with it (queries/register.ts). */
export type IssuedRegister = ProcessingRegister & { gdprSupport?: GdprSupportState };

export async function renderProcessingRegisterPdf(
  register: IssuedRegister,
  lang: Language,
  fonts: PdfFonts,
  timeZone?: string,
): Promise<Uint8Array> {
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const { controller } = register;
  const title = tr('register.title');
  const letter = await createPdfLetter({ fonts, lang, title, controller });
  letter.letterhead(controller.name || title);
  letter.title(title, tr('register.subtitle', { date: formatDateTime(lang, register.generatedAt, timeZone) }));
  letter.paragraph(tr('register.intro'));

  letter.heading(`1. ${tr('register.section.controller')}`);
  letter.keyValueTable(controllerRows(lang, controller));

  letter.heading(`2. ${tr('register.section.activities')}`);
  if (register.activities.length === 0) letter.paragraph(tr('report.noEntries'));
  register.activities.forEach((a, i) => writeActivity(letter, lang, register, a, `2.${i + 1}`));
  if (register.naturalWithoutPurpose > 0)
    letter.paragraph(tr('register.withoutPurpose', { count: register.naturalWithoutPurpose }), 9, MUTED);

  letter.heading(`3. ${tr('register.section.recipients')}`);
  letter.table(
    [
      { header: tr('register.recipients.name') },
      { header: tr('register.recipients.role'), width: 30 },
      { header: tr('register.recipients.country'), width: 22 },
      { header: tr('register.recipients.transfer'), width: 44 },
      { header: tr('register.recipients.contract'), width: 34 },
    ],
    recipientRows(lang, register),
    tr('register.recipients.none'),
    8.5,
  );

  letter.heading(`4. ${tr('register.section.measures')}`);
  letter.paragraph(tr('register.measures.intro'));
  letter.table(
    [{ header: tr('register.measures.measure'), width: 48 }, { header: tr('register.measures.state') }],
    measureRows(lang, register, timeZone),
    tr('report.noEntries'),
    8.5,
  );
  letter.paragraph(tr('register.completeNote'), 8.5, MUTED);
  return letter.finish();
}

function writeActivity(
  letter: PdfLetter,
  lang: Language,
  register: ProcessingRegister,
  a: RegisterActivity,
  number: string,
): void {
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  // Keep one activity's record on one page (about 70 mm; longer ones break between rows).
  letter.ensureSpace(72);
  letter.paragraph(`${number} ${a.name}${a.active ? '' : ` (${tr('register.inactive')})`}`, 10.5, ACCENT);
  const subjects = a.subjectCategories.map((k) => `${tr(`kind.${k}`)} (${a.subjectCounts[k] ?? 0})`).join(', ');
  const retention =
    purposeRetentionText(lang, a.retention) ||
    tr('register.retention.none', {
      years: register.transactionRetention.years,
      accountingYears: register.transactionRetention.accountingYears,
    });
  letter.keyValueTable(
    [
      [tr('register.activity.purpose'), joinNonEmpty('\n', [a.name, a.description])],
      [
        tr('register.activity.basis'),
        joinNonEmpty('\n', [
          tr(`basis.${a.lawfulBasis}`),
          a.requiresConsent ? tr('register.activity.requiresConsent') : '',
        ]),
      ],
      // Art. 6(1)(f): which legitimate interest (a purpose stored before the field: to be checked).
      ...(a.lawfulBasis === 'f'
        ? [[tr('register.activity.interest'), purposeInterestText(lang, a, 'register')] as [string, string]]
        : []),
      [tr('register.activity.subjects'), subjects || tr('register.activity.noSubjects')],
      [
        tr('register.activity.data'),
        a.dataCategories.map((key) => tr(`field.${key}`)).join(', ') || tr('register.activity.noData'),
      ],
      // Processors and the sync operator are recipients (Art. 4(9)); one outside the EU/EEA is a transfer.
      [
        tr('register.activity.recipients'),
        activityRecipientsText(lang, a.recipients, bookRecipientsOf(register, a.purposeId)),
      ],
      [
        tr('register.activity.transfers'),
        activityTransfersText(lang, a.transfers, bookRecipientsOf(register, a.purposeId)),
      ],
      [tr('register.activity.retention'), retention],
    ],
    52,
  );
}

function controllerRows(lang: Language, c: Controller): [string, string][] {
  return [
    [t(lang, 'report.controller.name'), c.name],
    [t(lang, 'report.controller.address'), addressLines(c).join('\n')],
    [t(lang, 'field.email'), c.email],
    [t(lang, 'field.phone'), c.phone],
    [t(lang, 'report.controller.dpo'), c.dataProtectionOfficer || t(lang, 'register.noDpo')],
  ];
}

export interface ProcessingRegisterJson {
  format: typeof REGISTER_JSON_FORMAT;
  version: typeof REGISTER_JSON_VERSION;
  generatedAt: string;
  controller: Controller;
  activities: (RegisterActivity & { lawfulBasisArticle: string })[];
  naturalWithoutPurpose: number;
  transactionRetention: ProcessingRegister['transactionRetention'];
  recipients: ProcessingRegister['recipients'];
  syncProcessor: ProcessingRegister['syncProcessor'];
  /** "DSGVO-Programmunterstützung deaktivieren": while disabled nothing about persons is logged. */
  gdprSupport: GdprSupportState;
  technicalAndOrganisationalMeasures: ProcessingRegister['measures'] & { additional: string };
}

/** The register as a JSON document (pretty-printed); field categories are the stable keys of the catalogue. */
export function processingRegisterJson(register: IssuedRegister): string {
  requireController(register.controller);
  const doc: ProcessingRegisterJson = {
    format: REGISTER_JSON_FORMAT,
    version: REGISTER_JSON_VERSION,
    generatedAt: register.generatedAt,
    controller: register.controller,
    activities: register.activities.map((a) => ({ ...a, lawfulBasisArticle: ARTICLE[a.lawfulBasis] })),
    naturalWithoutPurpose: register.naturalWithoutPurpose,
    transactionRetention: register.transactionRetention,
    recipients: register.recipients,
    syncProcessor: register.syncProcessor,
    gdprSupport: register.gdprSupport ?? { disabled: !register.measures.purposeRuleEnforced, since: null },
    technicalAndOrganisationalMeasures: { ...register.measures, additional: register.additionalMeasures },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
