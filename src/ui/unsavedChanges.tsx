/**
 * No work lost without a word: while a form holds unsaved changes, leaving it — a link, the back
 * button, another person, signing out, closing the tab — first asks "Änderungen verwerfen?",
 * with staying as the default (UnsavedChangesDialog.tsx). Every form with input takes part: the
 * person form and the inline settings forms declare their changes, every dialog counts as changed
 * once something was typed or chosen in it (components/Dialog.tsx). When the idle lock strikes,
 * a form that can keep its draft (the person form) has it kept sealed for the same user.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { Person } from '../domain/person';
import { setLeaveCheck } from './route';

/** What the person form keeps at the idle lock, and is handed back after the next sign-in. */
export interface PersonDraft {
  personId: string | null;
  person: Person;
}

interface Guard {
  dirty: boolean;
  discarded: boolean;
  keep?: () => PersonDraft | null;
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

/** The draft to keep when the idle lock strikes: the unsaved one of a form that can keep it. */
export function draftToKeep(): PersonDraft | null {
  for (const g of guards) if (g.dirty && !g.discarded && g.keep) return g.keep();
  return null;
}

setLeaveCheck(() => (pending() ? confirmLeave() : null));

window.addEventListener('beforeunload', (e) => {
  // The browser shows its own question; its text cannot be set.
  if (pending()) e.preventDefault();
});

/** Declares a form's unsaved changes while it is mounted; `keep` hands its draft to the idle lock. */
export function useUnsavedChanges(dirty: boolean, keep?: () => PersonDraft | null): void {
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

/** A kept draft the user chose to take back: the person form picks it up when it opens. */
let restored: PersonDraft | null = null;

export function handBack(draft: PersonDraft): void {
  restored = draft;
}

/** The restored draft for this form (once), if it is the one it belongs to. */
export function takeRestored(personId: string | null): Person | null {
  if (!restored || restored.personId !== personId) return null;
  const { person } = restored;
  restored = null;
  return person;
}
