/**
 * A business transaction's changed fields as the Protokoll and the Auskunft name them. Apart from
 * fieldLabels.ts, which the first screen loads: these labels are in the later messages, read only
 * by the screens and documents loaded after it.
 */
import { t, type Language, type MessageKey } from '../i18n/messages';

/** A business transaction's fields, in its form's order: the Protokoll and the Auskunft name a correction's so. */
const TRANSACTION_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  kind: 'ui.transaction.kind',
  date: 'ui.transaction.date',
  title: 'ui.transaction.title',
  personIds: 'ui.transaction.persons',
  attachment: 'ui.transaction.attachment',
};

/** A transaction's changed field keys as labels, in the form's order; a key this version does not know shows itself. */
export function transactionFieldLabels(lang: Language, keys: readonly string[]): string[] {
  const known = Object.entries(TRANSACTION_FIELD_LABELS).flatMap(([key, label]) =>
    keys.includes(key) ? [t(lang, label)] : [],
  );
  return [...known, ...keys.filter((key) => !Object.hasOwn(TRANSACTION_FIELD_LABELS, key))];
}
