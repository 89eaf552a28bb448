/**
 * Prüfliste DSGVO: three lists of natural persons the controller must act on — held without any
 * reason (the reference product's filter "Ohne Einwilligung / Verwendungszweck DSGVO"), held for a
 * purpose that needs consent without one (never given or withdrawn), retention run out — with the two actions of the
 * reference: "Ansprechpartner löschen" and "Aktion erstellen", on the selected or all listed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '../../domain/person';
import type { ConsentGap, WorklistKind } from '../../domain/worklist';
import type { StoredPerson } from '../../data/db';
import { loadWorklist } from '../../data/queries/worklist';
import { listPurposes } from '../../data/queries/purposes';
import { localDate } from '../../domain/calendar';
import { formatDate, formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { useNotice, useRights } from '../stores';
import { LockIcon } from '../components/LockIcon';
import { parseKind, parseMonths, WARNING_MONTHS, WORKLIST_KINDS, type WarningMonths } from './lists';
import { VirtualPersonRows } from './VirtualPersonRows';
import { informationText } from '../person/informationText';
import { DeleteDialog } from './DeleteDialog';
import { CreateCampaignDialog } from '../campaigns/CreateCampaignDialog';
import { reopen } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { CampaignList } from '../campaigns/CampaignList';
import { ConflictList } from '../sync/ConflictList';
import { BookFindings } from '../overview/BookFindings';
import { WorklistCheckNotice } from './WorklistCheckNotice';

const NONE: ReadonlySet<string> = new Set();

function worklistHref(kind: WorklistKind, months: WarningMonths): string {
  const query = new URLSearchParams();
  if (kind !== 'noReason') query.set('liste', kind);
  if (kind === 'retentionDue' && months) query.set('monate', String(months));
  const q = query.toString();
  return href('pruefliste') + (q ? `?${q}` : '');
}

export function WorklistView() {
  const tr = useT();
  const rights = useRights();
  const { query } = useRoute();
  const kind = parseKind(query.get('liste'));
  const months = parseMonths(query.get('monate'));
  const { notice } = useNotice(window.location.hash || href('pruefliste'));
  const data = useLiveQuery(() => loadWorklist(db, kind, months, localDate()), [kind, months]);
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  const purposeNames = useMemo(() => new Map(purposes.map((p) => [p.id, p.name])), [purposes]);
  const current = data?.kind === kind ? data : undefined;
  const ids = current?.ids;

  // Selection is UI state of this screen, per list: another list or period starts with none, and
  // it follows the list as read (a deleted person drops out).
  const list = `${kind}/${months}`;
  const [chosen, setChosen] = useState<{ list: string; ids: ReadonlySet<string> }>({ list, ids: NONE });
  const selected = useMemo(() => {
    if (chosen.list !== list || !ids) return NONE;
    const listed = new Set(ids);
    const kept = [...chosen.ids].filter((id) => listed.has(id));
    return kept.length === chosen.ids.size ? chosen.ids : new Set(kept);
  }, [chosen, list, ids]);
  const setSelected = (next: (s: ReadonlySet<string>) => ReadonlySet<string>) =>
    setChosen({ list, ids: next(selected) });

  // A campaign dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [action, setAction] = useState<'delete' | 'campaign' | null>(() => reopen(DRAFT.campaign, '', 'campaign'));
  const targets = ids ? (selected.size > 0 ? ids.filter((id) => selected.has(id)) : ids) : [];
  const canDelete = rights.permissions.has('deletePersons');
  const canCampaign = rights.permissions.has('editPersons');
  const n = (x: number) => formatNumber(tr.lang, x);

  const allSelected = !!ids && ids.length > 0 && selected.size === ids.length;
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selected.size > 0 && !allSelected;
  });

  return (
    <section className="screen worklist" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{tr('ui.nav.pruefliste')}</h1>
      </div>
      <p className="wl-duty">{tr('ui.worklist.duty')}</p>
      <ConflictList />
      <BookFindings className="card" hideWhenNone />
      <WorklistCheckNotice start={!!current} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}

      <WorklistTabs kind={kind} months={months} counts={current?.counts} />

      <div id="worklist-panel" role="tabpanel" aria-labelledby={`worklist-tab-${kind}`} className="wl-panel">
        <p className="hint wl-explain">{tr(`ui.worklist.explain.${kind}`)}</p>
        {kind === 'retentionDue' && (
          <div className="field field-inline wl-period">
            <label htmlFor="worklist-months">{tr('ui.worklist.period')}</label>
            <select
              id="worklist-months"
              value={months}
              onChange={(e) => navigate(worklistHref(kind, parseMonths(e.target.value)))}
            >
              {WARNING_MONTHS.map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? tr('ui.worklist.periodNow') : tr('ui.worklist.periodMonths', { months: m })}
                </option>
              ))}
            </select>
          </div>
        )}

        <div className="wl-toolbar">
          <div className="field checkbox wl-select-all">
            <input
              ref={selectAllRef}
              id="worklist-select-all"
              type="checkbox"
              checked={allSelected}
              disabled={!ids || ids.length === 0}
              onChange={(e) => setSelected(() => (e.target.checked && ids ? new Set(ids) : NONE))}
            />
            <label htmlFor="worklist-select-all">{tr('ui.worklist.selectAll')}</label>
          </div>
          <p className="muted wl-scope" role="status">
            {ids === undefined
              ? tr('ui.loading')
              : ids.length === 0
                ? ''
                : selected.size > 0
                  ? tr('ui.worklist.scopeSelected', { count: n(selected.size), total: n(ids.length) })
                  : tr('ui.worklist.scopeAll', { count: n(ids.length) })}
          </p>
          <div className="actions wl-actions">
            <button
              type="button"
              className="danger"
              disabled={!canDelete || targets.length === 0}
              aria-describedby={canDelete ? undefined : 'worklist-permission-note'}
              onClick={() => setAction('delete')}
            >
              {tr('ui.worklist.delete')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canCampaign || targets.length === 0}
              aria-describedby={canCampaign ? undefined : 'worklist-permission-note'}
              onClick={() => setAction('campaign')}
            >
              {tr('ui.worklist.createCampaign')}
            </button>
          </div>
        </div>
        {(!canDelete || !canCampaign) && (
          <p id="worklist-permission-note" className="hint">
            {[!canDelete && tr('ui.person.noDeletePermission'), !canCampaign && tr('ui.person.noEditPermission')]
              .filter(Boolean)
              .join(' ')}
          </p>
        )}

        {ids && ids.length === 0 && <p className="empty">{tr(`ui.worklist.empty.${kind}`)}</p>}
        {ids && ids.length > 0 && (
          <VirtualPersonRows
            ids={ids}
            label={tr(`ui.worklist.tab.${kind}`)}
            rowHeight={64}
            narrowRowHeight={92}
            className="wl-list"
            head={
              <>
                <span />
                <span>{tr('ui.person.col.name')}</span>
                <span>{tr('field.email')}</span>
                <span>{tr('field.city')}</span>
                <span>{tr('field.kind')}</span>
              </>
            }
            renderRow={(person, id) => (
              <WorklistRow
                person={person}
                why={
                  person ? reasonText(tr, kind, person, current.dates.get(id), current.gaps.get(id), purposeNames) : ''
                }
                checked={selected.has(id)}
                onToggle={(on) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (on) next.add(id);
                    else next.delete(id);
                    return next;
                  })
                }
              />
            )}
          />
        )}
      </div>

      <CampaignList />

      {action === 'delete' && <DeleteDialog personIds={targets} onClose={() => setAction(null)} />}
      {action === 'campaign' && (
        <CreateCampaignDialog
          personIds={targets}
          onCancel={() => setAction(null)}
          onCreated={(campaignId) => {
            setAction(null);
            navigate(href('pruefliste', 'aktion', campaignId));
          }}
        />
      )}
    </section>
  );
}

function WorklistTabs({
  kind,
  months,
  counts,
}: {
  kind: WorklistKind;
  months: WarningMonths;
  counts: Record<WorklistKind, number> | undefined;
}) {
  const tr = useT();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  function go(next: WorklistKind, focus: boolean) {
    navigate(worklistHref(next, months));
    if (focus) refs.current[next]?.focus();
  }
  function onKeyDown(e: React.KeyboardEvent) {
    const i = WORKLIST_KINDS.indexOf(kind);
    const len = WORKLIST_KINDS.length;
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % len
        : e.key === 'ArrowLeft'
          ? (i - 1 + len) % len
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? len - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    go(WORKLIST_KINDS[next], true);
  }
  return (
    <div className="wl-tabs" role="tablist" aria-label={tr('ui.worklist.tabsLabel')} onKeyDown={onKeyDown}>
      {WORKLIST_KINDS.map((k) => (
        <button
          key={k}
          ref={(el) => {
            refs.current[k] = el;
          }}
          id={`worklist-tab-${k}`}
          type="button"
          role="tab"
          aria-selected={k === kind}
          aria-controls="worklist-panel"
          tabIndex={k === kind ? 0 : -1}
          className="wl-tab"
          onClick={() => go(k, false)}
        >
          <span>{tr(`ui.worklist.tab.${k}`)}</span>
          {counts && <span className="wl-count">{formatNumber(tr.lang, counts[k])}</span>}
        </button>
      ))}
    </div>
  );
}

/** Why a person is on the list, in words. */
function reasonText(
  tr: Translate,
  kind: WorklistKind,
  person: StoredPerson,
  date: string | undefined,
  gap: ConsentGap | undefined,
  purposeNames: Map<string, string>,
): string {
  if (kind === 'noReason') return tr('ui.worklist.why.noReason');
  if (kind === 'consentMissing')
    return tr(gap === 'withdrawn' ? 'ui.worklist.why.consentWithdrawn' : 'ui.worklist.why.consentNone', {
      purpose: purposeNames.get(person.purposeId) ?? '',
    });
  if (kind === 'notInformed') return informationText(tr, person.information, localDate());
  if (!date) return '';
  const today = localDate();
  return tr(date <= today ? 'ui.worklist.why.retentionOver' : 'ui.worklist.why.retentionSoon', {
    date: formatDate(tr.lang, date),
  });
}

interface WorklistRowProps {
  person: StoredPerson | undefined;
  why: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
}

function WorklistRow({ person, why, checked, onToggle }: WorklistRowProps) {
  const tr = useT();
  if (!person) return <span className="row-link muted">…</span>;
  const name = displayName(person);
  return (
    <div className="wl-row-inner">
      <span className="wl-check">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onToggle(e.target.checked)}
          aria-label={tr('ui.worklist.selectPerson', { name })}
        />
      </span>
      <a className="wl-link" href={href('personen', person.id)}>
        <span className="cell name">
          {person.lock && <LockIcon label={tr('ui.person.locked')} />}
          {name}
        </span>
        <span className="cell wl-why">{why}</span>
        <span className="cell email">{person.email}</span>
        <span className="cell city">{person.city}</span>
        <span className="cell kind">{tr(`kind.${person.kind}`)}</span>
      </a>
    </div>
  );
}
