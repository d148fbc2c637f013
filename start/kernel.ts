/*
| HTTP kernel. Router middleware runs on every route, so it stays lean:
| session, shield (CSRF, headers) and locale are named middleware applied
| to the web route groups only; the API authenticates with tokens.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
])

router.use([
  () => import('#middleware/route_ids_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/control_characters_middleware'),
  () => import('#middleware/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  session: () => import('@adonisjs/session/session_middleware'),
  shield: () => import('@adonisjs/shield/shield_middleware'),
  locale: () => import('#middleware/detect_locale_middleware'),
  silentAuth: () => import('#middleware/silent_auth_middleware'),
  apiJson: () => import('#middleware/api_json_middleware'),
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
})
