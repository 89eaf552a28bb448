/** Dialogs of "Benutzer und Gruppen": a user (new or edit), a group (new or edit), a confirmation, the own passphrase. */
import { useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { PERMISSIONS, type Group, type Permission, type User } from '../../domain/user';
import {
  changePassphrase,
  createGroup,
  createUser,
  setUserPassphrase,
  updateGroup,
  updateUser,
} from '../../data/commands/users';
import type { VouchProgress } from '../../data';
import { formatNumber } from '../../i18n/locale';
import { readSyncServer } from '../../data/queries/settings';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { CheckboxField } from '../components/CheckboxField';
import { CheckboxSet } from '../components/CheckboxSet';
import { DialogForm } from '../components/DialogForm';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProgressBar } from '../components/ProgressBar';
import { refuse, useSubmit } from '../components/useSubmit';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import type { KeptAccountRights } from '../../data/commands/bookTagCheck';

/**
 * In a synced team only an administrator takes rights (rules/users.ts), and taking them sends what
 * the member wrote again in the administrator's name (team/vouch.ts): said before anyone saves.
 */
function TakingRightsHint() {
  const tr = useT();
  const rights = useRights();
  const synced = useLiveQuery(async () => !!(await readSyncServer(db)), [], false);
  if (!synced) return null;
  return <p className="hint">{tr(rights.isAdmin ? 'ui.users.takingRightsVouches' : 'ui.users.takingRightsHint')}</p>;
}

function PermissionBoxes({
  value,
  onChange,
  legendHint,
}: {
  value: Permission[];
  onChange: (p: Permission[]) => void;
  legendHint?: string;
}) {
  const tr = useT();
  return (
    <CheckboxSet
      legend={tr('ui.users.permissions')}
      hint={legendHint}
      options={PERMISSIONS.map((p) => ({ value: p, label: tr(`ui.permission.${p}`) }))}
      chosen={value}
      onChange={onChange}
    />
  );
}

interface UserDialogProps {
  /** null: a new user. */
  user: User | null;
  groups: readonly Group[];
  /** Their rights were changed outside the app: saving grants them as the form shows them. */
  rightsWithheld?: boolean;
  /** Those the app last wrote, where kept (withheldRights): offered to fill in. */
  keptRights?: KeptAccountRights | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}

type UserDraft = Pick<User, 'name' | 'staffNumber' | 'permissions' | 'groupIds' | 'isAdmin' | 'active'>;

export function UserDialog({ user, groups, rightsWithheld, keptRights, onDone, onCancel }: UserDialogProps) {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  // Everything but the passphrase is kept at the idle lock.
  const kept = useFormDraft<UserDraft>(DRAFT.user, user?.id ?? '');
  const start = kept.restored ?? user;
  const [name, setName] = useState(start?.name ?? '');
  const [staffNumber, setStaffNumber] = useState(start?.staffNumber ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(start?.permissions ?? []);
  const [groupIds, setGroupIds] = useState<string[]>(start?.groupIds ?? []);
  const [isAdmin, setAdmin] = useState(start?.isAdmin ?? false);
  const [active, setActive] = useState(start?.active ?? true);
  const title = user ? tr('ui.users.editTitle', { name: user.name }) : tr('ui.users.newTitle');
  const vouching = useVouchProgress();
  const { error, busy, submit } = useSubmit(
    vouching.track(async () => {
      if (user) {
        // The passphrase first: a refused one (too short) leaves everything else unchanged too.
        if (passphrase) await setUserPassphrase(db, session, user.id, passphrase);
        await updateUser(
          db,
          session,
          user.id,
          { staffNumber, permissions, groupIds, isAdmin, active },
          vouching.onProgress,
        );
        onDone(tr('ui.users.saved', { name: user.name }));
        return;
      }
      const created = await createUser(db, session, { name, staffNumber, passphrase, permissions, groupIds, isAdmin });
      onDone(tr('ui.users.created', { name: created.name }));
    }),
  );

  return (
    <DialogForm
      title={title}
      submitLabel={user ? tr('ui.save') : tr('ui.users.create')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(title, { name, staffNumber, permissions, groupIds, isAdmin, active })}
    >
      {rightsWithheld && (
        <WithheldRights
          kept={keptRights}
          onKept={(kept) => {
            setPermissions(kept.permissions ?? []);
            setGroupIds(kept.groupIds ?? []);
            setAdmin(!!kept.isAdmin);
            setActive(kept.active ?? true);
          }}
        />
      )}
      {!user && <TextField label={tr('ui.auth.user')} value={name} onChange={setName} required autoFocus />}
      <TextField
        label={tr('ui.auth.staffNumber')}
        value={staffNumber}
        onChange={setStaffNumber}
        required
        autoFocus={!!user}
      />
      {!user ? (
        <TextField
          label={tr('ui.auth.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          autoComplete="new-password"
          required
          hint={tr('ui.auth.passphraseHint')}
        />
      ) : (
        user.id !== session.userId && (
          <TextField
            label={tr('ui.users.newPassphrase')}
            value={passphrase}
            onChange={setPassphrase}
            type="password"
            autoComplete="new-password"
            hint={tr('ui.users.newPassphraseHint')}
          />
        )
      )}
      {/* Only an administrator makes one (rules/users.ts): not offered to anyone else. */}
      {rights.isAdmin && (
        <CheckboxField
          label={tr('ui.users.admin')}
          checked={isAdmin}
          onChange={setAdmin}
          hint={tr('ui.users.adminHint')}
        />
      )}
      {user && (
        <CheckboxField
          label={tr('ui.users.active')}
          checked={active}
          onChange={setActive}
          hint={tr('ui.users.activeHint')}
        />
      )}
      {user && <TakingRightsHint />}
      <PermissionBoxes
        value={permissions}
        onChange={setPermissions}
        legendHint={user ? tr('ui.users.sessionHint') : undefined}
      />
      {groups.length > 0 && (
        <CheckboxSet
          legend={tr('ui.users.groups')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          chosen={groupIds}
          onChange={setGroupIds}
        />
      )}
      {/* Above the buttons, where the user just tapped (a long form scrolls). */}
      {vouching.bar}
    </DialogForm>
  );
}

interface GroupDialogProps {
  group: Group | null;
  /** Its rights were changed outside the app: saving grants them as the form shows them. */
  rightsWithheld?: boolean;
  /** Those the app last wrote, where kept (withheldRights): offered to fill in. */
  keptRights?: KeptAccountRights | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function GroupDialog({ group, rightsWithheld, keptRights, onDone, onCancel }: GroupDialogProps) {
  const tr = useT();
  const session = useSession();
  const kept = useFormDraft<Pick<Group, 'name' | 'permissions'>>(DRAFT.group, group?.id ?? '');
  const start = kept.restored ?? group;
  const [name, setName] = useState(start?.name ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(start?.permissions ?? []);
  const title = group ? tr('ui.groups.editTitle', { name: group.name }) : tr('ui.groups.newTitle');
  const vouching = useVouchProgress();
  const { error, busy, submit } = useSubmit(
    vouching.track(async () => {
      if (group) await updateGroup(db, session, { ...group, name, permissions }, vouching.onProgress);
      else await createGroup(db, session, name, permissions);
      onDone(tr('ui.groups.saved', { name: name.trim() }));
    }),
  );
  return (
    <DialogForm
      title={title}
      submitLabel={group ? tr('ui.save') : tr('ui.users.create')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(title, { name, permissions })}
    >
      {rightsWithheld && <WithheldRights kept={keptRights} onKept={(kept) => setPermissions(kept.permissions ?? [])} />}
      <TextField label={tr('ui.groups.name')} value={name} onChange={setName} required autoFocus />
      {group && <TakingRightsHint />}
      <PermissionBoxes value={permissions} onChange={setPermissions} />
      {/* Above the buttons, where the user just tapped (a long form scrolls). */}
      {vouching.bar}
    </DialogForm>
  );
}

/**
 * A record whose rights were changed outside the app: what saving does, and — where the app kept
 * the rights it last wrote (their tag confirms them) — a button that fills them in.
 */
function WithheldRights({
  kept,
  onKept,
}: {
  kept: KeptAccountRights | null | undefined;
  onKept: (kept: KeptAccountRights) => void;
}) {
  const tr = useT();
  const [used, setUsed] = useState(false);
  return (
    <div className="warning">
      <p>{tr('ui.users.rightsWithheldSave')}</p>
      {kept && (
        <button
          type="button"
          onClick={() => {
            onKept(kept);
            setUsed(true);
          }}
        >
          {tr('ui.users.keptRights')}
        </button>
      )}
      {used && <p role="status">{tr('ui.users.keptRightsSet')}</p>}
    </div>
  );
}

interface ConfirmProps {
  title: string;
  text: string;
  confirmLabel: string;
  /** `onProgress`: for a confirmed job that reads long (a removal's vouching), shown while busy. */
  onConfirm: (onProgress: VouchProgress) => Promise<string>;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * The progress of a change that takes rights in a synced team while it looks for what the member
 * wrote (team/vouch.ts: reported only when that is more than a page of documents): `track` wraps
 * the submit, so each attempt starts without a bar and none is left after it; `bar` is shown in
 * between, once the first report came; `onProgress` goes to the command.
 */
function useVouchProgress(): {
  bar: ReactNode;
  onProgress: VouchProgress;
  track: (run: () => Promise<void>) => () => Promise<void>;
} {
  const tr = useT();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const n = (x: number) => formatNumber(tr.lang, x);
  const bar = progress && (
    <ProgressBar
      text={tr('ui.users.vouchProgress', { done: n(progress.done), total: n(progress.total) })}
      done={progress.done}
      total={progress.total}
    />
  );
  return {
    bar,
    onProgress: (done, total) => setProgress({ done, total }),
    track: (run) => async () => {
      setProgress(null);
      try {
        await run();
      } finally {
        setProgress(null);
      }
    },
  };
}

/** A confirmation of a deletion; a refusal (e.g. the last administrator) stays visible in the dialog. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onDone, onCancel }: ConfirmProps) {
  const tr = useT();
  const vouching = useVouchProgress();
  const { error, busy, onSubmit } = useSubmit(vouching.track(async () => onDone(await onConfirm(vouching.onProgress))));
  return (
    <Dialog title={title} onCancel={onCancel} alert>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <p>{text}</p>
        {vouching.bar}
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="danger" disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel} data-autofocus="">
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Passphrase ändern" for the signed-in user: the old one proves it is them. */
export function PassphraseDialog({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const tr = useT();
  const session = useSession();
  const [oldPass, setOld] = useState('');
  const [newPass, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    if (newPass !== repeat) refuse(tr('ui.passphrase.mismatch'));
    await changePassphrase(db, session, oldPass, newPass);
    onDone(tr('ui.passphrase.changed'));
  });
  return (
    <DialogForm
      title={tr('ui.passphrase.title')}
      submitLabel={tr('ui.passphrase.title')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      <p>{tr('ui.passphrase.intro', { name: session.userName })}</p>
      <input type="text" name="username" autoComplete="username" value={session.userName} readOnly hidden />
      <TextField
        label={tr('ui.passphrase.old')}
        value={oldPass}
        onChange={setOld}
        type="password"
        autoComplete="current-password"
        required
        autoFocus
      />
      <TextField
        label={tr('ui.passphrase.new')}
        value={newPass}
        onChange={setNew}
        type="password"
        autoComplete="new-password"
        required
        hint={tr('ui.auth.passphraseHint')}
      />
      <TextField
        label={tr('ui.passphrase.repeat')}
        value={repeat}
        onChange={setRepeat}
        type="password"
        autoComplete="new-password"
        required
      />
    </DialogForm>
  );
}
