/**
 * Protokoll: the audit log as a table (cards on narrow screens, see styles.css). It shows who,
 * when, what and why — field labels, never values (the log holds none); a settings entry by its
 * area, and the recipients, purposes, users and groups it names by their current names
 * (entryFields.ts). The person of an entry is named from the in-memory directory while signed in,
 * never from the log. Filters: person (from a person's "Verlauf"), action, period.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../domain/audit';
import { REQUEST_KINDS, type RequestKind } from '../../domain/requests';
import { displayName } from '../../domain/person';
import { queryAudit, type AuditFilter } from '../../data/queries/audit';
import { readPerson } from '../../data/queries/persons';
import { listPurposes } from '../../data/queries/purposes';
import { readRecipientsById } from '../../data/queries/recipients';
import { usersAndGroups } from '../../data/queries/users';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT, type Translate } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { directory, useDirectory } from '../useDirectory';
import { AuditGaps } from './AuditGaps';
import { AuditIntegrity } from './AuditIntegrity';
import { CheckpointCheck } from './CheckpointCheck';
import { actionText, auditNames, fieldsText, NO_NAMES, type AuditNames } from './entryFields';
import { TextField } from '../components/TextField';

const LIMIT = 500;

export default function AuditScreen() {
  const tr = useT();
  const lang = useLang();
  const { query } = useRoute();
  const personId = query.get('person') ?? '';
  const action = (query.get('action') ?? '') as AuditAction | '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';

  const filter: AuditFilter = {
    personId: personId || undefined,
    action: action || undefined,
    // Dates are local calendar days; the log stores UTC instants.
    from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : undefined,
    limit: LIMIT,
  };
  const entries = useLiveQuery(() => queryAudit(db, filter), [personId, action, from, to]);
  // The person's name for the filter chip only; it is not in the log (it may be deleted meanwhile).
  const person = useLiveQuery(() => (personId ? readPerson(db, personId) : undefined), [personId]);
  // The names the Felder column gives ids (recipients, purposes, users, groups), as they are now.
  const names = useLiveQuery(currentNames, [], NO_NAMES);
  const { state: directoryState } = useDirectory();
  // In a person's own log the chip names them; the global log names each entry's person.
  const showPerson = !personId && directoryState.status === 'ready';

  // Filters live in the URL, so a reload or a shared link keeps them.
  function setParam(name: string, value: string) {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    const search = next.toString();
    navigate(`${href('protokoll')}${search ? `?${search}` : ''}`);
  }

  return (
    <section className="screen audit" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr('ui.nav.protokoll')}</h1>
      <p className="muted">{tr('ui.audit.intro')}</p>
      <AuditGaps from={filter.from} to={filter.to} />
      <AuditIntegrity />
      <CheckpointCheck />
      <div className="filters">
        <div className="field">
          <label htmlFor="audit-action">{tr('ui.audit.action')}</label>
          <select id="audit-action" value={action} onChange={(e) => setParam('action', e.target.value)}>
            <option value="">{tr('ui.audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {tr(`action.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField label={tr('ui.audit.from')} type="date" value={from} onChange={(v) => setParam('from', v)} />
        <TextField label={tr('ui.audit.to')} type="date" value={to} onChange={(v) => setParam('to', v)} />
      </div>
      {personId && (
        <p className="chip">
          {tr('ui.audit.forPerson', { person: person ? displayName(person) : tr('ui.audit.deletedPerson') })}{' '}
          <button type="button" className="link-button" onClick={() => setParam('person', '')}>
            {tr('ui.audit.allPersons')}
          </button>
          {person && (
            <>
              {' · '}
              <a href={href('personen', personId)}>{tr('ui.audit.toPerson')}</a>
            </>
          )}
        </p>
      )}
      {entries === undefined ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : (
        <>
          <p role="status" className="muted">
            {entries.length >= LIMIT
              ? tr('ui.audit.countLimited', { count: LIMIT })
              : entries.length === 1
                ? tr('ui.audit.countOne')
                : tr('ui.audit.count', { count: entries.length })}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={tr('ui.audit.tableRegion')}>
            <table aria-label={tr('ui.nav.protokoll')} className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{tr('ui.audit.col.at')}</th>
                  <th scope="col">{tr('ui.audit.col.user')}</th>
                  <th scope="col">{tr('ui.audit.col.action')}</th>
                  <th scope="col">{tr('ui.audit.col.fields')}</th>
                  <th scope="col">{tr('ui.audit.col.purpose')}</th>
                  <th scope="col">{tr('ui.audit.col.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <AuditRow key={e.seq} entry={e} tr={tr} lang={lang} showPerson={showPerson} names={names} />
                ))}
              </tbody>
            </table>
          </div>
          {entries.length === 0 && <p className="empty">{tr('ui.audit.empty')}</p>}
        </>
      )}
    </section>
  );
}

interface RowProps {
  entry: AuditEntry;
  tr: Translate;
  lang: ReturnType<typeof useLang>;
  showPerson: boolean;
  names: AuditNames;
}

/** The mark of an entry of a change not taken over (domain/heldBack.ts). */
const HELD_BACK_TEXT = {
  held: 'ui.audit.heldBack',
  dropped: 'ui.audit.heldBackDropped',
  overwritten: 'ui.audit.heldBackOverwritten',
} as const;

/** Each cell carries its column's name, which the narrow layout shows as the card's labels. */
function AuditRow({ entry, tr, lang, showPerson, names }: RowProps) {
  return (
    <tr className={entry.heldBack ? 'held-back' : undefined}>
      <td data-label={tr('ui.audit.col.at')}>
        <time dateTime={entry.at}>{formatDateTime(lang, entry.at)}</time>
      </td>
      <td data-label={tr('ui.audit.col.user')}>
        {entry.userName} <span className="muted audit-staff">({entry.staffNumber})</span>
      </td>
      <td data-label={tr('ui.audit.col.action')}>
        {actionText(tr, entry)}
        {entry.heldBack && <span className="audit-held-back">{tr(HELD_BACK_TEXT[entry.heldBack])}</span>}
      </td>
      <td data-label={tr('ui.audit.col.fields')}>
        {/* Whose fields: the action's cell keeps only the action's name. */}
        {showPerson && entry.personId && <EntryPerson personId={entry.personId} tr={tr} />}
        {fieldsText(tr, entry, names)}
        {entry.gdprSupportDisabled !== undefined && (
          <span className="muted audit-source">
            {tr(entry.gdprSupportDisabled ? 'ui.audit.gdprSwitchedOff' : 'ui.audit.gdprSwitchedOn')}
          </span>
        )}
      </td>
      <td data-label={tr('ui.audit.col.purpose')}>{entry.purposeName}</td>
      <td data-label={tr('ui.audit.col.comment')}>
        {entry.textErased ? <span className="muted">{tr('ui.audit.textErased')}</span> : entry.comment}
        {entry.context.startsWith('import:') && (
          <span className="muted audit-source">
            {tr('ui.audit.importFile', { file: entry.context.slice('import:'.length) })}
          </span>
        )}
        {entry.action === 'requestClosed' && <ClosedRequestKind tr={tr} context={entry.context} />}
      </td>
    </tr>
  );
}

/** The person as the directory knows them now; a person no longer in it was erased. */
function EntryPerson({ personId, tr }: { personId: string; tr: Translate }) {
  const person = directory.entry(personId);
  return (
    <span className="audit-person">
      {person ? (
        <a href={href('personen', personId)}>{person.name}</a>
      ) : (
        <span className="muted">{tr('ui.audit.erasedPerson')}</span>
      )}
    </span>
  );
}

/** A closed request's kind, from the entry's context (`kind:action`). */
function ClosedRequestKind({ tr, context }: { tr: Translate; context: string }) {
  const kind = context.split(':')[0] as RequestKind;
  if (!REQUEST_KINDS.includes(kind)) return null;
  return (
    <span className="muted audit-source">{tr('ui.audit.requestClosed', { kind: tr(`ui.requests.kind.${kind}`) })}</span>
  );
}

/** The book's recipients, purposes, users and groups by id, as read now (a rename shows at once). */
async function currentNames(): Promise<AuditNames> {
  const [recipients, purposes, { users, groups }] = await Promise.all([
    readRecipientsById(db),
    listPurposes(db),
    usersAndGroups(db),
  ]);
  return auditNames({ recipients: recipients.values(), purposes, users, groups });
}
