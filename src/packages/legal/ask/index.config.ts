export default definePageConfig({
  navigationBarTitleText: '我要咨询',
})
