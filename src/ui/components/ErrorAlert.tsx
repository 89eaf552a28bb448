/** Errors are shown in role=alert (UI-CONTRACT). Rendered empty-free: no alert when no error. */
export function ErrorAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" id={id}>
      {message}
    </p>
  );
}
