/**
 * The questions about unsaved changes, shown by the signed-in frame: "Änderungen verwerfen?"
 * before leaving a form (unsavedChanges.tsx), and, after signing in, the drafts the idle lock kept
 * for this user — taken back into their forms (the address they were at opens again) or discarded.
 */
import { useEffect, useState } from 'react';
import { dropDraft } from '../data/commands/drafts';
import { readKeptDraft } from '../data/queries/drafts';
import type { KeptDraft } from '../data/db';
import { formatDateTime } from '../i18n/locale';
import { Dialog } from './components/Dialog';
import { db } from './db';
import { useT } from './i18n';
import { navigate } from './route';
import { useSession } from './stores';
import { handBack, useLeaveQuestion } from './unsavedChanges';

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

export function KeptDraftOffer() {
  const tr = useT();
  const session = useSession();
  const [kept, setKept] = useState<KeptDraft | null>(null);
  useEffect(() => {
    void readKeptDraft(db, session).then((d) => setKept(d ?? null));
  }, [session]);
  if (!kept) return null;

  async function answer(restore: boolean) {
    if (!kept) return;
    setKept(null);
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
