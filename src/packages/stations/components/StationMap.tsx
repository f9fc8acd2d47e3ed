export * from './StationMap.h5'
