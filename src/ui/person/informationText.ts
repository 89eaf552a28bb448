/** Where informing a person stands, in words: the person's panel and the Prüfliste say the same. */
import { informationState, type PersonInformation } from '../../domain/information';
import { formatDate } from '../../i18n/locale';
import type { Translate } from '../i18n';

export function informationText(tr: Translate, info: PersonInformation | undefined, today: string): string {
  if (!info) return tr('ui.information.notRecorded');
  const s = informationState(info, today);
  if (s.state === 'informed')
    return tr('ui.information.informed', {
      date: formatDate(tr.lang, s.informedAt),
      channel: info.channel ? tr(`ui.information.channel.${info.channel}`) : '',
    });
  const date = formatDate(tr.lang, s.due);
  if (info.source === 'direct') return tr('ui.information.direct.due', { date });
  if (s.daysLeft < 0) return tr('ui.information.elsewhere.overdue', { date, days: -s.daysLeft });
  if (s.daysLeft === 0) return tr('ui.information.elsewhere.today', { date });
  return tr('ui.information.elsewhere.running', { date, days: s.daysLeft });
}
