/**
 * The questions about unsaved changes, shown by the signed-in frame: "Änderungen verwerfen?"
 * before leaving a form (unsavedChanges.tsx), and, after signing in, the drafts the idle lock kept
 * for this user — taken back into their forms (the address they were at opens again) or discarded;
 * with them those held in this tab because the device could not store them (keepUnsaved.ts).
 */
import { useEffect, useState } from 'react';
import { dropDraft } from '../data/commands/drafts';
import { openDraftsAside, readKeptDraft } from '../data/queries/drafts';
import type { FormDraft, KeptDraft } from '../data/db';
import type { Session } from '../data/core/session';
import { formatDateTime } from '../i18n/locale';
import { Dialog } from './components/Dialog';
import { db } from './db';
import { useT } from './i18n';
import { navigate } from './route';
import { useSession } from './stores';
import { handBack, useLeaveQuestion } from './unsavedChanges';
import { forgetHeldDrafts, forgetLeftDrafts, heldDrafts, heldReason, leftDrafts, type Held } from './keepUnsaved';

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

type Offer = KeptDraft & { held?: Held };

/** Forms of `later` replace the same forms of `earlier` (as keepDrafts replaces them). */
function merged(earlier: Offer | null, later: KeptDraft, held?: Held): Offer {
  const same = (f: FormDraft) => later.forms.some((g) => g.kind === f.kind && g.key === f.key);
  const forms = [...(earlier?.forms.filter((f) => !same(f)) ?? []), ...later.forms];
  return { userId: later.userId, keptAt: later.keptAt, forms, held: held ?? earlier?.held };
}

/**
 * The stored drafts, those held in this tab (`held`: why they could not be stored) and those held
 * as the page was last left (keepUnsaved.tsx holdLeftDrafts), as one.
 */
async function readOffer(session: Session): Promise<Offer | null> {
  let offer: Offer | null = (await readKeptDraft(db, session)) ?? null;
  const left = leftDrafts();
  const aside = left ? await openDraftsAside(db, session, left) : null;
  // All about persons erased meanwhile: nothing left to offer.
  if (aside && !aside.forms.length) forgetLeftDrafts();
  // The later of the two wins a form both hold (the idle lock may have struck after the page was hidden).
  if (aside?.forms.length) offer = offer && offer.keptAt > aside.keptAt ? merged(aside, offer) : merged(offer, aside);
  const held = heldDrafts();
  if (!held) return offer;
  const kept = await openDraftsAside(db, session, held.drafts);
  if (!kept) return offer;
  if (!kept.forms.length) forgetHeldDrafts();
  if (!kept.forms.length) return offer;
  // Held later than any stored: a form in both is taken from the tab.
  return merged(offer, kept, held);
}

export function KeptDraftOffer() {
  const tr = useT();
  const session = useSession();
  const [kept, setKept] = useState<Offer | null>(null);
  useEffect(() => {
    void readOffer(session).then(setKept);
  }, [session]);
  if (!kept) return null;

  async function answer(restore: boolean) {
    if (!kept) return;
    setKept(null);
    if (kept.held) forgetHeldDrafts();
    forgetLeftDrafts();
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
