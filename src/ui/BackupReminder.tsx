/**
 * The backup reminder above every screen: when the last backup is older than the reminder
 * period (Einstellungen › backupReminderDays), or there is none while persons exist. It can be
 * hidden for the rest of the session.
 */
import { use, useEffect } from 'react';
import { create } from 'zustand';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  askBackupDue,
  readBackupDue,
  takeBackupDueAhead,
  type BackupDue,
  type BackupDueAnswer,
} from '../data/queries/backupDue';
import { db } from './db';
import { useT } from './i18n';
import { href, useRoute } from './route';
import { useRights, useSession } from './stores';

const useDismissed = create<{ signedInAt: string | null; dismiss: (signedInAt: string) => void }>()((set) => ({
  signedInAt: null,
  dismiss: (signedInAt) => set({ signedInAt }),
}));

/**
 * The answer of this sign-in as last known: the reminder is rendered with every screen (Shell.tsx),
 * so each screen shows it at once as it was, and the first screen waits only for the answer asked
 * at the sign-in click — usually there before the screen is. Only the current sign-in's is kept.
 */
const known = new Map<string, BackupDueAnswer>();

function knownFor(signedInAt: string): BackupDueAnswer {
  let k = known.get(signedInAt);
  if (!k) {
    known.clear();
    known.set(signedInAt, (k = takeBackupDueAhead(db) ?? askBackupDue(db)));
  }
  return k;
}

function remember(signedInAt: string, value: BackupDue): void {
  const k = known.get(signedInAt);
  if (k) k.value = value;
}

/** Suspends until the first answer (with the screen: one Suspense), then follows the database: a backup made, the period changed. */
export function BackupReminder() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const route = useRoute();
  const dismissedFor = useDismissed((s) => s.signedInAt);
  const dismiss = useDismissed((s) => s.dismiss);
  const k = knownFor(session.signedInAt);
  const first = k.value !== undefined ? k.value : use(k.answer);
  const state = useLiveQuery(() => readBackupDue(db), [], first);
  useEffect(() => remember(session.signedInAt, state), [session.signedInAt, state]);

  const canBackUp = rights.permissions.has('issueReports');
  if (!state || !canBackUp || dismissedFor === session.signedInAt || route.screen === 'einstellungen') return null;
  const text =
    state.days === null
      ? tr('ui.backup.reminderNone')
      : state.days === 1
        ? tr('ui.backup.reminderDay')
        : tr('ui.backup.reminderDays', { days: state.days });
  return (
    <div className="backup-reminder">
      <p>
        <span>{text}</span> <a href={href('einstellungen')}>{tr('ui.backup.reminderLink')}</a>
      </p>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          dismiss(session.signedInAt);
          // The button goes with the reminder: the focus stays in the screen, not on the page's body.
          document.getElementById('main')?.focus({ preventScroll: true });
        }}
      >
        {tr('ui.backup.reminderDismiss')}
      </button>
    </div>
  );
}
