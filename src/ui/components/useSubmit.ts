/**
 * A form's submit, as every dialog needs it: one at a time (a second Enter while the first runs does
 * nothing), busy while it runs, and one problem as a text — a refusal of the input that `run`
 * states with `refuse` (which ends the run there, before any command), or the message of the
 * command's typed error. After a problem the form can be sent again; after success the caller
 * usually closes it.
 */
import { useRef, useState } from 'react';
import { useT, errorMessage, type AlertMessage } from '../i18n';

/** What `refuse` throws: the form's own words, shown as they are. */
class InputRefused extends Error {}

/** Inside a submit's `run`: the input is refused with this message; nothing after it runs. */
export const refuse: (message: string) => never = (message) => {
  throw new InputRefused(message);
};

export function useSubmit(run: () => Promise<void>) {
  const tr = useT();
  const [error, setError] = useState<AlertMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);
  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e instanceof InputRefused ? e.message : errorMessage(tr, e));
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  }
  /** For a form of its own (not DialogForm): the browser's submit kept from reloading the page. */
  function onSubmit(e: { preventDefault(): void }) {
    e.preventDefault();
    void submit();
  }
  return { error, setError, busy, submit, onSubmit };
}
