/**
 * The data of a page that needs a signed-in member: loaded as soon as the session is signed in (also when the member
 * signs in on this page), and read again each time the page shows (back from another page) once it has loaded.
 *
 *   useSignedInLoad(authed, store.loaded, () => store.load())
 *
 * The page's store (or list) lives as long as the page, so a new `load` callback on a re-render does not load again.
 */
import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

export function useSignedInLoad(authed: boolean, loaded: boolean, load: () => Promise<unknown>): void {
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    if (authed) void latest.current()
  }, [authed])
  useDidShow(() => {
    if (authed && loaded) void latest.current()
  })
}
