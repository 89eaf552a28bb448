/** What a reason for leaving a member out of a campaign is called (the screens and the documents' messages). */
import type { CampaignLeftOutReason } from '../../domain/campaign';
import type { MessageKey } from '../../i18n/messages';

export const LEFT_OUT_REASON_TEXT: Record<CampaignLeftOutReason, MessageKey> = {
  locked: 'ui.campaign.reason.locked',
  objected: 'ui.campaign.reason.objected',
  withdrawn: 'ui.campaign.reason.withdrawn',
};
