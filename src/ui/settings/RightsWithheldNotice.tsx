/**
 * Shown through the session when its user's rights, or a group's of theirs, were changed outside
 * the app and not granted at sign-in (data/commands/bookTagCheck.ts trustedAccount).
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
