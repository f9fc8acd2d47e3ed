export default definePageConfig({
  navigationBarTitleText: '帮扶救助审核',
})
