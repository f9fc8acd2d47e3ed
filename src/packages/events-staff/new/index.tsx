import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import { useStores } from '../../../stores/context'
import type { RootStore } from '../../../stores/RootStore'
import { replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { EventEditor, type AdminOrg } from '../stores/EventEditor'
import { BasicsSection, RulesSection, TimePlaceSection } from './sections'
import { QuestionsSection } from './QuestionsSection'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

/** The unions where the caller is admin: where an event may be hosted. */
const adminOrgs = (root: RootStore): AdminOrg[] => root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))

/** 新建活动 / 编辑活动 (?id=): one form, checked with the contract's schema here and the server's per-field messages after. */
function EventNewPage() {
  const root = useStores()
  const editId = Number(useRouter().params.id) || 0
  const [editor] = useState(() => {
    const e = new EventEditor(
      { api: root.api, storage: root.storage, userId: () => root.session.me?.id ?? null, orgs: () => adminOrgs(root), now: root.now },
      editId,
    )
    if (!editId) e.startNew()
    return e
  })
  useEffect(() => () => editor.dispose(), [editor])
  return editId ? <EditLoader editor={editor} id={editId} /> : <EventForm editor={editor} />
}

/** 编辑活动: the stored event first (its counts say what is frozen), then the form on it or on its draft. */
const EditLoader = observer(function EditLoader({ editor, id }: { editor: EventEditor; id: number }) {
  const root = useStores()
  useEffect(() => {
    void Promise.resolve()
      .then(() => Taro.setNavigationBarTitle({ title: '编辑活动' }))
      .catch(() => undefined)
  }, [])
  const resource = useResource(async () => {
    const event = await root.api.send(eventsApi.manageEvent, { params: { id } })
    editor.open(event)
    return event
  }, [root, id, editor])
  return <ResourceView resource={resource}>{() => <EventForm editor={editor} />}</ResourceView>
})

const EventForm = observer(function EventForm({ editor }: { editor: EventEditor }) {
  const root = useStores()
  const orgs = adminOrgs(root)
  if (!editor.form) return <Loading />
  const { editId, event, frozen } = editor

  const save = async () => {
    const saved = await editor.save()
    if (!saved) return
    toast(editId ? '已保存' : '已发布', 'success')
    replaceWith(pages.eventsStaff.detail.url({ id: saved.id }))
  }

  return (
    <PageRoot className='page event-new-page'>
      {editor.restored && event ? (
        <View className='card restored-note'>
          <Text className='form-hint'>已恢复您上次未保存的修改。</Text>
          <Button className='btn btn-plain btn-small discard-draft-btn' onClick={() => editor.discard()}>
            放弃修改，重新载入
          </Button>
        </View>
      ) : null}
      {frozen ? (
        <View className='card'>
          <Text className='form-hint frozen-note'>已有会员报名：活动类型、报名方式、团队人数、审核方式和报名题目不能再修改；名额不能少于已占用的 {event?.counts.taken} 个。</Text>
        </View>
      ) : null}
      <BasicsSection editor={editor} orgs={orgs} />
      <TimePlaceSection editor={editor} />
      <RulesSection editor={editor} />
      <QuestionsSection editor={editor} />

      {editId || orgs.length > 0 ? null : <FieldError message={editor.errors.orgId} />}
      <ErrorMessage error={editor.error} />
      <Button className='btn btn-primary btn-block save-event-btn' loading={editor.busy || undefined} disabled={editor.busy || undefined} onClick={() => void save()}>
        {editId ? '保存修改' : '发布活动'}
      </Button>
    </PageRoot>
  )
})

export default EventNewPage
