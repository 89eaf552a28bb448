/**
 * The person list, virtualised. Order, search and the rows themselves come from the person
 * directory (in memory, opened after sign-in, see src/data/directory/): no person record is read
 * to show the list. Everything is live: an edit here or in another tab shows at once.
 */
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { isFiltering } from '../../domain/personFilter';
import { db } from '../db';
import { searchWords, type DirectoryEntry } from '../../data/queries/directory';
import { useT } from '../i18n';
import { href, navigate, useRoute } from '../route';
import { useNotice, usePersonSearch } from '../stores';
import { useMediaQuery } from '../useMediaQuery';
import { LockIcon } from '../components/LockIcon';
import { formatNumber } from '../../i18n/locale';
import { directory, useDirectory } from '../useDirectory';
import { parseFilter } from './filterQuery';
import { PersonFilterBar } from './PersonFilterBar';
import { prefetchPersonForm } from './personFormChunk';
import { SearchBar } from '../components/SearchBar';

// Opened by a button, never at the first paint: a chunk of its own (start bundle budget).
const ImportDialog = lazyWithMessages(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** The filters' reads: loaded with the first filter, not with the start (180 KB budget). */
const loadFilterQuery = () => import('../../data/queries/personFilter');
type FilterQuery = Awaited<ReturnType<typeof loadFilterQuery>>;

export function PersonList() {
  const tr = useT();
  const query = usePersonSearch((s) => s.query);
  const setQuery = usePersonSearch((s) => s.setQuery);
  const deferredQuery = useDeferredValue(query);
  const searching = searchWords(deferredQuery).length > 0;
  const [importing, setImporting] = useState(false);
  const { notice } = useNotice(window.location.hash || href('personen'));
  const { version, state } = useDirectory();
  const { query: routeQuery } = useRoute();
  const filterKey = routeQuery.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter is the address's query, compared as its string
  const filter = useMemo(() => parseFilter(routeQuery), [filterKey]);
  const filtering = isFiltering(filter);
  useEffect(prefetchPersonForm, []);
  // The ids the filter keeps, live from the indexes (undefined while loading, null: no filter).
  // Without a filter known at once: the first rows wait for no query. With one, a null is the
  // answer from before the filter was set, not this filter's.
  const [filterQuery, setFilterQuery] = useState<FilterQuery | { failed: unknown } | null>(null);
  useEffect(() => {
    if (filtering && !filterQuery)
      void loadFilterQuery().then(setFilterQuery, (failed: unknown) => setFilterQuery({ failed }));
  }, [filtering, filterQuery]);
  const filtered = useLiveQuery(
    () =>
      filtering
        ? filterQuery && 'filteredPersonIds' in filterQuery
          ? filterQuery.filteredPersonIds(db, filter)
          : undefined
        : null,
    [filter, filterQuery],
  );
  const kept = filtering ? (filtered ?? undefined) : null;
  const ready = state.status === 'ready' && kept !== undefined;
  // While the directory loads, the persons read so far are listed already (a screen of rows at once).
  const listing = ready || (state.status === 'building' && directory.size > 0 && kept !== undefined);
  const total = ready ? directory.size : undefined;
  // Computed once per query and directory change: the rows' live query depends on the id list.
  // `version` is the directory's change signal: the rule sees a module-level object and cannot know it changes.
  const hits = useMemo(
    () =>
      ready && searching
        ? {
            query: deferredQuery,
            ...directory.search(deferredQuery, undefined, kept ? (id) => kept.has(id) : undefined),
          }
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version marks a change of the mutable directory
    [ready, searching, deferredQuery, version, kept],
  );
  const allIds = useMemo(
    () => (listing ? directory.orderedIds().filter((id) => !kept || kept.has(id)) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version marks a change of the mutable directory
    [listing, version, kept],
  );
  const number = (n: number) => formatNumber(tr.lang, n);

  let status: string;
  if (state.status === 'building')
    status =
      state.total === null
        ? tr('ui.person.directoryBuildingUncounted', { done: number(state.done) })
        : tr('ui.person.directoryBuilding', { done: number(state.done), total: number(state.total) });
  else if (state.status === 'failed') status = tr('ui.person.directoryFailed');
  else if (searching) {
    status = !hits
      ? tr('ui.loading')
      : hits.truncated
        ? tr('ui.person.countTruncated', { count: number(hits.ids.length) })
        : hits.ids.length === 1
          ? tr('ui.person.countFoundOne')
          : tr('ui.person.countFound', { count: number(hits.ids.length) });
  } else if (total === undefined) status = tr('ui.loading');
  else if (filtering) status = tr('ui.persons.filter.count', { count: number(allIds.length), total: number(total) });
  else status = total === 1 ? tr('ui.person.countOne') : tr('ui.person.count', { count: number(total) });
  // The filters' chunk failed to load: the screen says so, with "Neu laden" (ScreenError).
  if (filterQuery && 'failed' in filterQuery) throw filterQuery.failed;

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
      <SearchBar
        label={tr('ui.person.search')}
        placeholder={tr('ui.person.searchPlaceholder')}
        value={query}
        onChange={setQuery}
      />
      <PersonFilterBar filter={filter} />
      <p className="muted count" role="status">
        {status}
      </p>
      {!listing ? null : searching ? (
        // Hits once the directory is complete. Keyed by the query: a new search starts at the top.
        hits &&
        (hits.ids.length > 0 ? (
          <PersonRows key={hits.query} ids={hits.ids} />
        ) : (
          <p className="empty">{tr('ui.person.noneFound', { query: hits.query.trim() })}</p>
        ))
      ) : total === 0 ? (
        <p className="empty">{tr('ui.person.empty')}</p>
      ) : allIds.length === 0 ? (
        // Said once every person is read: while the directory loads, a later one may still match.
        ready && <p className="empty">{tr('ui.persons.filter.none')}</p>
      ) : (
        // Keyed by the filter: another filter starts at the top.
        <PersonRows key={filterKey} ids={allIds} />
      )}
      <LazyPart>{importing && <ImportDialog onClose={() => setImporting(false)} />}</LazyPart>
    </section>
  );
}

/** The persons of `ids`, their rows straight from the directory (no record is read or decrypted). */
function PersonRows({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  return <VirtualRows count={ids.length} rowAt={(i) => directory.entry(ids[i])} />;
}

function VirtualRows({ count, rowAt }: { count: number; rowAt: (index: number) => DirectoryEntry | undefined }) {
  const tr = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useMediaQuery('(max-width: 640px)');
  // A phone shows each person on three lines: name and kind, e-mail and city, phone number.
  const rowHeight = narrow ? 92 : 52;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // The first render already covers a screen, before the scroll element is measured.
    initialRect: { width: 0, height: window.innerHeight },
  });
  // The row height follows the width (a rotated tablet, a narrowed window): cached sizes and
  // offsets are dropped, else rows keep the old spacing and overlap until a reload.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();

  /**
   * The row an arrow key asked for that is not rendered yet. Keys come faster than frames when a
   * key is held down (or the tablet is busy): each press counts on from the row asked for last,
   * not from the focused one, so no press is lost.
   */
  const pendingFocus = useRef<number | null>(null);
  const focusPending = () => {
    const index = pendingFocus.current;
    if (index === null) return;
    // The user went elsewhere meanwhile (the search field, a button): the row does not take the
    // focus back. Body: the row last focused was scrolled away and unrendered.
    const active = document.activeElement;
    if (active && active !== document.body && !scrollRef.current?.contains(active)) {
      pendingFocus.current = null;
      return;
    }
    const link = scrollRef.current?.querySelector<HTMLElement>(`li[aria-posinset="${index + 1}"] a`);
    if (!link) return;
    pendingFocus.current = null;
    link.focus();
  };
  // After every render: the row asked for may just have been rendered.
  useLayoutEffect(focusPending);

  /** Up and Down move from row to row (rows off screen are rendered first); elsewhere the keys scroll. */
  function moveByArrow(e: React.KeyboardEvent) {
    const row = (e.target as HTMLElement).closest('li.row');
    if (!row || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const from = pendingFocus.current ?? Number(row.getAttribute('aria-posinset')) - 1;
    const index = from + (e.key === 'ArrowDown' ? 1 : -1);
    if (index < 0 || index >= count) return;
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index);
    focusPending();
  }

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
      <div ref={scrollRef} className="list-scroll" tabIndex={0} onKeyDown={moveByArrow}>
        <ul className="list-body" style={{ height: virtualizer.getTotalSize() }} aria-label={tr('ui.nav.personen')}>
          {items.map((item) => {
            const person = rowAt(item.index);
            return (
              <li
                key={item.key}
                className="row"
                aria-setsize={count}
                aria-posinset={item.index + 1}
                style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {person ? <PersonRow person={person} /> : <span className="row-link muted">…</span>}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function PersonRow({ person }: { person: DirectoryEntry }) {
  const tr = useT();
  return (
    // A cell's text cut with "…" shows whole under the pointer (title).
    <a className="row-link" href={href('personen', person.id)}>
      <span className="cell name" title={person.name}>
        {person.locked && <LockIcon label={tr('ui.person.locked')} />}
        {person.name}
      </span>
      <span className="cell email" title={person.email}>
        {person.email}
      </span>
      <span className="cell phone">{person.phone}</span>
      <span className="cell city" title={person.city}>
        {person.city}
      </span>
      <span className="cell kind">{tr(`kind.${person.kind}`)}</span>
    </a>
  );
}
