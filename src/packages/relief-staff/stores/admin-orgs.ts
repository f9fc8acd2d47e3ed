/** The unions where the caller is admin (relief.manage): where an aid type may belong, whose limits they set. No Taro. */
import type { RootStore } from '../../../stores/RootStore'
import type { AdminOrg } from './AidTypeEditor'

export const adminOrgs = (root: RootStore): AdminOrg[] => root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
