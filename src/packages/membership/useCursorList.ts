/** Moved to the app's one paging helper (src/hooks/useCursorList.ts, on stores/PagedList): kept as a re-export. */
export { useCursorList, type CursorList, type CursorPage } from '../../hooks/useCursorList'
