export default definePageConfig({
  navigationBarTitleText: '下级工会自设类型范围',
})
