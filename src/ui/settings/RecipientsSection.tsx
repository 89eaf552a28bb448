/**
 * Recipients and processors (Art. 28), entered once: name, role, country, contract date, and for a
 * third country what the transfer rests on (Art. 44 ff.); added, changed and removed here, each
 * change logged like every setting (the data layer checks the permission 'changePrivacySettings'
 * and the entry). The Verzeichnis lists them.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  isThirdCountry,
  RECIPIENT_MAX_TEXT,
  RECIPIENT_ROLES,
  recipientProblems,
  TRANSFER_BASES,
  type Recipient,
  type RecipientProblem,
  type RecipientRole,
  type TransferBasis,
} from '../../domain/recipients';
import { transferBasisText } from '../../documents/bookRecipients';
import { readRecipients } from '../../data/queries/recipients';
import { listPurposes } from '../../data/queries/purposes';
import { purposeNamesOf } from '../../documents/registerRecipients';
import { RecipientPurposes } from './RecipientPurposes';
import { removeRecipient, saveRecipient } from '../../data/commands/recipients';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { useRights, useSession } from '../stores';
import { useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { FieldError } from '../components/ErrorAlert';
import { FormFooter } from '../components/FormFooter';
import { useSave } from '../components/useSubmit';
import { useRoute } from '../route';
import { focusField, RECIPIENT_PARAM } from './settingsLinks';

const EMPTY: Recipient = {
  id: '',
  name: '',
  role: 'processor',
  country: '',
  contractDate: '',
  transferBasis: '',
  safeguardsNote: '',
  purposeIds: [],
};

/** The problems each shown at its field; the others (role, length) in the form's alert. */
const AT_FIELD: readonly RecipientProblem[] = ['name', 'contractDate', 'transferBasis'];

export function RecipientsSection() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const allowed = rights.permissions.has('changePrivacySettings');
  const list = useLiveQuery(() => readRecipients(db), [], []);
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  const purposeNames = (r: Recipient) => purposeNamesOf(r, purposes);
  const kept = useFormDraft<Recipient>(DRAFT.recipients, '');
  // A kept draft of an older version lacks the fields added since.
  const [draft, setDraft] = useState<Recipient>({ ...EMPTY, ...kept.restored });
  const { save, error, setError, status, setStatus } = useSave();
  // After a refused submit the problems show at their fields, and go as each is mended.
  const [tried, setTried] = useState(false);
  const problems = tried ? recipientProblems(draft) : [];
  const problemAt = (p: RecipientProblem) => (problems.includes(p) ? tr(`error.recipient.${p}`) : undefined);
  const thirdCountry = isThirdCountry(draft);
  const original = draft.id ? list.find((r) => r.id === draft.id) : EMPTY;
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(original ?? EMPTY), () =>
    kept.keep(tr('register.section.recipients'), draft),
  );

  useOpenLinkedEntry(list, !!kept.restored, (r) => {
    edit(r);
    // What the finding named shows at its field: the missing basis as a refusal, else the contract date.
    setTried(true);
    return recipientProblems(r).includes('transferBasis') ? 'recipient-transferBasis' : 'recipient-contract';
  });

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found = recipientProblems(draft);
    setTried(found.length > 0);
    const general = found.find((p) => !AT_FIELD.includes(p));
    setError(general ? tr(`error.recipient.${general}`) : null);
    setStatus(null);
    if (found.length > 0) return;
    if (await save(() => saveRecipient(db, session, draft), tr('ui.recipients.saved'))) setDraft(EMPTY);
  }

  function edit(r: Recipient) {
    setDraft(r);
    setTried(false);
    setError(null);
  }

  /** A field's aria attributes: its hint and, once refused, its problem. */
  const described = (key: string, problem: string | undefined, hint = false) => ({
    'aria-invalid': problem ? true : undefined,
    'aria-describedby':
      [hint ? `recipient-${key}-hint` : '', problem ? `recipient-${key}-error` : ''].filter(Boolean).join(' ') ||
      undefined,
  });

  const field = (key: 'name' | 'country' | 'safeguardsNote', label: string, problem?: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`recipient-${key}`}>{label}</label>
      <input
        autoComplete="off"
        id={`recipient-${key}`}
        value={draft[key]}
        maxLength={RECIPIENT_MAX_TEXT}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        {...described(key, problem, !!hint)}
      />
      {hint && (
        <p className="hint" id={`recipient-${key}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`recipient-${key}-error`} message={problem} />
    </div>
  );

  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{tr('register.section.recipients')}</h2>
      <p className="hint">{tr('ui.recipients.help')}</p>
      {!allowed && <p className="hint">{tr('ui.settings.noPermission')}</p>}
      {list.length === 0 ? (
        <p className="muted">{tr('register.recipients.none')}</p>
      ) : (
        <ul className="user-list" aria-labelledby="recipients-title">
          {list.map((r) => (
            <li key={r.id}>
              <span>
                <strong>{r.name}</strong> · {tr(`register.recipients.role.${r.role}`)}
                {r.country && ` · ${r.country}`}
                {isThirdCountry(r) && ` · ${transferBasisText(tr.lang, r)}`}
                {r.contractDate &&
                  ` · ${tr('register.recipients.contract')} ${tr('register.recipients.contractOf', { date: formatDate(tr.lang, r.contractDate) })}`}
                {r.purposeIds.length > 0 && ` · ${tr('register.recipients.onlyFor', { purposes: purposeNames(r) })}`}
              </span>
              <span className="actions">
                <button
                  type="button"
                  disabled={!allowed}
                  aria-label={tr('ui.recipients.edit', { name: r.name })}
                  onClick={() => edit(r)}
                >
                  {tr('ui.recipients.editShort')}
                </button>
                <button
                  type="button"
                  disabled={!allowed}
                  aria-label={tr('ui.recipients.remove', { name: r.name })}
                  onClick={() => void save(() => removeRecipient(db, session, r.id), tr('ui.recipients.removed'))}
                >
                  {tr('ui.recipients.removeShort')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset disabled={!allowed} className="grid-fields">
          <legend>{tr(draft.id ? 'ui.recipients.editTitle' : 'ui.recipients.addTitle')}</legend>
          {field('name', tr('ui.recipients.name'), problemAt('name'))}
          <div className="field">
            <label htmlFor="recipient-role">{tr('register.recipients.role')}</label>
            <select
              id="recipient-role"
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value as RecipientRole })}
            >
              {RECIPIENT_ROLES.map((role) => (
                <option key={role} value={role}>
                  {tr(`register.recipients.role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          {field('country', tr('ui.recipients.country'))}
          {thirdCountry && (
            <>
              <div className="field">
                <label htmlFor="recipient-transferBasis">{tr('ui.recipients.transferBasis')}</label>
                <select
                  id="recipient-transferBasis"
                  value={draft.transferBasis}
                  required
                  onChange={(e) => setDraft({ ...draft, transferBasis: e.target.value as TransferBasis | '' })}
                  {...described('transferBasis', problemAt('transferBasis'), true)}
                >
                  <option value="">{tr('ui.recipients.transferBasisChoose')}</option>
                  {TRANSFER_BASES.map((basis) => (
                    <option key={basis} value={basis}>
                      {tr(`register.transferBasis.${basis}`)}
                    </option>
                  ))}
                </select>
                <p className="hint" id="recipient-transferBasis-hint">
                  {tr('ui.recipients.transferHint')}
                </p>
                <FieldError id="recipient-transferBasis-error" message={problemAt('transferBasis')} />
              </div>
              {field(
                'safeguardsNote',
                tr('ui.recipients.safeguardsNote'),
                undefined,
                tr('ui.recipients.safeguardsNoteHint'),
              )}
            </>
          )}
          <div className="field">
            <label htmlFor="recipient-contract">{tr('ui.recipients.contractDate')}</label>
            <input
              autoComplete="off"
              id="recipient-contract"
              type="date"
              value={draft.contractDate}
              onChange={(e) => setDraft({ ...draft, contractDate: e.target.value })}
              {...described('contract', problemAt('contractDate'))}
            />
            <FieldError id="recipient-contract-error" message={problemAt('contractDate')} />
          </div>
          <RecipientPurposes
            purposeIds={draft.purposeIds}
            onChange={(purposeIds) => setDraft({ ...draft, purposeIds })}
          />
        </fieldset>
        <FormFooter
          submitLabel={tr(draft.id ? 'ui.recipients.saveChange' : 'ui.recipients.add')}
          disabled={!allowed}
          error={error}
          status={status}
        >
          {draft.id && (
            <button type="button" onClick={() => edit(EMPTY)}>
              {tr('ui.cancel')}
            </button>
          )}
        </FormFooter>
      </form>
    </section>
  );
}

/**
 * A link naming an entry (settingsLinks.ts, from a finding of the Übersicht or the Prüfliste) opens
 * it in the form once the list is there, and brings the field to mend into focus; a draft kept from
 * before a lock comes first. `open` edits the entry and says which field to focus.
 */
function useOpenLinkedEntry(list: readonly Recipient[], draftKept: boolean, open: (r: Recipient) => string) {
  const target = useRoute().query.get(RECIPIENT_PARAM);
  const opened = useRef<string | null>(null);
  const focus = useRef<string | null>(null);
  useEffect(() => {
    const entry = target && opened.current !== target ? list.find((r) => r.id === target) : undefined;
    if (!entry) return;
    opened.current = target;
    if (!draftKept) focus.current = open(entry);
  }, [target, list, draftKept, open]);
  // Once a render shows the field (the basis appears with the entry's third country only).
  useEffect(() => {
    if (!focus.current || !document.getElementById(focus.current)) return;
    focusField(focus.current);
    focus.current = null;
  });
}
