/**
 * What the engine refused to apply (a failed check), with its reason and what became of it: shown,
 * never applied silently; and this device's own changes the team refuses. Read live, so a change
 * held back, settled or taken note of shows at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { QuarantineEntry } from '../../data/sync';
import { readHeldBack, readOwnHeldBack } from '../../data/queries/heldBack';
import { acknowledgeHeldBack } from '../../data/commands/heldBack';
import { usersAndGroups } from '../../data/queries/users';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { useSession } from '../stores';
import { useSave } from '../components/useSubmit';
import { FormFooter, FormOutcome } from '../components/FormFooter';
import { refusalText } from './refusalText';
import { SyncDocTable } from './SyncDocTable';
import { OwnHeldBackList } from './OwnHeldBackList';
import { HELD_BACK_SECTION } from '../settings/settingsLinks';
import { useFocusSection } from '../settings/useFocusSection';

/** What became of a change held back since, or undefined while it stands. */
function settledText(tr: Translate, e: Pick<QuarantineEntry, 'outcome' | 'acknowledged'>): string | undefined {
  if (e.outcome) return tr(`ui.sync.quarantine.${e.outcome}`);
  if (e.acknowledged)
    return tr('ui.sync.quarantine.acknowledged', {
      user: e.acknowledged.by,
      time: formatDateTime(tr.lang, e.acknowledged.at),
    });
  return undefined;
}

export function QuarantineList() {
  const tr = useT();
  const session = useSession();
  const entries = useLiveQuery(() => readHeldBack(db), [], null);
  const own = useLiveQuery(() => readOwnHeldBack(db), [], []);
  // An author is named as the team knows them, not by the id the refusal keeps.
  const userNames = useLiveQuery(
    async () => new Map((await usersAndGroups(db)).users.map((u) => [u.id, u.name])),
    [],
    new Map<string, string>(),
  );
  const { save, error, status } = useSave();
  // The header's status and the Übersicht link here while changes are held back.
  useFocusSection(HELD_BACK_SECTION, 'quarantine-title', entries !== null);
  const standing = (entries?.filter((e) => e.standing).length ?? 0) + own.filter((v) => !v.acknowledged).length;
  return (
    <section aria-labelledby="quarantine-title">
      <h3 id="quarantine-title" tabIndex={-1}>
        {tr('ui.sync.quarantine')}
      </h3>
      {/* Each list its own part under its own heading: on a phone "Keine." of the one read as the
          start of the other. */}
      <section aria-labelledby="quarantine-others-title" className="sync-sublist">
        <h4 id="quarantine-others-title">{tr('ui.sync.quarantine.others')}</h4>
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
            last={{
              label: tr('ui.sync.quarantine.reason'),
              cell: (e) => {
                const settled = settledText(tr, e);
                return (
                  <>
                    {refusalText(tr, e, userNames)}
                    {settled && <span className="quarantine-settled"> — {settled}</span>}
                  </>
                );
              },
            }}
          />
        )}
      </section>
      <OwnHeldBackList versions={own} userNames={userNames} settled={(v) => settledText(tr, v)} />
      {standing > 0 ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save(
              () => acknowledgeHeldBack(db, session),
              (count: number) => tr('ui.sync.quarantine.acknowledgedDone', { count }),
            );
          }}
        >
          <p className="hint">{tr('ui.sync.quarantine.acknowledgeHint')}</p>
          <FormFooter submitLabel={tr('ui.sync.quarantine.acknowledge')} error={error} status={status} />
        </form>
      ) : (
        // Once none stands, what was done stays said where the button was.
        <FormOutcome error={error} status={status} />
      )}
    </section>
  );
}
