/**
 * The backup reminder above every screen: when the last backup is older than the reminder
 * period (Einstellungen › backupReminderDays), or there is none while persons exist. It can be
 * hidden for the rest of the session. It also ends this tab's session when another tab restored
 * a backup, because the restored users apply from then on.
 */
import { use, useEffect, type CSSProperties } from 'react';
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
import { useNoticeStore, useSession, useSessionStore } from './stores';

// Inline until styles.css (not this component's file) gets a .backup-reminder rule.
const BOX: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: '0 1rem',
  background: 'var(--warn-tint)',
  color: 'var(--warn)',
  borderLeft: '4px solid #c98a00',
  borderRadius: 4,
  padding: '0.15rem 0.4rem 0.15rem 0.8rem',
  margin: '0 0 1rem',
  fontWeight: 600,
};
const CHANNEL = 'consentbook-backup';
/** This tab, so it ignores its own announcement. */
const TAB = Math.random().toString(36).slice(2);

const useDismissed = create<{ signedInAt: string | null; dismiss: (signedInAt: string) => void }>()((set) => ({
  signedInAt: null,
  dismiss: (signedInAt) => set({ signedInAt }),
}));

/** Tells the other tabs that the database was replaced by a backup. */
export function announceRestore(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'restored', tab: TAB });
  channel.close();
}

function useSignOutWhenRestoredElsewhere() {
  const tr = useT();
  const signOut = useSessionStore((s) => s.signOut);
  const setNotice = useNoticeStore((s) => s.setNotice);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e) => {
      const data = e.data as { type?: string; tab?: string } | null;
      if (data?.type !== 'restored' || data.tab === TAB) return;
      setNotice(tr('ui.backup.restoredElsewhere'));
      signOut('restored');
    };
    return () => channel.close();
  }, [tr, signOut, setNotice]);
}

/**
 * The answer per sign-in as last known: the reminder is rendered with every screen (Shell.tsx), so
 * each screen shows it at once as it was, and the first screen waits only for the answer asked at
 * the sign-in click — usually there before the screen is.
 */
const known = new Map<string, BackupDueAnswer>();

function knownFor(signedInAt: string): BackupDueAnswer {
  let k = known.get(signedInAt);
  if (!k) known.set(signedInAt, (k = takeBackupDueAhead(db) ?? askBackupDue(db)));
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
  const route = useRoute();
  const dismissedFor = useDismissed((s) => s.signedInAt);
  const dismiss = useDismissed((s) => s.dismiss);
  useSignOutWhenRestoredElsewhere();
  const k = knownFor(session.signedInAt);
  const first = k.value !== undefined ? k.value : use(k.answer);
  const state = useLiveQuery(() => readBackupDue(db), [], first);
  useEffect(() => remember(session.signedInAt, state), [session.signedInAt, state]);

  const canBackUp = session.permissions.has('issueReports');
  if (!state || !canBackUp || dismissedFor === session.signedInAt || route.screen === 'einstellungen') return null;
  const text =
    state.days === null
      ? tr('ui.backup.reminderNone')
      : state.days === 1
        ? tr('ui.backup.reminderDay')
        : tr('ui.backup.reminderDays', { days: state.days });
  return (
    <div className="backup-reminder" style={BOX}>
      <p style={{ margin: '0.4rem 0' }}>
        <span>{text}</span> <a href={href('einstellungen')}>{tr('ui.backup.reminderLink')}</a>
      </p>
      <button
        type="button"
        className="link-button"
        style={{ fontWeight: 400 }}
        onClick={() => dismiss(session.signedInAt)}
      >
        {tr('ui.backup.reminderDismiss')}
      </button>
    </div>
  );
}
