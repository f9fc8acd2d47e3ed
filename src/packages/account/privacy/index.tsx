import { Text, View } from '@tarojs/components'
import { ITEMS } from './items'
import './index.css'

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
