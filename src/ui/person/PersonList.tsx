/**
 * The person list, virtualised. Without a search, only the rows in view are read: by offset on
 * the `sortName` index from the nearer end (the first screen is one short index walk, so it
 * shows before the persons are even counted), and once the full id list is there (read keys-only
 * in chunks, in the background) by bulkGet of the window's ids. A search reads at most
 * SEARCH_LIMIT records (see search.ts). Everything is live: an edit elsewhere shows at once.
 */
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { displayName, type Person } from '../../domain/person';
import type { StoredPerson } from '../../data/db';
import { db } from '../db';
import { useT } from '../i18n';
import { href, navigate } from '../route';
import { useNotice } from '../stores';
import { useMediaQuery } from '../useMediaQuery';
import { personWindow, searchPersons, searchWords, sortedPersonIds } from './search';
import { ImportDialog } from './ImportDialog';
import { LockIcon } from '../components/LockIcon';

/** Rows are fetched in aligned blocks, so scrolling by a few rows starts no new query. */
const BLOCK = 25;
/** The first window: more than a tall screen shows. */
const FIRST_SCREEN = 50;
/** Further than this from both ends, a window by offset walks too far: the full id list is wanted. */
const FAR_FROM_ENDS = 1_000;
/** The full id list is read this long after the first rows show, unless a scroll wants it earlier. */
const IDS_AFTER_MS = 1_000;

export function PersonList() {
  const tr = useT();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const searching = searchWords(deferredQuery).length > 0;
  const [importing, setImporting] = useState(false);
  const { notice } = useNotice(window.location.hash || href('personen'));
  const total = useLiveQuery(() => db.persons.count(), []);
  const found = useLiveQuery(async () => (searching ? { query: deferredQuery, ...(await searchPersons(db, deferredQuery)) } : null), [deferredQuery, searching]);
  const hits = searching ? found : undefined;
  const number = (n: number) => n.toLocaleString(tr.lang === 'de' ? 'de-DE' : 'en-GB');

  let status: string;
  if (searching) {
    status = !hits ? tr('ui.loading') : hits.truncated ? tr('ui.person.countTruncated', { count: number(hits.persons.length) }) : tr('ui.person.countFound', { count: number(hits.persons.length) });
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
      {searching ? (
        // Keyed by the query: a new search starts at the top.
        hits && hits.persons.length > 0 && <VirtualRows key={hits.query} count={hits.persons.length} rowAt={(i) => hits.persons[i]} />
      ) : total === 0 ? (
        <p className="empty">{tr('ui.person.empty')}</p>
      ) : (
        <AllPersons total={total} />
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

/** Every person, a window at a time. `total` is undefined until counted; the first rows do not wait for it. */
function AllPersons({ total }: { total: number | undefined }) {
  const [range, setRange] = useState({ start: 0, end: FIRST_SCREEN });
  const [firstShown, setFirstShown] = useState(false);
  const [wantIds, setWantIds] = useState(false);
  const unmounted = useRef(false);
  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
    };
  }, []);

  // The full id list: keys only, in chunks, live (re-read when persons change), stopped when the list goes.
  const ids = useLiveQuery(async () => (wantIds ? sortedPersonIds(db, () => unmounted.current) : undefined), [wantIds]);
  const idsCurrent = ids !== undefined && total !== undefined && ids.length === total;

  const window_ = useLiveQuery(
    async () => {
      const { start, end } = range;
      const rows = idsCurrent ? await db.persons.bulkGet(ids.slice(start, end)) : await personWindow(db, start, end - start, total ?? 0);
      return { start, end, rows };
    },
    [range.start, range.end, idsCurrent ? ids : null, total],
  );

  // Until counted, the list is as long as the first window (exactly, when that window is not full).
  const count = total ?? (window_ && window_.start === 0 && window_.rows.length < window_.end ? window_.rows.length : FIRST_SCREEN);
  // The window last read; while the next one is read, its rows still show where they overlap.
  const rowAt = (i: number) => (window_ ? (window_.rows[i - window_.start] ?? undefined) : undefined);

  useEffect(() => {
    if (firstShown || !window_ || window_.rows.length === 0) return;
    setFirstShown(true);
  }, [firstShown, window_]);
  useEffect(() => {
    if (!firstShown || wantIds) return;
    const timer = setTimeout(() => setWantIds(true), IDS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [firstShown, wantIds]);

  function onRange(first: number, last: number) {
    const start = Math.floor(first / BLOCK) * BLOCK;
    const end = Math.min(Math.max(Math.ceil((last + 1) / BLOCK) * BLOCK, start + FIRST_SCREEN), total ?? Infinity);
    if (start !== range.start || end !== range.end) setRange({ start, end });
    if (!wantIds && total !== undefined && Math.min(start, total - end) > FAR_FROM_ENDS) setWantIds(true);
  }

  if (count === 0) return null;
  return <VirtualRows count={count} rowAt={rowAt} onRange={onRange} />;
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
