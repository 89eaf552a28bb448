import { useEffect, useRef } from 'react';
import { useRoute } from '../route';
import { focusField, SECTION_PARAM } from './settingsLinks';

/**
 * A link to `section` (settingsLinks.ts: the header's sync status, a finding of the Übersicht)
 * brings the element `id` — the section's heading, focusable with tabIndex -1, or the field the
 * finding is about — into view and focus once it is `shown`.
 */
export function useFocusSection(section: string, id: string, shown = true): void {
  const linked = useRoute().query.get(SECTION_PARAM) === section;
  const done = useRef(false);
  useEffect(() => {
    if (!linked || !shown || done.current) return;
    done.current = true;
    focusField(id);
  }, [linked, shown, id]);
}
