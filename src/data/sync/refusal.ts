/**
 * Why a document arriving by sync is refused: a message key of the translation table with its
 * values, so the list of held-back changes shows it in the user's language
 * (ui/sync/refusalText.ts), and the same in English as the reason kept and logged with it — filled
 * from the English table here, so the two never say different things. `table` and `permissions`
 * are given as their ids (the list puts them in words); `detail` is the value check's own problem
 * (domain/recordProblem.ts), its message key for the list and its English reason for the log.
 */
import { fill, type MessageKey, type MessageParams } from '../../i18n/messages';
import type { RecordProblem } from '../../domain/recordProblem';
import { syncRefusals as english } from '../../i18n/en/syncRefusals';
import type { RefusalText } from '../core/records';

export type RefusalKey = Extract<keyof typeof english, `sync.refused.${string}`>;

export interface Refusal extends RefusalText {
  key: RefusalKey;
}

export function refusal(key: RefusalKey, params: MessageParams = {}, problem?: RecordProblem): Refusal {
  return {
    key,
    params,
    ...(problem && {
      detail: { key: problem.messageKey as MessageKey, params: problem.params, reason: problem.reason },
    }),
  };
}

/** The refusal in English: the reason kept in the quarantine and asserted by the tests. */
export function reasonOf(r: Refusal): string {
  const values: MessageParams = { ...r.params };
  if (typeof values.permissions === 'string')
    values.permissions = values.permissions ? values.permissions.split(',').join(' or ') : 'a permission';
  if (r.detail) values.detail = r.detail.reason;
  return fill('en', english[r.key], values);
}
