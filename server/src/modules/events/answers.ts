/**
 * A registrant's answers to the organiser's questions, checked against the questions (400 ANSWERS_INVALID with a
 * message beside each `answers.<qid>`); file answers must be the registrant's own uploads of an accepted type, and
 * become referenced (the sweep of unattached uploads keeps them).
 */
import { inArray } from 'drizzle-orm'
import { ANSWER_FILE_MIMES, ANSWER_FILES_MAX } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { files } from '../../db/schema/core'
import type { EventAnswersRecord, EventQuestionRecord } from '../../db/schema/events'
import type { FileStore } from '../../files/store'
import { refuse } from '../../errors'

type AnswersIn = Record<string, string | number | string[]>

/** The answers as stored, or 400 ANSWERS_INVALID with `fields`. */
export async function validateAnswers(
  tx: Tx,
  store: FileStore,
  userId: number,
  questions: EventQuestionRecord[],
  answers: AnswersIn,
): Promise<EventAnswersRecord> {
  const fields: Record<string, string> = {}
  const out: EventAnswersRecord = {}
  const known = new Set(questions.map((q) => q.id))
  for (const key of Object.keys(answers)) if (!known.has(key)) fields[`answers.${key}`] = '没有这道题，请刷新后重试'
  const fileChecks: { key: string; ids: string[] }[] = []
  for (const q of questions) {
    const key = `answers.${q.id}`
    const v = answers[q.id]
    const empty = v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
    if (empty) {
      if (q.required) fields[key] = q.type === 'file' ? `请上传${q.label}` : `请填写${q.label}`
      continue
    }
    switch (q.type) {
      case 'short_text':
        if (typeof v !== 'string') fields[key] = '请填写文字'
        else out[q.id] = v.trim()
        break
      case 'number': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN
        if (!Number.isFinite(n)) fields[key] = '请填写数字'
        else out[q.id] = n
        break
      }
      case 'single_choice':
        if (typeof v !== 'string' || !q.options.includes(v)) fields[key] = '请从选项中选择一项'
        else out[q.id] = v
        break
      case 'multi_choice':
        if (!Array.isArray(v) || v.some((x) => !q.options.includes(x))) fields[key] = '请从选项中选择'
        else if (new Set(v).size !== v.length) fields[key] = '选项重复'
        else out[q.id] = v
        break
      case 'file':
        if (!Array.isArray(v)) fields[key] = '请上传文件'
        else if (v.length > ANSWER_FILES_MAX) fields[key] = `最多上传 ${ANSWER_FILES_MAX} 个文件`
        else if (new Set(v).size !== v.length) fields[key] = '文件重复'
        else fileChecks.push({ key, ids: v })
        if (Array.isArray(v)) out[q.id] = v
        break
    }
  }
  const allIds = fileChecks.flatMap((f) => f.ids)
  if (allIds.length > 0) {
    const rows = await tx
      .select({ id: files.id, owner: files.ownerUserId, mime: files.mime, kind: files.kind })
      .from(files)
      .where(inArray(files.id, allIds))
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const f of fileChecks) {
      for (const id of f.ids) {
        const row = byId.get(id)
        if (!row || row.owner !== userId || row.kind !== 'events.answer') {
          fields[f.key] = '文件不存在或不是您上传的，请重新上传'
          break
        }
        if (!(ANSWER_FILE_MIMES as readonly string[]).includes(row.mime)) {
          fields[f.key] = '只支持 JPG、PNG、WebP 图片或 PDF 文件'
          break
        }
      }
    }
  }
  const first = Object.values(fields)[0]
  if (first !== undefined) throw refuse(EventReasons.ANSWERS_INVALID, { first }, fields)
  await store.attach(tx, allIds) // referenced now: the sweep of unattached uploads keeps them
  return out
}
