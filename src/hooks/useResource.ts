/**
 * A Resource for a page: loaded when the page shows (and when `deps` change), optionally refreshed every `pollMs`
 * while the page is visible (paused when it is hidden). Render it with <ResourceView>.
 *
 *   const stats = useResource(() => root.api.send(vouchersApi.campaignStats, { params: { id } }), [id], { pollMs: 3000 })
 */
import { useEffect, useMemo, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Resource } from '../stores/Resource'

export function useResource<T>(
  fetcher: () => Promise<T>,
  deps: readonly unknown[],
  options: { pollMs?: number; isEmpty?: (data: T) => boolean } = {},
): Resource<T> {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the resource is rebuilt when the caller's deps change
  const resource = useMemo(() => new Resource(fetcher, options.isEmpty), deps)
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!visible) return undefined
    void resource.load()
    if (!options.pollMs) return undefined
    const t = setInterval(() => void resource.reload(), options.pollMs)
    return () => clearInterval(t)
  }, [resource, visible, options.pollMs])

  return resource
}
