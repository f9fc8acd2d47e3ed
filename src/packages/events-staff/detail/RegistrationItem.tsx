import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { AnswerFile, AnsweredQuestion, ManagedRegistration } from '@contract/events/schemas'
import { documents } from '../../../platform/document'
import { toast } from '../../../platform/ui'
import { formatDateTime } from '../../../utils/date'
import { StatusBadge } from '../../events/shared'
import { hoursText } from '../stores/volunteer'

function answerText(a: AnsweredQuestion): string {
  if (a.value === null || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)) return '未填写'
  return Array.isArray(a.value) ? a.value.join('、') : String(a.value)
}

/** Files open through the server's short-lived signed links: photos in the viewer, PDFs in the document viewer. */
async function openFile(f: AnswerFile, all: AnswerFile[]): Promise<void> {
  if (f.mime.startsWith('image/')) {
    const urls = all.filter((x) => x.mime.startsWith('image/')).map((x) => x.url)
    await Taro.previewImage({ current: f.url, urls }).catch(() => toast('无法打开图片，请刷新后重试'))
    return
  }
  const r = await documents.open({ url: f.url, headers: {}, fileName: `附件-${f.id}.pdf`, fileType: 'pdf' })
  if (!r.ok) toast(r.message)
}

interface ItemProps {
  r: ManagedRegistration
  selected: boolean
  onToggle?: () => void
  /** Manual check-in (a member without a phone, ID checked at the door); only while check-in is open. */
  onCheckin?: () => void
  /** 志愿服务: the hours recorded (or 服务中 until checked out). */
  volunteer?: boolean
  /** 志愿服务: check out from the list (no phone at hand); only for a volunteer checked in and not yet out. */
  onCheckout?: () => void
}

/** One registration as the organiser reviews it: who, the answers (files open through signed links), the team. */
export const RegistrationItem = ({ r, selected, onToggle, onCheckin, volunteer, onCheckout }: ItemProps) => (
  <View className='card manage-reg-item' data-id={r.id} data-status={r.status}>
    <View className='reg-item-head'>
      <View className='check-row' onClick={onToggle}>
        {onToggle ? (
          <View className='select-box' role='checkbox' aria-checked={selected} ariaLabel={`选择 ${r.name}`} data-checked={selected ? 'true' : 'false'}>
            {selected ? '✓' : ''}
          </View>
        ) : null}
        <Text className='reg-name'>{r.name}</Text>
      </View>
      {r.team && !r.team.complete && r.status === 'pending' ? (
        <Text className='reg-status team-incomplete' data-status='forming'>
          未组满 {r.team.size}/{r.team.minSize}
        </Text>
      ) : (
        <StatusBadge status={r.status} position={r.waitlistPosition} />
      )}
    </View>
    <Text className='answer-line'>
      会员编号 {r.memberNo} · {EMPLOYMENT_TYPES[r.employmentType]} · {r.orgName}
    </Text>
    <Text className='answer-line'>报名于 {formatDateTime(r.createdAt)}</Text>
    {r.checkedInAt ? <Text className='answer-line'>签到于 {formatDateTime(r.checkedInAt)}</Text> : null}
    {volunteer && r.checkedOutAt ? (
      <Text className='answer-line volunteer-hours'>
        签退于 {formatDateTime(r.checkedOutAt)} · 服务时长 {hoursText(r.minutes ?? 0)}
      </Text>
    ) : volunteer && r.checkedInAt ? (
      <Text className='answer-line volunteer-hours' data-state='serving'>服务中，尚未签退</Text>
    ) : null}
    {r.team ? (
      <Text className='answer-line reg-team'>
        队伍「{r.team.name}」（{r.team.size} 人，每队 {r.team.minSize}–{r.team.maxSize} 人）：
        {r.team.members.map((m) => `${m.name}（${m.memberNo}）${m.captain ? '队长' : ''}`).join('、')}
      </Text>
    ) : null}
    {r.answers.map((a) => (
      <View key={a.questionId} className='reg-answer' data-question={a.questionId}>
        <Text className='answer-line'>
          {a.label}：{a.type === 'file' ? (a.files.length ? `${a.files.length} 个文件` : '未上传') : answerText(a)}
        </Text>
        {a.files.length ? (
          <View className='uploader-files'>
            {a.files.map((f) => (
              <View key={f.id} className='uploader-file answer-file' data-mime={f.mime} onClick={() => void openFile(f, a.files)}>
                {f.mime.startsWith('image/') ? <Image className='file-thumb' src={f.url} mode='aspectFill' ariaLabel={`${r.name}上传的图片`} nativeProps={{ alt: `${r.name}上传的图片` }} /> : <Text>📄 PDF 文件</Text>}
              </View>
            ))}
          </View>
        ) : null}
      </View>
    ))}
    {r.rejectReason ? <Text className='answer-line'>不通过原因：{r.rejectReason}</Text> : null}
    {onCheckin ? (
      <Button className='btn btn-plain btn-small manual-checkin-btn' onClick={onCheckin}>
        未带手机：核对证件后签到
      </Button>
    ) : null}
    {onCheckout ? (
      <Button className='btn btn-plain manual-checkout-btn' aria-label={`为 ${r.name} 签退`} onClick={onCheckout}>
        未带手机：签退
      </Button>
    ) : null}
  </View>
)
