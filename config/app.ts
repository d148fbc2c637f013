import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * The trust function for X-Forwarded-For. `value` is a comma-separated
 * list of addresses, CIDR ranges or the names proxy-addr knows
 * (loopback, linklocal, uniquelocal). Empty or unset: no proxy is trusted
 * and the request's address is the socket's.
 */
export function proxyTrust(value: string | undefined): (address: string, hop: number) => boolean {
  const proxies = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (proxies.length === 0) return () => false
  return proxyAddr.compile(proxies)
}

/** Absolute base URL, used in emailed links. */
export const appUrl = env.get('APP_URL')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  /*
   * X-Forwarded-* headers are believed only when the connection comes from
   * one of TRUSTED_PROXIES; otherwise anyone could pick the address that
   * the login throttle and the audit trail see.
   */
  trustProxy: proxyTrust(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
