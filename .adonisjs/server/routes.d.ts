import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'monitoring_visits.store': { paramsTuple?: []; params?: {} }
    'monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitoring_visits.report.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.monitoring': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.index': { paramsTuple?: []; params?: {} }
    'action_points.csv': { paramsTuple?: []; params?: {} }
    'action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.answer.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.close.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.proposals': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.monitoring_visits.store': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.report.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.index': { paramsTuple?: []; params?: {} }
    'api.action_points.csv': { paramsTuple?: []; params?: {} }
    'api.action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.close.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.logframe.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.logframe.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.logframe_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logframe_changes.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logframe_changes.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.narrative_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.logframe.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.logframe_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.logframe_changes.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.logframe_changes.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.narrative_reports.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.narrative_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'locale.update': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'two_factor_challenge.create': { paramsTuple?: []; params?: {} }
    'two_factor_challenge.store': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'registrations.create': { paramsTuple?: []; params?: {} }
    'registrations.store': { paramsTuple?: []; params?: {} }
    'registrations.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'dashboard.show': { paramsTuple?: []; params?: {} }
    'tasks.index': { paramsTuple?: []; params?: {} }
    'tasks.csv': { paramsTuple?: []; params?: {} }
    'search.index': { paramsTuple?: []; params?: {} }
    'saved_views.store': { paramsTuple?: []; params?: {} }
    'saved_views.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'dashboard.charts': { paramsTuple?: []; params?: {} }
    'grants.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.registry.create': { paramsTuple?: []; params?: {} }
    'organisations.registry.store': { paramsTuple?: []; params?: {} }
    'organisations.registry.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.registry.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'organisations.bank_accounts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.bank_accounts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'organisations.bank_accounts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'organisations.bank_accounts.certificate': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'shelters.index': { paramsTuple?: []; params?: {} }
    'shelters.create': { paramsTuple?: []; params?: {} }
    'shelters.store': { paramsTuple?: []; params?: {} }
    'shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.staff_licences.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licensing.show': { paramsTuple?: []; params?: {} }
    'licences.index': { paramsTuple?: []; params?: {} }
    'licences.create': { paramsTuple?: []; params?: {} }
    'licences.store': { paramsTuple?: []; params?: {} }
    'licences.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.grant': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.index': { paramsTuple?: []; params?: {} }
    'calls.create': { paramsTuple?: []; params?: {} }
    'calls.store': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.stage.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.confirmation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.reopening.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.submission.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.shortlist.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.selection.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.award.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.eligibility.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.promotion.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.admin_check.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.assignments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.waivers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'waivers.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.budget_preview.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full_submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.result_letter.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.index': { paramsTuple?: []; params?: {} }
    'grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.signature.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.grant.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.status.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.expense_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.lines.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.lines.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.imports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.retry.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.dismissal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.sample.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.summary.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.receipts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.admission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.admissions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_receipts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.operating_cost.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.operating_cost.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.statistics.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.compliance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.compliance_review.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'minimum_standards.index': { paramsTuple?: []; params?: {} }
    'minimum_standards.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'minimum_standards.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'indicators.index': { paramsTuple?: []; params?: {} }
    'indicators.create': { paramsTuple?: []; params?: {} }
    'indicators.store': { paramsTuple?: []; params?: {} }
    'indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.values.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicator_values.evidence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.create': { paramsTuple?: []; params?: {} }
    'results.store': { paramsTuple?: []; params?: {} }
    'results.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'progress_pack.show': { paramsTuple?: []; params?: {} }
    'progress_pack.pdf': { paramsTuple?: []; params?: {} }
    'grants.recovery_orders.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'recovery_orders.settlement.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.fstp_exceptions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'fstp_exceptions.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.payment_requests.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.visibility.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.forecasts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.schedule_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.index': { paramsTuple?: []; params?: {} }
    'payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.resubmission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.recheck.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contract.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.order.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assessments.index': { paramsTuple?: []; params?: {} }
    'calls.declaration.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.declaration.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'assignments.scores.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.decline.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'profile.affiliations.store': { paramsTuple?: []; params?: {} }
    'grants.budget_changes.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budget_changes.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_changes.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contingency_releases.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contingency_releases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contingency_releases.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.financial_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.statistics_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_vs_actual.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.index': { paramsTuple?: []; params?: {} }
    'handover.csv': { paramsTuple?: []; params?: {} }
    'handover.pdf': { paramsTuple?: []; params?: {} }
    'handover.targets.store': { paramsTuple?: []; params?: {} }
    'handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.commitments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.need.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.target.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.other_funding.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.transfers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.evidence.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.transfers.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.other_funding.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'drafts.show': { paramsTuple?: []; params?: {} }
    'drafts.store': { paramsTuple?: []; params?: {} }
    'drafts.destroy': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'profile.update': { paramsTuple?: []; params?: {} }
    'profile.password.update': { paramsTuple?: []; params?: {} }
    'profile.two_factor.show': { paramsTuple?: []; params?: {} }
    'profile.two_factor.store': { paramsTuple?: []; params?: {} }
    'profile.two_factor.recovery_codes.store': { paramsTuple?: []; params?: {} }
    'profile.two_factor.destroy': { paramsTuple?: []; params?: {} }
    'profile.tokens.store': { paramsTuple?: []; params?: {} }
    'profile.tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.deactivation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.deactivation.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.invitation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.invitation.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.two_factor_reset.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.roles.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.roles.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'membershipId': ParamValue} }
    'admin.users.people_manager.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.people_manager.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invitations.create': { paramsTuple?: []; params?: {} }
    'admin.invitations.store': { paramsTuple?: []; params?: {} }
    'admin.audit_events.index': { paramsTuple?: []; params?: {} }
    'admin.settings.index': { paramsTuple?: []; params?: {} }
    'admin.settings.store': { paramsTuple?: []; params?: {} }
    'admin.minimum_standards.index': { paramsTuple?: []; params?: {} }
    'admin.minimum_standards.store': { paramsTuple?: []; params?: {} }
    'admin.reference.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'admin.reference.store': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'admin.reference.update': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'admin.reference.retirement.store': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'inforeuro_rates.csv': { paramsTuple?: []; params?: {} }
    'inforeuro_rates.imports.store': { paramsTuple?: []; params?: {} }
    'grant_budget_lines.late_cost_acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.openapi.show': { paramsTuple?: []; params?: {} }
    'api.tokens.store': { paramsTuple?: []; params?: {} }
    'api.tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.me.show': { paramsTuple?: []; params?: {} }
    'api.tasks.index': { paramsTuple?: []; params?: {} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.organisations.index': { paramsTuple?: []; params?: {} }
    'api.organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.store': { paramsTuple?: []; params?: {} }
    'api.organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'api.organisations.bank_accounts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.roles.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.roles.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'membershipId': ParamValue} }
    'api.licence_checks.show': { paramsTuple?: []; params?: {} }
    'api.budget_checks.store': { paramsTuple?: []; params?: {} }
    'api.budget_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.budget_change_previews.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tranche_calculations.store': { paramsTuple?: []; params?: {} }
    'api.licences.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.grant': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.index': { paramsTuple?: []; params?: {} }
    'api.indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.store': { paramsTuple?: []; params?: {} }
    'api.indicators.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.values.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.results.store': { paramsTuple?: []; params?: {} }
    'api.results.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.progress_packs.show': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'api.calls.index': { paramsTuple?: []; params?: {} }
    'api.calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.reopening.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.full_submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.calls.implementation_rules.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.cofinancing_sources.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.cofinancing_sources.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.shelters.index': { paramsTuple?: []; params?: {} }
    'api.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.index': { paramsTuple?: []; params?: {} }
    'api.expense_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.lines.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.imports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_imports.retry.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_lines.admission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.admissions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.statistics.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.compliance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.compliance_review.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.operating_cost.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.operating_cost.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.visibility.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.forecasts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.forecasts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.handover.national.show': { paramsTuple?: []; params?: {} }
    'api.handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'api.inforeuro_rates.imports.store': { paramsTuple?: []; params?: {} }
    'api.grant_budget_lines.late_cost_acceptance.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.settings.show': { paramsTuple?: []; params?: {} }
    'api.settings.update': { paramsTuple?: []; params?: {} }
    'api.municipalities.index': { paramsTuple?: []; params?: {} }
    'api.services.index': { paramsTuple?: []; params?: {} }
    'api.minimum_standards.index': { paramsTuple?: []; params?: {} }
    'api.minimum_standards.versions.store': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.monitoring': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.index': { paramsTuple?: []; params?: {} }
    'action_points.csv': { paramsTuple?: []; params?: {} }
    'action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.proposals': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.index': { paramsTuple?: []; params?: {} }
    'api.action_points.csv': { paramsTuple?: []; params?: {} }
    'api.action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.logframe.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.narrative_reports.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session.create': { paramsTuple?: []; params?: {} }
    'two_factor_challenge.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'registrations.create': { paramsTuple?: []; params?: {} }
    'registrations.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'dashboard.show': { paramsTuple?: []; params?: {} }
    'tasks.index': { paramsTuple?: []; params?: {} }
    'tasks.csv': { paramsTuple?: []; params?: {} }
    'search.index': { paramsTuple?: []; params?: {} }
    'dashboard.charts': { paramsTuple?: []; params?: {} }
    'grants.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.registry.create': { paramsTuple?: []; params?: {} }
    'organisations.registry.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'organisations.bank_accounts.certificate': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'shelters.index': { paramsTuple?: []; params?: {} }
    'shelters.create': { paramsTuple?: []; params?: {} }
    'shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licensing.show': { paramsTuple?: []; params?: {} }
    'licences.index': { paramsTuple?: []; params?: {} }
    'licences.create': { paramsTuple?: []; params?: {} }
    'licences.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.index': { paramsTuple?: []; params?: {} }
    'calls.create': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.confirmation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.result_letter.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.index': { paramsTuple?: []; params?: {} }
    'grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.lines.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.sample.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_receipts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'minimum_standards.index': { paramsTuple?: []; params?: {} }
    'minimum_standards.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'indicators.index': { paramsTuple?: []; params?: {} }
    'indicators.create': { paramsTuple?: []; params?: {} }
    'indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicator_values.evidence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.create': { paramsTuple?: []; params?: {} }
    'results.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'progress_pack.show': { paramsTuple?: []; params?: {} }
    'progress_pack.pdf': { paramsTuple?: []; params?: {} }
    'grants.schedule_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.index': { paramsTuple?: []; params?: {} }
    'payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contract.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.order.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assessments.index': { paramsTuple?: []; params?: {} }
    'calls.declaration.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'grants.budget_changes.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contingency_releases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.financial_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.statistics_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_vs_actual.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.index': { paramsTuple?: []; params?: {} }
    'handover.csv': { paramsTuple?: []; params?: {} }
    'handover.pdf': { paramsTuple?: []; params?: {} }
    'handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.evidence.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'drafts.show': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'profile.two_factor.show': { paramsTuple?: []; params?: {} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invitations.create': { paramsTuple?: []; params?: {} }
    'admin.audit_events.index': { paramsTuple?: []; params?: {} }
    'admin.settings.index': { paramsTuple?: []; params?: {} }
    'admin.minimum_standards.index': { paramsTuple?: []; params?: {} }
    'admin.reference.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'inforeuro_rates.csv': { paramsTuple?: []; params?: {} }
    'api.openapi.show': { paramsTuple?: []; params?: {} }
    'api.me.show': { paramsTuple?: []; params?: {} }
    'api.tasks.index': { paramsTuple?: []; params?: {} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.organisations.index': { paramsTuple?: []; params?: {} }
    'api.organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licence_checks.show': { paramsTuple?: []; params?: {} }
    'api.budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.index': { paramsTuple?: []; params?: {} }
    'api.indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.progress_packs.show': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'api.calls.index': { paramsTuple?: []; params?: {} }
    'api.calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.cofinancing_sources.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.shelters.index': { paramsTuple?: []; params?: {} }
    'api.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.index': { paramsTuple?: []; params?: {} }
    'api.expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.forecasts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.handover.national.show': { paramsTuple?: []; params?: {} }
    'api.handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'api.settings.show': { paramsTuple?: []; params?: {} }
    'api.municipalities.index': { paramsTuple?: []; params?: {} }
    'api.services.index': { paramsTuple?: []; params?: {} }
    'api.minimum_standards.index': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.monitoring': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.index': { paramsTuple?: []; params?: {} }
    'action_points.csv': { paramsTuple?: []; params?: {} }
    'action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.monitoring_visits.index': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.csv': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.proposals': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.index': { paramsTuple?: []; params?: {} }
    'api.action_points.csv': { paramsTuple?: []; params?: {} }
    'api.action_points.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.logframe.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.logframe.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.narrative_reports.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session.create': { paramsTuple?: []; params?: {} }
    'two_factor_challenge.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'registrations.create': { paramsTuple?: []; params?: {} }
    'registrations.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'dashboard.show': { paramsTuple?: []; params?: {} }
    'tasks.index': { paramsTuple?: []; params?: {} }
    'tasks.csv': { paramsTuple?: []; params?: {} }
    'search.index': { paramsTuple?: []; params?: {} }
    'dashboard.charts': { paramsTuple?: []; params?: {} }
    'grants.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.index': { paramsTuple?: []; params?: {} }
    'organisations.registry.create': { paramsTuple?: []; params?: {} }
    'organisations.registry.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'organisations.bank_accounts.certificate': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'shelters.index': { paramsTuple?: []; params?: {} }
    'shelters.create': { paramsTuple?: []; params?: {} }
    'shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licensing.show': { paramsTuple?: []; params?: {} }
    'licences.index': { paramsTuple?: []; params?: {} }
    'licences.create': { paramsTuple?: []; params?: {} }
    'licences.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.index': { paramsTuple?: []; params?: {} }
    'calls.create': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.confirmation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.evaluation_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.result_letter.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.index': { paramsTuple?: []; params?: {} }
    'grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.lines.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.sample.csv': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_receipts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'minimum_standards.index': { paramsTuple?: []; params?: {} }
    'minimum_standards.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'indicators.index': { paramsTuple?: []; params?: {} }
    'indicators.create': { paramsTuple?: []; params?: {} }
    'indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicator_values.evidence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.create': { paramsTuple?: []; params?: {} }
    'results.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'progress_pack.show': { paramsTuple?: []; params?: {} }
    'progress_pack.pdf': { paramsTuple?: []; params?: {} }
    'grants.schedule_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.index': { paramsTuple?: []; params?: {} }
    'payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contract.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.order.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assessments.index': { paramsTuple?: []; params?: {} }
    'calls.declaration.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'grants.budget_changes.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contingency_releases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.financial_report.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.statistics_csv.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_vs_actual.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.index': { paramsTuple?: []; params?: {} }
    'handover.csv': { paramsTuple?: []; params?: {} }
    'handover.pdf': { paramsTuple?: []; params?: {} }
    'handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.evidence.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'drafts.show': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'profile.two_factor.show': { paramsTuple?: []; params?: {} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invitations.create': { paramsTuple?: []; params?: {} }
    'admin.audit_events.index': { paramsTuple?: []; params?: {} }
    'admin.settings.index': { paramsTuple?: []; params?: {} }
    'admin.minimum_standards.index': { paramsTuple?: []; params?: {} }
    'admin.reference.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'inforeuro_rates.csv': { paramsTuple?: []; params?: {} }
    'api.openapi.show': { paramsTuple?: []; params?: {} }
    'api.me.show': { paramsTuple?: []; params?: {} }
    'api.tasks.index': { paramsTuple?: []; params?: {} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.organisations.index': { paramsTuple?: []; params?: {} }
    'api.organisations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licence_checks.show': { paramsTuple?: []; params?: {} }
    'api.budget_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.index': { paramsTuple?: []; params?: {} }
    'api.indicators.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.progress_packs.show': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'api.calls.index': { paramsTuple?: []; params?: {} }
    'api.calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.cofinancing_sources.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.shelters.index': { paramsTuple?: []; params?: {} }
    'api.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.index': { paramsTuple?: []; params?: {} }
    'api.expense_reports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.forecasts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.handover.national.show': { paramsTuple?: []; params?: {} }
    'api.handover.shelters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inforeuro_rates.index': { paramsTuple?: []; params?: {} }
    'api.settings.show': { paramsTuple?: []; params?: {} }
    'api.municipalities.index': { paramsTuple?: []; params?: {} }
    'api.services.index': { paramsTuple?: []; params?: {} }
    'api.minimum_standards.index': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'monitoring_visits.store': { paramsTuple?: []; params?: {} }
    'monitoring_visits.report.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.answer.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'action_points.close.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.monitoring_visits.store': { paramsTuple?: []; params?: {} }
    'api.monitoring_visits.report.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.action_points.close.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.logframe_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logframe_changes.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logframe_changes.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.narrative_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.logframe_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.logframe_changes.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.logframe_changes.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.narrative_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'locale.update': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'two_factor_challenge.store': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'registrations.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'saved_views.store': { paramsTuple?: []; params?: {} }
    'organisations.registry.store': { paramsTuple?: []; params?: {} }
    'organisations.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.bank_accounts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'shelters.store': { paramsTuple?: []; params?: {} }
    'shelters.staff_licences.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.store': { paramsTuple?: []; params?: {} }
    'licences.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.grant': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'licences.renewal.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.store': { paramsTuple?: []; params?: {} }
    'calls.stage.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.reopening.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.shortlist.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.selection.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.award.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.eligibility.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.promotion.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.admin_check.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.assignments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.waivers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'waivers.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.budget_preview.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full_submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.signature.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.grant.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.status.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.expense_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.lines.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.imports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.retry.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_imports.dismissal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.summary.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.receipts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_lines.admission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.admissions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.operating_cost.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.operating_cost.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.statistics.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.compliance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expense_reports.compliance_review.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'minimum_standards.update': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'indicators.store': { paramsTuple?: []; params?: {} }
    'indicators.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'indicators.values.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.store': { paramsTuple?: []; params?: {} }
    'results.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.recovery_orders.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'recovery_orders.settlement.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.fstp_exceptions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'fstp_exceptions.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.payment_requests.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.visibility.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.forecasts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.resubmission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.recheck.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payment_requests.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.declaration.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.scores.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'assignments.decline.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'profile.affiliations.store': { paramsTuple?: []; params?: {} }
    'grants.budget_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budget_changes.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.budget_changes.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.contingency_releases.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contingency_releases.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.targets.store': { paramsTuple?: []; params?: {} }
    'handover.shelters.commitments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.need.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.target.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.shelters.other_funding.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.transfers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.commitments.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.transfers.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'handover.other_funding.cancellation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'drafts.store': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'profile.two_factor.store': { paramsTuple?: []; params?: {} }
    'profile.two_factor.recovery_codes.store': { paramsTuple?: []; params?: {} }
    'profile.tokens.store': { paramsTuple?: []; params?: {} }
    'admin.users.deactivation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.invitation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.two_factor_reset.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.roles.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.people_manager.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invitations.store': { paramsTuple?: []; params?: {} }
    'admin.settings.store': { paramsTuple?: []; params?: {} }
    'admin.minimum_standards.store': { paramsTuple?: []; params?: {} }
    'admin.reference.store': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'admin.reference.retirement.store': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'inforeuro_rates.imports.store': { paramsTuple?: []; params?: {} }
    'grant_budget_lines.late_cost_acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tokens.store': { paramsTuple?: []; params?: {} }
    'api.organisations.store': { paramsTuple?: []; params?: {} }
    'api.organisations.bank_accounts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.roles.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.budget_checks.store': { paramsTuple?: []; params?: {} }
    'api.budget_changes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.contingency_releases.decision.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.budget_change_previews.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tranche_calculations.store': { paramsTuple?: []; params?: {} }
    'api.licences.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.decisions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.grant': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.licences.renewal.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.indicators.store': { paramsTuple?: []; params?: {} }
    'api.indicators.values.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.results.store': { paramsTuple?: []; params?: {} }
    'api.applications.reopening.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.full_submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.lines.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.imports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_imports.retry.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.submission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_lines.admission.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.admissions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.acceptance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.statistics.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.compliance.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.compliance_review.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.operating_cost.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.verification.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.return.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.payment_requests.payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inforeuro_rates.imports.store': { paramsTuple?: []; params?: {} }
    'api.minimum_standards.versions.store': { paramsTuple?: []; params?: {} }
  }
  PATCH: {
    'api.action_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.organisations.bank_accounts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
  }
  PUT: {
    'applications.logframe.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'narrative_reports.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.logframe.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.narrative_reports.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.registry.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.bank_accounts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'shelters.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'applications.full.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'profile.update': { paramsTuple?: []; params?: {} }
    'profile.password.update': { paramsTuple?: []; params?: {} }
    'admin.reference.update': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'api.indicators.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.results.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.calls.implementation_rules.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.applications.cofinancing_sources.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.expense_reports.operating_cost.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.visibility.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grants.forecasts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.grant_budget_lines.late_cost_acceptance.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.settings.update': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'saved_views.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisations.bank_accounts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'applications.submission.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'drafts.destroy': { paramsTuple?: []; params?: {} }
    'profile.two_factor.destroy': { paramsTuple?: []; params?: {} }
    'profile.tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.deactivation.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.invitation.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.roles.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'membershipId': ParamValue} }
    'admin.users.people_manager.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.organisations.bank_accounts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'accountId': ParamValue} }
    'api.users.roles.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'membershipId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}