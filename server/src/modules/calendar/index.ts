/** Calendar: China's working days (statutory holidays and make-up working days), for review deadlines. */
export { addWorkingDays, overdueCutoff, workingDaysBetween } from './workdays'
