/**
 * Keeping the open forms' drafts when this tab's session ends without asking (the idle lock, a new
 * version taking over the tab), and never losing them without a word when that fails.
 *
 * First choice: sealed in the `drafts` table (commands/drafts.ts keepDrafts), offered after the
 * same user's next sign-in. If that write fails (a full disk: QuotaExceededError), the drafts are
 * sealed the same way under the record key (sealDraftsAside) and held in this tab's
 * sessionStorage: it survives the reload that ends the session and belongs to this tab alone, and
 * it is a quota of its own, apart from IndexedDB's. Never in plain: sealed, they are no more
 * readable while locked than the stored ones — so the lock still reloads the page, and a heap
 * after it holds none of the values. Only if even that store refuses are they held in this
 * page's memory, still sealed, and the lock ends the session without the reload (keepForLock).
 * Either way the user is told why on the sign-in screen and in the offer after signing in.
 *
 * A chunk of its own (the start bundle's budget), loaded with the shell at sign-in
 * (shellChunks.ts): in memory before a lock or an update needs it — an update may already have
 * removed the old version's chunks from the cache.
 */
import { keepDrafts, sealDraftsAside } from '../data/commands/drafts';
import type { ConsentbookDB, FormDraft } from '../data/db';
import type { Session } from '../data/core/session';
import { ConsentbookError } from '../data/core/errors';
import { textOf } from '../i18n/messages';
import { useT, type Translate } from './i18n';

const HELD = 'consentbook.heldDrafts';

/** Drafts held in this tab: the sealed text, and why they could not be stored (a message key, or a message). */
export interface Held {
  drafts: string;
  reason: { key?: string; message: string };
}

/**
 * Where the drafts went: stored on the device, held in this tab's sessionStorage, or nowhere yet
 * ('page': only keepForLock holds them, in a page that is not reloaded).
 */
export type Kept =
  | { where: 'stored' }
  | { where: 'tab'; reason: Held['reason'] }
  | { where: 'page'; reason: Held['reason']; held: Held };

export interface Keeping {
  keep: typeof keepDrafts;
  /** This tab's sessionStorage (a stand-in in tests). */
  tab: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
}

const keeping = (): Keeping => ({ keep: keepDrafts, tab: globalThis.sessionStorage });

/** Held in this page only: the sessionStorage refused them too. */
let inPage: Held | null = null;

function reasonOf(failure: unknown): Held['reason'] {
  const message = failure instanceof Error ? failure.message : String(failure);
  return failure instanceof ConsentbookError ? { key: failure.messageKey, message } : { message };
}

/** Keeps the forms' drafts: stored if the device takes them, else held sealed in this tab (see above). */
export async function keepForms(
  db: ConsentbookDB,
  session: Session,
  forms: FormDraft[],
  { keep, tab }: Keeping = keeping(),
): Promise<Kept> {
  try {
    await keep(db, session, forms);
    return { where: 'stored' };
  } catch (failure) {
    const held: Held = { drafts: sealDraftsAside(db, session, forms), reason: reasonOf(failure) };
    try {
      // No sessionStorage at all: as if it refused.
      tab?.setItem(HELD, JSON.stringify(held));
      if (tab) return { where: 'tab', reason: held.reason };
    } catch {
      // Refused (its own quota): held in the page below.
    }
    return { where: 'page', reason: held.reason, held };
  }
}

/**
 * keepForms for the idle lock: drafts the tab refused too are held in this page's memory (sealed),
 * for the sign-in that follows without a reload (useIdleLock.ts).
 */
export async function keepForLock(db: ConsentbookDB, session: Session, forms: FormDraft[], keeping?: Keeping) {
  const kept = await keepForms(db, session, forms, keeping);
  if (kept.where === 'page') inPage = kept.held;
  return kept;
}

/** On the sign-in screen: drafts held in this tab, and why they could not be stored. */
export function HeldDraftsNotice() {
  const tr = useT();
  const held = heldDrafts();
  if (!held) return null;
  return (
    <p role="alert" className="notice">
      {tr('ui.storage.draftsHeld', { reason: heldReason(tr, held.reason) })}
    </p>
  );
}

/** A new version took over, and this tab's drafts could be kept nowhere: it stays until the user saves. */
export function UpdateNotKept({ reason }: { reason: Held['reason'] }) {
  const tr = useT();
  return (
    <div className="banner" role="alert">
      <span>{tr('ui.storage.updateNotKept', { reason: heldReason(tr, reason) })}</span>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {tr('ui.pwa.reload')}
      </button>
    </div>
  );
}

/** What a tab does when a new version took control of it (`reloadIntoUpdate`). */
export interface UpdateSteps {
  session: Session | null;
  /** The changed forms' drafts (unsavedChanges.tsx draftsToKeep). */
  forms: () => FormDraft[];
  keeping?: Keeping;
  /** Gives the forms' changes up, so the reload does not ask (they are kept). */
  discard: () => void;
  /** Ends the session and reloads (stores.ts signOut('update')). */
  signOut: () => void;
  reload: () => void;
  /** The drafts could be kept nowhere: the tab stays on the old version and says why. */
  stay: (reason: Held['reason']) => void;
}

/**
 * A new version took control of this tab — the user accepted it here, or in another tab while
 * this one waited ("Später") with a form open. The old version's lazy chunks may be gone from the
 * cache, so the tab reloads into the new one, but keeps its drafts first, as the idle lock does:
 * offered after the next sign-in. If they could be kept nowhere it stays, forms and all, and
 * says so: the user saves, then reloads.
 */
export async function reloadIntoUpdate(db: ConsentbookDB, steps: UpdateSteps): Promise<void> {
  if (!steps.session) {
    steps.reload();
    return;
  }
  let kept: Kept;
  try {
    kept = await keepForms(db, steps.session, steps.forms(), steps.keeping);
  } catch (e) {
    kept = { where: 'page', reason: reasonOf(e), held: { drafts: '', reason: reasonOf(e) } };
  }
  if (kept.where === 'page') {
    steps.stay(kept.reason);
    return;
  }
  steps.discard();
  steps.signOut();
}

/** The drafts held in this tab, if any (whoever's they are: they open only for their user). */
export function heldDrafts(tab = keeping().tab): Held | null {
  if (inPage) return inPage;
  const text = tab?.getItem(HELD);
  return text ? (JSON.parse(text) as Held) : null;
}

/** The held drafts were taken back or given up. */
export function forgetHeldDrafts(tab = keeping().tab): void {
  inPage = null;
  tab?.removeItem(HELD);
}

const LEFT = 'consentbook.leftDrafts';

/**
 * The changed forms' drafts as the page is hidden or left (auth/useKeepOnLeave.ts): sealed under
 * the record key in this tab's sessionStorage, at once (a page being unloaded finishes no
 * IndexedDB write) — a reload, or the system bringing back a tab it discarded, finds them there
 * and offers them after the sign-in. No forms: none held. A tab that refuses them (full) holds
 * nothing; the device's copy is all there is then.
 */
export function holdLeftDrafts(db: ConsentbookDB, session: Session, forms: FormDraft[], tab = keeping().tab): void {
  try {
    if (forms.length) tab?.setItem(LEFT, sealDraftsAside(db, session, forms));
    else tab?.removeItem(LEFT);
  } catch {
    tab?.removeItem(LEFT);
  }
}

/** The drafts held as the page was last left (sealed text, commands/drafts.ts DraftsAside), if any. */
export function leftDrafts(tab = keeping().tab): string | null {
  return tab?.getItem(LEFT) ?? null;
}

/** Back at the page as it was, or the drafts taken back or given up. */
export function forgetLeftDrafts(tab = keeping().tab): void {
  tab?.removeItem(LEFT);
}

/** Why held drafts could not be stored: the error's message (all at the start, errors.ts), or the generic one. */
export function heldReason(tr: Translate, { key, message }: Held['reason']): string {
  try {
    if (key) return textOf(tr.lang, key);
  } catch {
    // Not a message of the tables loaded yet: the error's own text below.
  }
  return tr('ui.error.unexpected', { message });
}
