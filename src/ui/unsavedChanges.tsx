/**
 * No work lost without a word: while a form holds unsaved changes, leaving it — a link, the back
 * button, another person, signing out, closing the tab — first asks "Änderungen verwerfen?",
 * with staying as the default (UnsavedChangesDialog.tsx). Every form with input takes part: the
 * person form and the inline settings forms declare their changes, every dialog counts as changed
 * once something was typed or chosen in it (components/Dialog.tsx). When the idle lock strikes,
 * nothing asks: every changed form that hands over its values (a kind, a form key, the values —
 * `FormDraft`) has them kept sealed for the same user, who gets them back after signing in: the
 * address it was at opens again, and each form starts from its values (`useKeptDraft`).
 */
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { FormDraft } from '../data/db';
import { setLeaveCheck } from './route';

/** What a form hands to the idle lock: which form it is and its values (the address is added). */
export type DraftOf<T> = Omit<FormDraft, 'at' | 'values'> & { values: T };

interface Guard {
  dirty: boolean;
  discarded: boolean;
  keep?: () => DraftOf<unknown> | null;
}

/** The mounted forms' changes (a dialog may be open above a form). */
const guards = new Set<Guard>();
const pending = () => [...guards].some((g) => g.dirty && !g.discarded);

export const useLeaveQuestion = create<{ answer: ((discard: boolean) => void) | null }>(() => ({ answer: null }));

/** Whether leaving may go on: at once without unsaved changes, else once the user chose to discard them. */
export function confirmLeave(): Promise<boolean> {
  if (!pending()) return Promise.resolve(true);
  useLeaveQuestion.getState().answer?.(false);
  return new Promise((resolve) => {
    useLeaveQuestion.setState({
      answer: (discard) => {
        useLeaveQuestion.setState({ answer: null });
        if (discard) discardUnsaved();
        resolve(discard);
      },
    });
  });
}

/** Gives the changes up without asking (Abbrechen, a save that navigates, the idle lock). */
export function discardUnsaved(): void {
  for (const g of guards) g.discarded = true;
}

/** The drafts to keep when the idle lock strikes: those of the changed forms that can keep theirs. */
export function draftsToKeep(): FormDraft[] {
  const at = window.location.hash;
  return [...guards]
    .filter((g) => g.dirty && !g.discarded)
    .flatMap((g) => g.keep?.() ?? [])
    .map((d) => ({ ...d, at }));
}

setLeaveCheck(() => (pending() ? confirmLeave() : null));

window.addEventListener('beforeunload', (e) => {
  // The browser shows its own question; its text cannot be set.
  if (pending()) e.preventDefault();
});

/** Declares a form's unsaved changes while it is mounted; `keep` hands its draft to the idle lock. */
export function useUnsavedChanges(dirty: boolean, keep?: () => DraftOf<unknown> | null): void {
  const state = useRef<Guard>({ dirty, discarded: false });
  useEffect(() => {
    // The latest draft, after each render (the idle lock may strike at any time).
    state.current.keep = keep;
  });
  useEffect(() => {
    state.current.dirty = dirty;
    // Changes made after a discard that did not leave (or after a save) count again.
    if (!dirty) state.current.discarded = false;
  }, [dirty]);
  useEffect(() => {
    const mine = state.current;
    guards.add(mine);
    return () => {
      guards.delete(mine);
    };
  }, []);
}

/** Kept drafts the user chose to take back: each form picks up its own when it opens. */
export const useRestored = create<{ drafts: FormDraft[]; round: number }>(() => ({ drafts: [], round: 0 }));

/** Hands the drafts back; with `remount` the screen opens again (`round`), so its forms take them. */
export function handBack(drafts: FormDraft[], remount: boolean): void {
  useRestored.setState((s) => ({ drafts, round: remount ? s.round + 1 : s.round }));
}

const find = (kind: string, key: string) => useRestored.getState().drafts.find((d) => d.kind === kind && d.key === key);

/** Whether a draft of this form waits to be taken (a dialog's opener opens it then). */
export function isRestored(kind: string, key: string): boolean {
  return !!find(kind, key);
}

/**
 * The waiting draft of this kind (and key, if given), not taken: the opener of a dialog about one
 * record learns which record (its key), or what else it needs to open the dialog (its values).
 */
export function restoredDraft(kind: string, key?: string): Pick<FormDraft, 'key' | 'values'> | undefined {
  return useRestored.getState().drafts.find((d) => d.kind === kind && (key === undefined || d.key === key));
}

/** The opener's first state: `state` if a draft of this dialog waits to be taken, else null. */
export function reopen<S>(kind: string, key: string, state: S): S | null {
  return isRestored(kind, key) ? state : null;
}

/**
 * The restored values for this form, if there are any, as the form handed them over (`keep`), so
 * the form reads them as its own type. Taken once the form is on screen: a render React throws
 * away (a sibling still loading) must find them again, a later mount must not.
 */
export function useRestoredValues(kind: string, key: string | null): unknown {
  const [values] = useState(() => (key === null ? undefined : find(kind, key)?.values));
  useEffect(() => {
    if (values === undefined || key === null) return;
    useRestored.setState((s) => ({ drafts: s.drafts.filter((d) => d.kind !== kind || d.key !== key) }));
  }, [values, kind, key]);
  return values;
}

/**
 * A form's whole part in keeping drafts: the values it was handed back (undefined: none; its
 * fields start from them), and what it hands to the idle lock: `draft(label, values)` as the
 * shared Dialog's `draft` prop, `keep(label, values)` for useUnsavedChanges. Never pass a passphrase. A
 * null key keeps nothing (a dialog shared by several openers, kept for only some).
 */
export function useFormDraft<T>(kind: string, key: string | null) {
  const restored = useRestoredValues(kind, key) as T | undefined;
  const keep = (label: string, values: T): DraftOf<T> | null => (key === null ? null : { kind, key, label, values });
  return {
    restored,
    keep,
    draft: (label: string, values: T) => {
      const kept = keep(label, values);
      return kept ? { keep: kept, restored: restored !== undefined } : undefined;
    },
  };
}
