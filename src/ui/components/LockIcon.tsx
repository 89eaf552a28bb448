/** A padlock drawn inline: emoji fonts are missing on many kiosk and Linux devices. */
export function LockIcon({ label }: { label?: string }) {
  return (
    <svg
      className="lock-icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      {label && <title>{label}</title>}
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
