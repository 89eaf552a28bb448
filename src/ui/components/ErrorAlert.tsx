import { useEffect, useRef } from 'react';
import { alertText, useT, type AlertMessage } from '../i18n';
import { reloadKeepingDrafts } from '../reloadKeepingDrafts';

/**
 * Errors are shown in role=alert, so screen readers announce them and browser tests find them by
 * role. Rendered empty-free: no alert when no error. A new message is scrolled into view: on a
 * phone the button pressed (a form's bottom bar) may be a screen away from where the error shows.
 * A file that failed to load (a lazy chunk, a PDF's font: an errorMessage that says reloading helps)
 * is no dead end: "Neu laden" keeps the unsaved drafts and reloads into the version now served.
 */
export function ErrorAlert({ message, id }: { message: AlertMessage | null | undefined; id?: string }) {
  const tr = useT();
  const ref = useRef<HTMLParagraphElement>(null);
  // By its text: an error's message is an object made anew on each render of some callers.
  const text = message ? alertText(message) : '';
  useEffect(() => {
    if (text) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [text]);
  if (!message || !text) return null;
  return (
    <p className="error" role="alert" id={id} ref={ref}>
      {text}
      {typeof message !== 'string' && message.reloads && (
        <>
          {' '}
          <button type="button" className="primary" onClick={reloadKeepingDrafts}>
            {tr('ui.pwa.reload')}
          </button>
        </>
      )}
    </p>
  );
}

/** A problem of one field, next to it (the field names it in aria-describedby). */
export function FieldError({ message, id }: { message: string | undefined; id: string }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert" id={id}>
      {message}
    </p>
  );
}
