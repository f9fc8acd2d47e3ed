/** 隐私保护指引: every data item the service collects, why, when and how long. Keep in step with the server. */
export interface DataItem {
  name: string
  why: string
  when: string
  keep: string
  /**
   * The WeChat APIs that collect this item (WeChat's 用户隐私保护指引 list): every such API the app calls must be
   * named by an item here (src/privacy-apis.test.ts checks the code, app.config.ts and this list together).
   */
  apis?: readonly string[]
}

export const ITEMS: DataItem[] = [
  {
    name: '微信 openid / unionid',
    why: '登录识别：确认是您本人在使用，并关联您的会员记录。',
    when: '您点击“微信一键登录”时，由微信提供。',
    keep: '账号存续期间保存；注销账号后删除。',
  },
  {
    name: '昵称与头像',
    why: '个人资料展示：在“我的”页面和工作人员办理业务时显示。',
    when: '您主动填写昵称、选择头像时。',
    keep: '账号存续期间保存，可随时修改；注销后删除。',
    apis: ['chooseMedia', 'chooseImage'],
  },
  {
    name: '手机号',
    why: '入会联系：审核入会申请、通知办理结果时联系您（后续开放）。',
    when: '您提交入会申请并主动填写或授权时。',
    keep: '会员关系存续期间保存；退会或注销后删除。',
  },
  {
    name: '身份证号',
    why: '实名入会核验：确认入会人身份，防止重复入会。',
    when: '您提交入会申请时。',
    keep: '加密存储，仅负责审核的工作人员可查看；退会或注销后删除。',
  },
  {
    name: '工作单位与就业形态',
    why: '确定所属工会：把您的申请交给对应的基层工会或新就业形态工会。',
    when: '您提交入会申请时。',
    keep: '会员关系存续期间保存。',
  },
  {
    name: '位置信息',
    why: '计算附近爱心驿站与优惠商户的距离，按远近排序。',
    when: '您打开“附近”类页面并同意获取位置时。',
    keep: '只在您的手机上用于计算距离，不上传保存。',
    apis: ['getLocation', 'getFuzzyLocation', 'chooseLocation'],
  },
  {
    name: '相机 / 扫码',
    why: '核销：场馆核销员扫描会员的券码或会员码。',
    when: '核销员点击“扫码核销”时。',
    keep: '只读取二维码内容，不拍摄、不保存照片。',
    apis: ['scanCode'],
  },
  {
    name: '上传的证明材料',
    why: '帮扶申请审核：如困难证明、病历、收入证明等。',
    when: '您提交困难帮扶申请并主动上传时。',
    keep: '仅审核人员可见；审核结束后按档案规定保存，期满删除。',
    apis: ['chooseMedia', 'chooseImage', 'chooseMessageFile'],
  },
  {
    name: '工作人员选择的表格文件',
    why: '导入会员实名制台账、工会组织名单。',
    when: '工会管理员从微信聊天中选择 Excel 或 CSV 文件导入时。',
    keep: '只用于导入：检查和导入后不保存原文件；台账中的身份证号、手机号加密保存。',
    apis: ['chooseMessageFile'],
  },
  {
    name: '剪贴板',
    why: '复制邀请码、券码等，方便您粘贴发送。',
    when: '您点击“复制”时写入；我们不读取您的剪贴板。',
    keep: '不保存。',
    apis: ['setClipboardData'],
  },
  {
    name: '订阅消息',
    why: '审核结果通知：入会、帮扶等申请有结果时提醒您。',
    when: '您在提交申请后同意接收时，每次同意只发一条。',
    keep: '只记录是否同意接收，不收集其他信息。',
  },
]

