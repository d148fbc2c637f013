/*
| Routes. Web pages run with session, CSRF/secure headers and locale
| detection; the JSON API under /api/v1 authenticates with bearer tokens.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { apiThrottle } from '#start/limiter'
import { registrationThrottle } from '#start/registration_limiter'

const SessionController = () => import('#controllers/session_controller')
const PasswordResetsController = () => import('#controllers/password_resets_controller')
const LocaleController = () => import('#controllers/locale_controller')
const DashboardController = () => import('#controllers/dashboard_controller')
const OrganisationsController = () => import('#controllers/organisations_controller')
const OrganisationRegistryController = () => import('#controllers/organisation_registry_controller')
const OrganisationVerificationsController = () =>
  import('#controllers/organisation_verifications_controller')
const RegistrationsController = () => import('#controllers/registrations_controller')
const ProfileController = () => import('#controllers/profile_controller')
const UsersController = () => import('#controllers/admin/users_controller')
const InvitationsController = () => import('#controllers/admin/invitations_controller')
const UserActivationsController = () => import('#controllers/admin/user_activations_controller')
const UserInvitationsController = () => import('#controllers/admin/user_invitations_controller')
const AuditEventsController = () => import('#controllers/admin/audit_events_controller')
const UserTwoFactorResetsController = () =>
  import('#controllers/admin/user_two_factor_resets_controller')
const ApiTokensController = () => import('#controllers/api/tokens_controller')
const ApiMeController = () => import('#controllers/api/me_controller')
const ApiOrganisationsController = () => import('#controllers/api/organisations_controller')
const ApiOpenApiController = () => import('#controllers/api/open_api_controller')
const ApiLicencesController = () => import('#controllers/api/licences_controller')
const ApiSheltersController = () => import('#controllers/api/shelters_controller')
const ApiBudgetChecksController = () => import('#controllers/api/budget_checks_controller')
const ApiTrancheCalculationsController = () =>
  import('#controllers/api/tranche_calculations_controller')
const OrganisationProfilesController = () => import('#controllers/organisation_profiles_controller')
const OrganisationDocumentsController = () =>
  import('#controllers/organisation_documents_controller')
const SheltersController = () => import('#controllers/shelters_controller')
const LicencesController = () => import('#controllers/licences_controller')
const LicenceDecisionsController = () => import('#controllers/licence_decisions_controller')
const LicenceRenewalsController = () => import('#controllers/licence_renewals_controller')
const LicensingDashboardController = () => import('#controllers/licensing_dashboard_controller')
const NotificationsController = () => import('#controllers/notifications_controller')
const CallsController = () => import('#controllers/calls_controller')
const CallStagesController = () => import('#controllers/call_stages_controller')
const CallConfirmationsController = () => import('#controllers/call_confirmations_controller')
const ApplicationReopeningsController = () =>
  import('#controllers/application_reopenings_controller')
const ApplicationsController = () => import('#controllers/applications_controller')
const ApplicationSubmissionsController = () =>
  import('#controllers/application_submissions_controller')
const ApiCallsController = () => import('#controllers/api/calls_controller')
const CallEvaluationsController = () => import('#controllers/call_evaluations_controller')
const ApplicationReviewsController = () => import('#controllers/application_reviews_controller')
const AssessmentsController = () => import('#controllers/assessments_controller')
const AffiliationsController = () => import('#controllers/affiliations_controller')
const FullApplicationsController = () => import('#controllers/full_applications_controller')
const EvaluationDocumentsController = () => import('#controllers/evaluation_documents_controller')
const GrantsController = () => import('#controllers/grants_controller')
const GrantFinancesController = () => import('#controllers/grant_finances_controller')
const PaymentRequestsController = () => import('#controllers/payment_requests_controller')
const ApiGrantsController = () => import('#controllers/api/grants_controller')
const ApiPaymentRequestsController = () => import('#controllers/api/payment_requests_controller')
const ExpenseReportsController = () => import('#controllers/expense_reports_controller')
const ApiExpenseReportsController = () => import('#controllers/api/expense_reports_controller')

/* Web */
router
  .group(() => {
    router.get('/', ({ auth, response }) => response.redirect(auth.user ? '/dashboard' : '/login'))
    router.post('/locale', [LocaleController, 'update']).as('locale.update')

    router
      .group(() => {
        router.get('/login', [SessionController, 'create']).as('session.create')
        router.post('/login', [SessionController, 'store']).as('session.store')
        // Second sign-in step (two-factor)
        const TwoFactorChallengesController = () =>
          import('#controllers/two_factor_challenges_controller')
        router
          .get('/login/two-factor', [TwoFactorChallengesController, 'create'])
          .as('two_factor_challenge.create')
        router
          .post('/login/two-factor', [TwoFactorChallengesController, 'store'])
          .as('two_factor_challenge.store')
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

    // NGO self-registration (public)
    router
      .group(() => {
        router.get('/register', [RegistrationsController, 'create']).as('registrations.create')
        router
          .post('/register', [RegistrationsController, 'store'])
          .as('registrations.store')
          .use(registrationThrottle)
        router
          .get('/register/confirm/:token', [RegistrationsController, 'confirm'])
          .as('registrations.confirm')
      })
      .use(middleware.guest())

    router
      .group(() => {
        router.post('/logout', [SessionController, 'destroy']).as('session.destroy')
        router.get('/dashboard', [DashboardController, 'show']).as('dashboard.show')
        // Task inbox: each person's open work
        const TasksController = () => import('#controllers/tasks_controller')
        router.get('/tasks', [TasksController, 'index']).as('tasks.index')
        router.get('/tasks.csv', [TasksController, 'index']).as('tasks.csv')
        // Search and saved views
        const SearchController = () => import('#controllers/search_controller')
        router.get('/search', [SearchController, 'index']).as('search.index')
        router.post('/saved-views', [SearchController, 'storeView']).as('saved_views.store')
        router
          .delete('/saved-views/:id', [SearchController, 'destroyView'])
          .as('saved_views.destroy')
        const DashboardChartsController = () => import('#controllers/dashboard_charts_controller')
        router.get('/dashboard/charts', [DashboardChartsController, 'show']).as('dashboard.charts')
        // History tabs: the audit trail of an object in people's words
        const HistoriesController = () => import('#controllers/histories_controller')
        router.get('/grants/:id/history', [HistoriesController, 'grant']).as('grants.history')
        router
          .get('/applications/:id/history', [HistoriesController, 'application'])
          .as('applications.history')
        router
          .get('/expense-reports/:id/history', [HistoriesController, 'expenseReport'])
          .as('expense_reports.history')
        router.get('/licences/:id/history', [HistoriesController, 'licence']).as('licences.history')
        router.get('/organisations', [OrganisationsController, 'index']).as('organisations.index')
        // Organisation registry (kept by the funder)
        router
          .get('/organisations/create', [OrganisationRegistryController, 'create'])
          .as('organisations.registry.create')
        router
          .post('/organisations', [OrganisationRegistryController, 'store'])
          .as('organisations.registry.store')
        router
          .get('/organisations/:id/registry/edit', [OrganisationRegistryController, 'edit'])
          .as('organisations.registry.edit')
        router
          .put('/organisations/:id/registry', [OrganisationRegistryController, 'update'])
          .as('organisations.registry.update')
        router
          .post('/organisations/:id/verification', [OrganisationVerificationsController, 'store'])
          .as('organisations.verification.store')
        router.get('/organisations/:id', [OrganisationsController, 'show']).as('organisations.show')
        router
          .get('/organisations/:id/edit', [OrganisationProfilesController, 'edit'])
          .as('organisations.edit')
        router
          .put('/organisations/:id', [OrganisationProfilesController, 'update'])
          .as('organisations.update')
        router
          .post('/organisations/:id/documents', [OrganisationDocumentsController, 'store'])
          .as('organisations.documents.store')
        router
          .get('/organisations/:id/documents/:versionId', [OrganisationDocumentsController, 'show'])
          .as('organisations.documents.show')
        // Bank accounts of an organisation (ADR 0020)
        const BankAccountsController = () =>
          import('#controllers/organisation_bank_accounts_controller')
        router
          .post('/organisations/:id/bank-accounts', [BankAccountsController, 'store'])
          .as('organisations.bank_accounts.store')
        router
          .put('/organisations/:id/bank-accounts/:accountId', [BankAccountsController, 'update'])
          .as('organisations.bank_accounts.update')
        router
          .delete('/organisations/:id/bank-accounts/:accountId', [
            BankAccountsController,
            'destroy',
          ])
          .as('organisations.bank_accounts.destroy')
        router
          .get('/organisations/:id/bank-accounts/:accountId/certificate', [
            BankAccountsController,
            'certificate',
          ])
          .as('organisations.bank_accounts.certificate')

        router.get('/shelters', [SheltersController, 'index']).as('shelters.index')
        router.get('/shelters/create', [SheltersController, 'create']).as('shelters.create')
        router.post('/shelters', [SheltersController, 'store']).as('shelters.store')
        router.get('/shelters/:id', [SheltersController, 'show']).as('shelters.show')
        router.get('/shelters/:id/edit', [SheltersController, 'edit']).as('shelters.edit')
        router.put('/shelters/:id', [SheltersController, 'update']).as('shelters.update')
        router
          .post('/shelters/:id/staff-licences', [SheltersController, 'storeStaffLicence'])
          .as('shelters.staff_licences.store')

        router.get('/licensing', [LicensingDashboardController, 'show']).as('licensing.show')
        router.get('/licences', [LicencesController, 'index']).as('licences.index')
        router.get('/licences/create', [LicencesController, 'create']).as('licences.create')
        router.post('/licences', [LicencesController, 'store']).as('licences.store')
        router.get('/licences/:id', [LicencesController, 'show']).as('licences.show')
        router.get('/licences/:id/decision-file', [LicencesController, 'file']).as('licences.file')
        router
          .post('/licences/:id/decisions', [LicenceDecisionsController, 'store'])
          .as('licences.decisions.store')
        router
          .post('/licences/:id/renewal', [LicenceRenewalsController, 'store'])
          .as('licences.renewal.store')
        router
          .post('/licences/:id/renewal/grant', [LicenceRenewalsController, 'grant'])
          .as('licences.renewal.grant')
        router
          .post('/licences/:id/renewal/refusal', [LicenceRenewalsController, 'refuse'])
          .as('licences.renewal.refuse')

        router.get('/calls', [CallsController, 'index']).as('calls.index')
        router.get('/calls/create', [CallsController, 'create']).as('calls.create')
        router.post('/calls', [CallsController, 'store']).as('calls.store')
        router.get('/calls/:id', [CallsController, 'show']).as('calls.show')
        router.get('/calls/:id/edit', [CallsController, 'edit']).as('calls.edit')
        router.put('/calls/:id', [CallsController, 'update']).as('calls.update')
        router.post('/calls/:id/stage', [CallStagesController, 'store']).as('calls.stage.store')
        // Evaluation guard rails: confirmation of irreversible steps, reopening a withdrawn note
        router
          .get('/calls/:id/confirmation', [CallConfirmationsController, 'show'])
          .as('calls.confirmation.show')
        router
          .post('/applications/:id/reopening', [ApplicationReopeningsController, 'store'])
          .as('applications.reopening.store')
        router
          .post('/calls/:id/applications', [ApplicationsController, 'store'])
          .as('applications.store')
        router.get('/applications/:id', [ApplicationsController, 'show']).as('applications.show')
        router
          .put('/applications/:id', [ApplicationsController, 'update'])
          .as('applications.update')
        router
          .post('/applications/:id/submission', [ApplicationSubmissionsController, 'store'])
          .as('applications.submission.store')
        router
          .delete('/applications/:id/submission', [ApplicationSubmissionsController, 'destroy'])
          .as('applications.submission.destroy')

        router
          .get('/calls/:id/evaluation', [CallEvaluationsController, 'show'])
          .as('calls.evaluation.show')
        router
          .post('/calls/:id/shortlist', [CallEvaluationsController, 'shortlist'])
          .as('calls.shortlist.store')
        router
          .post('/calls/:id/selection', [CallEvaluationsController, 'select'])
          .as('calls.selection.store')
        router
          .post('/calls/:id/award', [CallEvaluationsController, 'award'])
          .as('calls.award.store')
        router
          .post('/applications/:id/eligibility', [ApplicationReviewsController, 'eligibility'])
          .as('applications.eligibility.store')
        router
          .post('/applications/:id/promotion', [ApplicationReviewsController, 'promote'])
          .as('applications.promotion.store')
        router
          .post('/applications/:id/admin-check', [ApplicationReviewsController, 'adminCheck'])
          .as('applications.admin_check.store')
        router
          .post('/applications/:id/assignments', [ApplicationReviewsController, 'assign'])
          .as('applications.assignments.store')
        router
          .post('/applications/:id/waivers', [ApplicationReviewsController, 'requestWaiver'])
          .as('applications.waivers.store')
        router
          .post('/waivers/:id/approval', [ApplicationReviewsController, 'approveWaiver'])
          .as('waivers.approval.store')
        router
          .get('/applications/:id/full', [FullApplicationsController, 'edit'])
          .as('applications.full.edit')
        router
          .put('/applications/:id/full', [FullApplicationsController, 'update'])
          .as('applications.full.update')
        router
          .post('/applications/:id/budget-preview', [FullApplicationsController, 'preview'])
          .as('applications.budget_preview.store')
        router
          .post('/applications/:id/full-submission', [FullApplicationsController, 'submit'])
          .as('applications.full_submission.store')
        router
          .get('/calls/:id/evaluation-report.pdf', [EvaluationDocumentsController, 'report'])
          .as('calls.evaluation_report.show')
        router
          .get('/applications/:id/result-letter.pdf', [EvaluationDocumentsController, 'letter'])
          .as('applications.result_letter.show')
        router.get('/grants', [GrantsController, 'index']).as('grants.index')
        router.get('/grants/:id', [GrantsController, 'show']).as('grants.show')
        router
          .post('/grants/:id/signature', [GrantsController, 'sign'])
          .as('grants.signature.store')
        router
          .post('/applications/:id/grant', [GrantsController, 'store'])
          .as('applications.grant.store')
        router
          .post('/grants/:id/status', [GrantFinancesController, 'transition'])
          .as('grants.status.store')
        router
          .post('/grants/:id/expense-reports', [ExpenseReportsController, 'open'])
          .as('grants.expense_reports.store')
        router
          .get('/expense-reports/:id', [ExpenseReportsController, 'show'])
          .as('expense_reports.show')
        router
          .get('/expense-reports/:id/lines.csv', [ExpenseReportsController, 'lines'])
          .as('expense_reports.lines.csv')
        router
          .post('/expense-reports/:id/lines', [ExpenseReportsController, 'addLine'])
          .as('expense_reports.lines.store')
        router
          .post('/expense-reports/:id/imports', [ExpenseReportsController, 'importLines'])
          .as('expense_reports.imports.store')
        router
          .get('/expense-imports/:id', [ExpenseReportsController, 'importStatus'])
          .as('expense_imports.show')
        router
          .post('/expense-imports/:id/retry', [ExpenseReportsController, 'retryImport'])
          .as('expense_imports.retry.store')
        router
          .post('/expense-imports/:id/dismissal', [ExpenseReportsController, 'dismissImport'])
          .as('expense_imports.dismissal.store')
        router
          .get('/expense-reports/:id/sample.csv', [ExpenseReportsController, 'sample'])
          .as('expense_reports.sample.csv')
        router
          .post('/expense-reports/:id/summary', [ExpenseReportsController, 'saveSummary'])
          .as('expense_reports.summary.store')
        router
          .post('/expense-reports/:id/submission', [ExpenseReportsController, 'submit'])
          .as('expense_reports.submission.store')
        router
          .post('/expense-reports/:id/acceptance', [ExpenseReportsController, 'acceptUnflagged'])
          .as('expense_reports.acceptance.store')
        router
          .post('/expense-reports/:id/approval', [ExpenseReportsController, 'approve'])
          .as('expense_reports.approval.store')
        router
          .post('/expense-reports/:id/return', [ExpenseReportsController, 'returnForRevision'])
          .as('expense_reports.return.store')
        router
          .post('/expense-lines/:id', [ExpenseReportsController, 'updateLine'])
          .as('expense_lines.update')
        router
          .post('/expense-lines/:id/delete', [ExpenseReportsController, 'deleteLine'])
          .as('expense_lines.destroy')
        router
          .post('/expense-lines/:id/receipts', [ExpenseReportsController, 'attachReceipt'])
          .as('expense_lines.receipts.store')
        router
          .post('/expense-lines/:id/admission', [ExpenseReportsController, 'admit'])
          .as('expense_lines.admission.store')
        // Bulk admission of selected lines by one rule and one reason
        const ExpenseAdmissionsController = () =>
          import('#controllers/expense_admissions_controller')
        router
          .post('/expense-reports/:id/admissions', [ExpenseAdmissionsController, 'store'])
          .as('expense_reports.admissions.store')
        router
          .get('/expense-receipts/:id', [ExpenseReportsController, 'receipt'])
          .as('expense_receipts.show')
        // The shelter's total operating cost on an expense report (handover plan need)
        const OperatingCostsController = () => import('#controllers/operating_costs_controller')
        router
          .post('/expense-reports/:id/operating-cost', [OperatingCostsController, 'store'])
          .as('expense_reports.operating_cost.store')
        router
          .post('/expense-reports/:id/operating-cost/verification', [
            OperatingCostsController,
            'verify',
          ])
          .as('expense_reports.operating_cost.verification.store')
        // Service statistics and compliance
        const ServiceReportsController = () => import('#controllers/service_reports_controller')
        const MinimumStandardsController = () => import('#controllers/minimum_standards_controller')
        const IndicatorsController = () => import('#controllers/indicators_controller')
        router
          .post('/expense-reports/:id/statistics', [ServiceReportsController, 'saveStatistics'])
          .as('expense_reports.statistics.store')
        router
          .post('/expense-reports/:id/compliance', [ServiceReportsController, 'saveCompliance'])
          .as('expense_reports.compliance.store')
        router
          .post('/expense-reports/:id/compliance-review', [
            ServiceReportsController,
            'reviewCompliance',
          ])
          .as('expense_reports.compliance_review.store')
        router
          .get('/minimum-standards', [MinimumStandardsController, 'index'])
          .as('minimum_standards.index')
        router
          .get('/minimum-standards/:code', [MinimumStandardsController, 'show'])
          .as('minimum_standards.show')
        router
          .post('/minimum-standards/:code', [MinimumStandardsController, 'update'])
          .as('minimum_standards.update')
        router.get('/indicators', [IndicatorsController, 'index']).as('indicators.index')
        // The results framework and the steering committee's progress pack
        const ResultsController = () => import('#controllers/results_controller')
        const ProgressPacksController = () => import('#controllers/progress_packs_controller')
        router.get('/indicators/new', [IndicatorsController, 'create']).as('indicators.create')
        router.post('/indicators', [IndicatorsController, 'store']).as('indicators.store')
        router.get('/indicators/:id', [IndicatorsController, 'show']).as('indicators.show')
        router.get('/indicators/:id/edit', [IndicatorsController, 'edit']).as('indicators.edit')
        router.post('/indicators/:id', [IndicatorsController, 'update']).as('indicators.update')
        router
          .post('/indicators/:id/values', [IndicatorsController, 'storeValue'])
          .as('indicators.values.store')
        router
          .get('/indicator-values/:id/evidence', [IndicatorsController, 'evidence'])
          .as('indicator_values.evidence')
        router.get('/results/new', [ResultsController, 'create']).as('results.create')
        router.post('/results', [ResultsController, 'store']).as('results.store')
        router.get('/results/:id/edit', [ResultsController, 'edit']).as('results.edit')
        router.post('/results/:id', [ResultsController, 'update']).as('results.update')
        router.get('/progress-pack', [ProgressPacksController, 'show']).as('progress_pack.show')
        router.get('/progress-pack.pdf', [ProgressPacksController, 'pdf']).as('progress_pack.pdf')
        router
          .post('/grants/:id/recovery-orders', [GrantFinancesController, 'issueRecovery'])
          .as('grants.recovery_orders.store')
        router
          .post('/recovery-orders/:id/settlement', [GrantFinancesController, 'settleRecovery'])
          .as('recovery_orders.settlement.store')
        router
          .post('/grants/:id/fstp-exceptions', [GrantFinancesController, 'requestException'])
          .as('grants.fstp_exceptions.store')
        router
          .post('/fstp-exceptions/:id/decision', [GrantFinancesController, 'decideException'])
          .as('fstp_exceptions.decision.store')
        router
          .post('/grants/:id/payment-requests', [PaymentRequestsController, 'store'])
          .as('grants.payment_requests.store')
        // EU visibility on the grant's documents
        const GrantVisibilityController = () => import('#controllers/grant_visibility_controller')
        router
          .post('/grants/:id/visibility', [GrantVisibilityController, 'update'])
          .as('grants.visibility.update')
        // Grant forecasts per period and the schedule CSV
        router
          .post('/grants/:id/forecasts', [GrantFinancesController, 'saveForecasts'])
          .as('grants.forecasts.store')
        router
          .get('/grants/:id/schedule.csv', [GrantFinancesController, 'scheduleCsv'])
          .as('grants.schedule_csv.show')
        router
          .get('/payment-requests', [PaymentRequestsController, 'index'])
          .as('payment_requests.index')
        router
          .get('/payment-requests/:id', [PaymentRequestsController, 'show'])
          .as('payment_requests.show')
        router
          .post('/payment-requests/:id/verification', [PaymentRequestsController, 'verify'])
          .as('payment_requests.verification.store')
        router
          .post('/payment-requests/:id/approval', [PaymentRequestsController, 'approve'])
          .as('payment_requests.approval.store')
        router
          .post('/payment-requests/:id/return', [PaymentRequestsController, 'returnToGrantee'])
          .as('payment_requests.return.store')
        router
          .post('/payment-requests/:id/resubmission', [PaymentRequestsController, 'resubmit'])
          .as('payment_requests.resubmission.store')
        router
          .post('/payment-requests/:id/recheck', [PaymentRequestsController, 'recheck'])
          .as('payment_requests.recheck.store')
        router
          .post('/payment-requests/:id/payments', [PaymentRequestsController, 'pay'])
          .as('payment_requests.payments.store')
        // Grant documents
        const GrantDocumentsController = () => import('#controllers/grant_documents_controller')
        router
          .get('/grants/:id/contract.pdf', [GrantDocumentsController, 'contract'])
          .as('grants.contract.show')
        router
          .get('/payment-requests/:id/order.pdf', [GrantDocumentsController, 'order'])
          .as('payment_requests.order.show')
        router.get('/assessments', [AssessmentsController, 'index']).as('assessments.index')
        router
          .get('/calls/:id/declaration', [AssessmentsController, 'declaration'])
          .as('calls.declaration.show')
        router
          .post('/calls/:id/declaration', [AssessmentsController, 'sign'])
          .as('calls.declaration.store')
        router.get('/assignments/:id', [AssessmentsController, 'show']).as('assignments.show')
        router
          .get('/assignments/:id/documents/:versionId', [AssessmentsController, 'document'])
          .as('assignments.documents.show')
        router
          .post('/assignments/:id/scores', [AssessmentsController, 'score'])
          .as('assignments.scores.store')
        router
          .post('/assignments/:id/decline', [AssessmentsController, 'decline'])
          .as('assignments.decline.store')
        router
          .post('/profile/affiliations', [AffiliationsController, 'store'])
          .as('profile.affiliations.store')
        // Budget changes
        const BudgetChangesController = () => import('#controllers/budget_changes_controller')
        router
          .get('/grants/:id/budget-changes', [BudgetChangesController, 'index'])
          .as('grants.budget_changes.index')
        router
          .post('/grants/:id/budget-changes', [BudgetChangesController, 'store'])
          .as('grants.budget_changes.store')
        router
          .get('/budget-changes/:id', [BudgetChangesController, 'show'])
          .as('budget_changes.show')
        router
          .post('/budget-changes/:id/decision', [BudgetChangesController, 'decide'])
          .as('budget_changes.decision.store')
        router
          .post('/grants/:id/budget-changes/preview', [BudgetChangesController, 'preview'])
          .as('grants.budget_changes.preview')
        // Contingency releases
        const ContingencyReleasesController = () =>
          import('#controllers/contingency_releases_controller')
        router
          .get('/grants/:id/contingency-releases', [ContingencyReleasesController, 'index'])
          .as('grants.contingency_releases.index')
        router
          .post('/grants/:id/contingency-releases', [ContingencyReleasesController, 'store'])
          .as('grants.contingency_releases.store')
        router
          .get('/contingency-releases/:id', [ContingencyReleasesController, 'show'])
          .as('contingency_releases.show')
        router
          .post('/contingency-releases/:id/decision', [ContingencyReleasesController, 'decide'])
          .as('contingency_releases.decision.store')
        // Report documents and budget overview
        const ReportDocumentsController = () => import('#controllers/report_documents_controller')
        const BudgetOverviewsController = () => import('#controllers/budget_overviews_controller')
        router
          .get('/expense-reports/:id/financial-report.pdf', [
            ReportDocumentsController,
            'financialReport',
          ])
          .as('expense_reports.financial_report.show')
        router
          .get('/expense-reports/:id/statistics.csv', [ReportDocumentsController, 'statistics'])
          .as('expense_reports.statistics_csv.show')
        router
          .get('/grants/:id/budget-vs-actual', [BudgetOverviewsController, 'show'])
          .as('grants.budget_vs_actual.show')
        // Handover plan
        const HandoverController = () => import('#controllers/handover_controller')
        router.get('/handover', [HandoverController, 'index']).as('handover.index')
        router.get('/handover/plan.csv', [HandoverController, 'csv']).as('handover.csv')
        router.get('/handover/plan.pdf', [HandoverController, 'pdf']).as('handover.pdf')
        router
          .post('/handover/targets', [HandoverController, 'updatePlanTarget'])
          .as('handover.targets.store')
        router
          .get('/handover/shelters/:id', [HandoverController, 'show'])
          .as('handover.shelters.show')
        router
          .post('/handover/shelters/:id/commitments', [HandoverController, 'storeCommitment'])
          .as('handover.shelters.commitments.store')
        router
          .post('/handover/shelters/:id/need', [HandoverController, 'updateNeed'])
          .as('handover.shelters.need.store')
        router
          .post('/handover/shelters/:id/target', [HandoverController, 'updateShelterTarget'])
          .as('handover.shelters.target.store')
        router
          .post('/handover/shelters/:id/other-funding', [HandoverController, 'storeOtherFunding'])
          .as('handover.shelters.other_funding.store')
        router
          .post('/handover/commitments/:id/transfers', [HandoverController, 'storeTransfer'])
          .as('handover.commitments.transfers.store')
        router
          .get('/handover/commitments/:id/evidence', [HandoverController, 'evidence'])
          .as('handover.commitments.evidence.show')
        const HandoverCancellationsController = () =>
          import('#controllers/handover_cancellations_controller')
        router
          .post('/handover/commitments/:id/cancellation', [
            HandoverCancellationsController,
            'commitment',
          ])
          .as('handover.commitments.cancellation.store')
        router
          .post('/handover/transfers/:id/cancellation', [
            HandoverCancellationsController,
            'transfer',
          ])
          .as('handover.transfers.cancellation.store')
        router
          .post('/handover/other-funding/:id/cancellation', [
            HandoverCancellationsController,
            'otherFunding',
          ])
          .as('handover.other_funding.cancellation.store')

        // Autosaved drafts of the long forms, each person's own (ADR 0021)
        const FormDraftsController = () => import('#controllers/form_drafts_controller')
        router.get('/drafts', [FormDraftsController, 'show']).as('drafts.show')
        router.post('/drafts', [FormDraftsController, 'store']).as('drafts.store')
        router.delete('/drafts', [FormDraftsController, 'destroy']).as('drafts.destroy')

        router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
        router
          .post('/notifications/read', [NotificationsController, 'markRead'])
          .as('notifications.read')

        router.get('/profile', [ProfileController, 'show']).as('profile.show')
        router.put('/profile', [ProfileController, 'update']).as('profile.update')
        router
          .put('/profile/password', [ProfileController, 'updatePassword'])
          .as('profile.password.update')
        // Two-factor enrolment of the signed-in person
        const TwoFactorController = () => import('#controllers/two_factor_controller')
        router
          .get('/profile/two-factor', [TwoFactorController, 'show'])
          .as('profile.two_factor.show')
        router
          .post('/profile/two-factor', [TwoFactorController, 'store'])
          .as('profile.two_factor.store')
        router
          .post('/profile/two-factor/recovery-codes', [TwoFactorController, 'replaceRecoveryCodes'])
          .as('profile.two_factor.recovery_codes.store')
        router
          .delete('/profile/two-factor', [TwoFactorController, 'destroy'])
          .as('profile.two_factor.destroy')
        // API tokens of the signed-in person
        const ProfileTokensController = () => import('#controllers/profile_tokens_controller')
        router
          .post('/profile/tokens', [ProfileTokensController, 'store'])
          .as('profile.tokens.store')
        router
          .delete('/profile/tokens/:id', [ProfileTokensController, 'destroy'])
          .as('profile.tokens.destroy')
          .where('id', router.matchers.number())

        router.get('/admin/users', [UsersController, 'index']).as('admin.users.index')
        // People: the person's page, deactivation (POST) and reactivation (DELETE)
        router.get('/admin/users/:id', [UsersController, 'show']).as('admin.users.show')
        router
          .post('/admin/users/:id/deactivation', [UserActivationsController, 'store'])
          .as('admin.users.deactivation.store')
        router
          .delete('/admin/users/:id/deactivation', [UserActivationsController, 'destroy'])
          .as('admin.users.deactivation.destroy')
        router
          .post('/admin/users/:id/invitation', [UserInvitationsController, 'store'])
          .as('admin.users.invitation.store')
        router
          .delete('/admin/users/:id/invitation', [UserInvitationsController, 'destroy'])
          .as('admin.users.invitation.destroy')
        // A lost phone: an admin resets another person's two-factor sign-in
        router
          .post('/admin/users/:id/two-factor-reset', [UserTwoFactorResetsController, 'store'])
          .as('admin.users.two_factor_reset.store')
        // Roles per organisation, and managing an organisation's people (ADR 0020)
        const UserRolesController = () => import('#controllers/admin/user_roles_controller')
        const PeopleManagersController = () =>
          import('#controllers/admin/people_managers_controller')
        router
          .post('/admin/users/:id/roles', [UserRolesController, 'store'])
          .as('admin.users.roles.store')
        router
          .delete('/admin/users/:id/roles/:membershipId', [UserRolesController, 'destroy'])
          .as('admin.users.roles.destroy')
        router
          .post('/admin/users/:id/people-manager', [PeopleManagersController, 'store'])
          .as('admin.users.people_manager.store')
        router
          .delete('/admin/users/:id/people-manager', [PeopleManagersController, 'destroy'])
          .as('admin.users.people_manager.destroy')
        router
          .get('/admin/invitations/create', [InvitationsController, 'create'])
          .as('admin.invitations.create')
        router
          .post('/admin/invitations', [InvitationsController, 'store'])
          .as('admin.invitations.store')
        router
          .get('/admin/audit-events', [AuditEventsController, 'index'])
          .as('admin.audit_events.index')

        // Programme settings (versions from a date) and reference data (admins)
        const ProgrammeSettingsController = () =>
          import('#controllers/admin/programme_settings_controller')
        const ReferenceDataController = () => import('#controllers/admin/reference_data_controller')
        router
          .get('/admin/settings', [ProgrammeSettingsController, 'index'])
          .as('admin.settings.index')
        router
          .post('/admin/settings', [ProgrammeSettingsController, 'store'])
          .as('admin.settings.store')
        const MinimumStandardVersionsController = () =>
          import('#controllers/admin/minimum_standard_versions_controller')
        router
          .get('/admin/minimum-standards', [MinimumStandardVersionsController, 'index'])
          .as('admin.minimum_standards.index')
        router
          .post('/admin/minimum-standards', [MinimumStandardVersionsController, 'store'])
          .as('admin.minimum_standards.store')
        router
          .get('/admin/reference/:kind', [ReferenceDataController, 'index'])
          .as('admin.reference.index')
          .where('kind', /^(municipalities|services)$/)
        router
          .post('/admin/reference/:kind', [ReferenceDataController, 'store'])
          .as('admin.reference.store')
          .where('kind', /^(municipalities|services)$/)
        router
          .put('/admin/reference/:kind/:code', [ReferenceDataController, 'update'])
          .as('admin.reference.update')
          .where('kind', /^(municipalities|services)$/)
        router
          .post('/admin/reference/:kind/:code/retirement', [ReferenceDataController, 'retire'])
          .as('admin.reference.retirement.store')
          .where('kind', /^(municipalities|services)$/)

        // InforEuro table and late costs accepted per budget line
        const InforeuroRatesController = () => import('#controllers/inforeuro_rates_controller')
        const LateCostsController = () => import('#controllers/late_cost_acceptances_controller')
        router
          .get('/inforeuro-rates', [InforeuroRatesController, 'index'])
          .as('inforeuro_rates.index')
        router
          .get('/inforeuro-rates.csv', [InforeuroRatesController, 'index'])
          .as('inforeuro_rates.csv')
        router
          .post('/inforeuro-rates/imports', [InforeuroRatesController, 'import'])
          .as('inforeuro_rates.imports.store')
        router
          .post('/grant-budget-lines/:id/late-cost-acceptance', [LateCostsController, 'store'])
          .as('grant_budget_lines.late_cost_acceptance.store')
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
        // Task inbox
        const ApiTasksController = () => import('#controllers/api/tasks_controller')
        router.get('/tasks', [ApiTasksController, 'index']).as('tasks.index')
        const ApiSearchController = () => import('#controllers/api/search_controller')
        router.get('/search', [ApiSearchController, 'index']).as('search.index')
        router
          .get('/organisations', [ApiOrganisationsController, 'index'])
          .as('organisations.index')
        router
          .get('/organisations/:id', [ApiOrganisationsController, 'show'])
          .as('organisations.show')
        router
          .post('/organisations', [ApiOrganisationsController, 'store'])
          .as('organisations.store')
        router
          .patch('/organisations/:id', [ApiOrganisationsController, 'update'])
          .as('organisations.update')
        // Bank accounts of an organisation (ADR 0020)
        const ApiBankAccountsController = () =>
          import('#controllers/api/organisation_bank_accounts_controller')
        router
          .get('/organisations/:id/bank-accounts', [ApiBankAccountsController, 'index'])
          .as('organisations.bank_accounts.index')
        router
          .post('/organisations/:id/bank-accounts', [ApiBankAccountsController, 'store'])
          .as('organisations.bank_accounts.store')
        router
          .patch('/organisations/:id/bank-accounts/:accountId', [
            ApiBankAccountsController,
            'update',
          ])
          .as('organisations.bank_accounts.update')
        router
          .delete('/organisations/:id/bank-accounts/:accountId', [
            ApiBankAccountsController,
            'destroy',
          ])
          .as('organisations.bank_accounts.destroy')
        // People and their roles per organisation (ADR 0020)
        const ApiUsersController = () => import('#controllers/api/users_controller')
        router.get('/users/:id', [ApiUsersController, 'show']).as('users.show')
        router.post('/users/:id/roles', [ApiUsersController, 'store']).as('users.roles.store')
        router
          .delete('/users/:id/roles/:membershipId', [ApiUsersController, 'destroy'])
          .as('users.roles.destroy')
        router.get('/licence-checks', [ApiLicencesController, 'check']).as('licence_checks.show')
        router
          .post('/budget-checks', [ApiBudgetChecksController, 'store'])
          .as('budget_checks.store')
        // Budget changes
        const BudgetChangesController = () => import('#controllers/budget_changes_controller')
        router
          .post('/grants/:id/budget-changes', [BudgetChangesController, 'apiStore'])
          .as('budget_changes.store')
        router
          .get('/budget-changes/:id', [BudgetChangesController, 'apiShow'])
          .as('budget_changes.show')
        // Contingency releases
        const ContingencyReleasesController = () =>
          import('#controllers/contingency_releases_controller')
        router
          .get('/grants/:id/contingency-releases', [ContingencyReleasesController, 'apiIndex'])
          .as('contingency_releases.index')
        router
          .post('/grants/:id/contingency-releases', [ContingencyReleasesController, 'apiStore'])
          .as('contingency_releases.store')
        router
          .post('/contingency-releases/:id/decision', [ContingencyReleasesController, 'apiDecide'])
          .as('contingency_releases.decision.store')
        router
          .post('/grants/:id/budget-change-previews', [BudgetChangesController, 'apiPreview'])
          .as('budget_change_previews.store')
        router
          .post('/tranche-calculations', [ApiTrancheCalculationsController, 'store'])
          .as('tranche_calculations.store')
        router
          .get('/organisations/:id/licences', [ApiLicencesController, 'index'])
          .as('licences.index')
        router
          .post('/organisations/:id/licences', [ApiLicencesController, 'store'])
          .as('licences.store')
        router
          .post('/licences/:id/decisions', [ApiLicencesController, 'decide'])
          .as('licences.decisions.store')
        router
          .post('/licences/:id/renewal', [ApiLicencesController, 'requestRenewal'])
          .as('licences.renewal.store')
        router
          .post('/licences/:id/renewal/grant', [ApiLicencesController, 'grantRenewal'])
          .as('licences.renewal.grant')
        router
          .post('/licences/:id/renewal/refusal', [ApiLicencesController, 'refuseRenewal'])
          .as('licences.renewal.refuse')
        // The results framework and the steering committee's progress pack
        const ApiIndicatorsController = () => import('#controllers/api/indicators_controller')
        const ApiProgressPacksController = () =>
          import('#controllers/api/progress_packs_controller')
        router.get('/indicators', [ApiIndicatorsController, 'index']).as('indicators.index')
        router.get('/indicators/:id', [ApiIndicatorsController, 'show']).as('indicators.show')
        router.post('/indicators', [ApiIndicatorsController, 'store']).as('indicators.store')
        router.put('/indicators/:id', [ApiIndicatorsController, 'update']).as('indicators.update')
        router
          .post('/indicators/:id/values', [ApiIndicatorsController, 'storeValue'])
          .as('indicators.values.store')
        router.post('/results', [ApiIndicatorsController, 'storeResult']).as('results.store')
        router.put('/results/:id', [ApiIndicatorsController, 'updateResult']).as('results.update')
        router
          .get('/progress-packs/:quarter', [ApiProgressPacksController, 'show'])
          .as('progress_packs.show')
        router.get('/calls', [ApiCallsController, 'index']).as('calls.index')
        router.get('/calls/:id', [ApiCallsController, 'show']).as('calls.show')
        router.get('/applications/:id', [ApiCallsController, 'application']).as('applications.show')
        router
          .post('/applications/:id/reopening', [ApplicationReopeningsController, 'apiStore'])
          .as('applications.reopening.store')
        router
          .post('/applications/:id/full-submission', [FullApplicationsController, 'apiSubmit'])
          .as('applications.full_submission.store')
        // Call implementation rules and co-financing sources
        const ApiCofinancingController = () =>
          import('#controllers/api/cofinancing_sources_controller')
        router
          .put('/calls/:id/implementation-rules', [ApiCallsController, 'setImplementationRules'])
          .as('calls.implementation_rules.update')
        router
          .get('/applications/:id/cofinancing-sources', [ApiCofinancingController, 'index'])
          .as('applications.cofinancing_sources.index')
        router
          .put('/applications/:id/cofinancing-sources', [ApiCofinancingController, 'update'])
          .as('applications.cofinancing_sources.update')
        router.get('/shelters', [ApiSheltersController, 'index']).as('shelters.index')
        router.get('/shelters/:id', [ApiSheltersController, 'show']).as('shelters.show')
        router.get('/grants', [ApiGrantsController, 'index']).as('grants.index')
        router
          .post('/grants/:id/expense-reports', [ApiExpenseReportsController, 'store'])
          .as('expense_reports.store')
        router
          .get('/expense-reports/:id', [ApiExpenseReportsController, 'show'])
          .as('expense_reports.show')
        router
          .post('/expense-reports/:id/lines', [ApiExpenseReportsController, 'addLine'])
          .as('expense_reports.lines.store')
        router
          .post('/expense-reports/:id/imports', [ApiExpenseReportsController, 'importLines'])
          .as('expense_reports.imports.store')
        router
          .get('/expense-imports/:id', [ApiExpenseReportsController, 'importStatus'])
          .as('expense_imports.show')
        router
          .post('/expense-imports/:id/retry', [ApiExpenseReportsController, 'retryImport'])
          .as('expense_imports.retry.store')
        router
          .post('/expense-reports/:id/submission', [ApiExpenseReportsController, 'submit'])
          .as('expense_reports.submission.store')
        router
          .post('/expense-lines/:id/admission', [ApiExpenseReportsController, 'admit'])
          .as('expense_lines.admission.store')
        const ApiExpenseAdmissionsController = () =>
          import('#controllers/api/expense_admissions_controller')
        router
          .post('/expense-reports/:id/admissions', [ApiExpenseAdmissionsController, 'store'])
          .as('expense_reports.admissions.store')
        router
          .post('/expense-reports/:id/acceptance', [ApiExpenseReportsController, 'acceptUnflagged'])
          .as('expense_reports.acceptance.store')
        router
          .post('/expense-reports/:id/approval', [ApiExpenseReportsController, 'approve'])
          .as('expense_reports.approval.store')
        router
          .post('/expense-reports/:id/return', [ApiExpenseReportsController, 'returnForRevision'])
          .as('expense_reports.return.store')
        // Service statistics and compliance
        const ApiServiceReportsController = () => import('#controllers/service_reports_controller')
        router
          .post('/expense-reports/:id/statistics', [
            ApiServiceReportsController,
            'apiSaveStatistics',
          ])
          .as('expense_reports.statistics.store')
        router
          .post('/expense-reports/:id/compliance', [
            ApiServiceReportsController,
            'apiSaveCompliance',
          ])
          .as('expense_reports.compliance.store')
        router
          .post('/expense-reports/:id/compliance-review', [
            ApiServiceReportsController,
            'apiReviewCompliance',
          ])
          .as('expense_reports.compliance_review.store')
        // The shelter's total operating cost: declared by the grantee, verified by the funder.
        const ApiOperatingCostsController = () => import('#controllers/operating_costs_controller')
        router
          .put('/expense-reports/:id/operating-cost', [ApiOperatingCostsController, 'apiStore'])
          .as('expense_reports.operating_cost.update')
        router
          .post('/expense-reports/:id/operating-cost/verification', [
            ApiOperatingCostsController,
            'apiVerify',
          ])
          .as('expense_reports.operating_cost.verification.store')
        router.get('/grants/:id', [ApiGrantsController, 'show']).as('grants.show')
        router
          .post('/grants/:id/payment-requests', [ApiPaymentRequestsController, 'store'])
          .as('payment_requests.store')
        router
          .get('/payment-requests/:id', [ApiPaymentRequestsController, 'show'])
          .as('payment_requests.show')
        router
          .post('/payment-requests/:id/verification', [ApiPaymentRequestsController, 'verify'])
          .as('payment_requests.verification.store')
        router
          .post('/payment-requests/:id/approval', [ApiPaymentRequestsController, 'approve'])
          .as('payment_requests.approval.store')
        router
          .post('/payment-requests/:id/return', [ApiPaymentRequestsController, 'returnToGrantee'])
          .as('payment_requests.return.store')
        router
          .post('/payment-requests/:id/payments', [ApiPaymentRequestsController, 'pay'])
          .as('payment_requests.payments.store')
        // EU visibility on the grant's documents
        const ApiGrantVisibilityController = () =>
          import('#controllers/grant_visibility_controller')
        router
          .put('/grants/:id/visibility', [ApiGrantVisibilityController, 'apiUpdate'])
          .as('grants.visibility.update')
        // Grant forecasts per period
        const ApiGrantForecastsController = () =>
          import('#controllers/api/grant_forecasts_controller')
        router
          .get('/grants/:id/forecasts', [ApiGrantForecastsController, 'show'])
          .as('grants.forecasts.show')
        router
          .put('/grants/:id/forecasts', [ApiGrantForecastsController, 'update'])
          .as('grants.forecasts.update')
        // Handover plan
        const ApiHandoverController = () => import('#controllers/api/handover_controller')
        router
          .get('/handover/national', [ApiHandoverController, 'national'])
          .as('handover.national.show')
        router
          .get('/handover/shelters/:id', [ApiHandoverController, 'shelter'])
          .as('handover.shelters.show')
        // InforEuro table and late costs accepted per budget line
        const ApiInforeuroController = () => import('#controllers/api/inforeuro_rates_controller')
        const ApiLateCostsController = () => import('#controllers/late_cost_acceptances_controller')
        router
          .get('/inforeuro-rates', [ApiInforeuroController, 'index'])
          .as('inforeuro_rates.index')
        router
          .post('/inforeuro-rates/imports', [ApiInforeuroController, 'import'])
          .as('inforeuro_rates.imports.store')
        router
          .put('/grant-budget-lines/:id/late-cost-acceptance', [ApiLateCostsController, 'update'])
          .as('grant_budget_lines.late_cost_acceptance.update')
        // Programme settings (in force at a date; admins schedule a version) and reference data
        const ApiSettingsController = () => import('#controllers/api/programme_settings_controller')
        router.get('/settings', [ApiSettingsController, 'show']).as('settings.show')
        router.put('/settings', [ApiSettingsController, 'update']).as('settings.update')
        router
          .get('/municipalities', [ApiSettingsController, 'referenceList'])
          .as('municipalities.index')
        router.get('/services', [ApiSettingsController, 'referenceList']).as('services.index')
        const ApiMinimumStandardsController = () =>
          import('#controllers/api/minimum_standards_controller')
        router
          .get('/minimum-standards', [ApiMinimumStandardsController, 'index'])
          .as('minimum_standards.index')
        router
          .post('/minimum-standards/versions', [ApiMinimumStandardsController, 'storeVersion'])
          .as('minimum_standards.versions.store')
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiJson())

// Monitoring visits and action points
import '#start/monitoring_routes'
import '#start/routes/narrative'
