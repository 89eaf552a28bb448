/**
 * A held-back change's reason in the user's language: the refusal's message key with its values
 * (data/sync/refusal.ts), the tables and permissions it names put in words, a value check's own
 * message in its place. An entry kept before refusals had keys shows its English reason, and so
 * does one whose key this version does not know.
 */
import type { QuarantineEntry } from '../../data/sync';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import type { Translate } from '../i18n';
import { knownKey as known, tableName } from '../tableNames';

export function refusalText(
  tr: Translate,
  entry: Pick<QuarantineEntry, 'reason' | 'refusal'>,
  /** Users by id: an author is named by name, not by the id the refusal keeps. */
  userNames?: ReadonlyMap<string, string>,
): string {
  const refusal = entry.refusal;
  if (!refusal || !known(tr, refusal.key)) return entry.reason;
  const values: MessageParams = { ...refusal.params };
  if (typeof values.author === 'string') values.author = userNames?.get(values.author) ?? values.author;
  if (typeof values.table === 'string') values.table = tableName(tr, values.table);
  if (typeof values.permissions === 'string') {
    const names = values.permissions
      .split(',')
      .filter(Boolean)
      .map((p) => (known(tr, `ui.permission.${p}`) ? tr(`ui.permission.${p}` as MessageKey) : p));
    values.permissions = names.length ? names.join(` ${tr('sync.refused.or')} `) : tr('sync.refused.aPermission');
  }
  const { detail } = refusal;
  if (detail) values.detail = known(tr, detail.key) ? tr(detail.key, detail.params) : detail.reason;
  return tr(refusal.key, values);
}
