/** What every events use case is built with: the app's dependencies and the no-show rule in force. */
import { NO_SHOW_RULE } from '@contract/events/labels'
import type { AppDeps } from '../../http/deps'
import type { NoShowRule } from './no-show'

export interface EventsOptions {
  noShow?: NoShowRule
}

export interface EventsContext {
  readonly deps: AppDeps
  readonly noShow: NoShowRule
}

export function eventsContext(deps: AppDeps, options: EventsOptions = {}): EventsContext {
  return { deps, noShow: options.noShow ?? { ...NO_SHOW_RULE } }
}
