import { Text, View } from '@tarojs/components'
import './index.css'

interface DataItem {
  name: string
  why: string
  when: string
  keep: string
}

/** Every data item the service collects, why, when and how long. Keep in step with the server. */
const ITEMS: DataItem[] = [
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
  },
  {
    name: '相机 / 扫码',
    why: '核销：场馆核销员扫描会员的券码或会员码。',
    when: '核销员点击“扫码核销”时。',
    keep: '只读取二维码内容，不拍摄、不保存照片。',
  },
  {
    name: '上传的证明材料',
    why: '帮扶申请审核：如困难证明、病历、收入证明等。',
    when: '您提交困难帮扶申请并主动上传时。',
    keep: '仅审核人员可见；审核结束后按档案规定保存，期满删除。',
  },
  {
    name: '订阅消息',
    why: '审核结果通知：入会、帮扶等申请有结果时提醒您。',
    when: '您在提交申请后同意接收时，每次同意只发一条。',
    keep: '只记录是否同意接收，不收集其他信息。',
  },
]

export default function PrivacyGuidePage() {
  return (
    <View className='page privacy-page'>
      <View className='card'>
        <Text className='p-title'>隐私保护指引</Text>
        <Text className='p-para'>
          工会会员服务小程序由区总工会提供。我们只收集办理工会服务所必需的信息，下面逐项说明收集什么、为什么、什么时候收集、保存多久。
        </Text>
      </View>

      <Text className='section-title'>我们收集的信息</Text>
      <View className='card'>
        {ITEMS.map((item) => (
          <View key={item.name} className='privacy-item'>
            <Text className='privacy-item-name'>{item.name}</Text>
            <Text className='privacy-item-line'>用途：{item.why}</Text>
            <Text className='privacy-item-line'>收集时机：{item.when}</Text>
            <Text className='privacy-item-line'>保存：{item.keep}</Text>
          </View>
        ))}
      </View>

      <Text className='section-title'>谁能看到您的信息</Text>
      <View className='card'>
        <Text className='p-para'>
          只有为您办理业务的工会工作人员（所属基层工会审核员、场馆核销员、区总工会管理员）在其职责范围内可以查看。
        </Text>
        <Text className='p-para'>我们不会出售您的信息，也不会提供给与工会服务无关的第三方；法律法规另有规定的除外。</Text>
      </View>

      <Text className='section-title'>保存期限</Text>
      <View className='card'>
        <Text className='p-para'>
          信息只在实现上述目的所需的最短时间内保存。登录凭证到期后自动失效；退会或注销账号后，我们在 15 个工作日内删除或匿名化您的个人信息，法律法规要求留存的除外。
        </Text>
      </View>

      <Text className='section-title'>撤回同意与删除</Text>
      <View className='card'>
        <Text className='p-para'>您可以随时在“我的”中修改昵称和头像；在微信“设置 → 隐私 → 授权管理”中撤回位置、相机等授权。</Text>
        <Text className='p-para'>如需查询、复制、更正或删除您的个人信息，或注销账号，请通过下方方式联系我们，我们会在 15 个工作日内答复。</Text>
      </View>

      <Text className='section-title'>联系我们</Text>
      <View className='card'>
        <Text className='p-para'>区总工会权益保障部（个人信息保护联系人）</Text>
        <Text className='p-para'>职工服务热线：12351（全国总工会职工服务热线）</Text>
        <Text className='p-para'>也可以到所属基层工会或区职工服务中心当面办理。</Text>
      </View>
    </View>
  )
}
