/*
| Routes. Web pages run with session, CSRF/secure headers and locale
| detection; the JSON API under /api/v1 authenticates with bearer tokens.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiThrottle } from '#start/limiter'

const SessionController = () => import('#controllers/session_controller')
const PasswordResetsController = () => import('#controllers/password_resets_controller')
const LocaleController = () => import('#controllers/locale_controller')
const DashboardController = () => import('#controllers/dashboard_controller')
const OrganisationsController = () => import('#controllers/organisations_controller')
const ProfileController = () => import('#controllers/profile_controller')
const UsersController = () => import('#controllers/admin/users_controller')
const InvitationsController = () => import('#controllers/admin/invitations_controller')
const AuditEventsController = () => import('#controllers/admin/audit_events_controller')
const ApiTokensController = () => import('#controllers/api/tokens_controller')
const ApiMeController = () => import('#controllers/api/me_controller')
const ApiOrganisationsController = () => import('#controllers/api/organisations_controller')
const ApiOpenApiController = () => import('#controllers/api/open_api_controller')

/* Web */
router
  .group(() => {
    router.get('/', ({ auth, response }) => response.redirect(auth.user ? '/dashboard' : '/login'))
    router.post('/locale', [LocaleController, 'update']).as('locale.update')

    router
      .group(() => {
        router.get('/login', [SessionController, 'create']).as('session.create')
        router.post('/login', [SessionController, 'store']).as('session.store')
        router
          .get('/password/forgot', [PasswordResetsController, 'create'])
          .as('password_reset.create')
        router
          .post('/password/forgot', [PasswordResetsController, 'store'])
          .as('password_reset.store')
        router
          .get('/password/reset/:token', [PasswordResetsController, 'edit'])
          .as('password_reset.edit')
        router
          .post('/password/reset/:token', [PasswordResetsController, 'update'])
          .as('password_reset.update')
      })
      .use(middleware.guest())

    router
      .group(() => {
        router.post('/logout', [SessionController, 'destroy']).as('session.destroy')
        router.get('/dashboard', [DashboardController, 'show']).as('dashboard.show')
        router.get('/organisations', [OrganisationsController, 'index']).as('organisations.index')
        router
          .get('/organisations/:id', [OrganisationsController, 'show'])
          .as('organisations.show')
          .where('id', router.matchers.number())
        router.get('/profile', [ProfileController, 'show']).as('profile.show')
        router.put('/profile', [ProfileController, 'update']).as('profile.update')
        router
          .put('/profile/password', [ProfileController, 'updatePassword'])
          .as('profile.password.update')

        router.get('/admin/users', [UsersController, 'index']).as('admin.users.index')
        router
          .get('/admin/invitations/create', [InvitationsController, 'create'])
          .as('admin.invitations.create')
        router
          .post('/admin/invitations', [InvitationsController, 'store'])
          .as('admin.invitations.store')
        router
          .get('/admin/audit-events', [AuditEventsController, 'index'])
          .as('admin.audit_events.index')
      })
      .use(middleware.auth({ guards: ['web'] }))
  })
  .use([middleware.session(), middleware.shield(), middleware.silentAuth(), middleware.locale()])

/* JSON API */
router
  .group(() => {
    router.get('/openapi.json', [ApiOpenApiController, 'show']).as('openapi.show')
    router.post('/tokens', [ApiTokensController, 'store']).as('tokens.store').use(apiThrottle)

    router
      .group(() => {
        router.delete('/tokens/current', [ApiTokensController, 'destroy']).as('tokens.destroy')
        router.get('/me', [ApiMeController, 'show']).as('me.show')
        router
          .get('/organisations', [ApiOrganisationsController, 'index'])
          .as('organisations.index')
        router
          .get('/organisations/:id', [ApiOrganisationsController, 'show'])
          .as('organisations.show')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiJson())
