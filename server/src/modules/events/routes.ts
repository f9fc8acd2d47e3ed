/** 活动报名: parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { eventsApi } from '@contract/events/api'
import * as schemas from '@contract/events/schemas'
import { ANSWER_FILE_MAX_BYTES } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import { route } from '../../http/route'
import { readUploadedFile } from '../../http/upload'
import { refuse } from '../../errors'
import { sniffDocument } from '../../files/sniff'
import { XLSX_MIME } from './spreadsheet'

export const eventRoutes: FastifyPluginAsync = async (app) => {
  const service = app.services.events
  const teams = app.services.teams

  // ---------- members ----------

  route(app, eventsApi.list, schemas.list, { auth: 'required' }, async ({ user, query }) => service.list(user, query))

  route(app, eventsApi.detail, schemas.detail, { auth: 'required' }, async ({ user, params }) => service.detail(user, params.id))

  route(
    app,
    eventsApi.upload,
    schemas.upload,
    { auth: 'required', bodyLimit: ANSWER_FILE_MAX_BYTES + 256 * 1024, rateLimit: { max: 30 } },
    async ({ user, request }) => {
      const bytes = await readUploadedFile(request, ANSWER_FILE_MAX_BYTES, {
        notMultipart: EventReasons.UPLOAD_NOT_MULTIPART,
        missing: EventReasons.UPLOAD_FILE_MISSING,
        empty: EventReasons.UPLOAD_FILE_EMPTY,
      })
      const mime = sniffDocument(bytes)
      if (!mime) throw refuse(EventReasons.UPLOAD_FILE_TYPE)
      return service.upload(user, { mime, bytes })
    },
  )

  route(app, eventsApi.register, schemas.register, { auth: 'required' }, async ({ user, params, body }) =>
    service.register(user, params.id, body),
  )

  route(app, eventsApi.myRegistrations, schemas.myRegistrations, { auth: 'required' }, async ({ user, query }) =>
    service.mine(user, query),
  )

  route(app, eventsApi.registration, schemas.registration, { auth: 'required' }, async ({ user, params }) =>
    service.registration(user, params.id),
  )

  route(app, eventsApi.checkinCode, schemas.checkinCode, { auth: 'required' }, async ({ user, params }) =>
    service.checkinCode(user, params.id),
  )

  route(app, eventsApi.cancel, schemas.cancel, { auth: 'required' }, async ({ user, params }) => service.cancel(user, params.id))

  route(app, eventsApi.checkinByToken, schemas.checkinByToken, { auth: 'required' }, async ({ user, body }) =>
    service.checkinByToken(user, body.token),
  )

  route(app, eventsApi.volunteerHours, schemas.volunteerHours, { auth: 'required' }, async ({ user, query }) =>
    service.volunteerHours(user, query),
  )

  route(app, eventsApi.ranking, schemas.ranking, { auth: 'required' }, async ({ user, params }) => service.ranking(user, params.id))

  // ---------- teams (captain / team-mates; invitations) ----------

  route(app, eventsApi.team, schemas.team, { auth: 'required' }, async ({ user, params }) => teams.view(user, params.id))

  route(app, eventsApi.invite, schemas.invite, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, params }) =>
    teams.invite(user, params.id),
  )

  route(app, eventsApi.withdrawInvite, schemas.withdrawInvite, { auth: 'required' }, async ({ user, params }) =>
    teams.withdraw(user, params.id, params.inviteId),
  )

  route(app, eventsApi.removeMember, schemas.removeMember, { auth: 'required' }, async ({ user, params }) =>
    teams.remove(user, params.id, params.memberId),
  )

  route(app, eventsApi.leaveTeam, schemas.leaveTeam, { auth: 'required' }, async ({ user, params }) => teams.leave(user, params.id))

  // Invitation codes: per user in the service (wrong codes counted), and per IP here.
  route(app, eventsApi.invitePreview, schemas.invitePreview, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, params }) =>
    teams.preview(user, params.code),
  )

  route(app, eventsApi.acceptInvite, schemas.acceptInvite, { auth: 'required', rateLimit: { max: 30 } }, async ({ user, params }) =>
    teams.accept(user, params.code),
  )

  // ---------- organisers ----------

  route(app, eventsApi.createEvent, schemas.createEvent, { auth: 'required', permission: 'events.manage' }, async ({ user, body }) =>
    service.createEvent(user, body),
  )

  route(app, eventsApi.updateEvent, schemas.updateEvent, { auth: 'required', permission: 'events.manage' }, async ({ user, params, body }) =>
    service.updateEvent(user, params.id, body),
  )

  route(app, eventsApi.manageEvents, schemas.manageEvents, { auth: 'required' }, async ({ user, query }) =>
    service.listManaged(user, query),
  )

  route(app, eventsApi.manageEvent, schemas.manageEvent, { auth: 'required' }, async ({ user, params }) =>
    service.manageEvent(user, params.id),
  )

  route(
    app,
    eventsApi.manageRegistrations,
    schemas.manageRegistrations,
    { auth: 'required', permission: 'events.manage' },
    async ({ user, params, query }) => service.registrations(user, params.id, query),
  )

  route(app, eventsApi.decide, schemas.decide, { auth: 'required', permission: 'events.manage' }, async ({ user, params, body }) =>
    service.decide(user, params.id, body),
  )

  route(app, eventsApi.checkinByCode, schemas.checkinByCode, { auth: 'required' }, async ({ user, params, body }) =>
    service.checkinByCode(user, params.id, body.code),
  )

  route(app, eventsApi.checkinManual, schemas.checkinManual, { auth: 'required', permission: 'events.manage' }, async ({ user, params }) =>
    service.checkinManual(user, params.id, params.registrationId),
  )

  route(app, eventsApi.checkoutByCode, schemas.checkoutByCode, { auth: 'required' }, async ({ user, params, body }) =>
    service.checkoutByCode(user, params.id, body.code),
  )

  route(app, eventsApi.checkoutManual, schemas.checkoutManual, { auth: 'required' }, async ({ user, params }) =>
    service.checkoutManual(user, params.id, params.registrationId),
  )

  route(app, eventsApi.checkinToken, schemas.checkinToken, { auth: 'required' }, async ({ user, params }) =>
    service.checkinToken(user, params.id),
  )

  route(app, eventsApi.checkinStats, schemas.checkinStats, { auth: 'required' }, async ({ user, params }) =>
    service.checkinStats(user, params.id),
  )

  route(app, eventsApi.saveScores, schemas.saveScores, { auth: 'required', permission: 'events.manage' }, async ({ user, params, body }) =>
    service.saveScores(user, params.id, body),
  )

  route(app, eventsApi.manageRanking, schemas.manageRanking, { auth: 'required', permission: 'events.manage' }, async ({ user, params }) =>
    service.manageRanking(user, params.id),
  )

  route(app, eventsApi.roster, schemas.roster, { auth: 'required', permission: 'events.manage' }, async ({ user, params, reply }) => {
    const { bytes, filename } = await service.roster(user, params.id)
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="event-${params.id}-roster.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .header('cache-control', 'no-store')
      .send(bytes)
  })
}
