export default definePageConfig({
  navigationBarTitleText: '工会卡优惠',
})
