/*
| Rate limit of the public NGO registration, per IP address, with the same
| limiter store as the sign-in.
*/
import limiter from '@adonisjs/limiter/services/main'

export const registrationThrottle = limiter.define('ngo_registration', (ctx) => {
  return limiter.allowRequests(5).every('1 hour').usingKey(`ngo_registration:${ctx.request.ip()}`)
})
