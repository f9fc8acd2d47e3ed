/**
 * The 组织架构 page's small forms checked with the contract's own zod schemas at runtime (the same Chinese messages as
 * the mini-program's): 撤销's reason, 移动到's new parent. The union's fields go through the mini-program's form step
 * (packages/unions-admin/union/form.ts), which does the same with UnionFields.
 */
import { CloseUnionBody, MoveUnionBody } from '@contract/unions/schemas'

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string }

export function checkCloseReason(reason: string): Checked<string> {
  const r = CloseUnionBody.safeParse({ reason })
  return r.success ? { ok: true, value: r.data.reason } : { ok: false, message: r.error.issues[0].message }
}

export function checkMoveParent(parentId: number | undefined): Checked<number> {
  const r = MoveUnionBody.safeParse({ parentId })
  return r.success ? { ok: true, value: r.data.parentId } : { ok: false, message: r.error.issues[0].message }
}
