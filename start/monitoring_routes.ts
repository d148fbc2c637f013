/*
| Monitoring visits and action points (ADR 0031): the web pages and the
| JSON API, with the same middleware as the groups in start/routes.ts.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MonitoringVisitsController = () => import('#controllers/monitoring_visits_controller')
const ActionPointsController = () => import('#controllers/action_points_controller')
const ApiMonitoringVisitsController = () => import('#controllers/api/monitoring_visits_controller')
const ApiActionPointsController = () => import('#controllers/api/action_points_controller')

/* Web */
router
  .group(() => {
    router
      .get('/monitoring-visits', [MonitoringVisitsController, 'index'])
      .as('monitoring_visits.index')
    router
      .get('/monitoring-visits.csv', [MonitoringVisitsController, 'index'])
      .as('monitoring_visits.csv')
    router
      .post('/monitoring-visits', [MonitoringVisitsController, 'store'])
      .as('monitoring_visits.store')
    router
      .get('/monitoring-visits/:id', [MonitoringVisitsController, 'show'])
      .as('monitoring_visits.show')
    router
      .post('/monitoring-visits/:id/report', [MonitoringVisitsController, 'record'])
      .as('monitoring_visits.report.store')
    router
      .get('/grants/:id/monitoring', [MonitoringVisitsController, 'grant'])
      .as('grants.monitoring')
    router.get('/action-points', [ActionPointsController, 'index']).as('action_points.index')
    router.get('/action-points.csv', [ActionPointsController, 'index']).as('action_points.csv')
    router.get('/action-points/:id', [ActionPointsController, 'show']).as('action_points.show')
    router
      .post('/action-points/:id/answer', [ActionPointsController, 'answer'])
      .as('action_points.answer.store')
    router
      .post('/action-points/:id/update', [ActionPointsController, 'update'])
      .as('action_points.update')
    router
      .post('/action-points/:id/close', [ActionPointsController, 'close'])
      .as('action_points.close.store')
  })
  .use([
    middleware.session(),
    middleware.shield(),
    middleware.silentAuth(),
    middleware.locale(),
    middleware.auth({ guards: ['web'] }),
  ])

/* JSON API */
router
  .group(() => {
    router
      .get('/monitoring-visits', [ApiMonitoringVisitsController, 'index'])
      .as('monitoring_visits.index')
    router
      .get('/monitoring-visits.csv', [ApiMonitoringVisitsController, 'index'])
      .as('monitoring_visits.csv')
    router
      .get('/monitoring-visits/proposals', [ApiMonitoringVisitsController, 'proposals'])
      .as('monitoring_visits.proposals')
    router
      .get('/monitoring-visits/:id', [ApiMonitoringVisitsController, 'show'])
      .as('monitoring_visits.show')
    router
      .post('/monitoring-visits', [ApiMonitoringVisitsController, 'store'])
      .as('monitoring_visits.store')
    router
      .post('/monitoring-visits/:id/report', [ApiMonitoringVisitsController, 'record'])
      .as('monitoring_visits.report.store')
    router.get('/action-points', [ApiActionPointsController, 'index']).as('action_points.index')
    router.get('/action-points.csv', [ApiActionPointsController, 'index']).as('action_points.csv')
    router.get('/action-points/:id', [ApiActionPointsController, 'show']).as('action_points.show')
    router
      .patch('/action-points/:id', [ApiActionPointsController, 'update'])
      .as('action_points.update')
    router
      .post('/action-points/:id/close', [ApiActionPointsController, 'close'])
      .as('action_points.close.store')
  })
  .prefix('/api/v1')
  .as('api')
  .use([middleware.apiJson(), middleware.auth({ guards: ['api'] })])
