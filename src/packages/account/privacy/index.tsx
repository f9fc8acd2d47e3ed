import { Text, View } from '@tarojs/components'
import { RETENTION_ACTION_LABELS, RETENTION_KEYS, RETENTION_RULES } from '@contract/privacy/labels'
import { pages } from '@contract/pages'
import { go } from '../../../platform/ui'
import { ITEMS } from './items'
import { PageRoot } from '../../../components/PageRoot'
import './index.css'

export default function PrivacyGuidePage() {
  return (
    <PageRoot className='page privacy-page'>
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
      <View className='card retention-table' role='table' aria-label='个人信息保存期限'>
        <Text className='p-para'>
          信息只在实现上述目的所需的最短时间内保存。下表由系统每天执行：到期后按“处理方式”删除或匿名化，法律法规要求留存的除外。
        </Text>
        {RETENTION_KEYS.map((key) => {
          const rule = RETENTION_RULES[key]
          return (
            <View key={key} className={`privacy-item retention-row retention-${key}`} role='row'>
              <Text className='privacy-item-name'>{rule.data}</Text>
              <Text className='privacy-item-line'>保存期限：{rule.from}{rule.days === null ? '，' : ''}{rule.period}</Text>
              <Text className='privacy-item-line'>到期处理：{RETENTION_ACTION_LABELS[rule.action]}</Text>
              {rule.note ? <Text className='privacy-item-line muted'>{rule.note}</Text> : null}
            </View>
          )
        })}
      </View>

      <Text className='section-title'>查询、复制、更正、删除</Text>
      <View className='card'>
        <Text className='p-para'>在“我的 → 账号与安全”中，您可以：下载我的数据（一份表格和一份 JSON 文件，7 天内可下载）、申请退会、注销账号。</Text>
        <Text className='p-para'>昵称和头像可在“我的”中直接修改；姓名、手机号等经工会核验的信息，请联系所属基层工会更正。</Text>
        <Text className='p-para'>您可以在微信“设置 → 隐私 → 授权管理”中撤回位置、相机等授权。</Text>
        <View className='list-row privacy-security-link' role='button' onClick={() => go(pages.account.security.path)}>
          <Text>前往账号与安全</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>

      <Text className='section-title'>联系我们</Text>
      <View className='card'>
        <Text className='p-para'>区总工会权益保障部（个人信息保护联系人）</Text>
        <Text className='p-para'>职工服务热线：12351（全国总工会职工服务热线）</Text>
        <Text className='p-para'>也可以到所属基层工会或区职工服务中心当面办理。</Text>
      </View>
    </PageRoot>
  )
}
