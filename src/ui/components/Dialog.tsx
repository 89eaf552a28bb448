/**
 * A modal dialog: role=dialog, aria-modal, named by its title. Focus moves in, stays in (Tab
 * wraps), Escape cancels — once something was typed, after asking inside the dialog — and focus
 * returns to where it was. Once something was typed or chosen
 * in it, leaving the page asks first, and the idle lock keeps the values it was handed (unsavedChanges.tsx). The app behind is made inert and
 * hidden from assistive technology, so only the dialog's controls are found by role and name.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useUnsavedChanges, type DraftOf } from '../unsavedChanges';
import { useT } from '../i18n';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

let openDialogs = 0;
function setBackgroundInert(inert: boolean): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.inert = inert;
  if (inert) root.setAttribute('aria-hidden', 'true');
  else root.removeAttribute('aria-hidden');
}

/** Each open dialog's return targets, for a dialog opened from inside it (the one it replaces). */
const returnTargets = new WeakMap<Element, [HTMLElement | null, HTMLElement | null]>();

/** Focusable to return to: in the page, enabled, not the body (where a disabled button's focus falls). */
const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
  !!el?.isConnected && el !== document.body && !(el as HTMLButtonElement).disabled;

/** Where the dialog holding `active` would return focus now (its own opener gone: its fallback). */
function openerTargetOf(active: Element | null): HTMLElement | null {
  const opener = active?.closest('.dialog');
  const [previous, fallback] = (opener && returnTargets.get(opener)) ?? [null, null];
  return usable(previous) ? previous : fallback;
}

export interface DialogProps {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  /** Marks an alert dialog (a confirmation of something irreversible). */
  alert?: boolean;
  /** The dialog's values for the idle lock to keep (never a passphrase), and whether they were restored. */
  draft?: { keep: DraftOf<unknown>; restored: boolean };
}

export function Dialog({ title, onCancel, children, alert = false, draft }: DialogProps) {
  const tr = useT();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const cancel = useRef(onCancel);
  useLayoutEffect(() => {
    cancel.current = onCancel;
  });
  // Captured at the first render, before any effect moved focus (StrictMode runs effects twice).
  const returnFocus = useRef(document.activeElement as HTMLElement | null);
  // Opened from inside another dialog that it replaces: where that one would have returned.
  const fallbackFocus = useRef(openerTargetOf(document.activeElement));
  // Values taken back after signing in count as changed, like typed ones.
  const [edited, setEdited] = useState(!!draft?.restored);
  useUnsavedChanges(edited, draft && (() => draft.keep));
  // Escape in an edited dialog asks "Änderungen verwerfen?" inside it; focus goes back when it stays.
  const [asking, setAsking] = useState(false);
  const focusBeforeAsking = useRef<HTMLElement | null>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) {
      focusBeforeAsking.current = document.activeElement as HTMLElement | null;
      stayButton.current?.focus();
    } else if (focusBeforeAsking.current?.isConnected) {
      focusBeforeAsking.current.focus();
      focusBeforeAsking.current = null;
    }
  }, [asking]);

  // A layout effect: the focus moves in (and the app behind turns inert) before the dialog is first
  // painted, so a key pressed as soon as it shows is the dialog's, never the form's behind it.
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const previous = returnFocus.current;
    openDialogs++;
    setBackgroundInert(true);
    const first = node.querySelector<HTMLElement>('[data-autofocus]') ?? node.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? node).focus();
    const fallback = fallbackFocus.current;
    returnTargets.set(node, [previous, fallback]);
    return () => {
      openDialogs--;
      if (openDialogs === 0) setBackgroundInert(false);
      // The element may be gone (a deleted person's form, the dialog this one replaced) or disabled
      // (nothing left to act on): then where the replaced dialog would have returned, else the
      // screen's main region — keyboard and screen-reader users stay where they were.
      if (usable(previous)) previous.focus();
      else if (usable(fallback)) fallback.focus();
      else if (openDialogs === 0) document.getElementById('main')?.focus();
    };
  }, []);

  // The screen getting shorter (the on-screen keyboard opening, a phone turned to landscape) while a
  // field of the dialog has the focus: the dialog scrolls it back into sight.
  useEffect(() => {
    const follow = () => {
      const field = document.activeElement;
      const dialog = ref.current;
      if (!(field instanceof HTMLElement) || !dialog?.contains(field) || field === dialog) return;
      const box = field.getBoundingClientRect();
      const frame = dialog.getBoundingClientRect();
      if (box.top < frame.top || box.bottom > Math.min(frame.bottom, window.innerHeight))
        field.scrollIntoView({ block: 'nearest' });
    };
    const viewport = window.visualViewport ?? window;
    viewport.addEventListener('resize', follow);
    return () => viewport.removeEventListener('resize', follow);
  }, []);

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      // A key pressed by mistake must not throw away what was typed: asked first (its Escape stays).
      if (asking) setAsking(false);
      else if (edited) setAsking(true);
      else cancel.current();
      return;
    }
    if (e.key !== 'Tab') return;
    if (!ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    // A press on the backdrop must not move focus out of the dialog (Escape and the trap rely on it).
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && e.preventDefault()}>
      <div
        ref={ref}
        className="dialog"
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onInput={() => setEdited(true)}
        onChange={() => setEdited(true)}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {asking && (
          <div className="notice discard-question" role="group" aria-labelledby={`${titleId}-discard`}>
            <p id={`${titleId}-discard`} role="alert">
              {tr('ui.unsaved.title')} {tr('ui.unsaved.text')}
            </p>
            <div className="dialog-actions">
              <button type="button" className="primary" ref={stayButton} onClick={() => setAsking(false)}>
                {tr('ui.unsaved.stay')}
              </button>
              <button type="button" className="danger" onClick={() => cancel.current()}>
                {tr('ui.unsaved.discard')}
              </button>
            </div>
          </div>
        )}
        {children}
      </div>
    </div>,
    document.body,
  );
}
