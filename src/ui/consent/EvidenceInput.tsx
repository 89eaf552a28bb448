/** A labelled file input for evidence or an attachment; the file is checked when chosen and a refusal shown at once. */
import { useId, useRef } from 'react';
import type { EvidenceFile } from '../../data/commands/consents';
import { errorText, useT } from '../i18n';
import { readEvidence } from './files';
import './consent.css';

export interface EvidenceState {
  file: EvidenceFile | null;
  /** Why the chosen file is refused; null when nothing is wrong. */
  problem: string | null;
  busy: boolean;
}

export const NO_EVIDENCE: EvidenceState = { file: null, problem: null, busy: false };

interface EvidenceInputProps {
  label: string;
  hint: string;
  state: EvidenceState;
  onChange: (state: EvidenceState) => void;
  disabled?: boolean;
  /** The id of a message about the evidence shown elsewhere (none given), read with the input. */
  errorId?: string;
}

const ACCEPT = '.pdf,application/pdf,image/*,.heic,.eml,message/rfc822,.msg,application/vnd.ms-outlook';

export function EvidenceInput({ label, hint, state, onChange, disabled, errorId }: EvidenceInputProps) {
  const tr = useT();
  const id = useId();
  const generation = useRef(0);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        aria-invalid={state.problem || errorId ? true : undefined}
        aria-describedby={[`${id}-hint`, state.problem && `${id}-error`, errorId].filter(Boolean).join(' ')}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          const run = ++generation.current;
          if (!chosen) {
            onChange(NO_EVIDENCE);
            return;
          }
          onChange({ file: null, problem: null, busy: true });
          readEvidence(tr, chosen).then(
            (r) => run === generation.current && onChange({ file: r.file, problem: r.problem, busy: false }),
            (err: unknown) =>
              run === generation.current && onChange({ file: null, problem: errorText(tr, err), busy: false }),
          );
        }}
      />
      {/* Hint and reading status share one cell: the controls below do not move under a finger or a click
          while the file is read. */}
      <div className="hint-stack">
        <p id={`${id}-hint`} className="hint" hidden={state.busy} data-stacked="">
          {hint}
        </p>
        <p className="hint" role="status" hidden={!state.busy} data-stacked="">
          {state.busy ? tr('ui.consent.evidenceReading') : ''}
        </p>
      </div>
      {state.problem && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {state.problem}
        </p>
      )}
    </div>
  );
}
