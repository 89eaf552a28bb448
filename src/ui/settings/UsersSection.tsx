/**
 * Einstellungen → Benutzer und Gruppen: visible to everyone, changeable only with "Benutzer
 * verwalten" (the data layer refuses otherwise, and keeps the last administrator). Every user
 * may change their own passphrase.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { administratorOnly, type Group, type Permission, type User } from '../../domain/user';
import { deleteGroup, deleteUser } from '../../data/commands/users';
import { usersAndGroups } from '../../data/queries/users';
import { withheldRights } from '../../data/commands/bookTagCheck';
import { readSyncServer } from '../../data/queries/settings';
import { holdsNewestEpoch, removeMember } from '../../data';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { showConfirmation } from '../showConfirmation';
import { ConfirmDialog, GroupDialog, PassphraseDialog, UserDialog } from './usersDialogs';
import './users.css';
import { restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

type Open =
  | { type: 'user'; user: User | null }
  | { type: 'deleteUser'; user: User }
  | { type: 'removeMember'; user: User }
  | { type: 'group'; group: Group | null }
  | { type: 'deleteGroup'; group: Group }
  | { type: 'passphrase' }
  | null;

/** Where a dialog's confirmation shows: under the part of the section it changed, not at the section's head. */
type Place = 'users' | 'groups' | 'passphrase';

function placeOf(open: Open): Place {
  if (open?.type === 'group' || open?.type === 'deleteGroup') return 'groups';
  return open?.type === 'passphrase' ? 'passphrase' : 'users';
}

/** The user or group dialog the idle lock interrupted (its key: the user's or group's id, '' for a new one). */
type Reopen = { reopen: 'user' | 'group'; key: string };

function interrupted(): Reopen | null {
  const user = restoredDraft(DRAFT.user);
  if (user) return { reopen: 'user', key: user.key };
  const group = restoredDraft(DRAFT.group);
  return group ? { reopen: 'group', key: group.key } : null;
}

/** It opens again once the users and groups are read. */
function reopened({ reopen, key }: Reopen, data: { users: User[]; groups: Group[] } | undefined): Open {
  if (!data) return null;
  if (reopen === 'user') return { type: 'user', user: data.users.find((u) => u.id === key) ?? null };
  return { type: 'group', group: data.groups.find((g) => g.id === key) ?? null };
}

export function UsersSection() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const data = useLiveQuery(async () => {
    const { users, groups } = await usersAndGroups(db);
    users.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    groups.sort((a, b) => a.name.localeCompare(b.name, 'de'));
    return { users, groups };
  }, []);
  // Rights changed outside the app, not granted until saved here (commands/bookTagCheck.ts).
  const withheld = useLiveQuery(() => withheldRights(db), []);
  // A synced book's team: removing a member ends their server access and starts a new key epoch.
  const synced = useLiveQuery(async () => !!(await readSyncServer(db)), [], false);
  // A dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [state, setOpen] = useState<Open | Reopen>(interrupted);
  const open = state && 'reopen' in state ? reopened(state, data) : state;
  const [status, setStatus] = useState<{ message: string; place: Place } | null>(null);
  const allowed = rights.permissions.has('manageUsers');
  // Without the book's newest key a removal would leave the member theirs: not offered until it arrives.
  const keyHeld = useLiveQuery(() => holdsNewestEpoch(db), [synced], true);
  // A removal vouches for what the member wrote and may send every person again: administrators only.
  const removes = synced && keyHeld && rights.isAdmin;
  // Making, changing or deleting an administrator is an administrator's (rules/users.ts).
  const changes = (u: User) => allowed && (rights.isAdmin || !administratorOnly(u));
  const groupName = new Map(data?.groups.map((g) => [g.id, g.name] as const));
  const permissionList = (ps: readonly Permission[]) =>
    ps.length ? ps.map((p) => tr(`ui.permission.${p}`)).join(', ') : tr('ui.users.none');
  const done = (message: string) => {
    setStatus({ message, place: placeOf(open) });
    setOpen(null);
  };
  const notice = (place: Place) =>
    status?.place === place && (
      <p role="status" className="notice" ref={showConfirmation}>
        {status.message}
      </p>
    );
  const show = (next: Open) => {
    setStatus(null);
    setOpen(next);
  };

  return (
    <>
      <section className="card users" aria-labelledby="users-title">
        <h2 id="users-title">{tr('ui.users.title')}</h2>
        {!allowed && <p className="hint">{tr('ui.users.noPermission')}</p>}
        {allowed && synced && !keyHeld && <p className="hint">{tr('error.removeNeedsBookKey')}</p>}
        {allowed && synced && keyHeld && !removes && <p className="hint">{tr('error.removeNeedsAdmin')}</p>}
        <h3 id="users-list-title">{tr('ui.users.usersTitle')}</h3>
        <ul className="user-list" aria-labelledby="users-list-title">
          {data?.users.map((u) => (
            <li key={u.id} className={u.active ? '' : 'inactive'} aria-label={u.name}>
              <div className="user-head">
                <strong>{u.name}</strong>
                {u.id === session.userId && <span className="muted"> {tr('ui.users.you')}</span>}
              </div>
              <dl className="user-facts">
                <dt>{tr('ui.auth.staffNumber')}</dt>
                <dd>{u.staffNumber}</dd>
                <dt>{tr('ui.users.admin')}</dt>
                <dd>{tr(u.isAdmin ? 'ui.users.yes' : 'ui.users.no')}</dd>
                <dt>{tr('ui.users.active')}</dt>
                <dd>{tr(u.active ? 'ui.users.yes' : 'ui.users.no')}</dd>
                <dt>{tr('ui.users.groups')}</dt>
                <dd>
                  {u.groupIds.length ? u.groupIds.map((g) => groupName.get(g) ?? g).join(', ') : tr('ui.users.none')}
                </dd>
                <dt>{tr('ui.users.directPermissions')}</dt>
                <dd>{u.isAdmin ? tr('ui.users.allPermissions') : permissionList(u.permissions)}</dd>
              </dl>
              {withheld?.users.has(u.id) && <p className="warning">{tr('ui.users.rightsWithheld')}</p>}
              {allowed && !changes(u) && <p className="muted">{tr('error.adminGrantsAdmin')}</p>}
              {changes(u) && (
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => show({ type: 'user', user: u })}
                    aria-label={tr('ui.users.editNamed', { name: u.name })}
                  >
                    {tr('ui.users.edit')}
                  </button>
                  {removes && u.active && u.id !== session.userId && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => show({ type: 'removeMember', user: u })}
                      aria-label={tr('ui.team.removeNamed', { name: u.name })}
                    >
                      {tr('ui.team.remove')}
                    </button>
                  )}
                  {/* A synced book keeps every user's record (rules/users.ts): removing from the team instead. */}
                  {!synced && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => show({ type: 'deleteUser', user: u })}
                      aria-label={tr('ui.users.deleteNamed', { name: u.name })}
                    >
                      {tr('ui.delete')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
        {allowed && (
          <button type="button" className="primary" onClick={() => show({ type: 'user', user: null })}>
            {tr('ui.users.add')}
          </button>
        )}
        {notice('users')}

        <h3 id="groups-list-title">{tr('ui.groups.title')}</h3>
        {data && data.groups.length === 0 && <p className="muted">{tr('ui.groups.none')}</p>}
        <ul className="user-list" aria-labelledby="groups-list-title">
          {data?.groups.map((g) => (
            <li key={g.id} aria-label={g.name}>
              <div className="user-head">
                <strong>{g.name}</strong>{' '}
                <span className="muted">
                  · {tr('ui.groups.members', { count: data.users.filter((u) => u.groupIds.includes(g.id)).length })}
                </span>
              </div>
              <p className="group-perms">
                <span className="muted">{tr('ui.users.permissions')}:</span> {permissionList(g.permissions)}
              </p>
              {withheld?.groups.has(g.id) && <p className="warning">{tr('ui.groups.rightsWithheld')}</p>}
              {allowed && (
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => show({ type: 'group', group: g })}
                    aria-label={tr('ui.groups.editNamed', { name: g.name })}
                  >
                    {tr('ui.users.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => show({ type: 'deleteGroup', group: g })}
                    aria-label={tr('ui.groups.deleteNamed', { name: g.name })}
                  >
                    {tr('ui.delete')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
        {allowed && (
          <button type="button" onClick={() => show({ type: 'group', group: null })}>
            {tr('ui.groups.add')}
          </button>
        )}
        {notice('groups')}

        <h3 id="own-passphrase-title">{tr('ui.passphrase.title')}</h3>
        <p className="hint">{tr('ui.passphrase.intro', { name: session.userName })}</p>
        <button type="button" onClick={() => show({ type: 'passphrase' })} aria-describedby="own-passphrase-title">
          {tr('ui.passphrase.title')}
        </button>
        {notice('passphrase')}
      </section>

      {open?.type === 'user' && data && (
        <UserDialog
          user={open.user}
          groups={data.groups}
          rightsWithheld={!!open.user && withheld?.users.has(open.user.id)}
          keptRights={open.user ? withheld?.users.get(open.user.id) : undefined}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.type === 'group' && (
        <GroupDialog
          group={open.group}
          rightsWithheld={!!open.group && withheld?.groups.has(open.group.id)}
          keptRights={open.group ? withheld?.groups.get(open.group.id) : undefined}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.type === 'deleteUser' && (
        <ConfirmDialog
          title={tr('ui.users.deleteTitle')}
          text={tr('ui.users.deleteIntro', { name: open.user.name })}
          confirmLabel={tr('ui.delete')}
          onConfirm={async () => {
            await deleteUser(db, session, open.user.id);
            return tr('ui.users.deleted', { name: open.user.name });
          }}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.type === 'removeMember' && (
        <ConfirmDialog
          title={tr('ui.team.removeTitle')}
          text={tr('ui.team.removeIntro', { name: open.user.name })}
          confirmLabel={tr('ui.team.remove')}
          onConfirm={async (onProgress) => {
            const removal = await removeMember(db, session, open.user.id, onProgress);
            return tr(removal.serverAccessEnded ? 'ui.team.removed' : 'ui.team.removedSharedAccount', {
              name: open.user.name,
              epoch: removal.epoch,
            });
          }}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.type === 'deleteGroup' && (
        <ConfirmDialog
          title={tr('ui.groups.deleteTitle')}
          text={tr('ui.groups.deleteIntro', { name: open.group.name })}
          confirmLabel={tr('ui.delete')}
          onConfirm={async () => {
            await deleteGroup(db, session, open.group.id);
            return tr('ui.groups.deleted', { name: open.group.name });
          }}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.type === 'passphrase' && <PassphraseDialog onDone={done} onCancel={() => setOpen(null)} />}
    </>
  );
}
