/**
 * Hash routing (#/personen/<id>, #/protokoll?person=<id>): a reload keeps the place, and the
 * static preview server needs no rewrite rules. No router package: seven screens do not need one.
 */
import { useSyncExternalStore } from 'react';

export type ScreenId =
  'uebersicht' | 'personen' | 'pruefliste' | 'anfragen' | 'protokoll' | 'verzeichnis' | 'einstellungen';

export const SCREENS: readonly ScreenId[] = [
  'uebersicht',
  'personen',
  'pruefliste',
  'anfragen',
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
  const [first = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  // No route (a fresh start, a sign-in at the bare address): the Übersicht, the state at a glance.
  const screen = (SCREENS as readonly string[]).includes(first)
    ? (first as ScreenId)
    : first === ''
      ? 'uebersicht'
      : 'personen';
  return { screen, rest, query: new URLSearchParams(search) };
}

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

export function navigate(to: string): void {
  window.location.hash = to;
}
