/**
 * A virtualised list of persons by id: only the rows in view are fetched (bulkGet of the window,
 * live), so a worklist or campaign of 100,000 persons scrolls like one of ten. The frame grows
 * with the rows up to a maximum height and scrolls beyond it.
 */
import { useRef, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StoredPerson } from '../../data/db';
import { readPersonSlots } from '../../data/queries/persons';
import { db } from '../db';
import { useMediaQuery } from '../useMediaQuery';

interface VirtualPersonRowsProps {
  ids: readonly string[];
  /** The list's accessible name. */
  label: string;
  /** Column headings (hidden from assistive technology: every row says what it holds). */
  head: ReactNode;
  rowHeight: number;
  narrowRowHeight: number;
  className?: string;
  renderRow: (person: StoredPerson | undefined, id: string) => ReactNode;
  maxHeight?: number;
}

export function VirtualPersonRows({
  ids,
  label,
  head,
  rowHeight,
  narrowRowHeight,
  className = '',
  renderRow,
  maxHeight = 480,
}: VirtualPersonRowsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useMediaQuery('(max-width: 640px)');
  const height = narrow ? narrowRowHeight : rowHeight;
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const windowIds = ids.slice(first, last + 1);
  const rows = useLiveQuery(() => readPersonSlots(db, windowIds), [windowIds.join('|')]);
  const total = virtualizer.getTotalSize();

  return (
    <div className={`list-frame wl-frame ${className}`}>
      <div className="wl-head" aria-hidden="true">
        {head}
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        style={{ maxHeight, height: Math.min(total, maxHeight) }}
        tabIndex={-1}
      >
        <ul className="list-body" style={{ height: total }} aria-label={label}>
          {items.map((item) => {
            const id = ids[item.index];
            const person = rows?.[item.index - first];
            return (
              <li
                key={id}
                className="row wl-row"
                aria-setsize={ids.length}
                aria-posinset={item.index + 1}
                style={{ height, transform: `translateY(${item.start}px)` }}
              >
                {renderRow(person?.id === id ? person : undefined, id)}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
