/**
 * One campaign: what it asks for, its members with their answers, the letters (PDF, with a count
 * and a cancel button while they are made) and the mail-merge CSV for those who have not answered,
 * "Antwort erfassen" per member, and the offer to delete those who refused (the same confirmed,
 * logged bulk deletion as the worklist). A member who is locked, objected or withdrew the consent
 * asked for since is marked "Nicht anschreiben" and counted (names on request): no letter, no CSV row.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { campaignCounts, campaignReference, memberMatches, type CampaignMember } from '../../domain/campaign';
import { displayName } from '../../domain/person';
import { controllerGaps } from '../../domain/settings';
import type { StoredPerson } from '../../data/db';
import { readController } from '../../data/queries/settings';
import { findCampaign } from '../../data/queries/campaigns';
import { campaignLeftOut } from '../../data/queries/campaignLeftOut';
import type { CampaignLeftOutReason } from '../../domain/campaign';
import { LeftOutNames } from './LeftOutNote';
import { LEFT_OUT_REASON_TEXT } from './leftOutReason';
import { listPurposes } from '../../data/queries/purposes';
import { formatDate, formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { href } from '../route';
import { useNotice, useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { LockIcon } from '../components/LockIcon';
import { SearchBar } from '../components/SearchBar';
import { VirtualPersonRows } from '../worklist/VirtualPersonRows';
import { DeleteDialog } from '../worklist/DeleteDialog';
import { ReplyDialog, type ReplyDraft } from './ReplyDialog';
import { restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { useControllerFirst } from '../settings/ControllerDialog';
import { directory, useDirectory } from '../useDirectory';
import type { LettersProgress } from '../../documents/consentLetters';

type Busy = 'pdf' | 'csv' | null;

export function CampaignDetail({ campaignId }: { campaignId: string }) {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const route = href('pruefliste', 'aktion', campaignId);
  const { notice, setNotice } = useNotice(route);
  // null: not found; undefined: loading.
  const campaign = useLiveQuery(() => findCampaign(db, campaignId), [campaignId]);
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  const controller = useLiveQuery(() => readController(db), []);
  const [busy, setBusy] = useState<Busy>(null);
  const running = useRef(false);
  // While letters are made: how many are done (null until their number is known), and their cancel.
  const [progress, setProgress] = useState<LettersProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const lettersRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  // A reply the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [replyTo, setReplyTo] = useState<{ id: string; name: string } | null>(() => {
    const kept = restoredDraft(DRAFT.campaignReply, campaignId)?.values as ReplyDraft | undefined;
    return kept ? { id: kept.personId, name: kept.personName } : null;
  });
  const [deleting, setDeleting] = useState(false);
  // Pending members not to be written to any more: locked, objected or withdrew since.
  const leftOut = useLiveQuery(
    () =>
      campaign
        ? campaignLeftOut(
            db,
            campaign.members.filter((m) => m.status === 'pending').map((m) => m.personId),
            campaign.purposeIds,
          )
        : undefined,
    [campaign],
  );
  const members = useMemo(() => new Map((campaign?.members ?? []).map((m) => [m.personId, m])), [campaign]);
  const ids = useMemo(() => (campaign?.members ?? []).map((m) => m.personId), [campaign]);
  // A reply quoting its Zeichen (or a name) finds its member: names from the directory, nothing loaded.
  const [query, setQuery] = useState('');
  // Names become known once the directory has loaded (the Zeichen finds its member before).
  const named = useDirectory().state.status === 'ready';
  const shown = useMemo(() => {
    if (!query.trim()) return ids;
    const nameOf = (id: string) => (named ? (directory.entry(id)?.name ?? '') : '');
    return ids.filter((id) => memberMatches(query, campaignReference(campaignId, id), nameOf(id)));
  }, [ids, query, campaignId, named]);
  const n = (x: number) => formatNumber(tr.lang, x);
  const { withController, dialog: controllerDialog } = useControllerFirst();
  // Leaving the screen cancels letters being made.
  useEffect(() => () => abort.current?.abort(), []);

  if (campaign === null) {
    return (
      <section className="screen">
        <h1 id="screen-title">{tr('error.campaignMissing')}</h1>
        <a href={href('pruefliste')}>{tr('ui.campaign.back')}</a>
      </section>
    );
  }
  if (!campaign) return <p role="status">{tr('ui.loading')}</p>;

  const counts = campaignCounts(campaign);
  const purposeNames = campaign.purposeIds.map((id) => purposes.find((p) => p.id === id)?.name ?? id);
  const refused = campaign.members.filter((m) => m.status === 'refused').map((m) => m.personId);
  const canReport = rights.permissions.has('issueReports');
  const canEdit = rights.permissions.has('editPersons');
  const canDelete = rights.permissions.has('deletePersons');

  async function issue(kind: 'pdf' | 'csv') {
    if (running.current || !campaign) return;
    running.current = true;
    const job = new AbortController();
    abort.current = job;
    setBusy(kind);
    setProgress(null);
    setError(null);
    setNotice(null);
    setStatus(tr(kind === 'pdf' ? 'ui.campaign.lettersProgress' : 'ui.campaign.csvProgress'));
    try {
      const docs = await import('./documents');
      if (kind === 'pdf') {
        const made = await docs.issueCampaignLetters(session, campaign.id, tr.lang, setProgress, job.signal);
        setStatus(made ? docs.lettersIssuedMessage(tr.lang, made) : tr('ui.campaign.lettersCancelled'));
      } else {
        const made = await docs.issueCampaignCsv(session, campaign.id, tr.lang);
        const issued = tr('ui.campaign.csvIssued', { file: made.fileName, count: n(made.count) });
        setStatus([issued, docs.leftOutMessage(tr.lang, made.leftOut)].filter(Boolean).join(' '));
      }
    } catch (e) {
      setStatus('');
      setError(errorMessage(tr, e));
    } finally {
      // The cancel button disappears: focus goes back to the button that starts the letters.
      if (document.activeElement === cancelRef.current) lettersRef.current?.focus();
      abort.current = null;
      running.current = false;
      setBusy(null);
      setProgress(null);
    }
  }

  const noPending = counts.pending === 0;
  return (
    <section className="screen campaign" aria-labelledby="screen-title">
      <a className="back" href={href('pruefliste')}>
        {tr('ui.campaign.back')}
      </a>
      <div className="screen-head">
        <h1 id="screen-title">{tr('ui.campaign.title', { name: campaign.name })}</h1>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <dl className="facts">
        <dt>{tr('ui.campaign.col.created')}</dt>
        <dd>{formatDate(tr.lang, campaign.createdAt)}</dd>
        <dt>{tr('ui.campaign.purposes')}</dt>
        <dd>{purposeNames.join(', ')}</dd>
        <dt>{tr('ui.campaign.members')}</dt>
        <dd>
          {tr('ui.campaign.countsLine', {
            total: n(counts.total),
            pending: n(counts.pending),
            consented: n(counts.consented),
            refused: n(counts.refused),
          })}
        </dd>
      </dl>
      {leftOut && leftOut.size > 0 && (
        <div className="warning">
          <p>{tr('ui.campaign.notAsked', { count: n(leftOut.size) })}</p>
          <LeftOutNames leftOut={leftOut} />
        </div>
      )}
      {controller && controllerGaps(controller).length > 0 && (
        <p className="warning">
          {tr('ui.campaign.noController')} <a href={href('einstellungen')}>{tr('ui.nav.einstellungen')}</a>
        </p>
      )}

      <div className="actions" aria-busy={busy !== null}>
        <button
          ref={lettersRef}
          type="button"
          className="primary"
          disabled={!canReport || noPending}
          aria-disabled={busy ? true : undefined}
          onClick={() => void withController(() => issue('pdf'))}
        >
          {tr('ui.campaign.letters')}
        </button>
        <button
          type="button"
          disabled={!canReport || noPending}
          aria-disabled={busy ? true : undefined}
          onClick={() => void withController(() => issue('csv'))}
        >
          {tr('ui.campaign.csv')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!canDelete || refused.length === 0}
          onClick={() => setDeleting(true)}
        >
          {tr('ui.campaign.deleteRefused')}
          {refused.length > 0 && ` (${n(refused.length)})`}
        </button>
      </div>
      <p className="hint">{noPending ? tr('ui.campaign.noPending') : tr('ui.campaign.lettersHint')}</p>
      {!canReport && (
        <p className="hint">{tr('ui.rights.noPermission', { permission: tr('ui.permission.issueReports') })}</p>
      )}
      {busy === 'pdf' && (
        <div className="letters-progress">
          {/* Without a value while the letters' number is not known yet: an indeterminate bar. */}
          <progress max={Math.max(progress?.total ?? 0, 1)} value={progress?.done} aria-labelledby="letters-count" />
          <span id="letters-count">
            {progress
              ? tr('ui.campaign.lettersCount', { done: n(progress.done), total: n(progress.total) })
              : tr('ui.campaign.lettersProgress')}
          </span>
          <button ref={cancelRef} type="button" onClick={() => abort.current?.abort()}>
            {tr('ui.cancel')}
          </button>
        </div>
      )}
      <p role="status" className="wl-doc-status">
        {status}
      </p>
      <ErrorAlert message={error} />

      <h2 id="members-title">{tr('ui.campaign.members')}</h2>
      {ids.length > 0 && (
        <SearchBar
          label={tr('ui.campaign.search')}
          placeholder={tr('ui.campaign.searchPlaceholder')}
          value={query}
          onChange={setQuery}
        />
      )}
      {ids.length === 0 ? (
        <p className="empty">{tr('ui.campaign.noMembers')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{tr('ui.campaign.noneFound', { query: query.trim() })}</p>
      ) : (
        <VirtualPersonRows
          key={query.trim()}
          ids={shown}
          label={tr('ui.campaign.members')}
          rowHeight={60}
          narrowRowHeight={88}
          className="cm-list"
          head={
            <>
              <span>{tr('ui.person.col.name')}</span>
              <span>{tr('ui.campaign.col.status')}</span>
              <span />
            </>
          }
          renderRow={(person, id) => (
            <MemberRow
              person={person}
              reference={campaignReference(campaignId, id)}
              member={members.get(id)}
              notAsked={leftOut?.get(id)}
              canEdit={canEdit}
              onReply={(name) => setReplyTo({ id, name })}
            />
          )}
        />
      )}

      {replyTo && (
        <ReplyDialog
          campaign={campaign}
          personId={replyTo.id}
          personName={replyTo.name}
          purposeNames={purposeNames}
          onCancel={() => setReplyTo(null)}
          onDone={(answer) => {
            setReplyTo(null);
            setNotice(
              tr(answer === 'consent' ? 'ui.campaign.consentRecorded' : 'ui.campaign.refusalRecorded', {
                name: replyTo.name,
              }),
              route,
            );
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          title={tr('ui.campaign.deleteRefused')}
          personIds={refused}
          onClose={() => {
            setDeleting(false);
          }}
        />
      )}
      {controllerDialog}
    </section>
  );
}

function MemberRow({
  person,
  reference,
  member,
  notAsked,
  canEdit,
  onReply,
}: {
  person: StoredPerson | undefined;
  /** The Zeichen on their letter and reply form. */
  reference: string;
  member: CampaignMember | undefined;
  /** Why a pending member is not to be written to any more, if so. */
  notAsked: CampaignLeftOutReason | undefined;
  canEdit: boolean;
  onReply: (name: string) => void;
}) {
  const tr = useT();
  if (!person || !member) return <span className="row-link muted">…</span>;
  const name = displayName(person);
  const status =
    member.status === 'pending'
      ? notAsked
        ? tr('ui.campaign.status.notAsked', { reason: tr(LEFT_OUT_REASON_TEXT[notAsked]) })
        : tr('ui.campaign.status.pending')
      : tr(member.status === 'consented' ? 'ui.campaign.consentedOn' : 'ui.campaign.refusedOn', {
          date: formatDate(tr.lang, member.answeredAt ?? ''),
        });
  return (
    <div className="cm-row">
      <a className="cm-name" href={href('personen', person.id)}>
        <span className="cell name">
          {person.lock && <LockIcon label={tr('ui.person.locked')} />}
          {name}
        </span>
        <span className="cell muted">
          {[tr('ui.campaign.reference', { reference }), person.email, person.city].filter(Boolean).join(' · ')}
        </span>
      </a>
      <span className={`cm-status cm-${member.status}`}>{status}</span>
      <span className="cm-action">
        {member.status === 'pending' && (
          <button
            type="button"
            disabled={!canEdit || !!person.lock}
            onClick={() => onReply(name)}
            aria-label={`${tr('ui.campaign.reply')}: ${name}`}
          >
            {tr('ui.campaign.reply')}
          </button>
        )}
      </span>
    </div>
  );
}
