/*
| HTTP rate limits. Failed logins have their own, stricter counter in
| AttemptLogin; this one caps the token endpoint per IP address.
*/
import limiter from '@adonisjs/limiter/services/main'

export const apiThrottle = limiter.define('api_tokens', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`api_tokens:${ctx.request.ip()}`)
})
