/** The technical and organisational measures (Art. 30(1)(g), Art. 32) as the app has them, plus the user's further measures. */
import type { ProcessingRegister } from '../../data/queries/register';
import { measureRows } from '../../documents/registerMeasures';
import type { Translate } from '../i18n';

interface MeasuresCardProps {
  tr: Translate;
  register: ProcessingRegister;
  additional: string;
  editable: boolean;
  onChange: (text: string) => void;
}

export function MeasuresCard({ tr, register, additional, editable, onChange }: MeasuresCardProps) {
  return (
    <section className="card" aria-labelledby="measures-title">
      <h2 id="measures-title">4. {tr('register.section.measures')}</h2>
      <p className="hint">{tr('register.measures.intro')}</p>
      <dl className="facts register-facts measures">
        {measureRows(tr.lang, { ...register, additionalMeasures: '' }).map(([measure, state]) => (
          <div key={measure} className="fact-row">
            <dt>{measure}</dt>
            <dd>{state}</dd>
          </div>
        ))}
        {!editable && (
          <div className="fact-row">
            <dt>{tr('register.measures.additional')}</dt>
            <dd>{additional.trim() || tr('ui.register.empty')}</dd>
          </div>
        )}
      </dl>
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
