import { DateTime } from 'luxon'
import { DemoPayments } from '#database/seeders/demo_payments'
import { DemoReports } from '#database/seeders/demo_reports'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { lineTotalCents, parseQuantity } from '#domain/budget/budget'
import { checkCoverage } from '#domain/licences/coverage'
import { derivePaymentOption, reasonsToText } from '#domain/grants/payment_option'
import type { Grid } from '#domain/calls/grid'
import {
  averageHundredths,
  defaultConceptGrid,
  defaultFullGrid,
  sheetTotal,
} from '#domain/calls/grid'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import AssessmentScore from '#models/assessment_score'
import AssessorAssignment from '#models/assessor_assignment'
import AssessorDeclaration from '#models/assessor_declaration'
import Call from '#models/call'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import GrantCofinancingSource from '#models/grant_cofinancing_source'
import Licence from '#models/licence'
import Logframe from '#models/logframe'
import { copyLogframeToGrant } from '#actions/narrative/copy_logframe_to_grant'
import { leadLogframe } from '#database/seeders/demo_logframes'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

/** Scores for every criterion of a grid, reaching about `share` of each maximum. */
function sheet(grid: Grid, sharePercent: number) {
  return Object.fromEntries(
    grid.sections.flatMap((s) =>
      s.criteria.map((c) => [c.key, Math.round((c.maxScore * sharePercent) / 100)])
    )
  )
}

/**
 * The demo calls: the EU Office's restricted call, awarded to the lead
 * grantee with the PRAG worked-example budget (TEC 1 052 631.58, EU
 * contribution 1 000 000.00), and two sub-granting calls of the lead
 * grantee to shelters: one open for concept notes, one being evaluated.
 */
export class DemoCalls {
  private now = DateTime.utc().startOf('minute')

  constructor(
    private trx: TransactionClientContract,
    private organisations: Map<string, Organisation>,
    private users: Map<string, User>
  ) {}

  private org(key: string) {
    return this.organisations.get(key)!
  }

  private user(email: string) {
    return this.users.get(email)!
  }

  async load() {
    const leadGrant = await this.euCall()
    await this.openSubGrantingCall(leadGrant)
    await this.subGrantingCallInEvaluation(leadGrant)
    const subGrants = await this.runningSubGrants(leadGrant)
    await new DemoPayments(this.trx, this.users).load(leadGrant, subGrants)
    await new DemoReports(this.trx, this.users).load(subGrants)
  }

  /** Sub-grants from an earlier round: two shelters whose licences now stop payments. */
  private async runningSubGrants(leadGrant: Grant) {
    const start = this.now.setZone('Europe/Belgrade').minus({ months: 8 }).startOf('month')
    const subGrants: Grant[] = []
    for (const [index, key] of ['ngo1', 'ngo4', 'ngo5'].entries()) {
      const endsOn = start.plus({ months: 12 }).minus({ days: 1 })
      // F 40 000.00 ≤ 100 000.00 (and 12 months): option 1, as the rule derives it.
      const option = derivePaymentOption({
        startsOn: start.toISODate()!,
        endsOn: endsOn.toISODate()!,
        funderCents: 4000000,
      })
      const subGrant = await Grant.create(
        {
          reference: `${leadGrant.reference}/SG-${String(index + 1).padStart(2, '0')}`,
          granteeOrganisationId: this.org(key).id,
          funderOrganisationId: leadGrant.granteeOrganisationId,
          parentGrantId: leadGrant.id,
          currency: 'EUR',
          totalEligibleCents: 4210527,
          funderCents: 4000000,
          cofinancingCents: 210527,
          paymentOption: option.option,
          paymentOptionReason: reasonsToText(option.reasons),
          prefinancingCapBp: 9000,
          startsOn: start,
          endsOn,
          reportingPeriodMonths: 6,
          status: 'in_implementation',
          granteeSignedById: this.user(`${key}@demo.test`).id,
          granteeSignedAt: this.now.minus({ months: 9 }),
          funderSignedById: this.user('lead@demo.test').id,
          funderSignedAt: this.now.minus({ months: 9 }),
          createdById: this.user('lead@demo.test').id,
        },
        { client: this.trx }
      )
      const lines = [
        {
          heading: 'human_resources',
          label: 'Care staff',
          unit: 'month',
          quantity: '12',
          unitCostCents: 250000,
        },
        {
          heading: 'local_office',
          label: 'Shelter running costs',
          unit: 'lump sum',
          quantity: '1',
          unitCostCents: 1210527,
        },
      ] as const
      await GrantBudgetLine.createMany(
        lines.map((line, position) => ({
          grantId: subGrant.id,
          version: 1,
          position,
          heading: line.heading,
          label: line.label,
          unit: line.unit,
          quantityHundredths: parseQuantity(line.quantity),
          unitCostCents: line.unitCostCents,
          totalCents: lineTotalCents(line.quantity, line.unitCostCents),
          thirdParty: null,
        })),
        { client: this.trx }
      )
      subGrants.push(subGrant)
    }
    return subGrants
  }

  private createCall(values: Partial<Call> & { reference: string; funderOrganisationId: number }) {
    return Call.create(
      {
        titleEn: 'Support to shelters for victims of trafficking',
        procedure: 'restricted',
        currency: 'EUR',
        budgetEnvelopeCents: 30000000,
        minGrantCents: 2000000,
        maxGrantCents: 6000000,
        maxFunderShareBp: 9500,
        maxPerThirdPartyCents: 6000000,
        eligibleServices: ['residential_vot'],
        eligibilityChecklist: [
          { key: 'c1', label: 'The concept note was submitted before the deadline' },
          { key: 'c2', label: 'The applicant is a non-profit organisation registered in Kosovo' },
          { key: 'c3', label: 'The requested amount is within the grant range' },
        ],
        conceptGrid: defaultConceptGrid,
        fullGrid: defaultFullGrid,
        timezone: 'Europe/Belgrade',
        minDaysToConceptDeadline: 45,
        minDaysToFullDeadline: 30,
        shortlistMultipleBp: 20000,
        spreadFlagBp: 2000,
        maxRequestChangeBp: 2000,
        createdById: this.user('lead@demo.test').id,
        ...values,
      },
      { client: this.trx }
    )
  }

  private async assess(
    application: Application,
    stage: 'concept_note' | 'full_application',
    grid: Grid,
    shares: number[]
  ) {
    const assessors = [this.user('assessor1@demo.test'), this.user('assessor2@demo.test')]
    const totals: number[] = []
    for (const [index, share] of shares.entries()) {
      const assignment = await AssessorAssignment.create(
        {
          applicationId: application.id,
          assessorId: assessors[index].id,
          stage,
          status: 'submitted',
          assignedById: this.user('manager@demo.test').id,
          submittedAt: this.now.minus({ days: 5 }),
        },
        { client: this.trx }
      )
      const scores = sheet(grid, share)
      totals.push(sheetTotal(grid, scores))
      await AssessmentScore.createMany(
        Object.entries(scores).map(([criterionKey, score]) => ({
          assignmentId: assignment.id,
          criterionKey,
          score,
        })),
        { client: this.trx }
      )
    }
    return averageHundredths(totals)
  }

  private async euCall(): Promise<Grant> {
    const eu = this.org('eu')
    const lead = this.org('lead')
    const call = await this.createCall({
      reference: 'EuropeAid/2025/IPA-II/XK-VOT',
      titleEn: 'Protection and reintegration of victims of trafficking in Kosovo',
      titleSq: 'Mbrojtja dhe riintegrimi i viktimave të trafikimit në Kosovë',
      titleSr: 'Zaštita i reintegracija žrtava trgovine ljudima na Kosovu',
      descriptionEn:
        'IPA II, component 2: one grant of up to EUR 1 000 000 with sub-grants to licensed shelters.',
      funderOrganisationId: eu.id,
      budgetEnvelopeCents: 100000000,
      minGrantCents: 50000000,
      maxGrantCents: 100000000,
      minDurationMonths: 12,
      maxDurationMonths: 24,
      eligibleServices: [],
      conceptDeadlineAt: this.now.minus({ months: 21 }),
      fullDeadlineAt: this.now.minus({ months: 19 }),
      status: 'awarded',
      publishedAt: this.now.minus({ months: 23 }),
      createdById: this.user('manager@demo.test').id,
    })
    for (const email of ['assessor1@demo.test', 'assessor2@demo.test']) {
      await AssessorDeclaration.create(
        { callId: call.id, userId: this.user(email).id, signedAt: this.now.minus({ months: 20 }) },
        { client: this.trx }
      )
    }
    const application = await Application.create(
      {
        callId: call.id,
        organisationId: lead.id,
        status: 'awarded',
        title: 'Safe shelter, sustainable future',
        summary:
          'Sub-grants to licensed shelters and a costed handover of shelter funding to the state.',
        objectives:
          'Quality care for victims of trafficking; state funding of every licensed shelter by the end of the action.',
        targetGroups: 'Victims of trafficking; shelter NGOs; the MLSW',
        currency: 'EUR',
        estimatedTotalCents: 105263158,
        requestedCents: 100000000,
        submittedAt: this.now.minus({ months: 21, days: 2 }),
        periodStartOn: this.now.minus({ months: 14 }).startOf('month'),
        periodEndOn: this.now
          .minus({ months: 14 })
          .startOf('month')
          .plus({ months: 24 })
          .minus({ days: 1 }),
        narrative: {
          relevance: 'Result 5–7 of component 2.',
          methodology: 'Sub-granting call to licensed shelters.',
          sustainability: 'Handover plan with the MLSW.',
        },
        fullRequestedCents: 100000000,
        fullTotalCents: 105263158,
        fullSubmittedAt: this.now.minus({ months: 19, days: 1 }),
        isAdminCompliant: true,
        selection: 'selected',
        eligibility: 'eligible',
        eligibilityNote: 'Statute, registration certificate and audited accounts verified.',
        eligibilityCheckedById: this.user('manager@demo.test').id,
        eligibilityCheckedAt: this.now.minus({ months: 16, days: 10 }),
        decidedById: this.user('manager@demo.test').id,
        decidedAt: this.now.minus({ months: 16 }),
        conceptRank: 1,
        fullRank: 1,
        createdById: this.user('lead@demo.test').id,
        isEliminated: false,
      },
      { client: this.trx }
    )
    // The logframe built in the builder before the full application was submitted.
    await Logframe.create(
      {
        applicationId: application.id,
        grantId: null,
        version: 1,
        content: leadLogframe,
        updatedById: this.user('lead@demo.test').id,
      },
      { client: this.trx }
    )
    application.useTransaction(this.trx)
    application.conceptScoreHundredths = await this.assess(
      application,
      'concept_note',
      defaultConceptGrid,
      [84, 80]
    )
    application.fullScoreHundredths = await this.assess(
      application,
      'full_application',
      defaultFullGrid,
      [86, 82]
    )
    await application.save()

    const lines: [BudgetHeading, string, string, string, number, string | null][] = [
      ['human_resources', 'Project staff (4 people)', 'month', '96', 437500, null],
      ['travel', 'Field visits to shelters', 'trip', '100', 25000, null],
      ['equipment_supplies', 'Shelter safety equipment', 'set', '6', 1000000, null],
      ['local_office', 'Office rent and running costs', 'month', '24', 200000, null],
      ['other_costs_services', 'Audit, evaluation and visibility', 'lump sum', '1', 6000000, null],
      ...[1, 2, 3, 4, 5, 6].map(
        (n) =>
          [
            'other',
            `Sub-grant to shelter NGO ${n}`,
            'sub-grant',
            '1',
            6000000,
            this.org(`ngo${n}`).name,
          ] as [BudgetHeading, string, string, string, number, string | null]
      ),
      ['indirect', 'Indirect costs', 'lump sum', '1', 6400000, null],
      ['contingency', 'Contingency reserve', 'lump sum', '1', 1563158, null],
    ]
    // Co-financing: TEC 1 052 631.58 − F 1 000 000.00 = 52 631.58, from two sources.
    await ApplicationCofinancingSource.createMany(
      [
        { kind: 'own_funds' as const, source: 'Own funds', amountCents: 3000000 },
        { kind: 'other_donor' as const, source: 'Municipality of Prishtina', amountCents: 2263158 },
      ].map((row, position) => ({
        ...row,
        applicationId: application.id,
        position,
        currency: 'EUR',
      })),
      { client: this.trx }
    )
    await ApplicationBudgetLine.createMany(
      lines.map(([heading, label, unit, quantity, unitCostCents, thirdParty], position) => ({
        applicationId: application.id,
        position,
        heading,
        label,
        unit,
        quantityHundredths: parseQuantity(quantity),
        unitCostCents,
        thirdParty,
      })),
      { client: this.trx }
    )
    await AuditTrail.record(this.trx, {
      actorId: this.user('manager@demo.test').id,
      organisationId: eu.id,
      action: 'call.awarded',
      subjectType: 'call',
      subjectId: call.id,
      after: { awarded: [application.id] },
    })
    const option = derivePaymentOption({
      startsOn: application.periodStartOn!.toISODate()!,
      endsOn: application.periodEndOn!.toISODate()!,
      funderCents: 100000000,
    })
    const grant = await Grant.create(
      {
        reference: `${call.reference}/G01`,
        applicationId: application.id,
        callId: call.id,
        granteeOrganisationId: lead.id,
        funderOrganisationId: eu.id,
        currency: 'EUR',
        totalEligibleCents: 105263158,
        funderCents: 100000000,
        cofinancingCents: 5263158,
        paymentOption: option.option,
        paymentOptionReason: reasonsToText(option.reasons),
        prefinancingCapBp: 9000,
        startsOn: application.periodStartOn!,
        endsOn: application.periodEndOn!,
        reportingPeriodMonths: 12,
        status: 'in_implementation',
        granteeSignedById: this.user('lead@demo.test').id,
        granteeSignedAt: this.now.minus({ months: 14, days: 5 }),
        funderSignedById: this.user('manager@demo.test').id,
        funderSignedAt: this.now.minus({ months: 14, days: 3 }),
        createdById: this.user('manager@demo.test').id,
      },
      { client: this.trx }
    )
    // At contract the grant takes the application's logframe as its version 1.
    await copyLogframeToGrant(this.trx, application.id, grant.id, this.user('manager@demo.test').id)
    const sources = await ApplicationCofinancingSource.query({ client: this.trx })
      .where('application_id', application.id)
      .orderBy('position')
    await GrantCofinancingSource.createMany(
      sources.map((row) => ({
        grantId: grant.id,
        position: row.position,
        kind: row.kind,
        source: row.source,
        currency: row.currency,
        amountCents: row.amountCents,
      })),
      { client: this.trx }
    )
    const lineTotals = await ApplicationBudgetLine.query({ client: this.trx })
      .where('application_id', application.id)
      .orderBy('position')
    await GrantBudgetLine.createMany(
      lineTotals.map((line) => ({
        grantId: grant.id,
        version: 1,
        position: line.position,
        heading: line.heading,
        label: line.label,
        unit: line.unit,
        quantityHundredths: line.quantityHundredths,
        unitCostCents: line.unitCostCents,
        totalCents: lineTotalCents(line.quantity, line.unitCostCents),
        thirdParty: line.thirdParty,
      })),
      { client: this.trx }
    )
    return grant
  }

  private async openSubGrantingCall(leadGrant: Grant) {
    const lead = this.org('lead')
    const call = await this.createCall({
      reference: 'KSC-SG-2027-01',
      titleEn: 'Sub-grants to licensed shelters for victims of trafficking (2027)',
      titleSq: 'Nën-grante për strehimoret e licencuara për viktimat e trafikimit (2027)',
      titleSr: 'Podgrantovi licenciranim skloništima za žrtve trgovine ljudima (2027)',
      funderOrganisationId: lead.id,
      parentGrantId: leadGrant.id,
      conceptDeadlineAt: this.now.plus({ days: 21 }).set({ hour: 15, minute: 0 }),
      fullDeadlineAt: this.now.plus({ days: 60 }).set({ hour: 15, minute: 0 }),
      status: 'published',
      publishedAt: this.now.minus({ days: 25 }),
    })
    const notes: [string, 'draft' | 'submitted' | 'withdrawn'][] = [
      ['ngo1', 'submitted'],
      ['ngo2', 'draft'],
      ['ngo3', 'withdrawn'],
    ]
    for (const [key, status] of notes) {
      await Application.create(
        {
          callId: call.id,
          organisationId: this.org(key).id,
          status,
          title: `Care and reintegration at ${this.org(key).shortName}`,
          summary: 'Residential care, counselling and reintegration for victims of trafficking.',
          objectives: 'Keep the shelter open to the minimum standards for 12 months.',
          targetGroups: 'Victims of trafficking',
          currency: 'EUR',
          estimatedTotalCents: 5263158,
          requestedCents: 5000000,
          submittedAt: status === 'draft' ? null : this.now.minus({ days: 3 }),
          withdrawnAt: status === 'withdrawn' ? this.now.minus({ days: 1 }) : null,
          createdById: this.user(`${key}@demo.test`).id,
          isEliminated: false,
        },
        { client: this.trx }
      )
    }
  }

  private async subGrantingCallInEvaluation(leadGrant: Grant) {
    const lead = this.org('lead')
    const call = await this.createCall({
      reference: 'KSC-SG-2026-02',
      titleEn: 'Sub-grants to shelters: second round (2026)',
      funderOrganisationId: lead.id,
      parentGrantId: leadGrant.id,
      conceptDeadlineAt: this.now.minus({ days: 4 }).set({ hour: 15, minute: 0 }),
      fullDeadlineAt: this.now.plus({ days: 30 }).set({ hour: 15, minute: 0 }),
      status: 'concept_notes_closed',
      publishedAt: this.now.minus({ days: 60 }),
    })
    for (const email of ['assessor1@demo.test', 'assessor2@demo.test']) {
      await AssessorDeclaration.create(
        { callId: call.id, userId: this.user(email).id, signedAt: this.now.minus({ days: 2 }) },
        { client: this.trx }
      )
    }
    const deadline = call.conceptDeadlineAt.setZone(call.timezone).toISODate()!
    for (const [key, share] of [
      ['ngo4', 70],
      ['ngo5', 60],
      ['ngo6', 82],
    ] as const) {
      const organisation = this.org(key)
      const licences = await Licence.query({ client: this.trx })
        .where('organisation_id', organisation.id)
        .withScopes((s) => s.withFacts())
      const application = await Application.create(
        {
          callId: call.id,
          organisationId: organisation.id,
          status: 'submitted',
          title: `Shelter services at ${organisation.shortName}`,
          summary: 'Residential care and case management for victims of trafficking.',
          objectives: 'Care to the minimum standards; reintegration follow-up at 6 and 12 months.',
          targetGroups: 'Victims of trafficking',
          currency: 'EUR',
          estimatedTotalCents: 4210527,
          requestedCents: 4000000,
          submittedAt: this.now.minus({ days: 6 }),
          licenceCheck: checkCoverage(
            licences.map((l) => l.toFacts()),
            'residential_vot',
            deadline,
            deadline
          ),
          createdById: this.user(`${key}@demo.test`).id,
          isEliminated: false,
        },
        { client: this.trx }
      )
      if (key === 'ngo6') {
        application.useTransaction(this.trx)
        application.conceptScoreHundredths = await this.assess(
          application,
          'concept_note',
          defaultConceptGrid,
          [share, share - 4]
        )
        await application.save()
      } else {
        await AssessorAssignment.create(
          {
            applicationId: application.id,
            assessorId: this.user('assessor1@demo.test').id,
            stage: 'concept_note',
            status: 'assigned',
            assignedById: this.user('lead@demo.test').id,
          },
          { client: this.trx }
        )
      }
    }
  }
}
