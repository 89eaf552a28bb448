/** Section 3 of the Verzeichnis: recipients and processors (Art. 28) as entered in Einstellungen. */
import type { UncheckedRegister } from '../../data/queries/register';
import { recipientRows } from '../../documents/registerRecipients';
import type { Translate } from '../i18n';
import { href } from '../route';

export function RecipientsCard({ tr, register }: { tr: Translate; register: UncheckedRegister }) {
  const rows = recipientRows(tr.lang, register);
  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">3. {tr('register.section.recipients')}</h2>
      {rows.length === 0 ? (
        <p className="hint">{tr('register.recipients.none')}</p>
      ) : (
        <table className="register-recipients" aria-labelledby="recipients-title">
          <thead>
            <tr>
              <th scope="col">{tr('register.recipients.name')}</th>
              <th scope="col">{tr('register.recipients.role')}</th>
              <th scope="col">{tr('register.recipients.country')}</th>
              <th scope="col">{tr('register.recipients.transfer')}</th>
              <th scope="col">{tr('register.recipients.contract')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <a href={href('einstellungen')}>{tr('ui.register.recipientsEdit')}</a>
    </section>
  );
}
