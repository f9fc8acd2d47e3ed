export default definePageConfig({
  navigationBarTitleText: '券核销',
})
