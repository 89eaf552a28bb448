/**
 * Apart from followUpStore (which the shell loads at the start): its text is of German's later
 * messages, which only lazy screens may name (tests/browser/budget.test.ts).
 */
import { formatDate } from '../../i18n/locale';
import type { Translate } from '../i18n';
import { offerRequestFollowUp } from './followUpStore';

/** An erasure a retention duty blocks until `until`: the person's erasure requests are offered for refusal, with the reason. */
export function offerErasureRefusal(personId: string, until: string | null, tr: Translate): Promise<void> {
  return offerRequestFollowUp(
    personId,
    'refused',
    until ? tr('ui.followUp.retentionReason', { date: formatDate(tr.lang, until) }) : '',
  );
}
