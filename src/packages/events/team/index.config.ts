export default definePageConfig({
  navigationBarTitleText: '我的队伍',
  // The captain sends an invitation to a chat as a mini-program card (useShareAppMessage in the page).
  enableShareAppMessage: true,
})
