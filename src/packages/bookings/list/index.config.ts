export default definePageConfig({
  navigationBarTitleText: '在线预约',
})
