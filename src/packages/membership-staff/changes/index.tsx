/**
 * 退会与信息更正 (issue 19): the reviewer's two queues of the unions they review — 退会 requests to confirm (else they
 * complete by themselves after the working days) and 更正 requests of a member's verified name / phone to approve or
 * refuse with a reason. Each queue loads, says when it is empty and what happens next, and is reloaded after a
 * decision; the member is told of every decision by the server.
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { privacyApi } from '@contract/privacy/api'
import { DEPARTURE_AUTO_WORKING_DAYS } from '@contract/privacy/labels'
import { useStores } from '../../../stores/context'
import { useResource } from '../../../hooks/useResource'
import { ResourceView } from '../../../components/ResourceView'
import { EmptyState } from '../../../components/EmptyState'
import { DepartureItem } from './DepartureItem'
import { CorrectionItem } from './CorrectionItem'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

function ChangesPage() {
  const root = useStores()
  const departures = useResource(() => root.api.send(privacyApi.departures), [root], { isEmpty: (d) => d.items.length === 0 })
  const corrections = useResource(() => root.api.send(privacyApi.corrections), [root], { isEmpty: (d) => d.items.length === 0 })
  const [done, setDone] = useState<string | null>(null)
  const after = (text: string) => {
    setDone(text)
    void departures.reload()
    void corrections.reload()
  }

  return (
    <PageRoot className='page changes-page'>
      {done ? (
        <View className='card changes-done' role='status'>
          <Text>{done}</Text>
        </View>
      ) : null}

      <Text className='section-title'>信息更正</Text>
      <ResourceView
        resource={corrections}
        inline
        empty={
          <View className='card corrections-empty'>
            <EmptyState title='暂无待审核的更正申请' hint='会员在“账号与安全”中申请更正姓名或手机号后会出现在这里' actionText='刷新' onAction={() => void corrections.reload()} />
          </View>
        }
      >
        {(d) => d.items.map((c) => <CorrectionItem key={c.id} c={c} api={root.api} onDone={after} />)}
      </ResourceView>

      <Text className='section-title'>退会申请</Text>
      <ResourceView
        resource={departures}
        inline
        empty={
          <View className='card departures-empty'>
            <EmptyState title='暂无待确认的退会申请' hint={`未确认的退会申请会在提交后 ${DEPARTURE_AUTO_WORKING_DAYS} 个工作日自动生效`} actionText='刷新' onAction={() => void departures.reload()} />
          </View>
        }
      >
        {(d) => d.items.map((x) => <DepartureItem key={x.id} d={x} api={root.api} onDone={after} />)}
      </ResourceView>
    </PageRoot>
  )
}

export default observer(ChangesPage)
