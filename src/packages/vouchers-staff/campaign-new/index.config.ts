export default definePageConfig({
  navigationBarTitleText: '新建福利活动',
})
