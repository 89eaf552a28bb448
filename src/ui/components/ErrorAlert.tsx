/**
 * Errors are shown in role=alert, so screen readers announce them and browser tests find them by
 * role. Rendered empty-free: no alert when no error.
 */
export function ErrorAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" id={id}>
      {message}
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
