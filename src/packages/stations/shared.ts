/** The face of the stations package (what stations-staff may use). */
export { distanceText, liveStatusText, confirmedText } from './format'
