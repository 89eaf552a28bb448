/** What the engine refused to apply (a failed check), with its reason: shown, never applied silently. */
import { useLiveQuery } from 'dexie-react-hooks';
import { listQuarantine, type QuarantineEntry } from '../../data/sync';
import { usersAndGroups } from '../../data/queries/users';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { useSyncRound } from './useSyncRound';
import { refusalText } from './refusalText';
import { SyncDocTable } from './SyncDocTable';
import { HELD_BACK_SECTION } from '../settings/settingsLinks';
import { useFocusSection } from '../settings/useFocusSection';

export function QuarantineList() {
  const tr = useT();
  const entries = useSyncRound<QuarantineEntry>(() => listQuarantine(db));
  // An author is named as the team knows them, not by the id the refusal keeps.
  const userNames = useLiveQuery(
    async () => new Map((await usersAndGroups(db)).users.map((u) => [u.id, u.name])),
    [],
    new Map<string, string>(),
  );
  // The header's status and the Übersicht link here while changes are held back.
  useFocusSection(HELD_BACK_SECTION, 'quarantine-title', entries !== null);
  return (
    <section aria-labelledby="quarantine-title">
      <h3 id="quarantine-title" tabIndex={-1}>
        {tr('ui.sync.quarantine')}
      </h3>
      <p className="hint">{tr('ui.sync.quarantineIntro')}</p>
      {entries === null ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{tr('ui.sync.quarantineEmpty')}</p>
      ) : (
        <SyncDocTable
          caption={tr('ui.sync.quarantine')}
          rows={entries}
          keyOf={(e) => `${e.docId}/${e.rev}`}
          when={{ label: tr('ui.sync.quarantine.at'), cell: (e) => formatDateTime(tr.lang, e.at) }}
          last={{ label: tr('ui.sync.quarantine.reason'), cell: (e) => refusalText(tr, e, userNames) }}
        />
      )}
    </section>
  );
}
