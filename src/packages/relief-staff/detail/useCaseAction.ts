/**
 * One reviewer action on a case (approve, return, record a visit or a payout …): busy while it runs, the server's
 * per-field messages beside the fields, any other failure above the button; on success the page shows the case the
 * server sent back.
 */
import { useState } from 'react'
import type { ReviewDetail } from '@contract/relief/schemas'
import { back, toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import type { Resource } from '../../../stores/Resource'

export function useCaseAction(resource: Resource<ReviewDetail>) {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)

  /** Resolves true when done; `leave`: back to the worklist (the case left this reviewer's hands). */
  const run = async (fn: () => Promise<ReviewDetail>, done: string, leave = false): Promise<boolean> => {
    setError(null)
    setBusy(true)
    try {
      resource.set(await fn())
      toast(done, 'success')
      if (leave) back()
      return true
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      else setError(err)
      return false
    } finally {
      setBusy(false)
    }
  }

  return { busy, errors, setErrors, error, run }
}
