/**
 * Protokoll: the audit log as a table. It shows who, when, what and why — field labels, never
 * values (the log holds none). Filters: person (from a person's "Verlauf"), action, period.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../domain/audit';
import { displayName } from '../../domain/person';
import { queryAudit, type AuditFilter } from '../../data/queries/audit';
import { readPerson } from '../../data/queries/persons';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { fieldLabel, useLang, useT, type Translate } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { AuditIntegrity } from './AuditIntegrity';

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
      <AuditIntegrity />
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
        <div className="field">
          <label htmlFor="audit-from">{tr('ui.audit.from')}</label>
          <input
            autoComplete="off"
            id="audit-from"
            type="date"
            value={from}
            onChange={(e) => setParam('from', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{tr('ui.audit.to')}</label>
          <input
            autoComplete="off"
            id="audit-to"
            type="date"
            value={to}
            onChange={(e) => setParam('to', e.target.value)}
          />
        </div>
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
                  <AuditRow key={e.seq} entry={e} tr={tr} lang={lang} />
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

function AuditRow({ entry, tr, lang }: { entry: AuditEntry; tr: Translate; lang: ReturnType<typeof useLang> }) {
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatDateTime(lang, entry.at)}</time>
      </td>
      <td>
        {entry.userName} <span className="muted">({entry.staffNumber})</span>
      </td>
      <td>{tr(`action.${entry.action}`)}</td>
      <td>{fieldsText(tr, entry)}</td>
      <td>{entry.purposeName}</td>
      <td>
        {entry.comment}
        {entry.context.startsWith('import:') && (
          <span className="muted audit-source">
            {tr('ui.audit.importFile', { file: entry.context.slice('import:'.length) })}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Field keys as labels; setting and purpose keys (settingsChanged) as they are. */
function fieldsText(tr: Translate, entry: AuditEntry): string {
  if (entry.action === 'settingsChanged' || entry.action === 'consentGiven' || entry.action === 'consentWithdrawn') {
    return entry.fieldKeys.map((k) => (k.startsWith('purpose:') ? tr('ui.audit.purposeRef') : k)).join(', ');
  }
  return entry.fieldKeys.map((k) => fieldLabel(tr, k)).join(', ');
}
