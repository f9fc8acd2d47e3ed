/** The roster file: its columns, limits and refusals for the shared spreadsheet reader (files/sheet.ts). */
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, ROSTER_OPTIONAL_COLUMNS, type RosterColumn } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import { readSheet, type RawCell, type SheetRow, type SheetSpec } from '../../files/sheet'

export type { RawCell }
export type RawRow = SheetRow<RosterColumn>

const ROSTER_SHEET: SheetSpec<RosterColumn> = {
  columns: ROSTER_COLUMNS,
  optional: ROSTER_OPTIONAL_COLUMNS,
  maxRows: ROSTER_MAX_ROWS,
  refusals: {
    fileType: RosterReasons.ROSTER_FILE_TYPE,
    unreadable: RosterReasons.ROSTER_FILE_UNREADABLE,
    noRows: RosterReasons.ROSTER_NO_ROWS,
    columnsMissing: RosterReasons.ROSTER_COLUMNS_MISSING,
    tooManyRows: RosterReasons.ROSTER_TOO_MANY_ROWS,
  },
}

export const readRosterFile = (bytes: Buffer): Promise<RawRow[]> => readSheet(bytes, ROSTER_SHEET)
