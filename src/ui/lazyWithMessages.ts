/**
 * React's `lazy` for the app's lazy screens, dialogs and widgets: the chunk renders only once
 * German's later message areas are loaded too (fetched beside it, once), so a text of theirs is
 * never asked for before it is there. The one way to make a lazy component in src/ui
 * (tests/unit/i18n-lazy.test.ts keeps it so).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { loadLaterMessages } from '../i18n/messages';

/** A module's loader that also waits for the later messages. */
export async function withLaterMessages<M>(load: () => Promise<M>): Promise<M> {
  const [module] = await Promise.all([load(), loadLaterMessages()]);
  return module;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound as React's lazy
export function lazyWithMessages<T extends ComponentType<any>>(
  load: () => Promise<{ default: T }>,
): LazyExoticComponent<T> {
  return lazy(() => withLaterMessages(load));
}
