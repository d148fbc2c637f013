/*
| Logframes and narrative reports: web pages (session, CSRF, locale, web
| auth) and the JSON API (bearer tokens), like the groups of start/routes.ts.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LogframesController = () => import('#controllers/logframes_controller')
const NarrativeReportsController = () => import('#controllers/narrative_reports_controller')
const ApiNarrativeController = () => import('#controllers/api/narrative_controller')

router
  .group(() => {
    router
      .group(() => {
        router
          .get('/applications/:id/logframe', [LogframesController, 'editApplication'])
          .as('applications.logframe.edit')
        router
          .put('/applications/:id/logframe', [LogframesController, 'updateApplication'])
          .as('applications.logframe.update')
        router
          .get('/grants/:id/logframe', [LogframesController, 'showGrant'])
          .as('grants.logframe.show')
        router
          .post('/grants/:id/logframe-changes', [LogframesController, 'requestChange'])
          .as('grants.logframe_changes.store')
        router
          .post('/logframe-changes/:id/approval', [LogframesController, 'approveChange'])
          .as('logframe_changes.approval.store')
        router
          .post('/logframe-changes/:id/return', [LogframesController, 'returnChange'])
          .as('logframe_changes.return.store')
        router
          .post('/grants/:id/narrative-reports', [NarrativeReportsController, 'store'])
          .as('grants.narrative_reports.store')
        router
          .get('/narrative-reports/:id', [NarrativeReportsController, 'show'])
          .as('narrative_reports.show')
        router
          .put('/narrative-reports/:id', [NarrativeReportsController, 'update'])
          .as('narrative_reports.update')
        router
          .get('/narrative-reports/:id/pdf', [NarrativeReportsController, 'pdf'])
          .as('narrative_reports.pdf')
        router
          .post('/narrative-reports/:id/submission', [NarrativeReportsController, 'submit'])
          .as('narrative_reports.submission.store')
        router
          .post('/narrative-reports/:id/verification', [NarrativeReportsController, 'verify'])
          .as('narrative_reports.verification.store')
        router
          .post('/narrative-reports/:id/return', [NarrativeReportsController, 'returnForRevision'])
          .as('narrative_reports.return.store')
        router
          .post('/narrative-reports/:id/approval', [NarrativeReportsController, 'approve'])
          .as('narrative_reports.approval.store')
      })
      .use(middleware.auth({ guards: ['web'] }))
  })
  .use([middleware.session(), middleware.shield(), middleware.silentAuth(), middleware.locale()])

router
  .group(() => {
    router
      .group(() => {
        router
          .get('/applications/:id/logframe', [ApiNarrativeController, 'applicationLogframe'])
          .as('applications.logframe.show')
        router
          .put('/applications/:id/logframe', [ApiNarrativeController, 'updateApplicationLogframe'])
          .as('applications.logframe.update')
        router
          .get('/grants/:id/logframe', [ApiNarrativeController, 'grantLogframe'])
          .as('grants.logframe.show')
        router
          .post('/grants/:id/logframe-changes', [ApiNarrativeController, 'requestLogframeChange'])
          .as('grants.logframe_changes.store')
        router
          .post('/logframe-changes/:id/approval', [ApiNarrativeController, 'approveLogframeChange'])
          .as('logframe_changes.approval.store')
        router
          .post('/logframe-changes/:id/return', [ApiNarrativeController, 'returnLogframeChange'])
          .as('logframe_changes.return.store')
        router
          .get('/grants/:id/narrative-reports', [ApiNarrativeController, 'index'])
          .as('grants.narrative_reports.index')
        router
          .post('/grants/:id/narrative-reports', [ApiNarrativeController, 'store'])
          .as('grants.narrative_reports.store')
        router
          .get('/narrative-reports/:id', [ApiNarrativeController, 'show'])
          .as('narrative_reports.show')
        router
          .put('/narrative-reports/:id', [ApiNarrativeController, 'update'])
          .as('narrative_reports.update')
        router
          .post('/narrative-reports/:id/submission', [ApiNarrativeController, 'submit'])
          .as('narrative_reports.submission.store')
        router
          .post('/narrative-reports/:id/verification', [ApiNarrativeController, 'verify'])
          .as('narrative_reports.verification.store')
        router
          .post('/narrative-reports/:id/return', [ApiNarrativeController, 'returnForRevision'])
          .as('narrative_reports.return.store')
        router
          .post('/narrative-reports/:id/approval', [ApiNarrativeController, 'approve'])
          .as('narrative_reports.approval.store')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiJson())
