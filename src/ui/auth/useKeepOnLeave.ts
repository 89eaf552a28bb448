/**
 * No lost work when the app is left without a word (a phone or tablet switching to another app,
 * the screen turned off, a reload): the system may reload or close a hidden tab to free memory,
 * and nothing asks then. So as the page is hidden or left, the changed forms' drafts are kept as
 * the idle lock keeps them: sealed in this tab at once (keepUnsaved.tsx holdLeftDrafts — a reload
 * or a discarded tab brought back finds them) and on the device (commands/drafts.ts keepDrafts —
 * the app closed in the background), offered after the next sign-in. Back at the page as it was,
 * both are taken back (withdrawDrafts): nothing is offered for a form still open on screen.
 */
import { useEffect } from 'react';
import { keepDrafts, withdrawDrafts } from '../../data/commands/drafts';
import type { FormDraft } from '../../data/db';
import { db } from '../db';
import { loadKeepUnsaved } from '../shellChunks';
import { useSessionStore } from '../stores';
import { draftsToKeep } from '../unsavedChanges';

type Keeping = Awaited<ReturnType<typeof loadKeepUnsaved>>;

export function useKeepOnLeave(): void {
  useEffect(() => {
    // Loaded with the shell at sign-in: in memory before the page is left (the handlers are synchronous).
    let keeping: Keeping | null = null;
    let live = true;
    void loadKeepUnsaved().then(
      (m) => {
        if (live) keeping = m;
      },
      () => undefined,
    );
    // The device's copy, one write after another: the last one kept, to take back.
    let writes = Promise.resolve();
    let stored: { forms: FormDraft[]; keptAt: Promise<string | null> } | null = null;

    function leave() {
      const session = useSessionStore.getState().session;
      if (!session || !keeping) return;
      const forms = draftsToKeep();
      keeping.holdLeftDrafts(db, session, forms);
      if (!forms.length) return;
      const keptAt = writes.then(() => keepDrafts(db, session, forms)).catch(() => null);
      writes = keptAt.then(() => undefined);
      stored = { forms, keptAt };
    }

    function back() {
      const session = useSessionStore.getState().session;
      if (!session || !keeping || document.visibilityState === 'hidden') return;
      keeping.forgetLeftDrafts();
      const kept = stored;
      stored = null;
      if (!kept) return;
      writes = kept.keptAt
        .then((at) => (at ? withdrawDrafts(db, session, kept.forms, at) : undefined))
        .catch(() => undefined);
    }

    const visibility = () => (document.visibilityState === 'hidden' ? leave() : back());
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leave);
    // Back from the browser's page cache: as it was.
    const shown = (e: PageTransitionEvent) => e.persisted && back();
    window.addEventListener('pageshow', shown);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', shown);
    };
  }, []);
}
