export default definePageConfig({
  navigationBarTitleText: '填写救助申请',
})
