import { observer } from 'mobx-react-lite'
import { View, type ViewProps } from '@tarojs/components'
import { useStores } from '../stores/context'
import { careModeClass } from '../utils/a11y'

/**
 * The root view of a subpackage page: its classes plus `care-mode` while 关怀模式 is on (issue 18), so the page
 * enlarges in WeChat too, where no app-wide root element carries the class. Subpackage pages only: imported by a
 * main-package page it would land in the main package (budget 480 KB); those pages call careModeClass themselves.
 */
export const PageRoot = observer(function PageRoot(props: ViewProps) {
  const { session } = useStores()
  // Spread, then override (no rest destructuring: its Babel helper would be copied into every subpackage).
  return <View {...props} className={careModeClass(props.className ?? 'page', session)} />
})
