/**
 * A confirmation shown where the user's action began (after a dialog, beside a form's button)
 * must stay in view while the page settles: what happens after it appears — the dialog handing
 * focus back to its opener, lists read again, a banner above the screen — can move it (CI runs
 * found it out of view twice; the cause was not reproduced). So it is scrolled into view as it
 * shows, and again on every frame it has left the view, for a short while — until the user
 * scrolls, types or touches: then the page is theirs.
 */
const SETTLE_MS = 1500;
const USER_MOVES = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

function outOfView(el: HTMLElement): boolean {
  const box = el.getBoundingClientRect();
  return box.top < 0 || box.bottom > window.innerHeight;
}

/** A ref callback: `<p role="status" ref={keepInView}>`. */
export function keepInView(el: HTMLElement | null): void {
  if (!el) return;
  el.scrollIntoView({ block: 'nearest' });
  const until = performance.now() + SETTLE_MS;
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of USER_MOVES) window.removeEventListener(type, stop, true);
  };
  const check = () => {
    if (!el.isConnected || performance.now() > until) {
      stop();
      return;
    }
    if (outOfView(el)) el.scrollIntoView({ block: 'nearest' });
    frame = requestAnimationFrame(check);
  };
  for (const type of USER_MOVES) window.addEventListener(type, stop, { capture: true, passive: true });
  frame = requestAnimationFrame(check);
}
