/**
 * The states of a loaded thing, drawn the same way everywhere: loading (first load), the error with 重试 (nothing to
 * show yet), the empty state that says what to do, or the content — with a failed refresh shown above content the
 * page still has.
 */
import type { ReactNode } from 'react'
import { observer } from 'mobx-react-lite'
import { View } from '@tarojs/components'
import type { Resource } from '../stores/Resource'
import { Loading } from './Loading'
import { ErrorMessage } from './ErrorMessage'

interface Props<T> {
  resource: Resource<T>
  /** What to show when loaded and empty (an <EmptyState> that says what to do). */
  empty?: ReactNode
  /** Drawn inside a section of a page (a list under a heading, a picker in a card): the error without a page around it. */
  inline?: boolean
  children: (data: T) => ReactNode
}

function ResourceViewInner<T>({ resource, empty, inline, children }: Props<T>) {
  const { data, error } = resource
  if (data === null) {
    if (error && inline) return <ErrorMessage error={error} onRetry={() => void resource.reload()} />
    return error ? (
      <View className='page'>
        <ErrorMessage error={error} onRetry={() => void resource.reload()} />
      </View>
    ) : (
      <Loading />
    )
  }
  return (
    <>
      {error ? <ErrorMessage error={error} onRetry={() => void resource.reload()} /> : null}
      {resource.empty && empty !== undefined ? empty : children(data)}
    </>
  )
}

export const ResourceView = observer(ResourceViewInner) as <T>(props: Props<T>) => ReturnType<typeof ResourceViewInner>
