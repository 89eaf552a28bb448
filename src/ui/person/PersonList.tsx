/**
 * The person list, virtualised. The order by name and the search come from the person directory
 * (in memory, built after sign-in, see src/data/directory.ts); only the rows in view are read and
 * decrypted. Everything is live: an edit here or in another tab shows at once.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { displayName, type Person } from '../../domain/person';
import type { StoredPerson } from '../../data/db';
import { directoryOf } from '../../data/directory';
import { db } from '../db';
import { useT } from '../i18n';
import { href, navigate } from '../route';
import { useNotice } from '../stores';
import { useMediaQuery } from '../useMediaQuery';
import { searchWords } from './search';
import { ImportDialog } from './ImportDialog';
import { LockIcon } from '../components/LockIcon';

/** Rows are fetched in aligned blocks, so scrolling by a few rows starts no new query. */
const BLOCK = 25;
/** The first window: more than a tall screen shows. */
const FIRST_SCREEN = 50;

const directory = directoryOf(db);

/** Re-renders when the directory changes; starts building it if needed. */
function useDirectory() {
  const version = useSyncExternalStore(directory.subscribe, () => directory.version);
  useEffect(() => {
    directory.ready().catch(() => undefined);
  }, [version]);
  return { version, state: directory.state };
}

export function PersonList() {
  const tr = useT();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const searching = searchWords(deferredQuery).length > 0;
  const [importing, setImporting] = useState(false);
  const { notice } = useNotice(window.location.hash || href('personen'));
  const { version, state } = useDirectory();
  const ready = state.status === 'ready';
  const total = ready ? directory.size : undefined;
  // Computed once per query and directory change: the rows' live query depends on the id list.
  const hits = useMemo(() => (ready && searching ? { query: deferredQuery, ...directory.search(deferredQuery) } : undefined), [ready, searching, deferredQuery, version]);
  const allIds = useMemo(() => (ready ? directory.orderedIds() : []), [ready, version]);
  const number = (n: number) => n.toLocaleString(tr.lang === 'de' ? 'de-DE' : 'en-GB');

  let status: string;
  if (state.status === 'building') status = tr('ui.person.directoryBuilding', { done: number(state.done), total: number(state.total) });
  else if (state.status === 'failed') status = tr('ui.person.directoryFailed');
  else if (searching) {
    status = !hits ? tr('ui.loading') : hits.truncated ? tr('ui.person.countTruncated', { count: number(hits.ids.length) }) : tr('ui.person.countFound', { count: number(hits.ids.length) });
  } else {
    status = total === undefined ? tr('ui.loading') : tr('ui.person.count', { count: number(total) });
  }

  return (
    <section className="screen persons" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{tr('ui.nav.personen')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate(href('personen', 'neu'))}>
            {tr('ui.person.new')}
          </button>
          <button type="button" onClick={() => setImporting(true)}>
            {tr('ui.person.import')}
          </button>
        </div>
      </div>
      <p className="muted">{tr('ui.persons.help')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="search">
        <input type="search" aria-label={tr('ui.person.search')} placeholder={tr('ui.person.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="muted count" role="status">
        {status}
      </p>
      {!ready ? null : searching ? (
        // Keyed by the query: a new search starts at the top.
        hits && hits.ids.length > 0 && <PersonRows key={hits.query} ids={hits.ids} version={version} />
      ) : total === 0 ? (
        <p className="empty">{tr('ui.person.empty')}</p>
      ) : (
        <PersonRows ids={allIds} version={version} />
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

/** The persons of `ids`, a window at a time: only the records in view are read. */
function PersonRows({ ids, version }: { ids: string[]; version: number }) {
  const [range, setRange] = useState({ start: 0, end: FIRST_SCREEN });
  const window_ = useLiveQuery(
    async () => {
      const { start, end } = range;
      return { start, end, rows: await db.persons.bulkGet(ids.slice(start, end)) };
    },
    [range.start, range.end, ids, version],
  );
  // The window last read; while the next one is read, its rows still show where they overlap.
  const rowAt = (i: number) => (window_ ? (window_.rows[i - window_.start] ?? undefined) : undefined);

  function onRange(first: number, last: number) {
    const start = Math.floor(first / BLOCK) * BLOCK;
    const end = Math.min(Math.max(Math.ceil((last + 1) / BLOCK) * BLOCK, start + FIRST_SCREEN), ids.length);
    if (start !== range.start || end !== range.end) setRange({ start, end });
  }

  if (ids.length === 0) return null;
  return <VirtualRows count={ids.length} rowAt={rowAt} onRange={onRange} />;
}

function VirtualRows({ count, rowAt, onRange }: { count: number; rowAt: (index: number) => StoredPerson | undefined; onRange?: (first: number, last: number) => void }) {
  const tr = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useMediaQuery('(max-width: 640px)');
  const rowHeight = narrow ? 76 : 52;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // The first render already covers a screen, before the scroll element is measured.
    initialRect: { width: 0, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) onRange?.(first, last);
  });

  return (
    <div className="list-frame">
      <div className="list-head" aria-hidden="true">
        <span>{tr('ui.person.col.name')}</span>
        <span>{tr('field.email')}</span>
        <span>{tr('field.phone')}</span>
        <span>{tr('field.city')}</span>
        <span>{tr('field.kind')}</span>
        <span />
      </div>
      {/* Focusable, so arrow keys, Page Up/Down, Home and End scroll it. */}
      <div ref={scrollRef} className="list-scroll" tabIndex={0}>
        <ul className="list-body" style={{ height: virtualizer.getTotalSize() }} aria-label={tr('ui.nav.personen')}>
          {items.map((item) => {
            const person = rowAt(item.index);
            return (
              <li key={item.key} className="row" aria-setsize={count} aria-posinset={item.index + 1} style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}>
                {person ? <PersonRow person={person} /> : <span className="row-link muted">…</span>}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function PersonRow({ person }: { person: Person }) {
  const tr = useT();
  return (
    <a className="row-link" href={href('personen', person.id)}>
      <span className="cell name">
        {person.lock && <LockIcon label={tr('ui.person.locked')} />}
        {displayName(person)}
      </span>
      <span className="cell email">{person.email}</span>
      <span className="cell phone">{person.phone}</span>
      <span className="cell city">{person.city}</span>
      <span className="cell kind">{tr(`kind.${person.kind}`)}</span>
    </a>
  );
}
