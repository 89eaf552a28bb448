/**
 * The register of data-subject requests: received, due one month later (Art. 12(3)), days left,
 * status; overdue ones in red and in words. Each row opens its details: status, extension,
 * the documents issued for it, a link to the person.
 */
import { Fragment, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isOpen, requestState, type DataSubjectRequest, type RequestStatus } from '../../domain/requests';
import { setRequestStatus } from '../../data/commands/requests';
import { requestRegister } from '../../data/queries/requests';
import { formatDate, formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT, type Translate, errorMessage, type AlertMessage } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { localDate } from '../../domain/calendar';
import { useNow } from '../useNow';
import { discardUnsaved, isRestored, restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { NewRequestDialog } from './NewRequestDialog';
import { ExtendDialog } from './ExtendDialog';
import { RejectDialog } from './RejectDialog';

type Filter = 'open' | 'overdue' | 'all';
const FILTERS: Filter[] = ['open', 'overdue', 'all'];

interface Row {
  request: DataSubjectRequest;
  personName: string | null;
  daysLeft: number;
  overdue: boolean;
}

function sortRows(a: Row, b: Row): number {
  const ao = isOpen(a.request);
  const bo = isOpen(b.request);
  if (ao !== bo) return ao ? -1 : 1;
  if (ao) return a.request.dueDate.localeCompare(b.request.dueDate);
  return b.request.receivedAt.localeCompare(a.request.receivedAt);
}

export function RequestRegister() {
  const tr = useT();
  const lang = useLang();
  const session = useSession();
  const rights = useRights();
  const route = useRoute();
  const today = localDate(useNow());
  const canEdit = rights.permissions.has('editPersons');
  const filter: Filter = FILTERS.includes(route.query.get('filter') as Filter)
    ? (route.query.get('filter') as Filter)
    : 'open';
  const preselect = route.query.get('neu');
  // A dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [dialogOpen, setDialogOpen] = useState(() => isRestored(DRAFT.request, ''));
  const [expanded, setExpanded] = useState<string | null>(null);
  const [extendingId, setExtending] = useState(() => restoredDraft(DRAFT.extendRequest)?.key ?? null);
  const [rejectingId, setRejecting] = useState(() => restoredDraft(DRAFT.rejectRequest)?.key ?? null);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [notice, setNotice] = useState('');
  // Requests changed here stay in view until the filter changes, so a row does not vanish under the hand.
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());

  const data = useLiveQuery(() => requestRegister(db), []);

  function setQuery(name: string, value: string | null) {
    const next = new URLSearchParams(route.query);
    if (value) next.set(name, value);
    else next.delete(name);
    const search = next.toString();
    navigate(`${href('anfragen')}${search ? `?${search}` : ''}`);
  }

  function changeFilter(f: Filter) {
    setKept(new Set());
    setQuery('filter', f === 'open' ? null : f);
  }

  const showDialog = dialogOpen || (preselect !== null && canEdit);
  function closeDialog() {
    setDialogOpen(false);
    // Created or cancelled: its changes are done with, so taking "neu" off the address must not ask.
    discardUnsaved();
    if (preselect !== null) setQuery('neu', null);
  }

  async function changeStatus(r: DataSubjectRequest, status: RequestStatus, reason?: string) {
    setError(null);
    if (status === 'rejected' && reason === undefined) {
      setRejecting(r.id);
      return;
    }
    try {
      await setRequestStatus(db, session, r.id, status, reason);
      setRejecting(null);
      setKept((k) => new Set(k).add(r.id));
      // The pressed button is replaced by others: keep focus in the request's details.
      setTimeout(() => document.getElementById(`request-panel-${r.id}`)?.focus(), 0);
      setNotice(tr('ui.requests.statusChanged', { status: tr(`ui.requests.status.${status}`) }));
    } catch (e) {
      // A refusal's reason stays in its dialog, which says what went wrong.
      if (reason !== undefined) throw e;
      setError(errorMessage(tr, e));
    }
  }

  const names = data?.names;
  const extending = data?.requests.find((r) => r.id === extendingId);
  const rejecting = data?.requests.find((r) => r.id === rejectingId);
  const rows: Row[] = (data?.requests ?? [])
    .map((request) => ({
      request,
      personName: names?.get(request.personId) ?? null,
      ...requestState(request, today),
    }))
    .sort(sortRows);
  const openCount = rows.filter((r) => isOpen(r.request)).length;
  const overdueCount = rows.filter((r) => r.overdue).length;
  const visible = rows.filter(
    (r) => kept.has(r.request.id) || (filter === 'all' ? true : filter === 'overdue' ? r.overdue : isOpen(r.request)),
  );

  return (
    <section aria-labelledby="requests-title" className="register">
      <div className="section-head">
        <h2 id="requests-title">{tr('ui.requests.title')}</h2>
        <button
          type="button"
          className="primary"
          disabled={!canEdit}
          aria-describedby={canEdit ? undefined : 'requests-denied'}
          onClick={() => setDialogOpen(true)}
        >
          {tr('ui.requests.new')}
        </button>
      </div>
      <p className="help">{tr('ui.requests.help')}</p>
      {!canEdit && (
        <p id="requests-denied" className="hint">
          {tr('ui.requests.noPermission', { permission: tr('ui.permission.editPersons') })}
        </p>
      )}
      <div className="register-bar">
        <div className="field field-inline">
          <label htmlFor="requests-filter">{tr('ui.requests.filter')}</label>
          <select id="requests-filter" value={filter} onChange={(e) => changeFilter(e.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {tr(`ui.requests.filter.${f}`)}
              </option>
            ))}
          </select>
        </div>
        {data && (
          <p className="register-summary">
            {tr('ui.requests.summary', { open: openCount })}
            {overdueCount > 0 && (
              <>
                {' · '}
                <strong className="overdue">{tr('ui.requests.summaryOverdue', { count: overdueCount })}</strong>
              </>
            )}
          </p>
        )}
      </div>
      <p role="status" className="notice-line">
        {notice}
      </p>
      <ErrorAlert message={error} />
      {data === undefined ? (
        <p>{tr('ui.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="empty">
          {tr(
            filter === 'all'
              ? 'ui.requests.emptyAll'
              : filter === 'overdue'
                ? 'ui.requests.emptyOverdue'
                : 'ui.requests.empty',
          )}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table requests-table" aria-labelledby="requests-title">
            <thead>
              <tr>
                <th scope="col">{tr('ui.requests.col.person')}</th>
                <th scope="col">{tr('ui.requests.col.kind')}</th>
                <th scope="col">{tr('ui.requests.col.received')}</th>
                <th scope="col">{tr('ui.requests.col.due')}</th>
                <th scope="col">{tr('ui.requests.col.left')}</th>
                <th scope="col">{tr('ui.requests.col.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{tr('ui.requests.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => {
                const r = row.request;
                const open = expanded === r.id;
                const detailsId = `request-details-${r.id}`;
                return (
                  <Fragment key={r.id}>
                    <tr className={row.overdue ? 'is-overdue' : undefined}>
                      <td data-label={tr('ui.requests.col.person')}>
                        {row.personName ? (
                          <a href={href('personen', r.personId)}>{row.personName}</a>
                        ) : r.requester ? (
                          <span>
                            {r.requester.name} <span className="muted">· {tr('ui.requests.outsideShort')}</span>
                          </span>
                        ) : (
                          <span className="muted">{tr('ui.requests.personDeleted')}</span>
                        )}
                      </td>
                      <td data-label={tr('ui.requests.col.kind')}>{tr(`ui.requests.kind.${r.kind}`)}</td>
                      <td data-label={tr('ui.requests.col.received')}>{formatDate(lang, r.receivedAt)}</td>
                      <td data-label={tr('ui.requests.col.due')}>
                        <span>
                          {formatDate(lang, r.dueDate)}
                          {r.extension && (
                            <span className="muted">
                              {' '}
                              ({tr('ui.requests.extendedShort', { months: r.extension.months })})
                            </span>
                          )}
                        </span>
                      </td>
                      <td data-label={tr('ui.requests.col.left')}>
                        <DaysLeft tr={tr} row={row} />
                      </td>
                      <td data-label={tr('ui.requests.col.status')}>
                        <span className={`status status-${r.status}`}>{tr(`ui.requests.status.${r.status}`)}</span>
                        {r.outcome && (
                          <span className="request-outcome">
                            {tr(`ui.requests.outcome.${r.outcome.action}`, { date: formatDate(lang, r.outcome.at) })}
                          </span>
                        )}
                      </td>
                      <td className="row-actions">
                        <button
                          type="button"
                          aria-expanded={open}
                          aria-controls={open ? detailsId : undefined}
                          onClick={() => setExpanded(open ? null : r.id)}
                        >
                          {tr(open ? 'ui.requests.hideDetails' : 'ui.requests.details')}
                          <span className="visually-hidden">
                            {' '}
                            {tr('ui.requests.detailsOf', {
                              person: row.personName ?? r.requester?.name ?? tr('ui.requests.personDeleted'),
                              kind: tr(`ui.requests.kind.${r.kind}`),
                            })}
                          </span>
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="details-row" id={detailsId}>
                        <td colSpan={7}>
                          <RequestDetails
                            row={row}
                            canEdit={canEdit}
                            onStatus={(s) => void changeStatus(r, s)}
                            onExtend={() => setExtending(r.id)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {showDialog && (
        <NewRequestDialog
          preselectedPersonId={preselect}
          onCancel={closeDialog}
          onCreated={(r, personName) => {
            closeDialog();
            setNotice(
              tr('ui.requests.created', {
                kind: tr(`ui.requests.kind.${r.kind}`),
                person: personName,
                due: formatDate(lang, r.dueDate),
              }),
            );
          }}
        />
      )}
      {rejecting && (
        <RejectDialog
          request={rejecting}
          onCancel={() => setRejecting(null)}
          onConfirm={(reason) => changeStatus(rejecting, 'rejected', reason)}
        />
      )}
      {extending && (
        <ExtendDialog
          request={extending}
          onCancel={() => setExtending(null)}
          onDone={(due) => {
            setExtending(null);
            setNotice(tr('ui.requests.extended', { due: formatDate(lang, due) }));
          }}
        />
      )}
    </section>
  );
}

function DaysLeft({ tr, row }: { tr: Translate; row: Row }) {
  const r = row.request;
  if (!isOpen(r))
    return (
      <span className="muted">
        {r.closedAt ? tr('ui.requests.closedOn', { date: formatDate(tr.lang, r.closedAt) }) : '—'}
      </span>
    );
  if (row.overdue) {
    return (
      <strong className="overdue">
        <span aria-hidden="true" className="overdue-mark">
          !
        </span>
        {tr(-row.daysLeft === 1 ? 'ui.requests.overdueOne' : 'ui.requests.overdueDays', { days: -row.daysLeft })}
      </strong>
    );
  }
  if (row.daysLeft === 0) return <strong className="due-soon">{tr('ui.requests.dueToday')}</strong>;
  const text = tr(row.daysLeft === 1 ? 'ui.requests.daysLeftOne' : 'ui.requests.daysLeft', { days: row.daysLeft });
  return row.daysLeft <= 7 ? <strong className="due-soon">{text}</strong> : <span>{text}</span>;
}

const STATUS_ACTIONS: Record<RequestStatus, RequestStatus[]> = {
  open: ['inProgress', 'done', 'rejected'],
  inProgress: ['done', 'rejected'],
  done: ['open'],
  rejected: ['open'],
};

interface DetailsProps {
  row: Row;
  canEdit: boolean;
  onStatus: (s: RequestStatus) => void;
  onExtend: () => void;
}

function RequestDetails({ row, canEdit, onStatus, onExtend }: DetailsProps) {
  const tr = useT();
  const lang = useLang();
  const r = row.request;
  const open = isOpen(r);
  const canExtend = open && (r.extension?.months ?? 0) < 2;
  const rights = r.kind === 'access' || r.kind === 'portability';
  return (
    <div className="request-details" id={`request-panel-${r.id}`} tabIndex={-1}>
      {(r.extension || r.note || r.outcome || r.statusReason || r.requester?.contact) && (
        <dl className="facts">
          {r.requester?.contact && (
            <>
              <dt>{tr('ui.requests.requesterContact')}</dt>
              <dd className="pre-line">{r.requester.contact}</dd>
            </>
          )}
          {r.outcome && r.outcome.action !== 'refused' && (
            <>
              <dt>{tr('ui.requests.outcomeTitle')}</dt>
              <dd>{tr(`ui.requests.outcome.${r.outcome.action}`, { date: formatDateTime(lang, r.outcome.at) })}</dd>
            </>
          )}
          {r.status === 'rejected' && r.statusReason && (
            <>
              <dt>{tr('ui.requests.refusalTitle')}</dt>
              <dd className="pre-line">{r.statusReason}</dd>
            </>
          )}
          {r.extension && (
            <>
              <dt>{tr('ui.requests.extension')}</dt>
              <dd>{tr('ui.requests.extensionText', { months: r.extension.months, reason: r.extension.reason })}</dd>
            </>
          )}
          {r.note && (
            <>
              <dt>{tr('ui.requests.note')}</dt>
              <dd className="pre-line">{r.note}</dd>
            </>
          )}
        </dl>
      )}
      <h3>{tr('ui.requests.documents')}</h3>
      {r.documents.length === 0 ? (
        <p className="muted">{tr(rights ? 'ui.requests.noDocumentsRights' : 'ui.requests.noDocuments')}</p>
      ) : (
        <ul className="documents">
          {r.documents.map((d, i) => (
            <li key={i}>
              {tr(`ui.requests.doc.${d.kind}`)}: <span className="file-name">{d.fileName}</span>{' '}
              <span className="muted">({formatDateTime(lang, d.issuedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {row.personName && (
          <a className="button-link" href={href('personen', r.personId)}>
            {tr('ui.requests.toPerson')}
          </a>
        )}
        {STATUS_ACTIONS[r.status].map((s) => (
          <button key={s} type="button" disabled={!canEdit} onClick={() => onStatus(s)}>
            {tr(s === 'open' ? 'ui.requests.reopen' : `ui.requests.setStatus.${s}`)}
          </button>
        ))}
        {open && (
          <button
            type="button"
            disabled={!canEdit || !canExtend}
            aria-describedby={canExtend ? undefined : `extend-max-${r.id}`}
            onClick={onExtend}
          >
            {tr('ui.requests.extend')}
          </button>
        )}
      </div>
      {open && !canExtend && (
        <p id={`extend-max-${r.id}`} className="hint">
          {tr('ui.requests.extendMax')}
        </p>
      )}
    </div>
  );
}
