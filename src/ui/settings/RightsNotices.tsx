/**
 * What the shell says above every screen about the signed-in user's own rights:
 * - withheld: their rights, or a group's of theirs, were changed outside the app, so the sign-in
 *   granted them as the app last wrote them, or none (data/commands/bookTagCheck.ts trustedAccount);
 * - taken: an administrator took rights since the sign-in (in another tab, or on another device
 *   whose change sync applied) — which ones, so a form turning read-only or a button going grey is
 *   explained where the user looks, and in a synced book that a change made offline with them may
 *   not be taken over by the team.
 */
import { useT } from '../i18n';
import { href } from '../route';
import { useRights, useSession } from '../stores';
import { useSyncConfig } from '../sync/useSync';
import type { Session } from '../../data/core/session';
import type { CurrentRights } from '../../data/core/currentRights';

export default function RightsNotices() {
  const session = useSession();
  const rights = useRights();
  return (
    <>
      {session.rightsWithheld && <RightsWithheld />}
      {rights !== session && <RightsTaken session={session} rights={rights} />}
    </>
  );
}

function RightsWithheld() {
  const tr = useT();
  return (
    <p className="warning" role="status">
      {tr('ui.users.rightsWithheldYou')} <a href={href('einstellungen')}>{tr('ui.users.rightsWithheldLink')}</a>
    </p>
  );
}

function RightsTaken({ session, rights }: { session: Session; rights: CurrentRights }) {
  const tr = useT();
  const synced = !!useSyncConfig().config;
  const taken = [
    ...(session.isAdmin && !rights.isAdmin ? [tr('ui.users.admin')] : []),
    ...[...session.permissions].filter((p) => !rights.permissions.has(p)).map((p) => tr(`ui.permission.${p}`)),
  ];
  return (
    <p className="warning" role="status">
      {tr('ui.users.rightsTakenYou', { rights: taken.join(', ') })}
      {synced && ` ${tr('ui.users.rightsTakenSync')}`}
    </p>
  );
}
