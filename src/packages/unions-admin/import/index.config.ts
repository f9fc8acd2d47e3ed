export default definePageConfig({
  navigationBarTitleText: '导入工会名单',
})
