/** 爱心驿站: parse, call the use case, reply (who may call: server/src/access.ts). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { stationsApi } from '@contract/stations/api'
import * as schemas from '@contract/stations/schemas'
import { REPORT_PHOTO_MAX_BYTES, STATION_IMPORT_MAX_BYTES, STATION_PHOTO_MAX_BYTES } from '@contract/stations/labels'
import { StationReasons } from '@contract/stations/reasons'
import { route } from '../../http/route'
import { readUpload, readUploadedFile } from '../../http/upload'
import { refuse } from '../../errors'
import { sniffImage } from '../../files/sniff'

const stationFile = (request: FastifyRequest) =>
  readUpload(request, STATION_IMPORT_MAX_BYTES, {
    notMultipart: StationReasons.STATION_IMPORT_NOT_MULTIPART,
    missing: StationReasons.STATION_IMPORT_FILE_MISSING,
    empty: StationReasons.STATION_IMPORT_FILE_EMPTY,
    tooLarge: StationReasons.STATION_IMPORT_FILE_TOO_LARGE,
  })

/** A photo's bytes from the multipart part `file`, judged by its bytes (JPG / PNG / WebP), at most `max`. */
async function photoOf(request: FastifyRequest, max: number): Promise<{ mime: string; bytes: Uint8Array }> {
  const bytes = await readUploadedFile(request, max, {
    notMultipart: StationReasons.UPLOAD_NOT_MULTIPART,
    missing: StationReasons.UPLOAD_FILE_MISSING,
    empty: StationReasons.UPLOAD_FILE_EMPTY,
    tooLarge: StationReasons.UPLOAD_FILE_TOO_LARGE,
  })
  const mime = sniffImage(bytes)
  if (!mime) throw refuse(StationReasons.UPLOAD_FILE_TYPE)
  return { mime, bytes }
}

export const stationRoutes: FastifyPluginAsync = async (app) => {
  const { stations, keeper, admin, imports } = app.services.stations
  const sheet = { auth: 'required', bodyLimit: STATION_IMPORT_MAX_BYTES + 256 * 1024, rateLimit: { max: 20 } } as const
  const open = { auth: 'none' } as const
  const signedIn = { auth: 'required' } as const
  /** Anonymous calls carry no session; a valid token (signature and expiry) attributes a view or 打卡. */
  const viewer = (request: Parameters<typeof app.deps.sessions.tokenUser>[0]) => app.deps.sessions.tokenUser(request)?.userId ?? null

  route(app, stationsApi.list, schemas.list, open, async ({ query }) => stations.list(query))
  route(app, stationsApi.areas, schemas.areas, open, async () => stations.areas())
  route(app, stationsApi.detail, schemas.detail, open, async ({ params, request }) => stations.detail(params.id, viewer(request)))
  route(app, stationsApi.checkin, schemas.checkin, { auth: 'none', rateLimit: { max: 10 } }, async ({ params, request }) =>
    stations.checkin(params.id, viewer(request)),
  )

  route(
    app,
    stationsApi.upload,
    schemas.upload,
    { auth: 'required', bodyLimit: REPORT_PHOTO_MAX_BYTES + 256 * 1024, rateLimit: { max: 20 } },
    async ({ user, request }) => keeper.upload(user, await photoOf(request, REPORT_PHOTO_MAX_BYTES)),
  )
  route(app, stationsApi.report, schemas.report, { auth: 'required', rateLimit: { max: 10 } }, async ({ user, params, body }) =>
    keeper.report(user, params.id, body),
  )

  route(app, stationsApi.keeping, schemas.keeping, signedIn, async ({ user }) => keeper.keeping(user))
  route(app, stationsApi.setStatus, schemas.setStatus, signedIn, async ({ user, params, body }) => keeper.setStatus(user, params.id, body.status))
  route(app, stationsApi.reports, schemas.reports, signedIn, async ({ params, query }) => keeper.reports(params.id, query))
  route(app, stationsApi.resolve, schemas.resolve, signedIn, async ({ user, params, body }) => keeper.resolve(user, params.id, body.note))

  route(app, stationsApi.manage, schemas.manage, signedIn, async ({ user, query }) => admin.list(user, query))
  route(app, stationsApi.create, schemas.create, signedIn, async ({ user, body }) => admin.create(user, body))
  route(app, stationsApi.update, schemas.update, signedIn, async ({ user, params, body }) => admin.update(user, params.id, body))
  route(
    app,
    stationsApi.photoUpload,
    schemas.photoUpload,
    { auth: 'required', bodyLimit: STATION_PHOTO_MAX_BYTES + 256 * 1024, rateLimit: { max: 30 } },
    async ({ user, request }) => admin.uploadPhoto(user, await photoOf(request, STATION_PHOTO_MAX_BYTES)),
  )
  route(app, stationsApi.importDryRun, schemas.importDryRun, sheet, async ({ user, request }) => imports.dryRun(user, await stationFile(request)))
  route(app, stationsApi.importCommit, schemas.importCommit, sheet, async ({ user, request }) => imports.commit(user, await stationFile(request)))
}
