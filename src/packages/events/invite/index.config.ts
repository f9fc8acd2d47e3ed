export default definePageConfig({
  navigationBarTitleText: '组队邀请',
})
