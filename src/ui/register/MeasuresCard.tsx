/** The technical and organisational measures (Art. 30(1)(g), Art. 32) as the app has them, plus the user's further measures. */
import type { ProcessingRegister, UncheckedRegister } from '../../data/queries/register';
import { measureRows } from '../../documents/registerMeasures';
import { type Translate, errorMessage } from '../i18n';
import type { AuditCheck } from '../audit/useAuditCheck';
import { auditCheckCount } from '../audit/checkCounts';
import { ErrorAlert } from '../components/ErrorAlert';

interface MeasuresCardProps {
  tr: Translate;
  /** Unchecked while the log's check (`audit`) goes on: its row says so, the count beside it. */
  register: ProcessingRegister | UncheckedRegister;
  audit: AuditCheck;
  additional: string;
  editable: boolean;
  onChange: (text: string) => void;
}

export function MeasuresCard({ tr, register, audit, additional, editable, onChange }: MeasuresCardProps) {
  const progress = auditCheckCount(tr, audit);
  return (
    <section className="card" aria-labelledby="measures-title">
      <h2 id="measures-title">4. {tr('register.section.measures')}</h2>
      <p className="hint">{tr('register.measures.intro')}</p>
      <dl className="facts register-facts measures">
        {measureRows(tr.lang, { ...register, additionalMeasures: '' }).map(([measure, state], row) => (
          <div key={measure} className="fact-row">
            <dt>{measure}</dt>
            <dd>
              {state}
              {/* The log's row comes first: how far its check is, beside it. */}
              {row === 0 && progress && <span className="muted measure-progress">{progress}</span>}
            </dd>
          </div>
        ))}
        {!editable && (
          <div className="fact-row">
            <dt>{tr('register.measures.additional')}</dt>
            <dd>{additional.trim() || tr('ui.register.empty')}</dd>
          </div>
        )}
      </dl>
      {audit.status === 'failed' && <ErrorAlert message={errorMessage(tr, audit.error)} />}
      {editable && (
        <div className="field register-additional">
          <label htmlFor="register-additional">{tr('ui.register.additionalMeasures')}</label>
          <textarea
            autoComplete="off"
            id="register-additional"
            value={additional}
            maxLength={2000}
            aria-describedby="register-additional-hint"
            onChange={(e) => onChange(e.target.value)}
          />
          <p className="hint" id="register-additional-hint">
            {tr('ui.register.additionalHint')}
          </p>
        </div>
      )}
    </section>
  );
}
