export default defineAppConfig({
  // 主包：三个 tab 页与登录页。其余功能放分包，保持主包精简（预算 ≤ 480 KB）。
  pages: ['pages/home/index', 'pages/welfare/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    // One subpackage per capability for members, and one for its staff pages (<cap>-staff): a member never
    // downloads the staff pages, and the main package stays small (budget ≤ 480 KB). Paths: contract/pages.ts.
    { root: 'packages/account', name: 'account', pages: ['privacy/index', 'messages/index'] },
    { root: 'packages/membership', name: 'membership', pages: ['join/index', 'claim/index', 'status/index', 'card/index', 'merchants/index'] },
    { root: 'packages/membership-staff', name: 'membership-staff', pages: ['review/index', 'review-detail/index', 'verify/index', 'merchants/index', 'roster/index'] },
    { root: 'packages/vouchers', name: 'vouchers', pages: ['campaign/index', 'mine/index'] },
    { root: 'packages/vouchers-staff', name: 'vouchers-staff', pages: ['redeem/index', 'campaigns/index', 'campaign-stats/index', 'campaign-new/index'] },
    {
      root: 'packages/events',
      name: 'events',
      pages: ['list/index', 'detail/index', 'register/index', 'registration/index', 'mine/index', 'team/index', 'invite/index'],
    },
    { root: 'packages/events-staff', name: 'events-staff', pages: ['list/index', 'detail/index', 'checkin/index', 'scores/index', 'new/index'] },
    { root: 'packages/relief', name: 'relief', pages: ['types/index', 'apply/index', 'detail/index', 'notice/index'] },
    { root: 'packages/relief-staff', name: 'relief-staff', pages: ['review/index', 'detail/index'] },
    // 我的申请 spans joining, events and relief.
    { root: 'packages/applications', name: 'applications', pages: ['mine/index'] },
    { root: 'packages/staff-invite', name: 'staff-invite', pages: ['invite/index'] },
    { root: 'packages/staff-admin', name: 'staff-admin', pages: ['staff/index', 'invite/index'] },
    // 爱心驿站: the map and list, a station's page (its printed QR), 反馈问题; keepers' and admins' pages.
    { root: 'packages/stations', name: 'stations', pages: ['list/index', 'station/index', 'report/index'] },
    { root: 'packages/stations-staff', name: 'stations-staff', pages: ['keep/index', 'manage/index', 'edit/index'] },
  ],
  // 爱心驿站 sorts by distance from the device (fuzzy location is enough; never stored).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的爱心驿站和工会优惠商户' },
  },
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
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/welfare/index', text: '福利' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
