import { useId } from 'react';

/**
 * How far a long job is, for a dialog that stays busy meanwhile: the text above the bar names it
 * (and is the bar's accessible name and value), so screen readers and sighted users read the same.
 */
export function ProgressBar({ text, done, total }: { text: string; done: number; total: number }) {
  const id = useId();
  return (
    <div className="stack">
      <p id={id} className="muted">
        {text}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby={id}
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
