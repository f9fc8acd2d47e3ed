export default defineAppConfig({
  // 主包：三个 tab 页与登录页。其余功能放分包，保持主包精简（预算 ≤ 480 KB）。
  pages: ['pages/home/index', 'pages/welfare/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    // One subpackage per capability for members, and one for its staff pages (<cap>-staff): a member never
    // downloads the staff pages, and the main package stays small (budget ≤ 480 KB). Paths: contract/pages.ts.
    { root: 'packages/account', name: 'account', pages: ['privacy/index', 'messages/index', 'message-settings/index', 'security/index'] },
    { root: 'packages/membership', name: 'membership', pages: ['join/index', 'claim/index', 'status/index', 'card/index', 'merchants/index'] },
    { root: 'packages/membership-staff', name: 'membership-staff', pages: ['review/index', 'review-detail/index', 'verify/index', 'merchants/index', 'roster/index', 'changes/index'] },
    { root: 'packages/vouchers', name: 'vouchers', pages: ['campaign/index', 'mine/index'] },
    { root: 'packages/vouchers-staff', name: 'vouchers-staff', pages: ['redeem/index', 'campaigns/index', 'campaign-stats/index', 'campaign-new/index'] },
    {
      root: 'packages/events',
      name: 'events',
      pages: ['list/index', 'detail/index', 'register/index', 'registration/index', 'mine/index', 'team/index', 'invite/index', 'volunteer/index'],
    },
    { root: 'packages/events-staff', name: 'events-staff', pages: ['list/index', 'detail/index', 'checkin/index', 'scores/index', 'new/index'] },
    { root: 'packages/bookings', name: 'bookings', pages: ['list/index', 'service/index', 'mine/index'] },
    { root: 'packages/bookings-staff', name: 'bookings-staff', pages: ['services/index', 'new/index', 'service/index', 'slot/index'] },
    { root: 'packages/relief', name: 'relief', pages: ['types/index', 'apply/index', 'detail/index', 'notice/index'] },
    { root: 'packages/relief-staff', name: 'relief-staff', pages: ['review/index', 'detail/index', 'types/index', 'type-edit/index', 'type-limits/index'] },
    { root: 'packages/legal', name: 'legal', pages: ['home/index', 'ask/index', 'case/index'] },
    { root: 'packages/legal-staff', name: 'legal-staff', pages: ['cases/index', 'case/index'] },
    // 我的申请 spans joining, events and relief.
    { root: 'packages/applications', name: 'applications', pages: ['mine/index'] },
    { root: 'packages/staff-invite', name: 'staff-invite', pages: ['invite/index'] },
    // 扫码登录: confirming the office console's QR (and 退出电脑登录) — staff only, never in the main package.
    { root: 'packages/console-login', name: 'console-login', pages: ['confirm/index'] },
    { root: 'packages/staff-admin', name: 'staff-admin', pages: ['staff/index', 'invite/index'] },
    { root: 'packages/unions-admin', name: 'unions-admin', pages: ['tree/index', 'union/index', 'import/index'] },
    // 爱心驿站: the map and list, a station's page (its printed QR), 反馈问题; keepers' and admins' pages.
    { root: 'packages/stations', name: 'stations', pages: ['list/index', 'station/index', 'report/index'] },
    { root: 'packages/stations-staff', name: 'stations-staff', pages: ['keep/index', 'manage/index', 'edit/index', 'import/index'] },
    // 内容审核: admins decide the user content (reports, team names, nicknames, images) held for review.
    { root: 'packages/moderation-staff', name: 'moderation-staff', pages: ['items/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTitleText: '工会会员服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F3F0',
  },
  tabBar: {
    color: '#6B6B6B',
    selectedColor: '#C8102E',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    // Icons: 81×81 PNGs drawn by scripts/tab-icons.ts (about 1 KB each).
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home-normal.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/welfare/index', text: '福利', iconPath: 'assets/tab/welfare-normal.png', selectedIconPath: 'assets/tab/welfare-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine-normal.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  // WeChat refuses a privacy API the app does not declare here (scripts/privacy-apis.test.ts checks every call):
  // getLocation (附近: distance order), chooseLocation (工会组织: 在地图上选点).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于计算附近爱心驿站与优惠商户离您的距离，按远近排序' },
  },
  lazyCodeLoading: 'requiredComponents',
})
