/**
 * A campaign's persons as CSV for mail merge in a word processor: the address fields, the full
 * salutation line of the letter ("Sehr geehrte Frau Dr. Zimmermann,") and the purposes asked for.
 * Written by the app's one CSV writer (csvDocument in write.ts), like the person export. Pure.
 */
import { letterSalutation } from '../../domain/campaign';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import { t, type Language } from '../../i18n/messages';
import { csvDocument } from './write';

export type CampaignCsvPerson = Pick<
  Person,
  'salutation' | 'title' | 'firstName' | 'lastName' | 'street' | 'postalCode' | 'city' | 'country' | 'email'
>;

type Column = {
  label: (lang: Language) => string;
  value: (p: CampaignCsvPerson, lang: Language, purposes: string) => string;
};

const field = (key: keyof CampaignCsvPerson): Column => ({ label: (l) => t(l, `field.${key}`), value: (p) => p[key] });

export const CAMPAIGN_CSV_COLUMNS: readonly Column[] = [
  field('salutation'),
  field('title'),
  field('firstName'),
  field('lastName'),
  field('street'),
  field('postalCode'),
  field('city'),
  field('country'),
  field('email'),
  { label: (l) => t(l, 'letter.csv.letterSalutation'), value: (p, l) => letterSalutation(p, l) },
  { label: (l) => t(l, 'letter.csv.purposes'), value: (_p, _l, purposes) => purposes },
];

/** Columns: Anrede, Titel, Vorname, Name, Straße, PLZ, Ort, Land, E-Mail, Briefanrede, Zwecke. */
export function campaignCsv(
  persons: Iterable<CampaignCsvPerson>,
  purposes: readonly Pick<Purpose, 'name'>[],
  lang: Language,
): string {
  const purposeNames = purposes.map((p) => p.name).join(', ');
  const rows = [CAMPAIGN_CSV_COLUMNS.map((c) => c.label(lang))];
  for (const p of persons) rows.push(CAMPAIGN_CSV_COLUMNS.map((c) => c.value(p, lang, purposeNames).trim()));
  return csvDocument(rows);
}
