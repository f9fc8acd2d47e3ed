/**
 * 新建活动 / 编辑活动 at a desk (/admin/events-manage/new, /admin/events-manage/:id/edit). The form is the
 * mini-program's `EventEditor` (src/packages/events-staff/stores, no Taro): the same fields, the contract's schema
 * and the same Chinese messages beside each field, the server's refusals by field and by reason, and the draft kept
 * in this browser at every change (localStorage, per user and per event), so a reload loses nothing typed.
 * Publishing is creating: an event is open to its members from its registration start (there is no separate
 * submission step in the events rules).
 */
import { observer } from 'mobx-react-lite'
import { useNavigate, useParams } from 'react-router-dom'
import { Alert, App, Button, Form, Space, Spin, Typography } from 'antd'
import { eventsApi } from '@contract/events/api'
import { EventReasons } from '@contract/events/reasons'
import { hasReason, isApiError } from '@/api/errors'
import { EventEditor } from '@/packages/events-staff/stores/EventEditor'
import { useDraftEditor } from '../../work/draft-editor'
import { BasicsCard, QuestionsCard, RulesCard, TimePlaceCard, fieldId } from './fields'

export default function EventFormPage() {
  const { id } = useParams()
  const editId = Number(id) || 0
  // a new editor per event (and for 新建活动)
  return <EventFormFor key={editId} editId={editId} />
}

function EventFormFor({ editId }: { editId: number }) {
  const { editor, loadError, retry } = useDraftEditor(
    (deps) => new EventEditor(deps, editId),
    editId ? (api) => api.send(eventsApi.manageEvent, { params: { id: editId } }) : undefined,
  )

  return (
    <>
      <Typography.Title level={3}>{editId ? '编辑活动' : '新建活动'}</Typography.Title>
      {loadError ? (
        <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={retry}>重试</Button>} />
      ) : (
        <EventForm editor={editor} />
      )}
    </>
  )
}

const EventForm = observer(function EventForm({ editor }: { editor: EventEditor }) {
  const navigate = useNavigate()
  const { message } = App.useApp()
  if (!editor.form) return <Spin aria-label="加载中" />
  const { editId, event, frozen, error } = editor
  const ended = hasReason(error, EventReasons.EVENT_ENDED)
  const draftKept = !editId && editor.draft.restoredFrom === 'device'

  const save = async () => {
    const saved = await editor.save()
    if (!saved) {
      // the first field refused, for keyboard and screen-reader users
      const first = Object.keys(editor.errors).find((k) => editor.errors[k])
      const el = first ? document.getElementById(fieldId(first)) : null
      const target = el?.matches('input, textarea, button') ? el : el?.querySelector<HTMLElement>('input, textarea, button')
      target?.focus()
      return
    }
    message.success(editId ? '已保存' : '已发布')
    navigate(`/events-manage?open=${saved.id}`)
  }

  return (
    <Form layout="vertical" style={{ maxWidth: 960 }} onFinish={() => void save()} component="div">
      {editor.restored && event && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复您上次未保存的修改。"
          action={<Button size="small" onClick={() => editor.discard()}>放弃修改，重新载入</Button>} />
      )}
      {draftKept && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复上次未发布的草稿（草稿保存在本浏览器）。" />}
      {frozen && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          title={`已有会员报名：活动类型、报名方式、团队人数、审核方式和报名题目不能再修改；名额不能少于已占用的 ${event?.counts.taken} 个。`} />
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <BasicsCard editor={editor} />
        <TimePlaceCard editor={editor} />
        <RulesCard editor={editor} />
        <QuestionsCard editor={editor} />
        {error !== null && (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={typeof error === 'string' ? error : isApiError(error) ? (Object.keys(error.fields).length ? `${error.message}（见标红的项）` : error.message) : '保存失败，请稍后再试'}
            action={ended ? <Button size="small" onClick={() => navigate('/events-manage')}>返回活动管理</Button> : undefined}
          />
        )}
        <Space>
          <Button type="primary" loading={editor.busy} disabled={ended} onClick={() => void save()}>{editId ? '保存修改' : '发布活动'}</Button>
          <Button onClick={() => navigate('/events-manage')}>返回列表</Button>
          <Typography.Text type="secondary">{editor.draft.state === 'local' ? '草稿已保存在本浏览器' : ''}</Typography.Text>
        </Space>
      </Space>
    </Form>
  )
})
