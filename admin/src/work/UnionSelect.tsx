/**
 * The queues' 所属工会 filter (each union covers its subtree). Admins pick any union of their subtree (the staff
 * module's union list, searched by name on the server); other staff pick among the unions of their posts. The
 * server refuses a union outside the post, so nothing else is offered.
 */
import { useEffect, useState } from 'react'
import { Select } from 'antd'
import type { Role } from '@contract/auth/schemas'
import { staffApi } from '@contract/staff/api'
import { useConsole, useSessionState } from '../console'

interface Option {
  value: number
  label: string
}

export function UnionSelect({
  roles,
  value,
  onChange,
  label = '所属工会',
  id,
  status,
}: {
  roles: readonly Role[]
  value: number | undefined
  onChange: (v: number | undefined) => void
  /** Its accessible name and placeholder (a form's 发布工会); 所属工会 as a filter. */
  label?: string
  id?: string
  status?: 'error'
}) {
  const { api } = useConsole()
  const { user } = useSessionState()
  const grants = (user?.roles ?? []).filter((g) => roles.includes(g.role))
  const isAdmin = grants.some((g) => g.role === 'admin')
  const posts: Option[] = [...new Map(grants.map((g) => [g.orgId, { value: g.orgId, label: g.orgName }])).values()]
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Option[] | null>(null)

  useEffect(() => {
    if (!isAdmin) return
    let live = true
    const t = setTimeout(() => {
      api
        .send(staffApi.unions, { query: { q: q || undefined, limit: 100 } })
        .then((r) => live && setFound(r.items.map((u) => ({ value: u.id, label: u.parentName ? `${u.name}（${u.parentName}）` : u.name }))))
        .catch(() => live && setFound(null))
    }, q ? 300 : 0)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [api, isAdmin, q])

  const options = found ?? posts
  if (!isAdmin && posts.length < 2) return null
  return (
    <Select
      aria-label={label}
      id={id}
      status={status}
      allowClear
      showSearch={isAdmin ? { filterOption: false, onSearch: setQ } : { optionFilterProp: 'label' }}
      placeholder={label}
      style={{ width: 240 }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={options}
    />
  )
}
