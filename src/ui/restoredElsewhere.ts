/**
 * A restore in one tab ends the session in every other tab of the app: the restored users and
 * passphrases apply from then on. Announced by the restoring tab, heard by the shell (always
 * mounted while signed in).
 */
import { useEffect } from 'react';
import { useT } from './i18n';
import { useNoticeStore, useSessionStore } from './stores';

const CHANNEL = 'consentbook-backup';
/** This tab, so it ignores its own announcement. */
const TAB = Math.random().toString(36).slice(2);

/** Tells the other tabs that the database was replaced by a backup. */
export function announceRestore(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'restored', tab: TAB });
  channel.close();
}

export function useSignOutWhenRestoredElsewhere() {
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
