import { pages } from '@contract/pages'
import { useEffect, useRef } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import { ANSWER_FILE_MAX_BYTES, ANSWER_FILES_MAX } from '@contract/events/labels'
import type { MemberEvent, Question } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Uploader } from '../../../components/Uploader'
import { LoginRequired } from '../../../components/LoginRequired'
import { isApiError } from '../../../api/errors'
import { Chips } from '../../../components/Chips'
import { StatusBadge } from '../components/bits'
import { eventSpan } from '../format'
import { registrationFormOf } from '../stores'
import type { RegistrationForm } from '../stores/RegistrationForm'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

function Label({ q }: { q: { label: string; required: boolean } }) {
  return (
    <Text className='form-label'>
      {q.label}
      {q.required ? <Text className='required-mark'>*</Text> : <Text className='muted'>（选填）</Text>}
    </Text>
  )
}

/** A file question: the app's one upload block (size checked before sending; the server sniffs the bytes again). */
const FileQuestion = observer(function FileQuestion({ form, q }: { form: RegistrationForm; q: Question }) {
  const files = form.draft.files[q.id] ?? []
  return (
    <Uploader
      files={files.map((f) => ({ id: f.id, mime: f.mime, url: f.url, name: f.name }))}
      onUpload={(filePath, name) => form.addFile(q.id, filePath, name ?? `文件${files.length + 1}`)}
      onRemove={(id) => form.removeFile(q.id, id)}
      busy={!!form.uploading[q.id]}
      maxBytes={ANSWER_FILE_MAX_BYTES}
      maxLabel='2 MB'
      maxFiles={ANSWER_FILES_MAX}
      error={form.fieldErrors[q.id]}
      hint='支持 JPG、PNG、WebP 图片或 PDF，单个不超过 2 MB'
      label={q.label}
    />
  )
})

/** Mounted once the draft is restored: every Input starts with its value (Taro H5). */
const RegisterForm = observer(function RegisterForm({ form, event, onConflict }: { form: RegistrationForm; event: MemberEvent; onConflict: () => void }) {
  const err = form.fieldErrors
  const answers = form.draft.answers
  const picked = (id: string): string[] => (Array.isArray(answers[id]) ? (answers[id] as string[]) : [])

  const { subscriptions } = useStores()
  useEffect(() => subscriptions.prepare(), [subscriptions])
  const submit = async () => {
    // From the tap, before anything is awaited: WeChat's dialog for the approval result; never holds the submit up.
    void subscriptions.ask(['event_result'])
    const reg = await form.submit()
    if (!reg) {
      if (Object.keys(form.fieldErrors).length > 0) toast('请检查标红的项目')
      // A retry after a dropped answer ("已报名"), or the window closed meanwhile: show the event as it is now.
      else if (isApiError(form.submitError) && form.submitError.status === 409) onConflict()
      return
    }
    if (reg.team) {
      // The captain's next step: invite team-mates.
      toast(reg.status === 'waitlisted' ? '已加入候补，请邀请队友' : '队伍已创建，请邀请队友', 'success')
      replaceWith(pages.events.team.url({ id: reg.id }))
      return
    }
    toast(reg.status === 'waitlisted' ? '已加入候补' : reg.status === 'pending' ? '已提交，等待审核' : '报名成功', 'success')
    replaceWith(pages.events.registration.url({ id: reg.id }))
  }

  return (
    <View>
      {event.entryMode === 'team' ? (
        <View className='card team-card'>
          <View className='form-field field-teamName'>
            <Label q={{ label: '队名', required: true }} />
            <Input className='form-input' value={form.draft.teamName} maxlength={20} placeholder='2–20 个字' onInput={(e) => form.setTeamName(e.detail.value)} />
            <FieldError message={err.teamName} />
          </View>
          <View className='team-invite-hint'>
            <Text className='notice-title'>队员通过邀请加入</Text>
            <Text>
              提交后您是队长，会得到邀请码和邀请链接，发给队友；队友打开邀请并确认后才会加入队伍。每队 {event.teamMinSize}–{event.teamMaxSize} 人（含队长），组满 {event.teamMinSize} 人前报名不会生效。
            </Text>
          </View>
        </View>
      ) : null}

      {event.questions.length > 0 ? (
        <View className='card questions-card'>
          {event.questions.map((q) => (
            <View key={q.id} className={`form-field question field-${q.id}`} data-type={q.type}>
              <Label q={q} />
              {q.hint ? <Text className='question-hint'>{q.hint}</Text> : null}
              {q.type === 'short_text' ? (
                <Input className='form-input' value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''} maxlength={500} placeholder='请填写' onInput={(e) => form.setText(q.id, e.detail.value)} />
              ) : q.type === 'number' ? (
                <Input className='form-input' type='digit' value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''} maxlength={20} placeholder='请填写数字' onInput={(e) => form.setText(q.id, e.detail.value)} />
              ) : q.type === 'single_choice' ? (
                <Chips
                  label={q.label}
                  options={q.options.map((o) => ({ value: o, label: o }))}
                  value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : undefined}
                  onChange={(v) => v && form.choose(q.id, v)}
                />
              ) : q.type === 'multi_choice' ? (
                <Chips
                  multi
                  options={q.options.map((o) => ({ value: o, label: picked(q.id).includes(o) ? `✓ ${o}` : o }))}
                  value={picked(q.id)}
                  onChange={(v) => form.toggle(q.id, v)}
                  label={q.label}
                />
              ) : (
                <FileQuestion form={form} q={q} />
              )}
              {q.type === 'file' ? null : <FieldError message={err[q.id]} />}
            </View>
          ))}
        </View>
      ) : null}

      <FieldError message={err._} />
      <ErrorMessage error={Object.keys(err).length > 0 ? null : form.submitError} />
      <Button className='btn btn-primary btn-block submit-btn' loading={form.submitting || undefined} disabled={form.submitting || undefined} onClick={() => void submit()}>
        {event.registerHint.waitlist ? '提交并加入候补' : '提交报名'}
      </Button>
      {form.hasDraft && form.savedAt ? <Text className='draft-hint'>草稿已自动保存在本机</Text> : null}
    </View>
  )
})

/** The event's answer as the form needs it (the form is opened as the answer arrives, before it renders). */
type Detail = { event: MemberEvent; serverTime: string }

function RegisterPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  const authed = root.session.isAuthenticated
  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后即可报名' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少活动编号，请从活动列表进入' /></PageRoot>
  return <RegisterLoader id={id} />
}

const RegisterLoader = observer(function RegisterLoader({ id }: { id: number }) {
  const root = useStores()
  const form = registrationFormOf(root)
  // The first answer opens the form (restoring this user's draft); later ones (back on the page, a 409) only
  // bring the event up to date and leave what is typed, uploading or marked alone.
  const opened = useRef(false)
  const resource = useResource<Detail>(async () => {
    const res = await root.api.send(eventsApi.detail, { params: { id } })
    if (opened.current) form.refreshEvent(res.event)
    else form.open(res.event)
    opened.current = true
    return res
  }, [root, id])
  return <ResourceView resource={resource}>{(res) => <RegisterContent res={res} form={form} onConflict={() => void resource.reload()} />}</ResourceView>
})

function RegisterContent({ res, form, onConflict }: { res: Detail; form: RegistrationForm; onConflict: () => void }) {
  const root = useStores()
  const { event, serverTime } = res
  const mine = event.myRegistration && event.myRegistration.status !== 'cancelled' && event.myRegistration.status !== 'rejected' ? event.myRegistration : null
  if (mine) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您已报名此活动' hint='可在“我的报名”查看状态与签到码' actionText='查看我的报名' onAction={() => replaceWith(pages.events.registration.url({ id: mine.id }))} />
          <StatusBadge status={mine.status} position={mine.waitlistPosition} />
        </View>
      </PageRoot>
    )
  }
  if (event.myTeam) {
    const team = event.myTeam
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title={`您已加入队伍「${team.name}」`} hint='队员无需再报名，队伍情况可在“我的队伍”查看' actionText='查看我的队伍' onAction={() => replaceWith(pages.events.team.url({ id: team.registrationId }))} />
        </View>
      </PageRoot>
    )
  }
  if (!event.registerHint.allowed) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='暂时不能报名' hint={event.registerHint.reason ?? '当前不在报名时间内'} actionText='返回活动详情' onAction={() => replaceWith(pages.events.detail.url({ id: event.id }))} />
        </View>
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page register-page'>
      <View className='card'>
        <Text className='event-title'>{event.title}</Text>
        <Text className='muted'>{eventSpan(event.startsAt, event.endsAt, serverTime ?? root.now())}</Text>
      </View>
      {event.registerHint.waitlist ? (
        <View className='notice waitlist-notice'>
          <Text className='notice-title'>名额已满，提交后进入候补</Text>
          <Text>有人取消或未通过审核时，按候补顺序自动递补，并通过站内消息通知您。</Text>
        </View>
      ) : null}
      {event.approvalMode === 'manual' ? (
        <View className='notice approval-notice'>
          <Text className='notice-title'>本活动需主办方审核</Text>
          <Text>提交后状态为“待审核”，审核通过即报名成功；未通过会告知原因。</Text>
        </View>
      ) : null}
      <RegisterForm form={form} event={event} onConflict={onConflict} />
    </PageRoot>
  )
}

export default observer(RegisterPage)
