/**
 * Recipients and processors (Art. 28), entered once: name, role, country, contract date; added,
 * changed and removed here, each change logged like every setting (the data layer checks the
 * permission 'changePrivacySettings'). The Verzeichnis lists them.
 */
import { useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { RECIPIENT_ROLES, type Recipient, type RecipientRole } from '../../domain/recipients';
import { readRecipients } from '../../data/queries/recipients';
import { removeRecipient, saveRecipient } from '../../data/commands/recipients';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { errorText, useT } from '../i18n';
import { useSession } from '../stores';
import { useFormDraft, useUnsavedChanges } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { ErrorAlert } from '../components/ErrorAlert';

const EMPTY: Recipient = { id: '', name: '', role: 'processor', country: '', contractDate: '' };

export function RecipientsSection() {
  const tr = useT();
  const session = useSession();
  const allowed = session.permissions.has('changePrivacySettings');
  const list = useLiveQuery(() => readRecipients(db), [], []);
  const kept = useFormDraft<Recipient>(DRAFT.recipients, '');
  const [draft, setDraft] = useState<Recipient>(kept.restored ?? EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const original = draft.id ? list.find((r) => r.id === draft.id) : EMPTY;
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(original ?? EMPTY), () =>
    kept.keep(tr('register.section.recipients'), draft),
  );

  async function run(work: () => Promise<unknown>, done: string): Promise<boolean> {
    setError(null);
    setStatus(null);
    try {
      await work();
      setStatus(done);
      return true;
    } catch (e) {
      setError(errorText(tr, e));
      return false;
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (await run(() => saveRecipient(db, session, draft), tr('ui.recipients.saved'))) setDraft(EMPTY);
  }

  const field = (key: 'name' | 'country', label: string) => (
    <div className="field">
      <label htmlFor={`recipient-${key}`}>{label}</label>
      <input
        autoComplete="off"
        id={`recipient-${key}`}
        value={draft[key]}
        maxLength={200}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{tr('register.section.recipients')}</h2>
      <p className="hint">{tr('ui.recipients.help')}</p>
      {list.length === 0 ? (
        <p className="muted">{tr('register.recipients.none')}</p>
      ) : (
        <ul className="user-list" aria-labelledby="recipients-title">
          {list.map((r) => (
            <li key={r.id}>
              <span>
                <strong>{r.name}</strong> · {tr(`register.recipients.role.${r.role}`)}
                {r.country && ` · ${r.country}`}
                {r.contractDate &&
                  ` · ${tr('register.recipients.contract')} ${tr('register.recipients.contractOf', { date: formatDate(tr.lang, r.contractDate) })}`}
              </span>
              <span className="actions">
                <button
                  type="button"
                  disabled={!allowed}
                  aria-label={tr('ui.recipients.edit', { name: r.name })}
                  onClick={() => setDraft(r)}
                >
                  {tr('ui.recipients.editShort')}
                </button>
                <button
                  type="button"
                  disabled={!allowed}
                  aria-label={tr('ui.recipients.remove', { name: r.name })}
                  onClick={() => void run(() => removeRecipient(db, session, r.id), tr('ui.recipients.removed'))}
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
          {field('name', tr('ui.recipients.name'))}
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
          <div className="field">
            <label htmlFor="recipient-contract">{tr('ui.recipients.contractDate')}</label>
            <input
              autoComplete="off"
              id="recipient-contract"
              type="date"
              value={draft.contractDate}
              onChange={(e) => setDraft({ ...draft, contractDate: e.target.value })}
            />
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={!allowed}>
            {tr(draft.id ? 'ui.recipients.saveChange' : 'ui.recipients.add')}
          </button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(EMPTY)}>
              {tr('ui.cancel')}
            </button>
          )}
        </div>
        <ErrorAlert message={error} />
        {status && <p role="status">{status}</p>}
      </form>
    </section>
  );
}
