/**
 * 编辑活动 / 结束发放's request and reply shapes. Editing sends the creation form's whole CampaignInput (the same
 * validation and the same field paths, so the forms put the server's field errors where they put their own); the
 * server compares it with the campaign and refuses, per field, what may no longer change (see ./edit-rules.ts).
 * Not re-exported by ./schemas.ts (it imports from there; a re-export would be a cycle): import it directly.
 */
import { Campaign, CampaignIdParams, CampaignInput } from './schemas'

export const editCampaign = { params: CampaignIdParams, body: CampaignInput, response: Campaign }
export const endCampaign = { params: CampaignIdParams, response: Campaign }
