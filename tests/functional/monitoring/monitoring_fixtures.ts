import { DateTime } from 'luxon'
import ExpenseLine from '#models/expense_line'
import type Grant from '#models/grant'
import Organisation from '#models/organisation'
import type User from '#models/user'
import { approvedReport, makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * A sub-grant of a lead grant to a shelter NGO, with an approved report of
 * six admitted expense lines (10.00 … 60.00 EUR, plus the fixture's line),
 * and the people around it.
 */
export async function monitoredGrant() {
  const euOffice = await makeOrganisation('contracting_authority', 'EU Office')
  const lead = await makeOrganisation('lead_grantee', 'Lead')
  const ngo = await makeOrganisation('ngo', 'Shelter NGO')
  const { grant: parent } = await makeSignedGrant({ funder: euOffice, grantee: lead })
  const { grant } = await makeSignedGrant({
    funder: lead,
    grantee: ngo,
    parent,
    totalEligibleCents: 5_263_158,
    funderCents: 5_000_000,
  })
  const people = await paymentPeople(grant)
  const report = await approvedReport(grant, 1, 500_000, 500_000, people.applicant, people.finance)
  const first = await ExpenseLine.query().where('expense_report_id', report.id).firstOrFail()
  for (const [index, cents] of [1000, 2000, 3000, 4000, 5000, 6000].entries()) {
    await ExpenseLine.create({
      expenseReportId: report.id,
      position: index + 1,
      spentOn: first.spentOn,
      supplier: `Supplier ${index + 1}`,
      description: `Line ${index + 1}`,
      grantBudgetLineId: first.grantBudgetLineId,
      standardCode: 'MS-02',
      currency: 'EUR',
      amountCents: cents,
      claimedCents: cents,
      vat: first.vat,
      supplierCountry: 'XK',
      flags: [],
      admittedCents: cents,
      admissionReason: null,
      decidedById: people.finance.id,
      decidedAt: DateTime.utc(),
      createdById: people.applicant.id,
    })
  }
  const mlswOrg = await makeOrganisation('ministry', 'MLSW')
  return {
    grant,
    parent,
    euOffice,
    lead,
    ngo,
    report,
    applicant: people.applicant,
    leadManager: await makeMember(lead, 'grant_manager'),
    mlsw: await makeMember(mlswOrg, 'mlsw_official'),
    otherNgo: await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant'),
    assessor: await makeMember(ngo, 'assessor'),
  }
}

export async function organisationOf(grant: Grant) {
  return Organisation.findOrFail(grant.granteeOrganisationId)
}

export type Monitored = Awaited<ReturnType<typeof monitoredGrant>>
export type { User }
