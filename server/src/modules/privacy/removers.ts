/**
 * The shredder's removers, in the order they run inside one transaction (pretix's shredder is the model: one remover
 * per kind of data, each owned by its capability and reached through its public face). Order matters: capabilities
 * give back what the person holds (vouchers, places, registrations) before membership ends, files go after every
 * capability has said which documents it deletes, and the account itself is anonymised last.
 */
import { authPersonalData } from '../auth'
import { bookingPersonalData } from '../bookings'
import { consolePersonalData } from '../console'
import { eventPersonalData } from '../events'
import { filePersonalData } from '../files'
import { legalPersonalData } from '../legal'
import { membershipPersonalData } from '../membership'
import { moderationPersonalData } from '../moderation'
import { notificationPersonalData } from '../notifications'
import { reliefPersonalData } from '../relief'
import { stationPersonalData } from '../stations'
import { voucherPersonalData } from '../vouchers'
import type { PersonalData } from '../../personal-data'
import { privacyPersonalData } from './own-data'

export const REMOVERS: readonly (readonly [string, PersonalData])[] = [
  ['vouchers', voucherPersonalData],
  ['events', eventPersonalData],
  ['bookings', bookingPersonalData],
  ['relief', reliefPersonalData],
  ['legal', legalPersonalData],
  ['stations', stationPersonalData],
  ['moderation', moderationPersonalData],
  ['notifications', notificationPersonalData],
  ['membership', membershipPersonalData],
  ['privacy', privacyPersonalData],
  ['console', consolePersonalData],
  ['files', filePersonalData],
  ['auth', authPersonalData],
]
