/**
 * A select cannot wrap: on a phone a long choice (a lawful basis) is cut at its edge, and the words
 * that tell the choices apart may be the ones cut. The chosen text is then shown whole beneath it —
 * for the eye only, as a screen reader reads the select's own value.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Whether the select is narrower than its chosen text needs: measured by a hidden copy showing only that text. */
function isCut(select: HTMLSelectElement, text: string): boolean {
  const copy = select.cloneNode(false) as HTMLSelectElement;
  copy.removeAttribute('id');
  copy.append(new Option(text));
  Object.assign(copy.style, { position: 'absolute', width: 'auto', minWidth: '0', visibility: 'hidden' });
  select.after(copy);
  const needed = copy.getBoundingClientRect().width;
  copy.remove();
  return select.getBoundingClientRect().width + 0.5 < needed;
}

export function WholeChoice({ select, text }: { select: RefObject<HTMLSelectElement | null>; text: string }) {
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = select.current;
    if (!el) return;
    const measure = () => setCut(isCut(el, text));
    measure();
    // A rotated tablet or a narrowed window changes the room.
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [select, text]);
  return cut ? (
    <p className="hint whole-choice" aria-hidden="true">
      {text}
    </p>
  ) : null;
}
