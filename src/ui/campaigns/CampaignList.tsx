/** "Aktionen": the consent campaigns, newest first, with how many answered and how. */
import { useLiveQuery } from 'dexie-react-hooks';
import { listCampaigns } from '../../data/queries/campaigns';
import { campaignCounts } from '../../domain/campaign';
import { formatDate, formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { href } from '../route';

export function CampaignList() {
  const tr = useT();
  const campaigns = useLiveQuery(() => listCampaigns(db), []);
  const n = (x: number) => formatNumber(tr.lang, x);
  return (
    <section className="wl-campaigns" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">{tr('ui.campaign.listTitle')}</h2>
      <p className="hint">{tr('ui.campaign.listHint')}</p>
      {campaigns === undefined && <p role="status">{tr('ui.loading')}</p>}
      {campaigns?.length === 0 && <p className="empty">{tr('ui.campaign.none')}</p>}
      {campaigns && campaigns.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table wl-campaign-table" aria-labelledby="campaigns-title">
            <thead>
              <tr>
                <th scope="col">{tr('ui.campaign.col.name')}</th>
                <th scope="col">{tr('ui.campaign.col.created')}</th>
                <th scope="col" className="num">
                  {tr('ui.campaign.status.pending')}
                </th>
                <th scope="col" className="num">
                  {tr('ui.campaign.status.consented')}
                </th>
                <th scope="col" className="num">
                  {tr('ui.campaign.status.refused')}
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => {
                const counts = campaignCounts(c);
                return (
                  <tr key={c.id}>
                    <td>
                      <a href={href('pruefliste', 'aktion', c.id)}>{c.name}</a>
                    </td>
                    <td>{formatDate(tr.lang, c.createdAt)}</td>
                    <td className="num">{n(counts.pending)}</td>
                    <td className="num">{n(counts.consented)}</td>
                    <td className="num">{n(counts.refused)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
