/** 爱心驿站's services, one per use case, built once by the app's container (`app.services.stations`). */
import type { AppDeps } from '../../http/deps'
import { StationPublicService } from './listing'
import { StationKeeperService } from './keeping'
import { StationAdminService } from './manage'
import { StationImport } from './import'

export interface StationServices {
  /** Anyone: the nearest-first list, areas, a station's page, 打卡. */
  stations: StationPublicService
  /** Reports (logged in) and the keeper's status and resolutions. */
  keeper: StationKeeperService
  /** Admins: list with usage, create, update. */
  admin: StationAdminService
  /** Admins: .xlsx / .csv import, dry run and all-or-nothing commit. */
  imports: StationImport
}

export function stationServices(deps: AppDeps): StationServices {
  return { stations: new StationPublicService(deps), keeper: new StationKeeperService(deps), admin: new StationAdminService(deps), imports: new StationImport(deps) }
}
