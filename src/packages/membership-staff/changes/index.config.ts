export default definePageConfig({ navigationBarTitleText: '退会与信息更正' })
