import { Result } from 'antd'

/** Any /admin/<path> the route table does not know (lazy: Result's illustrations stay out of the shell). */
export default function NotFound() {
  return <Result status="404" title="页面不存在" />
}
