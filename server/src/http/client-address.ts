/**
 * Who is asking, for rate limits: the session user when the request carries a valid token, else the client
 * address — and which address that is depends on what we were told to trust (TRUST_PROXY, CLIENT_IP_HEADER).
 *
 * Behind the WeChat Cloud Hosting gateway every request arrives from the gateway's own address, so a limit keyed
 * on the TCP peer would put every user in one bucket (a voucher rush would be mostly 429s). Keying on the user
 * fixes that for logged-in traffic; for anonymous traffic (logins) the gateway tells us the client address in
 * `X-Original-Forwarded-For` (its `X-Forwarded-For` names its own hops), which we believe only when the TCP peer is
 * a proxy TRUST_PROXY names — a client talking to us directly cannot pick its own bucket with a made-up header.
 */
import { BlockList, isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config'
import type { SessionService } from '../auth/sessions'

export interface ClientAddressOptions {
  trustProxy: Config['trustProxy']
  clientIpHeader: string | null
}

/** True when the TCP peer of the request is a proxy we were told to trust. */
export function peerIsTrusted(trustProxy: Config['trustProxy'], peer: string | undefined, list = compileTrust(trustProxy)): boolean {
  if (trustProxy === true) return true
  if (trustProxy === false || !peer) return false
  if (typeof trustProxy === 'number') return trustProxy >= 1
  return list ? matches(list, peer) : false
}

function compileTrust(trustProxy: Config['trustProxy']): BlockList | null {
  if (typeof trustProxy !== 'string') return null
  const list = new BlockList()
  for (const part of trustProxy.split(',')) {
    const [address, bits] = part.trim().split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(bits), type)
  }
  return list
}

function matches(list: BlockList, address: string): boolean {
  const plain = stripMapped(address)
  const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4'
  return isIP(plain) !== 0 && list.check(plain, type)
}

function stripMapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return m ? m[1] : address
}

/** The last valid IP address in a comma-separated header value (the one the nearest proxy wrote), or null. */
export function lastAddress(value: string | string[] | undefined): string | null {
  const joined = Array.isArray(value) ? value.join(',') : value
  if (!joined) return null
  const parts = joined.split(',').map((p) => p.trim()).filter(Boolean)
  for (let i = parts.length - 1; i >= 0; i--) {
    const candidate = parts[i].replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    if (isIP(candidate)) return candidate
  }
  return null
}

/**
 * The bucket key of an IP address: IPv4 as is; IPv6 by its /64 (one subscriber usually holds a whole /64, so
 * rotating addresses inside it must not give fresh buckets).
 */
export function addressKey(address: string): string {
  const plain = stripMapped(address)
  if (isIP(plain) !== 6) return plain
  const [head, tail = ''] = plain.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = plain.includes('::') && tail ? tail.split(':') : []
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}

export class ClientAddress {
  private readonly trustList: BlockList | null

  constructor(private readonly options: ClientAddressOptions) {
    this.trustList = compileTrust(options.trustProxy)
  }

  private trusted(request: FastifyRequest): boolean {
    return peerIsTrusted(this.options.trustProxy, request.socket.remoteAddress, this.trustList)
  }

  /** The client's address: the gateway's header from a trusted peer when configured, else from X-Forwarded-For. */
  of(request: FastifyRequest): string {
    const { clientIpHeader, trustProxy } = this.options
    const trusted = this.trusted(request)
    if (clientIpHeader && trusted) {
      const fromGateway = lastAddress(request.headers[clientIpHeader])
      if (fromGateway) return fromGateway
    }
    if (typeof trustProxy === 'number' && trusted) {
      // N trusted hops: the address N entries back from the TCP peer, along X-Forwarded-For (nearest last). Fastify
      // itself no longer honours a hop count (it cannot tell a proxy from a direct client that way), so it is read
      // here — where TRUST_PROXY=N is the operator's statement that the peer always is the proxy.
      const chain = [request.socket.remoteAddress ?? request.ip, ...forwardedFor(request).reverse()]
      return chain[Math.min(trustProxy, chain.length - 1)]
    }
    // TRUST_PROXY unset: the TCP peer; addresses: proxy-addr's reading of X-Forwarded-For, never past an untrusted hop.
    return request.ip
  }

  /** 'https' when the request came over TLS, directly or (from a trusted proxy) by X-Forwarded-Proto. */
  protocol(request: FastifyRequest): 'http' | 'https' {
    if ((request.socket as { encrypted?: boolean }).encrypted) return 'https'
    if (!this.trusted(request)) return 'http'
    const given = String(request.headers['x-forwarded-proto'] ?? '').split(',').at(-1)?.trim().toLowerCase()
    return given === 'https' ? 'https' : 'http'
  }
}

function forwardedFor(request: FastifyRequest): string[] {
  const value = request.headers['x-forwarded-for']
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '')
  return joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => isIP(p) !== 0)
}

/** Rate-limit keys: per user when the token checks out (signature only, no database), else per address. */
export function rateLimitKeys(clientAddress: ClientAddress, sessions: Pick<SessionService, 'peekUserId'>) {
  const byAddress = (request: FastifyRequest) => `ip:${addressKey(clientAddress.of(request))}`
  return {
    byAddress,
    byUserOrAddress: (request: FastifyRequest) => {
      const userId = sessions.peekUserId(request)
      return userId !== null ? `user:${userId}` : byAddress(request)
    },
  }
}
