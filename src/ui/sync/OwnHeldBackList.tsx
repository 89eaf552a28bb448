/**
 * This device's own changes the team does not take over (data/sync/ownHeldBack.ts): each person by
 * name, when it was changed, which fields, and why the other devices refuse it — with what it
 * means here: this device keeps its version, the team the one before, until an administrator's
 * device writes that one over it (data/sync/writeOver.ts): then the row says by whom.
 */
import type { OwnHeldBackVersion } from '../../data/sync/types';
import { parseDocId } from '../../data/sync/docs';
import { formatDateTime } from '../../i18n/locale';
import { fieldLabel, useT } from '../i18n';
import { refusalText } from './refusalText';
import { SyncDocTable } from './SyncDocTable';

interface Props {
  versions: readonly OwnHeldBackVersion[];
  /** Users by id: the refusal names its author. */
  userNames: ReadonlyMap<string, string>;
  /** What became of a version since (taken note of), or undefined. */
  settled: (version: OwnHeldBackVersion) => string | undefined;
}

export function OwnHeldBackList({ versions, userNames, settled }: Props) {
  const tr = useT();
  if (versions.length === 0) return null;
  const rows = versions.map((v) => ({ ...v, type: parseDocId(v.docId).table }));
  return (
    <section aria-labelledby="own-held-back-title" className="sync-sublist">
      <h4 id="own-held-back-title">{tr('ui.sync.own')}</h4>
      <p className="warning">{tr('ui.sync.ownIntro')}</p>
      <SyncDocTable
        caption={tr('ui.sync.own')}
        rows={rows}
        keyOf={(v) => `${v.docId}/${v.rev}`}
        when={{
          label: tr('ui.sync.own.at'),
          cell: (v) => (v.changedAt ? formatDateTime(tr.lang, v.changedAt) : '—'),
        }}
        last={{
          label: tr('ui.sync.own.what'),
          cell: (v) => {
            const note = settled(v);
            return (
              <>
                {v.fields?.length
                  ? `${tr('ui.sync.own.fields', { fields: v.fields.map((f) => fieldLabel(tr, f)).join(', ') })} — `
                  : ''}
                {tr('ui.sync.own.reason', { reason: refusalText(tr, { reason: '', refusal: v.refusal }, userNames) })}
                {v.reverted &&
                  ` — ${tr('ui.sync.own.reverted', { user: userNames.get(v.reverted.by) ?? v.reverted.by })}`}
                {note && <span className="quarantine-settled"> — {note}</span>}
              </>
            );
          },
        }}
      />
    </section>
  );
}
