export default definePageConfig({
  navigationBarTitleText: '驿站值守',
})
