/**
 * What the membership staff pages (src/packages/membership-staff/) use of the membership package: only through this
 * file, never its internals.
 */
export { useCursorList, type CursorList, type CursorPage } from './useCursorList'
