/**
 * 工会信息 (admins): a union (`id`) — what it is, its members and sub-unions, its form to edit, and 移动到… /
 * 撤销 (with a reason) / 恢复 where the server allows (`movable`) — or a new sub-union of `parentId` with the same
 * form, its draft kept on the device until created. Refusals are shown by their reason, beside the field they
 * concern; whatever was typed stays.
 */
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { pages } from '@contract/pages'
import { unionsApi } from '@contract/unions/api'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { UNION_CHILD_KINDS, UNION_KINDS, type UnionKind } from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import { useStores } from '../../../stores/context'
import { DraftSync } from '../../../stores/DraftSync'
import { useResource } from '../../../hooks/useResource'
import { ResourceView } from '../../../components/ResourceView'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ReasonForm } from '../../../components/ReasonForm'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { Row } from '../../../components/Row'
import { hasReason } from '../../../api/errors'
import { go, replaceWith, toast } from '../../../platform/ui'
import { formatDateTime } from '../../../utils/date'
import { emptyForm, fromDetail, NEW_UNION_DRAFT_KEY, type UnionForm } from './form'
import { UnionEditor } from './UnionEditor'
import { MovePicker } from './MovePicker'
import { PageRoot } from '../../../components/PageRoot'
import '../unions-admin.css'

const confirm = async (title: string, content: string, confirmText: string) =>
  (await Taro.showModal({ title, content, confirmText, cancelText: '取消' })).confirm

function UnionPage() {
  const root = useStores()
  const params = useRouter().params
  const id = Number(params.id)
  const parentId = Number(params.parentId)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后管理工会组织' />
  if (id > 0) return <Existing id={id} />
  if (parentId > 0) return <Create parentId={parentId} />
  return (
    <PageRoot className='page'>
      <ErrorMessage error='缺少工会编号，请从“工会组织”进入' />
    </PageRoot>
  )
}

export default observer(UnionPage)

// ---------- a new sub-union ----------

function Create({ parentId }: { parentId: number }) {
  const root = useStores()
  const parent = useResource(() => root.api.send(unionsApi.detail, { params: { id: parentId } }), [root, parentId])
  return <ResourceView resource={parent}>{(p) => <CreateForm parent={p} />}</ResourceView>
}

const CreateForm = observer(function CreateForm({ parent }: { parent: UnionDetail }) {
  const root = useStores()
  const uid = root.session.me?.id ?? 'anon'
  // Nothing typed is lost (device-only: the server keeps no draft of a union). One draft per user and parent.
  const draft = useMemo(() => {
    const key = `${NEW_UNION_DRAFT_KEY}${uid}.${parent.id}`
    const sync = new DraftSync<UnionForm>(emptyForm(), { storage: root.storage, key: () => key })
    sync.restore(null, emptyForm())
    return sync
  }, [root, uid, parent.id])
  useEffect(() => () => draft.dispose(), [draft])
  const kinds = UNION_CHILD_KINDS[parent.kind]

  if (parent.closedAt || kinds.length === 0) {
    return (
      <PageRoot className='page'>
        <ErrorMessage error={parent.closedAt ? `「${parent.name}」已撤销，不能在其下新建工会` : `${parent.kindLabel}下不设下级工会`} />
      </PageRoot>
    )
  }
  return (
    <PageRoot className='page union-page union-new-page'>
      <View className='notice'>
        <Text className='notice-title'>新建下级工会</Text>
        <Text>上级工会：{parent.name}（{parent.kindLabel}）</Text>
      </View>
      <UnionEditor
        value={draft.value}
        onChange={(v) => draft.update(v)}
        kinds={kinds}
        submitText='创建工会'
        save={async (body) => {
          const made = await root.api.send(unionsApi.create, { body: { parentId: parent.id, ...body } })
          draft.clear()
          toast('已创建', 'success')
          replaceWith(pages.unionsAdmin.union.url({ id: made.id }))
        }}
      />
      {draft.savedAt ? <Text className='draft-hint'>填写的内容已保存在本机，下次打开可继续</Text> : null}
    </PageRoot>
  )
})

// ---------- an existing union ----------

function Existing({ id }: { id: number }) {
  const root = useStores()
  const detail = useResource(() => root.api.send(unionsApi.detail, { params: { id } }), [root, id])
  return <ResourceView resource={detail}>{(d) => <UnionView key={d.id} d={d} onChanged={(next) => detail.set(next)} />}</ResourceView>
}

/**
 * The kinds a union may be where it sits: those allowed under its parent. The parent's kind is asked when it is in
 * my subtree; until it answers the kind stays as it is; above my subtree (my own post) the server judges.
 */
function useKindsFor(d: UnionDetail): readonly UnionKind[] {
  const root = useStores()
  const [parentKind, setParentKind] = useState<UnionKind | 'unknown' | null>(null)
  useEffect(() => {
    if (d.parentId === null) return undefined
    let live = true
    setParentKind(null)
    root.api.send(unionsApi.detail, { params: { id: d.parentId } }).then(
      (p) => live && setParentKind(p.kind),
      () => live && setParentKind('unknown'),
    )
    return () => {
      live = false
    }
  }, [root, d.parentId])
  if (d.parentId === null || parentKind === null) return [d.kind]
  const allowed = parentKind === 'unknown' ? UNION_KINDS.filter((k) => k !== 'district') : UNION_CHILD_KINDS[parentKind]
  return allowed.includes(d.kind) ? allowed : [d.kind, ...allowed]
}

type Panel = 'move' | 'close' | null

function UnionView({ d, onChanged }: { d: UnionDetail; onChanged: (d: UnionDetail) => void }) {
  const root = useStores()
  const [form, setForm] = useState<UnionForm>(() => fromDetail(d))
  const kinds = useKindsFor(d)
  const [panel, setPanel] = useState<Panel>(null)
  const [busy, setBusy] = useState<'move' | 'close' | 'reopen' | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)

  const openPanel = (p: Panel) => {
    setPanel(p)
    setActionError(null)
  }

  const move = async (to: UnionNode) => {
    if (!(await confirm('移动工会', `把「${d.name}」连同其下级工会移到「${to.name}」之下？`, '移动'))) return
    setBusy('move')
    setActionError(null)
    try {
      onChanged(await root.api.send(unionsApi.move, { params: { id: d.id }, body: { parentId: to.id } }))
      setPanel(null)
      toast('已移动', 'success')
    } catch (err) {
      setActionError(err)
    } finally {
      setBusy(null)
    }
  }

  /** Throws a refusal of the reason back to the form (shown beside it); others show as the page's action error. */
  const close = async (reason: string) => {
    if (!(await confirm('撤销工会', `撤销后「${d.name}」不再出现在入会和工作人员的工会选择中，记录仍保留，可随时恢复。`, '撤销'))) return
    setBusy('close')
    try {
      onChanged(await root.api.send(unionsApi.close, { params: { id: d.id }, body: { reason } }))
      setPanel(null)
      toast('已撤销', 'success')
    } finally {
      setBusy(null)
    }
  }

  const reopen = async () => {
    if (!(await confirm('恢复工会', `恢复后「${d.name}」重新出现在入会和工作人员的工会选择中。`, '恢复'))) return
    setBusy('reopen')
    setActionError(null)
    try {
      onChanged(await root.api.send(unionsApi.reopen, { params: { id: d.id } }))
      toast('已恢复', 'success')
    } catch (err) {
      setActionError(err)
    } finally {
      setBusy(null)
    }
  }

  // Sub-unions still open: the way to them, beside the refusal.
  const childrenOpen = hasReason(actionError, UnionReasons.UNION_HAS_OPEN_CHILDREN)

  return (
    <PageRoot className='page union-page'>
      <View className='card union-summary'>
        <View className='union-row-title'>
          <Text className='union-here-name'>{d.name}</Text>
          {d.closedAt ? <Text className='tag union-closed-tag'>已撤销</Text> : null}
        </View>
        <Row k='类型' v={d.kindLabel} />
        <Row k='上级工会' v={d.parentName ?? '无（最上级）'} className='union-parent' />
        <Row k='本级会员' v={`${d.memberCount} 人`} className='union-members' />
        {d.closedAt ? <Row k='撤销时间' v={formatDateTime(d.closedAt)} /> : null}
        <View className='list-row union-children-link' role='link' onClick={() => go(pages.unionsAdmin.tree.url({ id: d.id }))}>
          <Text>下级工会 {d.childCount} 个</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>

      <Text className='section-title'>工会信息</Text>
      <UnionEditor
        value={form}
        onChange={setForm}
        kinds={kinds}
        submitText='保存修改'
        save={async (body) => {
          const saved = await root.api.send(unionsApi.update, { params: { id: d.id }, body })
          setForm(fromDetail(saved))
          onChanged(saved)
          toast('已保存', 'success')
        }}
      />

      <Text className='section-title'>调整与撤销</Text>
      <View className='card union-actions'>
        {!d.movable ? (
          <Text className='muted union-not-movable'>这是您任职的工会{d.parentId === null ? '（最上级工会）' : ''}，只能由上级工会移动、撤销或恢复。</Text>
        ) : panel === 'move' ? (
          <MovePicker union={d} busy={busy === 'move'} onPick={(to) => void move(to)} onCancel={() => openPanel(null)} />
        ) : panel === 'close' ? (
          <ReasonForm
            name='union-close'
            label={`撤销「${d.name}」的原因（记入审计日志）`}
            hint='须先撤销或移走全部下级工会、办理全部会员转出并处理完入会申请。'
            placeholder='例如：企业已注销，会员已全部转出'
            required='请填写撤销原因（至少 2 个字）'
            confirmText='确认撤销'
            backText='取消'
            disabled={busy !== null}
            onBack={() => openPanel(null)}
            onSubmit={close}
            onError={setActionError}
          />
        ) : (
          <View className='actions-row'>
            {d.closedAt ? (
              <Button className='btn btn-primary union-reopen' loading={busy === 'reopen' || undefined} disabled={busy !== null || undefined} onClick={() => void reopen()}>
                恢复
              </Button>
            ) : (
              <>
                <Button className='btn btn-ghost union-move-btn' onClick={() => openPanel('move')}>移动到…</Button>
                <Button className='btn btn-ghost union-close-btn' onClick={() => openPanel('close')}>撤销</Button>
              </>
            )}
          </View>
        )}
        <ErrorMessage error={actionError} />
        {childrenOpen ? (
          <Button className='btn btn-ghost btn-block' onClick={() => go(pages.unionsAdmin.tree.url({ id: d.id }))}>查看下级工会</Button>
        ) : null}
      </View>
    </PageRoot>
  )
}
