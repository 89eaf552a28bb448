/**
 * Field keys as people read them — in the Protokoll, in error messages and in the Auskunft's log
 * table: a watched field ('email'), an entry of a list ('bankAccounts.0.iban' → "IBAN 1",
 * 'furtherPhones.1' → "Weitere Nummer 2"), a purpose a consent covers ('purpose:<id>', by name).
 */
import { t, textOf, type Language } from '../i18n/messages';

export function fieldKeyLabel(lang: Language, key: string, purposeName?: (id: string) => string | undefined): string {
  if (key.startsWith('purpose:')) return purposeName?.(key.slice('purpose:'.length)) || t(lang, 'field.purposeId');
  const parts = key.split('.');
  if (parts[0] === 'bankAccounts' && parts[2]) {
    const sub = parts[2] === 'holder' ? 'accountHolder' : parts[2];
    return `${textOf(lang, `field.${sub}`)} ${Number(parts[1]) + 1}`;
  }
  if (parts[0] === 'furtherPhones' && parts[1]) return t(lang, 'ui.person.furtherPhone', { n: Number(parts[1]) + 1 });
  // Stored data may hold a key this version does not know: it shows itself rather than nothing.
  return textOf(lang, `field.${parts[0]}`);
}

/** Where a person's data came from, as the Auskunft and the CSV export say it: entered by hand or the file imported. */
export function personSourceLabel(lang: Language, source: string): string {
  if (source.startsWith('import:')) return t(lang, 'report.source.import', { file: source.slice('import:'.length) });
  return source === 'manual' || source === '' ? t(lang, 'report.source.manual') : source;
}
