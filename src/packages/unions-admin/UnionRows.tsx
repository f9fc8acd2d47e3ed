/** The pieces of a browsed tree both 工会组织 and the 移动到… picker draw: the breadcrumb and the search box. */
import { Input, Text, View } from '@tarojs/components'
import type { UnionNode } from '@contract/unions/schemas'

export const TOP_LABEL = '我管理的工会'

export function Breadcrumb({ trail, onUp }: { trail: UnionNode[]; onUp: (depth: number) => void }) {
  const crumbs = [{ id: 0, name: TOP_LABEL }, ...trail]
  return (
    <View className='union-crumbs' role='navigation' aria-label='所在位置'>
      {crumbs.map((c, i) => {
        const last = i === crumbs.length - 1
        return (
          <View key={c.id} className='union-crumb-wrap'>
            {i > 0 ? <Text className='union-crumb-sep' aria-hidden>›</Text> : null}
            {last ? (
              <Text className='union-crumb union-crumb-current' aria-current='location'>{c.name}</Text>
            ) : (
              <View className='union-crumb union-crumb-link' role='link' aria-label={`返回${c.name}`} onClick={() => onUp(i)}>
                {c.name}
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}

export function SearchBox({ value, onChange, placeholder = '搜索工会名称（我管理的范围内）' }: { value: string; onChange: (q: string) => void; placeholder?: string }) {
  return (
    <View className='union-search'>
      <Input className='form-input union-search-input' value={value} placeholder={placeholder} aria-label='搜索工会名称' confirmType='search' onInput={(e) => onChange(e.detail.value)} />
      {value ? (
        <View className='union-search-clear' role='button' aria-label='清除搜索' onClick={() => onChange('')}>
          ✕
        </View>
      ) : null}
    </View>
  )
}
