/** 列设置: which columns of a console table are shown (remembered per table in localStorage). */
import { useState } from 'react'
import { Button, Checkbox, Popover } from 'antd'
import { SettingOutlined } from '@ant-design/icons'

export interface Choosable {
  key: string
  title: string
}

function remembered(tableKey: string, all: string[]): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(`console.columns.${tableKey}`) ?? 'null') as unknown
    if (Array.isArray(v)) return all.filter((k) => v.includes(k))
  } catch {
    // default below
  }
  return all
}

export function useColumnChoice<C extends Choosable>(tableKey: string, columns: C[]): { visible: C[]; chooser: React.ReactNode } {
  const all = columns.map((c) => c.key)
  const [shown, setShown] = useState<string[]>(() => remembered(tableKey, all))
  const change = (next: string[]) => {
    setShown(next)
    try {
      localStorage.setItem(`console.columns.${tableKey}`, JSON.stringify(next))
    } catch {
      // not remembered
    }
  }
  const chooser = (
    <Popover
      trigger="click"
      title="显示的列"
      content={<Checkbox.Group style={{ display: 'grid', gap: 4 }} value={shown} onChange={(v) => change(v as string[])} options={columns.map((c) => ({ value: c.key, label: c.title }))} />}
    >
      <Button icon={<SettingOutlined />}>列设置</Button>
    </Popover>
  )
  return { visible: columns.filter((c) => shown.includes(c.key)), chooser }
}
