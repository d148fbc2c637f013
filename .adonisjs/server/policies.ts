export const policies = {
  ApplicationPolicy: () => import('#policies/application_policy'),
  BudgetChangePolicy: () => import('#policies/budget_change_policy'),
  CallPolicy: () => import('#policies/call_policy'),
  ContingencyReleasePolicy: () => import('#policies/contingency_release_policy'),
  ExpenseReportPolicy: () => import('#policies/expense_report_policy'),
  GrantPolicy: () => import('#policies/grant_policy'),
  HandoverPolicy: () => import('#policies/handover_policy'),
  IndicatorPolicy: () => import('#policies/indicator_policy'),
  InforeuroRatePolicy: () => import('#policies/inforeuro_rate_policy'),
  LicencePolicy: () => import('#policies/licence_policy'),
  MinimumStandardPolicy: () => import('#policies/minimum_standard_policy'),
  OrganisationPolicy: () => import('#policies/organisation_policy'),
  PaymentRequestPolicy: () => import('#policies/payment_request_policy'),
  PersonPolicy: () => import('#policies/person_policy'),
  ProgressPackPolicy: () => import('#policies/progress_pack_policy'),
  ShelterPolicy: () => import('#policies/shelter_policy'),
}

