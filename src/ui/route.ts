/**
 * Hash routing (#/personen/<id>, #/protokoll?person=<id>): a reload keeps the place, and the
 * static preview server needs no rewrite rules. No router package: eight screens do not need one.
 */
import { useSyncExternalStore } from 'react';

export type ScreenId =
  'uebersicht' | 'personen' | 'pruefliste' | 'anfragen' | 'datenpannen' | 'protokoll' | 'verzeichnis' | 'einstellungen';

export const SCREENS: readonly ScreenId[] = [
  'uebersicht',
  'personen',
  'pruefliste',
  'anfragen',
  'datenpannen',
  'protokoll',
  'verzeichnis',
  'einstellungen',
];

export interface Route {
  screen: ScreenId;
  /** Path segments after the screen, e.g. ['neu'] or [personId]. */
  rest: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  // Datenpannen were a tab of Anfragen (#/anfragen/datenpannen): old links still lead there.
  if (parts[0] === 'anfragen' && parts[1] === 'datenpannen') parts.shift();
  const [first = '', ...rest] = parts;
  // No route (a fresh start, a sign-in at the bare address): the Übersicht, the state at a glance.
  const screen = (SCREENS as readonly string[]).includes(first)
    ? (first as ScreenId)
    : first === ''
      ? 'uebersicht'
      : 'personen';
  return { screen, rest, query: new URLSearchParams(search) };
}

/**
 * Asked before the place changes by any means (a link, the back button, a typed address): null
 * when nothing stands in the way, else whether to go on (see unsavedChanges.tsx).
 */
type LeaveCheck = () => Promise<boolean> | null;
let leaveCheck: LeaveCheck = () => null;
export function setLeaveCheck(check: LeaveCheck): void {
  leaveCheck = check;
}

/**
 * The back and forward buttons and a typed address: registered before any subscriber below, so a
 * refused change is undone before a screen reads the address (the form keeps its state).
 */
let shownHash = window.location.hash;
/** The app itself moves on (a dialog done, a save, a filter): it decided already, nothing asks. */
let programmatic = false;
window.addEventListener('hashchange', () => {
  const target = window.location.hash;
  if (target === shownHash) return;
  const asking = programmatic ? null : leaveCheck();
  programmatic = false;
  if (!asking) {
    shownHash = target;
    return;
  }
  history.replaceState(history.state, '', window.location.pathname + window.location.search + shownHash);
  void asking.then((go) => {
    if (go) window.location.hash = target;
  });
});

/** A link within the app asks before it is followed, so a refusal leaves no history entry behind. */
document.addEventListener(
  'click',
  (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as Element | null)?.closest('a[href^="#"]');
    const target = link?.getAttribute('href');
    if (!target || target === window.location.hash || target === '#main') return;
    const asking = leaveCheck();
    if (!asking) return;
    e.preventDefault();
    void asking.then((go) => {
      if (go) window.location.hash = target;
    });
  },
  true,
);

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function href(screen: ScreenId, ...rest: string[]): string {
  return `#/${[screen, ...rest.map(encodeURIComponent)].join('/')}`;
}

/** The app's own move to another place (not the user's link or back button): no question first. */
export function navigate(to: string): void {
  const before = window.location.hash;
  programmatic = true;
  window.location.hash = to;
  // No change, no hashchange: the next one is the user's again.
  if (window.location.hash === before) programmatic = false;
}
