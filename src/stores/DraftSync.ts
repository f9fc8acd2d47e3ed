/**
 * A form's draft that is never lost: every change is kept on the device at once (a closed app, a crash, no
 * network), and saved to the server shortly after (debounced); a failed save stays `local` and is retried — on the
 * next change, on `flush()`, and by itself with a backoff — until the server has it. On opening, the newer of the
 * device copy and the server's draft wins. One engine for every form with a draft (入会, 帮扶救助, 新建活动 …).
 * No Taro: timers and storage are injected, tested in node.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { KeyValueStorage } from './storage'

export type DraftState = 'idle' | 'saving' | 'saved' | 'local'

export interface DraftSyncOptions<T> {
  storage: KeyValueStorage
  /** Device key, per user (a shared phone keeps each user's draft apart). Null: nobody logged in, keep nothing. */
  key: () => string | null
  /** Save to the server; resolves with the server's save time (ISO). Omit for a device-only draft. */
  save?: (draft: T) => Promise<{ savedAt: string }>
  /** Whether a failure is worth retrying by itself (no answer / 5xx), as opposed to a refusal the user must fix. */
  retryable?: (err: unknown) => boolean
  debounceMs?: number
  /** Waits between retries after a retryable failure (the last one repeats). Default 2 s, 5 s, 15 s, then every 60 s. */
  retryMs?: readonly number[]
  /**
   * How the device copy is laid out, for a form whose copies already sit on phones in its own layout (so an update
   * of the app still opens them). Default: `{ draft, savedAt, synced }` as stored. `read` returns null for a copy it
   * does not recognise (another record's, a broken one).
   */
  deviceFormat?: {
    write: (copy: DeviceCopy<T>) => unknown
    read: (stored: unknown) => DeviceCopy<T> | null
  }
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

export interface DeviceCopy<T> {
  draft: T
  /** When it was typed (device clock), or the server's save time once the server has this very copy. */
  savedAt: string
  /** The server has this copy. */
  synced?: boolean
}

const BACKOFF_MS = [2_000, 5_000, 15_000, 60_000]

export class DraftSync<T> {
  value: T
  state: DraftState = 'idle'
  savedAt: string | null = null
  /** The last save's failure (shown beside 草稿已保存在本机). */
  error: unknown = null
  /** Which copy the last `restore` opened: the device's (typed here, not yet on the server), the server's, or neither. */
  restoredFrom: 'device' | 'server' | null = null

  private timer: unknown = null
  private attempt = 0
  private saving: Promise<void> | null = null
  private dirty = false

  constructor(
    initial: T,
    private readonly o: DraftSyncOptions<T>,
  ) {
    this.value = initial
    makeAutoObservable<DraftSync<T>, 'o' | 'timer' | 'attempt' | 'saving' | 'dirty'>(this, {
      o: false,
      timer: false,
      attempt: false,
      saving: false,
      dirty: false,
    })
  }

  private get now(): number {
    return (this.o.now ?? Date.now)()
  }

  private readDevice(): DeviceCopy<T> | null {
    const key = this.o.key()
    if (!key) return null
    try {
      const raw = this.o.storage.getItem(key)
      if (!raw) return null
      if (this.o.deviceFormat) return this.o.deviceFormat.read(JSON.parse(raw))
      const parsed = JSON.parse(raw) as DeviceCopy<T>
      return parsed && typeof parsed.savedAt === 'string' && parsed.draft !== undefined ? parsed : null
    } catch {
      return null
    }
  }

  private writeDevice(copy: DeviceCopy<T>): void {
    const key = this.o.key()
    if (key) this.o.storage.setItem(key, JSON.stringify(this.o.deviceFormat ? this.o.deviceFormat.write(copy) : copy))
  }

  /**
   * Opens the draft: the device copy when it holds what the server does not have yet (typed offline, saved later
   * than the server's draft), or when it is the very save the server has (an exact tie: it holds what a server may
   * give back only masked, like the join form's ID number and phone); else the server's — an acknowledged device copy
   * never overrides a newer server draft (from another phone), and that stale copy is dropped. `server.savedAt` null:
   * the server has the record but no draft saved yet. Returns the value restored (or `fallback` when there is neither).
   */
  restore(server: { draft: T; savedAt: string | null } | null, fallback: T): T {
    const device = this.readDevice()
    const deviceTime = device ? Date.parse(device.savedAt) : NaN
    const serverTime = server?.savedAt ? Date.parse(server.savedAt) : -Infinity
    const tie = device?.synced === true && deviceTime === serverTime
    if (device && (!server || (!device.synced && deviceTime > serverTime) || tie)) {
      this.value = device.draft
      this.savedAt = device.savedAt
      this.state = device.synced ? 'saved' : 'local'
      this.restoredFrom = 'device'
      if (!device.synced && this.o.save) this.schedule(0)
    } else if (server) {
      if (device) this.removeDevice()
      this.value = server.draft
      this.savedAt = server.savedAt
      this.state = server.savedAt ? 'saved' : 'idle'
      this.restoredFrom = server.savedAt ? 'server' : null
    } else {
      this.value = fallback
      this.savedAt = null
      this.state = 'idle'
      this.restoredFrom = null
    }
    return this.value
  }

  /** A change: kept on the device now, saved to the server after `debounceMs`. */
  update(next: T): void {
    this.value = next
    this.dirty = true
    const savedAt = new Date(this.now).toISOString()
    this.savedAt = savedAt
    this.state = 'local'
    this.writeDevice({ draft: next, savedAt })
    this.attempt = 0
    if (this.o.save) this.schedule(this.o.debounceMs ?? 800)
  }

  /** Save now (leaving a step, submitting, the page hiding). Resolves when the server has it or refused it. */
  async flush(): Promise<void> {
    this.cancelTimer()
    if (!this.o.save) return
    if (this.saving) await this.saving
    if (this.state === 'local' || this.dirty) await this.saveNow()
  }

  /** The draft is done with (submitted): forget the device copy. */
  clear(): void {
    this.cancelTimer()
    this.removeDevice()
    this.dirty = false
    this.state = 'idle'
    this.savedAt = null
  }

  /** Stop timers (the page is gone). The device copy stays. */
  dispose(): void {
    this.cancelTimer()
  }

  private removeDevice(): void {
    const key = this.o.key()
    if (key) this.o.storage.removeItem(key)
  }

  private schedule(ms: number): void {
    this.cancelTimer()
    const set = this.o.setTimer ?? ((fn, t) => setTimeout(fn, t))
    this.timer = set(() => {
      this.timer = null
      void this.saveNow()
    }, ms)
  }

  private cancelTimer(): void {
    if (this.timer === null) return
    const clear = this.o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>))
    clear(this.timer)
    this.timer = null
  }

  private saveNow(): Promise<void> {
    if (this.saving) return this.saving
    const save = this.o.save
    if (!save) return Promise.resolve()
    const draft = this.value
    this.dirty = false
    this.state = 'saving'
    const run = (async () => {
      try {
        const res = await save(draft)
        runInAction(() => {
          this.error = null
          this.attempt = 0
          if (this.dirty) {
            // typed again while saving: that newer copy still has to go
            this.state = 'local'
            this.schedule(this.o.debounceMs ?? 800)
            return
          }
          this.state = 'saved'
          this.savedAt = res.savedAt
          this.writeDevice({ draft, savedAt: res.savedAt, synced: true })
        })
      } catch (err) {
        runInAction(() => {
          this.error = err
          this.state = 'local'
          this.dirty = true
          const retry = this.o.retryable ? this.o.retryable(err) : true
          const waits = this.o.retryMs?.length ? this.o.retryMs : BACKOFF_MS
          if (retry) this.schedule(waits[Math.min(this.attempt++, waits.length - 1)])
        })
      } finally {
        runInAction(() => {
          this.saving = null
        })
      }
    })()
    this.saving = run
    return run
  }
}
