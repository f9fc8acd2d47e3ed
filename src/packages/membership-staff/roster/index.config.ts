export default definePageConfig({
  navigationBarTitleText: '会员台账导入',
})
