/**
 * 组织架构 (office console): the union tree of the admin's subtree, children loaded when a union is expanded (a
 * district may have ~2,000 unions), a name search anywhere inside, and a side panel with the chosen union's details
 * and member count — 新建下级工会 / 编辑 / 移动到… / 撤销 / 恢复 as the server allows, and 批量导入 with its dry run
 * shown as a table before anything is written. Keyboard: the tree is antd's (↑↓ to move, → / ← or Enter to open and close,
 * Space to choose).
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Checkbox, Col, Input, List, Row, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { unionsApi } from '@contract/unions/api'
import { UNION_CHILD_KINDS } from '@contract/unions/labels'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { TOP, useUnionTree } from './useUnionTree'
import { UnionPanel } from './UnionPanel'
import { UnionFormModal, type UnionFormTarget } from './UnionFormModal'
import { UnionImportModal } from './UnionImportModal'

const leaf = (u: UnionNode) => UNION_CHILD_KINDS[u.kind].length === 0 && u.childCount === 0

export default function UnionsPage() {
  const { api } = useConsole()
  const tree = useUnionTree()
  const [selected, setSelected] = useState<number | null>(null)
  const [expanded, setExpanded] = useState<number[]>([])
  const [version, setVersion] = useState(0)
  const [form, setForm] = useState<UnionFormTarget | null>(null)
  const [importing, setImporting] = useState(false)
  const [q, setQ] = useState('')
  const [found, setFound] = useState<{ q: string; items: UnionNode[]; error: string | null } | null>(null)

  const treeData = useMemo(() => {
    const build = (parentId: number): TreeDataNode[] =>
      (tree.children.get(parentId) ?? []).flatMap((id) => {
        const u = tree.nodes.get(id)
        if (!u) return []
        return [{
          key: u.id,
          title: (
            <span data-name={u.name}>
              {u.name}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{u.kindLabel}</Typography.Text>
              {u.closedAt && <Tag style={{ marginInlineStart: 8 }}>已撤销</Tag>}
            </span>
          ),
          isLeaf: leaf(u),
          children: tree.children.has(u.id) ? build(u.id) : undefined,
        }]
      })
    return build(TOP)
  }, [tree.children, tree.nodes])

  const search = async (text: string) => {
    const t = text.trim()
    setQ(text)
    if (!t) return setFound(null)
    try {
      const r = await api.send(unionsApi.list, { query: { q: t, limit: 50, includeClosed: tree.includeClosed ? 'true' : undefined } })
      setFound({ q: t, items: r.items, error: null })
    } catch (err) {
      setFound({ q: t, items: [], error: isApiError(err) ? err.message : '搜索失败' })
    }
  }

  /** After a save: the union's row again, and its parent's children (a new union, a move, a rename that re-sorts). */
  const refreshAround = async (u: UnionDetail, before?: UnionDetail) => {
    tree.put(u)
    const now = u.parentId ?? TOP
    const was = before?.parentId ?? TOP
    await tree.loadChildren(now)
    if (was !== now && tree.children.has(was)) await tree.loadChildren(was)
    if (u.parentId !== null) setExpanded((e) => (e.includes(u.parentId!) ? e : [...e, u.parentId!]))
    setVersion((v) => v + 1)
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>组织架构</Typography.Title>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>批量导入</Button>
      </Space>
      <Row gutter={16} wrap={false}>
        <Col flex="420px">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.Search aria-label="按名称搜索工会" placeholder="按名称搜索工会" allowClear value={q} onChange={(e) => (e.target.value ? setQ(e.target.value) : void search(''))} onSearch={(v) => void search(v)} />
            <Checkbox checked={tree.includeClosed} onChange={(e) => tree.setIncludeClosed(e.target.checked)}>显示已撤销的工会</Checkbox>
            {tree.error && <Alert type="error" showIcon title={tree.error} action={<Button size="small" onClick={tree.reload}>重试</Button>} />}
            {found ? (
              found.error ? (
                <Alert type="error" showIcon title={found.error} />
              ) : (
                <List
                  aria-label="搜索结果"
                  bordered
                  size="small"
                  header={<Space>搜索“{found.q}”：{found.items.length} 个<Button type="link" size="small" onClick={() => void search('')}>返回组织树</Button></Space>}
                  locale={{ emptyText: '没有找到该工会' }}
                  dataSource={found.items}
                  renderItem={(u) => (
                    <List.Item>
                      <Button type="link" onClick={() => setSelected(u.id)} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}>
                        {u.name}
                      </Button>
                      <Typography.Text type="secondary">{u.parentName ?? u.kindLabel}</Typography.Text>
                    </List.Item>
                  )}
                />
              )
            ) : !tree.children.has(TOP) && !tree.error ? (
              <Typography.Text type="secondary">加载中…</Typography.Text>
            ) : treeData.length === 0 ? (
              <Typography.Text type="secondary">您管辖的范围内还没有工会，可以“批量导入”。</Typography.Text>
            ) : (
              <nav aria-label="工会组织树" className="union-tree">
                <Tree
                  blockNode
                  showLine
                  treeData={treeData}
                  height={560}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys as number[])}
                  selectedKeys={selected === null ? [] : [selected]}
                  onSelect={(keys) => keys.length && setSelected(Number(keys[0]))}
                  loadData={async (node) => {
                    if (!tree.children.has(Number(node.key))) await tree.loadChildren(Number(node.key))
                  }}
                />
              </nav>
            )}
          </Space>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <UnionPanel
            id={selected}
            version={version}
            actions={{
              onCreateChild: (parent) => setForm({ mode: 'create', parent }),
              onEdit: (union) => setForm({ mode: 'edit', union }),
              onChanged: (u, before) => void refreshAround(u, before),
            }}
          />
        </Col>
      </Row>
      <UnionFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(u) => {
          setForm(null)
          setSelected(u.id)
          void refreshAround(u)
        }}
      />
      <UnionImportModal open={importing} onClose={() => setImporting(false)} onImported={tree.reload} />
    </>
  )
}
