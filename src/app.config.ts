export default defineAppConfig({
  // 主包：三个 tab 页与登录页。其余功能放分包，保持主包精简（预算 ≤ 480 KB）。
  pages: ['pages/home/index', 'pages/welfare/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'packages/account',
      name: 'account',
      pages: ['privacy/index', 'messages/index'],
    },
    {
      root: 'packages/membership',
      name: 'membership',
      pages: ['join/index', 'status/index', 'card/index', 'merchants/index'],
    },
    {
      root: 'packages/staff',
      name: 'staff',
      pages: [
        'review/index',
        'review-detail/index',
        'verify/index',
        'merchants/index',
        'redeem/index',
        'campaigns/index',
        'campaign-stats/index',
        'campaign-new/index',
        'events/index',
        'events-detail/index',
        'events-checkin/index',
        'events-scores/index',
        'events-new/index',
        'relief-review/index',
        'relief-detail/index',
      ],
    },
    {
      root: 'packages/vouchers',
      name: 'vouchers',
      pages: ['campaign/index', 'mine/index'],
    },
    {
      root: 'packages/events',
      name: 'events',
      pages: ['list/index', 'detail/index', 'register/index', 'registration/index', 'mine/index', 'team/index', 'invite/index'],
    },
    {
      root: 'packages/relief',
      name: 'relief',
      pages: ['types/index', 'apply/index', 'detail/index', 'applications/index', 'notice/index'],
    },
    // 后续能力各自一个分包，页面放在 src/packages/<cap>/ 下：
    //   packages/membership（入会申请、电子会员卡）、packages/vouchers（福利领券）、packages/events（活动报名）、
    //   packages/relief（困难帮扶）、packages/services（爱心驿站、法律援助）、packages/staff（核销、审核、管理）。
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
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/welfare/index', text: '福利' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
