export default definePageConfig({
  navigationBarTitleText: '福利活动管理',
})
