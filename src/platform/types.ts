/**
 * Platform adapters: the ONLY place WeChat-only APIs are called.
 * Each adapter `x` has `x.weapp.ts` and `x.h5.ts`, both typed against an interface below;
 * Taro's build resolves `./x` to the file for TARO_ENV. `x.ts` re-exports the H5 one so that
 * tsc and jest (jsdom) resolve the import too.
 */
import type { Transport } from '../api/client'
import type { AuthAdapter } from '../stores/SessionStore'
import type { KeyValueStorage } from '../stores/storage'

export type Unsupported = { ok: false; reason: 'unsupported' | 'denied' | 'cancelled' | 'failed'; message: string }

export type LoginAdapter = AuthAdapter

export interface PrivacyAdapter {
  /** True when this platform has WeChat's privacy authorisation (weapp). */
  readonly supported: boolean
  /** Whether the user still has to agree to the privacy guide before privacy APIs run. */
  needsAuthorization(): Promise<boolean>
  /**
   * Register the popup: WeChat calls `show` when a privacy API needs consent; the popup then calls
   * `resolve('agree' | 'disagree')`. Returns an unsubscribe function.
   */
  onNeedAuthorization(show: (resolve: (result: 'agree' | 'disagree') => void) => void): () => void
  /** Ask for consent up front (before wx.login, avatar, location…): resolves true when agreed. */
  requireAuthorization(): Promise<boolean>
  /** Open WeChat's own privacy contract page; false when unavailable. */
  openContract(): Promise<boolean>
}

export type SubscribeResult = { ok: true; accepted: string[]; rejected: string[] } | Unsupported

export interface SubscribeAdapter {
  readonly supported: boolean
  /** Ask for one-time subscription messages (审核结果通知…) by template id. */
  request(templateIds: string[]): Promise<SubscribeResult>
}

export type ScanResult = { ok: true; code: string } | Unsupported

export interface ScanAdapter {
  /** False on H5: the UI lets staff type or paste the code instead. */
  readonly supported: boolean
  scan(): Promise<ScanResult>
}

export type LocationResult = { ok: true; latitude: number; longitude: number; accuracy?: number } | Unsupported

/** A point picked on a map; `name` and `address` as the map says (the POI), when it says. */
export type ChosenLocationResult = { ok: true; latitude: number; longitude: number; name?: string; address?: string } | Unsupported

export interface LocationAdapter {
  /** Approximate position for "附近" lists; never stored. */
  locate(): Promise<LocationResult>
  /** weapp: WeChat's map to pick a point (a union's coordinates); H5: none — the page asks for the numbers instead. */
  readonly canChoose: boolean
  /** Opens the map, centred on `near` when given (the point already set). */
  chooseLocation(near?: { latitude: number; longitude: number }): Promise<ChosenLocationResult>
  /** Navigate to a place (GCJ-02): weapp opens WeChat's map (路线/导航); H5 opens a web map at the place. */
  open(place: { latitude: number; longitude: number; name: string; address: string }): Promise<{ ok: true } | Unsupported>
}

export type TransportAdapter = Transport

export type StorageAdapter = KeyValueStorage

export type PickImageResult = { ok: true; filePath: string } | Unsupported

/** `name` and `size` (bytes) when the platform says. */
export type PickFileResult = { ok: true; filePath: string; name?: string; size?: number } | Unsupported

export interface MediaAdapter {
  /** weapp uses <Button openType="chooseAvatar"> instead; false there. */
  readonly canPickAvatar: boolean
  pickImage(): Promise<PickImageResult>
  /** A document or photo (e.g. a skill certificate as PDF): weapp picks from a chat, H5 from the file system. */
  pickFile(): Promise<PickFileResult>
  /** A PDF can be picked here (weapp: from a chat via chooseMessageFile; H5: the file picker). */
  readonly canPickPdf: boolean
  /** A document for an upload: a photo (camera or album) or a PDF; `size` in bytes when the platform says. */
  pickDocument(kind: 'photo' | 'pdf'): Promise<PickFileResult>
  /** A spreadsheet to import (.xlsx or .csv): weapp from a chat (chooseMessageFile), H5 from the file system. */
  pickSpreadsheet(): Promise<PickFileResult>
  /** Shows an uploaded document from its (short-lived) link: photos in the image viewer, PDFs in the document viewer. */
  openDocument(url: string, mime: string): Promise<{ ok: true } | Unsupported>
}

export interface DocumentRequest {
  /** API path (e.g. `/api/events/3/roster.xlsx`); the adapter knows the host. */
  url: string
  headers: Record<string, string>
  /** Shown / saved as, e.g. 报名名单.xlsx */
  fileName: string
  /** weapp opens xlsx/pdf in its document viewer; it cannot open a CSV or JSON (canOpen says so before the tap). */
  fileType: 'xlsx' | 'pdf' | 'csv' | 'json'
}

export type OpenDocumentResult = { ok: true } | Unsupported

export interface DocumentAdapter {
  /** Whether this platform can save/open this kind of file (weapp: not CSV). */
  canOpen(fileType: DocumentRequest['fileType']): boolean
  /** H5: downloads the file (the browser saves it); weapp: downloadFile, then openDocument (shareable from there). */
  open(req: DocumentRequest): Promise<OpenDocumentResult>
}

export type PhoneCodeResult = { ok: true; code: string } | Unsupported

export interface PhoneAdapter {
  /** weapp: offer <Button openType='getPhoneNumber'> (typing stays possible when the user declines). */
  readonly viaWechat: boolean
  /** The getPhoneNumber event's detail → the one-time code for exchangePhone. */
  codeFrom(detail: unknown): PhoneCodeResult
}


export interface ShareAdapter {
  /** weapp: a <Button openType="share"> sends the page's share card (useShareAppMessage) to a chat; H5: none. */
  readonly canShareToChat: boolean
  /** Puts text on the clipboard (an invitation code to paste in a chat); false when the platform refused. */
  copy(text: string): Promise<boolean>
}

/** A phone call (the 12351 hotline): weapp makePhoneCall; H5 a tel: link. */
export interface CallAdapter {
  call(number: string): Promise<{ ok: true } | { ok: false; message: string }>
}

/** 关怀模式 (issue 18): the system text size and how the whole app is switched to large text. */
export interface DisplayAdapter {
  /**
   * True when the person has raised the system font size (weapp: WeChat's fontSizeSetting; H5: the browser's default
   * font size), so the app offers 关怀模式 once. False when the platform does not tell.
   */
  systemLargeText(): boolean
  /** Applies or removes 关怀模式 app-wide where the platform allows it (H5: the root element). */
  applyCareMode(on: boolean): void
  /** H5: gives the page container and the tab bar their landmark roles (main, navigation); weapp has none. */
  markLandmarks(): void
}
