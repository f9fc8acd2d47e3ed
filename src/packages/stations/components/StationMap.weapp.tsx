/**
 * weapp: WeChat's <map> with a marker per station (tap → the station); the list stays below it. Markers cluster
 * when many crowd together (initMarkerCluster, every marker joinCluster): a tap on a cluster zooms into it.
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Map } from '@tarojs/components'
import type { StationSummary } from '@contract/stations/schemas'

const MAP_ID = 'station-map'

export function StationMap({ items, center, onPick }: { items: readonly StationSummary[]; center: { lat: number; lng: number } | null; onPick: (id: number) => void }) {
  const shown = center !== null
  useEffect(() => {
    if (!shown) return
    try {
      Taro.createMapContext(MAP_ID).initMarkerCluster({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60, complete: () => undefined })
    } catch {
      // an old WeChat without clustering shows every marker, which still works
    }
  }, [shown])
  if (!center) return null
  const markers = items.map((s) => ({
    id: s.id,
    latitude: s.lat,
    longitude: s.lng,
    title: s.name,
    width: 28,
    height: 36,
    iconPath: '',
    joinCluster: true,
    callout: { content: s.name, display: 'BYCLICK', padding: 6, borderRadius: 6, color: '#333333', fontSize: 12, bgColor: '#ffffff' },
  }))
  return (
    <Map
      id={MAP_ID}
      className='station-map'
      latitude={center.lat}
      longitude={center.lng}
      scale={15}
      showLocation
      markers={markers as never}
      onMarkerTap={(e) => onPick(Number((e.detail as { markerId?: number }).markerId))}
      onError={() => undefined}
      onCalloutTap={(e) => onPick(Number((e.detail as { markerId?: number }).markerId))}
    />
  )
}
