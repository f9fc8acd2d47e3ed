export default definePageConfig({
  navigationBarTitleText: '编辑驿站',
})
