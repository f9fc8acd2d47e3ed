import Taro from '@tarojs/taro'

/** Small UI helpers over Taro shared by pages. */
export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 })
}

export function comingSoon(name?: string): void {
  toast(name ? `${name}即将开放` : '即将开放')
}

export const ROUTES = {
  home: '/pages/home/index',
  welfare: '/pages/welfare/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  privacy: '/packages/account/privacy/index',
  messages: '/packages/account/messages/index',
  join: '/packages/membership/join/index',
  joinStatus: '/packages/membership/status/index',
  card: '/packages/membership/card/index',
  merchants: '/packages/membership/merchants/index',
  review: '/packages/staff/review/index',
  reviewDetail: '/packages/staff/review-detail/index',
  verify: '/packages/staff/verify/index',
  merchantAdmin: '/packages/staff/merchants/index',
  campaign: '/packages/vouchers/campaign/index',
  myVouchers: '/packages/vouchers/mine/index',
  redeem: '/packages/staff/redeem/index',
  campaignAdmin: '/packages/staff/campaigns/index',
  campaignStats: '/packages/staff/campaign-stats/index',
  campaignNew: '/packages/staff/campaign-new/index',
  events: '/packages/events/list/index',
  eventsManage: '/packages/staff/events/index',
  reliefTypes: '/packages/relief/types/index',
  reliefApply: '/packages/relief/apply/index',
  reliefDetail: '/packages/relief/detail/index',
  myApplications: '/packages/relief/applications/index',
  reliefNotice: '/packages/relief/notice/index',
  reliefReview: '/packages/staff/relief-review/index',
  reliefReviewDetail: '/packages/staff/relief-detail/index',
} as const

const TABS: string[] = [ROUTES.home, ROUTES.welfare, ROUTES.mine]

export function go(url: string): void {
  const path = url.split('?')[0]
  if (TABS.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Replace the current page (e.g. after submitting: the form → its status). */
export function replaceWith(url: string): void {
  void Taro.redirectTo({ url })
}

export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: ROUTES.home })
}

/** After login: back to where the user came from, else 首页. */
export function leaveLogin(): void {
  const pages = Taro.getCurrentPages()
  if (pages.length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: ROUTES.home })
}

export function toLogin(): void {
  void Taro.navigateTo({ url: ROUTES.login })
}

/** After logout: a fresh stack with only the login page. */
export function restartAtLogin(): void {
  void Taro.reLaunch({ url: ROUTES.login })
}
