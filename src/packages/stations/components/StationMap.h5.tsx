/** H5: no map (the list is the map); weapp draws one (StationMap.weapp.tsx). */
import type { StationSummary } from '@contract/stations/schemas'

export function StationMap(_props: { items: readonly StationSummary[]; center: { lat: number; lng: number } | null; onPick: (id: number) => void }) {
  return null
}
