/**
 * The questions about unsaved changes, shown by the signed-in frame: "Änderungen verwerfen?"
 * before leaving a form (unsavedChanges.tsx), and, after signing in, the drafts the idle lock kept
 * for this user — taken back into their forms (the address they were at opens again) or discarded;
 * with them those held in this tab because the device could not store them (keepUnsaved.ts).
 */
import { useEffect, useState } from 'react';
import { dropDraft } from '../data/commands/drafts';
import { openDraftsAside, readKeptDraft } from '../data/queries/drafts';
import type { KeptDraft } from '../data/db';
import type { Session } from '../data/core/session';
import { formatDateTime } from '../i18n/locale';
import { Dialog } from './components/Dialog';
import { db } from './db';
import { useT } from './i18n';
import { navigate } from './route';
import { useSession } from './stores';
import { handBack, useLeaveQuestion } from './unsavedChanges';
import { forgetHeldDrafts, heldDrafts, heldReason, type Held } from './keepUnsaved';

export function UnsavedChangesDialog() {
  const tr = useT();
  const answer = useLeaveQuestion((s) => s.answer);
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

/** The stored drafts and those held in this tab (`held`: why they could not be stored), as one. */
async function readOffer(session: Session): Promise<(KeptDraft & { held?: Held }) | null> {
  const stored = await readKeptDraft(db, session);
  const held = heldDrafts();
  if (!held) return stored ?? null;
  const aside = await openDraftsAside(db, session, held.drafts);
  if (!aside) return stored ?? null;
  // All about persons erased meanwhile: nothing left to offer.
  if (!aside.forms.length) forgetHeldDrafts();
  if (!aside.forms.length) return stored ?? null;
  // Held later than any stored: a form in both is taken from the tab (as keepDrafts replaces it).
  const same = (f: KeptDraft['forms'][number]) => aside.forms.some((g) => g.kind === f.kind && g.key === f.key);
  const forms = [...(stored?.forms.filter((f) => !same(f)) ?? []), ...aside.forms];
  return { userId: session.userId, keptAt: aside.keptAt, forms, held };
}

export function KeptDraftOffer() {
  const tr = useT();
  const session = useSession();
  const [kept, setKept] = useState<(KeptDraft & { held?: Held }) | null>(null);
  useEffect(() => {
    void readOffer(session).then(setKept);
  }, [session]);
  if (!kept) return null;

  async function answer(restore: boolean) {
    if (!kept) return;
    setKept(null);
    if (kept.held) forgetHeldDrafts();
    await dropDraft(db, session);
    if (!restore) return;
    const { at } = kept.forms[0];
    // Already there, the screen opens again to take the drafts; else going there does.
    handBack(kept.forms, window.location.hash === at);
    if (window.location.hash !== at) navigate(at);
  }

  const name = kept.forms.map((f) => f.label || tr('ui.person.newTitle')).join('“, „');
  return (
    <Dialog title={tr('ui.kept.title')} onCancel={() => void answer(false)}>
      <p>{tr('ui.kept.text', { name, at: formatDateTime(tr.lang, kept.keptAt) })}</p>
      {kept.held && <p>{tr('ui.storage.draftsInTab', { reason: heldReason(tr, kept.held.reason) })}</p>}
      <div className="form-actions">
        <button type="button" className="primary" data-autofocus onClick={() => void answer(true)}>
          {tr('ui.kept.restore')}
        </button>
        <button type="button" className="danger" onClick={() => void answer(false)}>
          {tr('ui.unsaved.discard')}
        </button>
      </div>
    </Dialog>
  );
}
