/**
 * A relief case for its reviewer (初审 / 复核 / 公示 / 发放), one section per file: the case (CaseInfo), 入户走访,
 * 公示异议, 登记发放, the timeline and the decision (ReviewActions). Loaded once through useResource; every action
 * shows the case the server sends back.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import type { ReviewDetail } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ResourceView } from '../../../components/ResourceView'
import { Timeline } from '../../../components/Timeline'
import { useResource } from '../../../hooks/useResource'
import type { Resource } from '../../../stores/Resource'
import { CaseDocuments, CaseFields, CaseSummary } from './CaseInfo'
import { HomeVisit } from './HomeVisit'
import { Objections } from './Objections'
import { Payout } from './Payout'
import { ReviewActions } from './ReviewActions'
import { PageRoot } from '../../../components/PageRoot'
import './relief-staff.css'

function Case({ d, resource }: { d: ReviewDetail; resource: Resource<ReviewDetail> }) {
  return (
    <PageRoot className='page relief-review-detail-page'>
      <CaseSummary d={d} />
      <CaseFields d={d} />
      <CaseDocuments d={d} />
      <HomeVisit d={d} resource={resource} />
      <Objections d={d} onAnswered={() => void resource.reload()} />
      <Payout d={d} resource={resource} />

      <Text className='section-title'>办理记录</Text>
      <View className='card'>
        <Timeline items={[...d.timeline].reverse()} />
      </View>

      <ReviewActions d={d} resource={resource} />
    </PageRoot>
  )
}

function CaseView({ id }: { id: number }) {
  const root = useStores()
  const resource = useResource(() => root.api.send(reliefApi.reviewDetail, { params: { id } }), [root, id])
  return <ResourceView resource={resource}>{(d) => <Case d={d} resource={resource} />}</ResourceView>
}

export default function ReliefReviewDetailPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) {
    return (
      <PageRoot className='page'>
        <ErrorMessage error='缺少申请编号，请从审核列表进入' />
      </PageRoot>
    )
  }
  return <CaseView id={id} />
}
