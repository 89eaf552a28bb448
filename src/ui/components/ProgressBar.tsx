import { useId } from 'react';

/**
 * How far a long job is, for a dialog that stays busy meanwhile: the text above the bar says it
 * (and is the bar's value for screen readers, so they read what sighted users see). The bar's
 * accessible name is the text too, unless `label` names the job on its own — for a bar a test or
 * a screen reader finds by a name that does not change while it moves.
 */
export function ProgressBar({
  text,
  done,
  total,
  label,
}: {
  text: string;
  done: number;
  total: number;
  label?: string;
}) {
  const id = useId();
  return (
    <div className="stack">
      <p id={id} className="muted">
        {text}
      </p>
      <div
        className="progress"
        role="progressbar"
        {...(label === undefined ? { 'aria-labelledby': id } : { 'aria-label': label })}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div className="progress-bar" style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      </div>
    </div>
  );
}
