/**
 * A form's submit, as every dialog and settings section needs it: one at a time (a second Enter
 * while the first runs does nothing), busy while it runs, and one problem as a text — a refusal of
 * the input that the work states with `refuse` (which ends the run there, before any command), or
 * the message of the command's typed error. After a problem the form can be sent again.
 */
import { useRef, useState } from 'react';
import { useT, errorMessage, type AlertMessage } from '../i18n';

/** What `refuse` throws: the form's own words, shown as they are. */
class InputRefused extends Error {}

/** Inside a submit's `run`: the input is refused with this message; nothing after it runs. */
export const refuse: (message: string) => never = (message) => {
  throw new InputRefused(message);
};

/**
 * For a form that stays on screen after it is sent (a settings section, FormFooter): besides the
 * problem it shows what was done (`status`, e.g. "Gespeichert."). `save(work, done)` clears both,
 * runs `work`, then shows `done` (or the text `done` makes of the work's result; none without it)
 * and answers whether the work succeeded.
 */
export function useSave() {
  const tr = useT();
  const [error, setError] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  async function save<T>(work: () => Promise<T>, done?: string | ((result: T) => string)): Promise<boolean> {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const result = await work();
      if (done !== undefined) setStatus(typeof done === 'string' ? done : done(result));
      return true;
    } catch (e) {
      setError(e instanceof InputRefused ? e.message : errorMessage(tr, e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }
  return { save, busy, error, setError, status, setStatus };
}

/** A dialog's submit: `run` is the form's one work; after success the caller usually closes it. */
export function useSubmit(run: () => Promise<void>) {
  const { save, busy, error, setError } = useSave();
  async function submit() {
    await save(run);
  }
  /** For a form of its own (not DialogForm): the browser's submit kept from reloading the page. */
  function onSubmit(e: { preventDefault(): void }) {
    e.preventDefault();
    void submit();
  }
  return { error, setError, busy, submit, onSubmit };
}
