/**
 * What the events staff pages (src/packages/events-staff) use of the member package — the only file they import
 * from it. Re-exports only; the staff pages draw the same badges, QR box and ranking cards, so their styles come
 * with it.
 */
import './events.css'

export { eventSpan } from './format'
export { RankingCard, StatusBadge } from './components/bits'
export { parseNumber } from './stores/RegistrationForm'
