/** The entry a failed check found at the problem's place, named by time, action and user (after the problem's sentence). */
import { formatDateTime } from '../../i18n/locale';
import { labelOf, useLang, useT } from '../i18n';

export function ProblemEntry({
  entry,
}: {
  entry: { at: string; action: string; userName: string } | null | undefined;
}) {
  const tr = useT();
  const lang = useLang();
  if (!entry) return null;
  return (
    <>
      {' '}
      {tr('ui.audit.problemEntry', {
        at: formatDateTime(lang, entry.at),
        action: labelOf(tr, `action.${entry.action}`),
        user: entry.userName,
      })}
    </>
  );
}
