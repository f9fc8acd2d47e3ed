/**
 * The report of a spreadsheet import (contract/imports.ts: 会员台账, 工会组织), drawn the same way for each: the file,
 * the server's one-sentence summary, the counts, and every problem by row and column — the first 50 at once, the
 * rest behind 显示全部 (a file can have a thousand). Styles: `.import-*` in src/styles/staff.css.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ImportReport } from '@contract/imports'

const FIRST_PROBLEMS = 50

export function ImportReportView({ report }: { report: ImportReport }) {
  const [all, setAll] = useState(false)
  const shown = all ? report.problems : report.problems.slice(0, FIRST_PROBLEMS)
  const c = report.counts
  return (
    <View className={`card import-report ${report.committed ? 'import-committed' : ''}`}>
      <Text className='import-file'>{report.fileName}</Text>
      <Text className='import-summary'>{report.summary}</Text>
      <View className='import-counts'>
        <Text>共 {c.total} 行</Text>
        <Text>新增 {c.new}</Text>
        <Text>更新 {c.updated}</Text>
        <Text>无变化 {c.unchanged}</Text>
        <Text className={c.rejected ? 'import-rejected' : ''}>有问题 {c.rejected}</Text>
      </View>
      {shown.length ? (
        <View className='import-problems' aria-label='有问题的行'>
          {shown.map((p, i) => (
            <View key={`${p.row}-${p.column ?? ''}-${i}`} className='import-problem'>
              <Text className='import-problem-where'>第 {p.row} 行{p.column ? ` · ${p.column}` : ''}</Text>
              <Text>{p.message}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {!all && report.problems.length > FIRST_PROBLEMS ? (
        <View className='load-more' role='button' onClick={() => setAll(true)}>显示全部 {report.problems.length} 条问题</View>
      ) : null}
      {report.problemsTruncated ? <Text className='muted'>问题过多，只列出前 {report.problems.length} 条；请先修正后再检查。</Text> : null}
    </View>
  )
}
