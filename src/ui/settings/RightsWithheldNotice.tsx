/**
 * Shown through the session when its user's rights, or a group's of theirs, were changed outside
 * the app: the sign-in granted them as the app last wrote them, or none (data/commands/bookTagCheck.ts trustedAccount).
 */
import { useT } from '../i18n';
import { href } from '../route';

export default function RightsWithheldNotice() {
  const tr = useT();
  return (
    <p className="warning" role="status">
      {tr('ui.users.rightsWithheldYou')} <a href={href('einstellungen')}>{tr('ui.users.rightsWithheldLink')}</a>
    </p>
  );
}
