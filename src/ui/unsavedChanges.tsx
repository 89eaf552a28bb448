/**
 * No work lost without a word: while a form holds unsaved changes, leaving it — a link, the back
 * button, another person, signing out, closing the tab — first asks "Änderungen verwerfen?",
 * with staying as the default (it has the focus, so Enter and Escape both stay).
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { Dialog } from './components/Dialog';
import { useT } from './i18n';
import { setLeaveCheck } from './route';

/** The mounted form's changes: whether there are any that were not given up. */
let current: { dirty: boolean; discarded: boolean } | null = null;
const pending = () => !!current && current.dirty && !current.discarded;

const useQuestion = create<{ answer: ((discard: boolean) => void) | null }>(() => ({ answer: null }));

/** Whether leaving may go on: at once without unsaved changes, else once the user chose to discard them. */
export function confirmLeave(): Promise<boolean> {
  if (!pending()) return Promise.resolve(true);
  useQuestion.getState().answer?.(false);
  return new Promise((resolve) => {
    useQuestion.setState({
      answer: (discard) => {
        useQuestion.setState({ answer: null });
        if (discard) discardUnsaved();
        resolve(discard);
      },
    });
  });
}

/** Gives the changes up without asking (Abbrechen, a save that navigates, the idle lock). */
export function discardUnsaved(): void {
  if (current) current.discarded = true;
}

setLeaveCheck(() => (pending() ? confirmLeave() : null));

window.addEventListener('beforeunload', (e) => {
  // The browser shows its own question; its text cannot be set.
  if (pending()) e.preventDefault();
});

/** Declares the form's unsaved changes while it is mounted (one form at a time). */
export function useUnsavedChanges(dirty: boolean): void {
  const state = useRef({ dirty, discarded: false });
  useEffect(() => {
    state.current.dirty = dirty;
    // Changes made after a discard that did not leave (or after a save) count again.
    if (!dirty) state.current.discarded = false;
  }, [dirty]);
  useEffect(() => {
    const mine = state.current;
    current = mine;
    return () => {
      if (current === mine) current = null;
    };
  }, []);
}

/** The question, shown by the signed-in frame. */
export function UnsavedChangesDialog() {
  const tr = useT();
  const answer = useQuestion((s) => s.answer);
  if (!answer) return null;
  return (
    <Dialog title={tr('ui.unsaved.title')} onCancel={() => answer(false)} alert>
      <p>{tr('ui.unsaved.text')}</p>
      <div className="form-actions">
        <button type="button" className="primary" data-autofocus onClick={() => answer(false)}>
          {tr('ui.unsaved.stay')}
        </button>
        <button type="button" className="danger" onClick={() => answer(true)}>
          {tr('ui.unsaved.discard')}
        </button>
      </div>
    </Dialog>
  );
}
