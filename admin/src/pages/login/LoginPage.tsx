import { Card, Typography } from 'antd'

/** The console's login (扫码登录 and, in dev mode, the demo personas). */
export default function LoginPage() {
  return (
    <main className="login-page">
      <Card style={{ width: 420 }}>
        <Typography.Title level={3}>工会工作台</Typography.Title>
        <Typography.Paragraph>请使用工会小程序扫码登录。</Typography.Paragraph>
      </Card>
    </main>
  )
}
