/**
 * A confirmation shown where the user's action began (after a dialog, beside a form's button) is
 * scrolled into view as it shows — the dialog that closed may have been far from it — and again
 * on the next frame, after the dialog has handed focus back to its opener. Its scroll margin
 * (styles.css, `[role='status']`) keeps it wholly inside: flush with the edge, a box at a
 * fractional position was left a fraction of a pixel outside (CI found the passphrase's so).
 */
export function showConfirmation(el: HTMLElement | null): void {
  if (!el) return;
  el.scrollIntoView({ block: 'nearest' });
  requestAnimationFrame(() => {
    if (el.isConnected) el.scrollIntoView({ block: 'nearest' });
  });
}
