export default definePageConfig({
  navigationBarTitleText: '发布预约服务',
})
