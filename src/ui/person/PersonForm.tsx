/**
 * The person form. It only asks the user: the data layer enforces every rule (purpose, lock,
 * permissions, validation, stale versions) and the form shows its typed errors. Validation runs
 * here too (on blur and on save) so messages appear next to the fields before a save is tried.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { useLiveQuery } from 'dexie-react-hooks';
import { newPerson, isNaturalPerson, displayName, type Person } from '../../domain/person';
import { validatePerson, type FieldProblem } from '../../domain/validation';
// Modules, not the data barrel: the barrel would pull backup (zod) and reports into the start bundle.
import { deletePerson, lockPerson, savePerson, unlockPerson } from '../../data/commands/persons';
import { pendingChange, personRetention, readPerson } from '../../data/queries/persons';
import { isDeletable } from '../../domain/retention';
import { listPurposes } from '../../data/queries/purposes';
import { readPrivacySettings } from '../../data/queries/settings';
import { RetentionError, StaleVersionError, ValidationError } from '../../data/core/errors';
import { rebasedDraft } from '../../domain/diff';
import type { ChangeReason } from '../../data/core/context';
import type { StoredPerson } from '../../data/db';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { errorText, useLang, useT, errorMessage, type AlertMessage } from '../i18n';
import { href, navigate } from '../route';
import { offerRequestFollowUp } from '../requests/followUpStore';
import { offerErasureRefusal } from '../requests/erasureRefusal';
import { RetentionNotice } from './RetentionNotice';
import { discardUnsaved, restoredDraft, useRestoredValues, useUnsavedChanges } from '../unsavedChanges';
import { useNotice, useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { LockIcon } from '../components/LockIcon';
import { cleanDraft, isDirty, takesStored } from './draft';
import { DRAFT } from '../draftKinds';
import { ReasonDialog, type ReasonDraft } from './ReasonDialog';
import { LockDialog } from './LockDialog';
import { PersonDeleteDialog } from './PersonDeleteDialog';
import { PersonActions } from './PersonActions';
import { PersonFields } from './PersonFields';
import { ConflictNote } from '../sync/ConflictNote';
import { localDate } from '../../domain/calendar';

// Consent history and business transactions load after the form (start bundle budget).
const ConsentHistory = lazyWithMessages(() =>
  import('../consent/ConsentHistory').then((m) => ({ default: m.ConsentHistory })),
);
const TransactionList = lazyWithMessages(() =>
  import('../transaction/TransactionList').then((m) => ({ default: m.TransactionList })),
);

type DialogState =
  { type: 'reason'; fieldKeys: string[] } | { type: 'delete' } | { type: 'lock' } | { type: 'unlock' } | null;

export function PersonForm({ personId }: { personId: string | null }) {
  const tr = useT();
  const lang = useLang();
  const session = useSession();
  const rights = useRights();
  const { notice, setNotice } = useNotice(window.location.hash);
  // null: not found; undefined: loading.
  const stored = useLiveQuery(
    async (): Promise<StoredPerson | null> => (personId ? readPerson(db, personId) : null),
    [personId],
  );
  const readPurposes = useLiveQuery(() => listPurposes(db), []);
  const purposes = readPurposes ?? [];
  const privacy = useLiveQuery(() => readPrivacySettings(db), []);

  // A draft the idle lock kept and the user took back after signing in (KeptDraftOffer).
  const restored = useRestoredValues(DRAFT.person, personId ?? '') as Person | undefined;
  const [base, setBase] = useState<Person | null>(personId ? null : newPerson('contact'));
  const [draft, setDraft] = useState<Person | null>(personId ? null : (restored ?? base));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<AlertMessage | null>(null);
  // A deletion was refused for a retention duty: RetentionNotice reads the duties themselves, live.
  const [retentionRefused, setRetentionRefused] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(() => reopenedDialog(personId ?? ''));
  // Saves refused for problems: the folded sections holding one open (PersonFields).
  const [attempt, setAttempt] = useState(0);

  // The version this form saved last: reads from before it are not taken (takesStored).
  const ownSave = useRef<number | null>(null);
  // Take the stored version when it arrives, and follow changes made elsewhere while nothing is edited here.
  useEffect(() => {
    if (!stored) return;
    if (takesStored(draft, base, stored, ownSave.current)) {
      // Shown here and changed elsewhere (another tab, or a device's change sync applied): the
      // form says so where its last confirmation stood, not "Gespeichert." over values not its own.
      if (base && isDirty(stored, base)) setNotice(tr('ui.person.changedElsewhere'));
      setBase(stored);
      setDraft(!draft && restored ? restored : stored);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);

  useFocusedFieldKeptInView();

  // Judged as it will be saved (cleanDraft): a pasted control character is taken out, not shown as a problem.
  const problems = useMemo(() => (draft ? validatePerson(cleanDraft(draft)) : []), [draft]);
  // A person gone while open (erased on another device or in another tab): nothing left to save to.
  const gone = !!personId && stored === null;
  useUnsavedChanges(
    !gone && !!draft && !!base && isDirty(draft, base),
    () => draft && { kind: DRAFT.person, key: personId ?? '', label: displayName(draft), values: draft },
  );
  const visibleProblem = (field: string): FieldProblem | undefined =>
    serverProblems.find((p) => p.field === field) ??
    (touched.has(field) ? problems.find((p) => p.field === field) : undefined);

  if (gone) {
    return (
      <section className="screen">
        <h1 id="screen-title">{tr('ui.person.notFound')}</h1>
        {/* It was open here: say what became of it and of what was typed. */}
        {draft && <p role="status">{tr(base && isDirty(draft, base) ? 'ui.person.goneUnsaved' : 'ui.person.gone')}</p>}
        <a href={href('personen')}>{tr('ui.person.backToList')}</a>
      </section>
    );
  }
  if (!draft || !base) return <p role="status">{tr('ui.loading')}</p>;

  const isNew = !personId;
  /** The id for the controls of a stored person, rendered once it is loaded. */
  const storedId = (): string => {
    if (!stored) throw new Error(`Person ${personId ?? ''} is not loaded`);
    return stored.id;
  };
  const locked = !!stored?.lock;
  const canEdit = rights.permissions.has('editPersons');
  const canDelete = rights.permissions.has('deletePersons');
  const canLock = rights.permissions.has('lockPersons');
  const readOnly = locked || !canEdit;
  const natural = isNaturalPerson(draft);
  const gdpr = !privacy?.gdprSupportDisabled;

  function update(changes: Partial<Person>) {
    setDraft((d) => (d ? { ...d, ...changes } : d));
    setServerProblems([]);
    setNotice(null);
  }
  const touch = (field: string) => () => setTouched((t) => new Set(t).add(field));
  function showErrors(e: unknown) {
    // A retention duty is shown once, with "Stattdessen sperren", not also as an error.
    if (e instanceof RetentionError) {
      setRetentionRefused(true);
      if (stored) void offerErasureRefusal(stored.id, e.deletableFrom, tr);
      return;
    }
    setError(errorMessage(tr, e));
    if (e instanceof ValidationError) {
      setServerProblems(e.problems);
      setAttempt((n) => n + 1);
    }
  }

  /** The retention duty is checked before the deletion dialog asks anything. */
  async function askDelete() {
    if (!stored) return;
    setError(null);
    // The law's retention duty holds with the GDPR support switched off too (rules/persons.ts).
    if (isNaturalPerson(stored)) {
      const status = await personRetention(db, stored.id);
      if (!isDeletable(status, localDate())) {
        setRetentionRefused(true);
        await offerErasureRefusal(stored.id, status.deletableFrom, tr);
        return;
      }
    }
    setDialog({ type: 'delete' });
  }

  async function save() {
    if (!draft || !base) return;
    setError(null);
    setNotice(null);
    const person = cleanDraft(draft);
    const found = validatePerson(person);
    if (found.length) {
      setTouched(new Set(found.map((p) => p.field)));
      setError(tr('ui.person.fixFields'));
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const change = await pendingChange(db, isNew ? null : base, person);
      if (change.reasonRequired) setDialog({ type: 'reason', fieldKeys: change.fieldKeys });
      else await commit(person);
    } catch (e) {
      showErrors(e);
    }
  }

  async function commit(person: Person, reason?: ChangeReason) {
    try {
      // With the version the draft was made from: checked in the write's own round trip.
      const saved = await savePerson(db, session, person, reason, base);
      setDialog(null);
      ownSave.current = saved.version;
      setBase(saved);
      setDraft(saved);
      setTouched(new Set());
      const target = href('personen', saved.id);
      setNotice(tr('ui.person.saved'), target);
      if (!isNew) await offerRequestFollowUp(saved.id, 'rectified');
      if (isNew) {
        discardUnsaved();
        navigate(target);
      }
    } catch (e) {
      // Anything but a problem of the fields or a newer version is shown in the reason dialog,
      // which stays open with what was typed (a full disk, a refusal) for another try.
      if (reason && !(e instanceof StaleVersionError) && !(e instanceof ValidationError)) throw e;
      setDialog(null);
      showErrors(e);
      if (e instanceof StaleVersionError) {
        // Someone saved meanwhile: the user's edits go onto the newer version, which the next
        // save is checked against — only what the user changed is written, nothing blindly.
        const fresh = await readPerson(db, e.personId);
        if (fresh) {
          setBase(fresh);
          setDraft((d) => (d && base ? rebasedDraft(d, base, fresh) : fresh));
          setError(`${errorText(tr, e)} ${tr('ui.person.rebased')}`);
        }
      }
    }
  }

  async function remove(reason?: ChangeReason) {
    if (!stored) return;
    try {
      await deletePerson(db, session, stored.id, reason);
      await offerRequestFollowUp(stored.id, 'erased');
      setDialog(null);
      setNotice(tr('ui.person.deleted'), href('personen'));
      discardUnsaved();
      navigate(href('personen'));
    } catch (e) {
      // A retention duty closes the dialog for its own offer; anything else is said in the dialog.
      if (!(e instanceof RetentionError)) throw e;
      setDialog(null);
      showErrors(e);
    }
  }

  async function setLock(mode: 'lock' | 'unlock', text: string) {
    if (!stored) return;
    // A refusal is said in the lock dialog, which stays open with the reason typed.
    if (mode === 'lock') await lockPerson(db, session, stored.id, text);
    else await unlockPerson(db, session, stored.id, text);
    if (mode === 'lock') await offerRequestFollowUp(stored.id, 'restricted');
    setDialog(null);
    setRetentionRefused(false);
    setError(null);
    setNotice(tr(mode === 'lock' ? 'ui.person.lockedNotice' : 'ui.person.unlockedNotice'));
  }

  const title = isNew ? tr('ui.person.newTitle') : displayName(stored ?? draft);

  return (
    <section className="screen person-form" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{title}</h1>
        <a href={href('personen')} className="back">
          {tr('ui.person.backToList')}
        </a>
      </div>
      {stored?.lock && (
        <p className="locked-note" id="lock-note">
          <LockIcon />{' '}
          {tr('ui.person.lockedSince', { date: formatDateTime(lang, stored.lock.at), reason: stored.lock.reason })}
        </p>
      )}
      {stored && <ConflictNote personId={stored.id} purposes={purposes} />}
      {!canEdit && !locked && (
        <p className="notice" id="lock-note">
          {tr('ui.person.noEditPermission')}
        </p>
      )}
      <ErrorAlert message={error} />
      {retentionRefused && !locked && stored && (
        <RetentionNotice
          personId={stored.id}
          purposes={purposes}
          onLock={canLock ? () => setDialog({ type: 'lock' }) : undefined}
        />
      )}

      <form
        className="form-grid"
        noValidate
        autoComplete="off"
        onFocus={(e) => keepInView(e.target)}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <PersonFields
          draft={draft}
          isNew={isNew}
          readOnly={readOnly}
          kindHint={
            natural ? (gdpr ? tr('ui.person.naturalWatched') : tr('ui.person.gdprOff')) : tr('ui.person.notNatural')
          }
          purposes={purposes}
          purposesLoading={readPurposes === undefined}
          stored={stored ?? undefined}
          update={update}
          problemAt={visibleProblem}
          touch={touch}
          attempt={attempt}
        />

        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={readOnly}
            aria-describedby={readOnly ? 'lock-note' : undefined}
          >
            {tr('ui.save')}
          </button>
          <button
            type="button"
            onClick={() => {
              discardUnsaved();
              navigate(href('personen'));
            }}
          >
            {tr('ui.cancel')}
          </button>
          {!isNew && (
            <>
              {/* Controls the session may not use are absent (not just disabled); a note below says why. */}
              {canDelete && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => void askDelete()}
                  disabled={locked}
                  aria-describedby={locked ? 'lock-note' : undefined}
                >
                  {tr('ui.delete')}
                </button>
              )}
              {canLock &&
                (locked ? (
                  <button type="button" onClick={() => setDialog({ type: 'unlock' })}>
                    {tr('ui.person.unlock')}
                  </button>
                ) : (
                  <button type="button" onClick={() => setDialog({ type: 'lock' })}>
                    {tr('ui.person.lock')}
                  </button>
                ))}
              <a href={`${href('protokoll')}?person=${encodeURIComponent(storedId())}`} className="button-link">
                {tr('ui.person.history')}
              </a>
            </>
          )}
          {/* In the bar that stays in view: a save made at the foot of a long form is confirmed where it was made. */}
          {notice && (
            <p role="status" className="notice">
              {notice}
            </p>
          )}
        </div>
        {!isNew && (!canDelete || !canLock) && (
          <p className="hint permission-note">
            {[!canDelete && tr('ui.person.noDeletePermission'), !canLock && tr('ui.person.noLockPermission')]
              .filter(Boolean)
              .join(' ')}
          </p>
        )}
      </form>

      {stored && <PersonActions person={stored} />}
      {stored && (
        <LazyPart>
          <ConsentHistory person={stored} />
          <TransactionList person={stored} />
        </LazyPart>
      )}

      {dialog?.type === 'reason' && (
        <ReasonDialog
          title={tr('ui.reason.title')}
          fieldKeys={dialog.fieldKeys}
          purposes={purposes}
          defaultPurposeId={draft.purposeId}
          purposeMode={dialog.fieldKeys.some((k) => k !== 'purposeId') ? 'required' : 'optional'}
          confirmLabel={tr('ui.confirm')}
          onConfirm={(reason) => commit(cleanDraft(draft), reason)}
          onCancel={() => setDialog(null)}
          draftKey={personId ?? ''}
        />
      )}
      {dialog?.type === 'delete' && stored && (
        <PersonDeleteDialog
          person={stored}
          needsReason={isNaturalPerson(stored) && gdpr}
          purposes={purposes}
          onConfirm={remove}
          onCancel={() => setDialog(null)}
        />
      )}
      {(dialog?.type === 'lock' || dialog?.type === 'unlock') && (
        <LockDialog
          mode={dialog.type}
          onConfirm={(t) => setLock(dialog.type, t)}
          onCancel={() => setDialog(null)}
          draftKey={personId ?? ''}
        />
      )}
    </section>
  );
}

/** The reason or lock dialog the idle lock interrupted on this person's form, open again (unsavedChanges.tsx). */
function reopenedDialog(key: string): DialogState {
  const reason = restoredDraft(DRAFT.reason, key)?.values as ReasonDraft | undefined;
  if (reason) return { type: 'reason', fieldKeys: [...reason.fieldKeys] };
  const lock = restoredDraft(DRAFT.lock, key)?.values as { mode: 'lock' | 'unlock' } | undefined;
  return lock ? { type: lock.mode } : null;
}

/**
 * On a phone the save buttons stick to the bottom of the screen: a field that gets the focus
 * (Tab, the on-screen keyboard's next) and lies under them is scrolled up into view.
 */
function keepInView(field: HTMLElement): void {
  const bar = field.closest('form')?.querySelector('.form-actions');
  if (!bar || bar.contains(field)) return;
  if (field.getBoundingClientRect().bottom > bar.getBoundingClientRect().top) field.scrollIntoView({ block: 'center' });
}

/**
 * …and so is the field being typed in when the screen gets shorter: the on-screen keyboard opening,
 * a tablet turned to landscape — the buttons move up over it while it keeps the focus.
 */
function useFocusedFieldKeptInView(): void {
  useEffect(() => {
    const follow = () => {
      const field = document.activeElement;
      if (field instanceof HTMLElement && field.closest('.person-form')) keepInView(field);
    };
    const viewport = window.visualViewport ?? window;
    viewport.addEventListener('resize', follow);
    return () => viewport.removeEventListener('resize', follow);
  }, []);
}
