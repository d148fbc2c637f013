/*
| HTTP rate limits. Failed logins (form and token endpoint alike) have
| their own, stricter counters in AttemptLogin, per account and per
| address; this one caps all calls to the token endpoint per address.
*/
import limiter from '@adonisjs/limiter/services/main'

export const apiThrottle = limiter.define('api_tokens', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`api_tokens:${ctx.request.ip()}`)
})
