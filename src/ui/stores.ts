/** zustand stores for UI and session state only; the database is the single source of data. */
import { useMemo, useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { signOut as dropKeys } from '../data/auth';
import { rightsWithin, type Session } from '../data/core/session';
import { currentRightsOf, subscribeCurrentRights, type CurrentRights } from '../data/core/currentRights';
import { db } from './db';
import { loadLanguage, type Language } from '../i18n/messages';

export type SignOutReason = 'manual' | 'idle' | 'restored' | 'update';

interface SessionState {
  session: Session | null;
  /** Why the last session ended, shown on the sign-in screen. */
  signedOutBecause: SignOutReason | null;
  /** Signed out, the page is being reloaded: nothing is shown until the new page is. */
  reloading: boolean;
  signIn: (session: Session) => void;
  /** `reload` false: only when unsaved drafts are held in this page alone (keepUnsaved.ts). */
  signOut: (reason: SignOutReason, reload?: boolean) => void;
}

/** Why the last session ended, across the reload that ends it (this tab only). */
const SIGNED_OUT_KEY = 'consentbook.signedOutBecause';

function takeSignOutReason(): SignOutReason | null {
  // Not in every environment the stores load in (unit tests run without a DOM).
  if (typeof sessionStorage === 'undefined') return null;
  const reason = sessionStorage.getItem(SIGNED_OUT_KEY);
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return reason === 'manual' || reason === 'idle' || reason === 'restored' || reason === 'update' ? reason : null;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  signedOutBecause: takeSignOutReason(),
  reloading: false,
  signIn: (session) => set({ session, signedOutBecause: null }),
  signOut: (reason, reload = true) => {
    dropKeys(db);
    set({ session: null, signedOutBecause: reason, reloading: reload });
    if (!reload) return;
    // Dropping the keys leaves what was opened with them in memory (screens' state, jsPDF's last
    // table, caches of libraries): only a new page holds none of it. The route stays (ids only).
    try {
      sessionStorage.setItem(SIGNED_OUT_KEY, reason);
    } catch {
      // The tab's storage is full (drafts held there, keepUnsaved.tsx): the new page matters more
      // than the sign-in screen naming why it shows.
    }
    window.location.reload();
  },
}));

/** The signed-in session; screens behind the sign-in gate may rely on it. */
export function useSession(): Session {
  const session = useSessionStore((s) => s.session);
  if (!session) throw new Error('No session: this screen is shown only after sign-in');
  return session;
}

/**
 * What the signed-in user may do now: the sign-in's rights, less any an administrator took since
 * (in another tab, or on another device whose change sync applied). Buttons follow at once; the
 * data layer refuses the same writes whatever a screen offers.
 */
export function useRights(): CurrentRights {
  const session = useSession();
  const now = useSyncExternalStore(subscribeCurrentRights, () => currentRightsOf(db.name, session.userId));
  return useMemo(() => rightsWithin(session, now), [session, now]);
}

/**
 * The person list's search, kept while the user opens a person from it and comes back. In memory
 * only: a search names people, so it is never in the address (the browser's history), storage or
 * a draft; sign-out reloads the page, which ends it.
 */
export const usePersonSearch = create<{ query: string; setQuery: (query: string) => void }>()((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
}));

interface PreferencesState {
  lang: Language;
  /** Switches once the language's messages are loaded, so no screen shows a half-translated state. */
  setLang: (lang: Language) => Promise<void>;
}

export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      lang: 'de',
      setLang: async (lang) => {
        await loadLanguage(lang);
        set({ lang });
      },
    }),
    { name: 'consentbook.preferences' },
  ),
);

interface BannerState {
  /** Another tab upgraded the database: this one closed its connection and must reload. */
  reloadRequired: boolean;
  requireReload: () => void;
}

export const useBanner = create<BannerState>()((set) => ({
  reloadRequired: false,
  requireReload: () => set({ reloadRequired: true }),
}));

interface NoticeState {
  /** A short confirmation ("Gespeichert") that survives the move to the route it is meant for. */
  notice: { text: string; route: string } | null;
  setNotice: (text: string | null, route?: string) => void;
}

export const useNoticeStore = create<NoticeState>()((set) => ({
  notice: null,
  setNotice: (text, route = window.location.hash) => set({ notice: text ? { text, route } : null }),
}));

/** The notice meant for the current route, if any. */
export function useNotice(route: string): { notice: string | null; setNotice: NoticeState['setNotice'] } {
  const { notice, setNotice } = useNoticeStore();
  return { notice: notice && notice.route === route ? notice.text : null, setNotice };
}
