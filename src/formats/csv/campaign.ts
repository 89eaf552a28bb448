/**
 * A campaign's persons as CSV for mail merge in a word processor: the address fields as the
 * app's own letters print them (the Firma of an Ansprechpartner, the Anrede in the letter's
 * language), the full salutation line of the letter ("Sehr geehrte Frau Dr. Zimmermann,"), the
 * purposes asked for and the Zeichen a reply quotes — so a merged letter is matched to its reply
 * as the app's own are. Written by the app's one CSV writer (csvDocument in write.ts). Pure.
 */
import { addressSalutation, type Addressee } from '../../domain/address';
import { campaignReference, letterSalutation } from '../../domain/campaign';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import { t, type Language } from '../../i18n/messages';
import { csvDocument } from './write';

/** Whom a letter is addressed to (as the letters' window has it), and their id for the Zeichen. */
export type CampaignCsvPerson = Addressee & Pick<Person, 'id'>;

/** What every row's cells are made from beside the person. */
interface RowContext {
  lang: Language;
  purposes: string;
  campaignId: string;
}

type Column = {
  label: (lang: Language) => string;
  value: (p: CampaignCsvPerson, row: RowContext) => string;
};

type TextField = Exclude<keyof CampaignCsvPerson, 'id' | 'kind' | 'organisation' | 'salutation'>;
const field = (key: TextField): Column => ({ label: (l) => t(l, `field.${key}`), value: (p) => p[key] });

export const CAMPAIGN_CSV_COLUMNS: readonly Column[] = [
  // An Ansprechpartner is written to at work, as the letters' address window has it.
  { label: (l) => t(l, 'field.organisation'), value: (p) => (p.kind === 'contact' ? p.organisation : '') },
  { label: (l) => t(l, 'field.salutation'), value: (p, { lang }) => addressSalutation(p.salutation, lang) },
  field('title'),
  field('firstName'),
  field('lastName'),
  field('street'),
  field('postalCode'),
  field('city'),
  field('country'),
  field('email'),
  { label: (l) => t(l, 'letter.csv.letterSalutation'), value: (p, { lang }) => letterSalutation(p, lang) },
  { label: (l) => t(l, 'letter.csv.purposes'), value: (_p, { purposes }) => purposes },
  { label: (l) => t(l, 'letter.consent.reference'), value: (p, { campaignId }) => campaignReference(campaignId, p.id) },
];

/** Columns: Firma, Anrede, Titel, Vorname, Name, Straße, PLZ, Ort, Land, E-Mail, Briefanrede, Zwecke, Zeichen. */
export function campaignCsv(
  campaignId: string,
  persons: Iterable<CampaignCsvPerson>,
  purposes: readonly Pick<Purpose, 'name'>[],
  lang: Language,
): string {
  const row: RowContext = { lang, purposes: purposes.map((p) => p.name).join(', '), campaignId };
  const rows = [CAMPAIGN_CSV_COLUMNS.map((c) => c.label(lang))];
  for (const p of persons) rows.push(CAMPAIGN_CSV_COLUMNS.map((c) => c.value(p, row).trim()));
  return csvDocument(rows, lang);
}
