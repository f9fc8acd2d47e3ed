import { Empty, Typography } from 'antd'

/** A menu entry whose page is not built yet. */
export default function Placeholder({ title }: { title: string }) {
  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      <Empty description="此功能正在建设中" />
    </>
  )
}
