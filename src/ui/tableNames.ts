/**
 * A table's name as the user reads it ("Einwilligungen"), shared by the screens that name stored
 * records: the Protokoll's entries, sync's refusals and waiting documents; and the kind of one of
 * its records ("Einwilligung"), for a list naming one document per row.
 */
import type { MessageKey } from '../i18n/messages';
import { labelOf, type Translate } from './i18n';

/** Whether the table has `key` (labelOf hands an unknown key back as it is). */
export const knownKey = (tr: Translate, key: string): key is MessageKey => labelOf(tr, key) !== key;

/** The table's name in the user's language; an unknown one as it is. */
export function tableName(tr: Translate, table: string): string {
  const key = `sync.table.${table}`;
  return knownKey(tr, key) ? tr(key) : table;
}

/** What one record of the table is ("Person", "Einwilligung"); an unknown table as it is. */
export function recordKindName(tr: Translate, table: string): string {
  const key = `sync.record.${table}`;
  return knownKey(tr, key) ? tr(key) : table;
}
