/*
| Sub-grants over time (DOMAIN-RULES §3): random sequences of awards to
| three shelter NGOs and of FSTP exceptions under one lead grant, through
| the award check and the exception actions. After every step:
| - Σ sub-grants of each NGO ≤ the per-third-party cap, or ≤ its approved
|   exception when one exists;
| - Σ sub-grants ≤ the lead grant's FSTP line.
| SUB_GRANT_SEQUENCES (default 200) and SUB_GRANT_SEED reproduce or widen a run.
*/
import { test } from '@japa/runner'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { checkSubGrantAward } from '#actions/grants/check_sub_grant_award'
import { FstpExceptions } from '#actions/grants/fstp_exceptions'
import Application from '#models/application'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

const runs = Number(process.env.SUB_GRANT_SEQUENCES ?? 200)
const seed = Number(process.env.SUB_GRANT_SEED ?? 20261203)
const capCents = 6_000_000
const fstpLineCents = 20_000_000

type Step =
  | { kind: 'award'; ngo: number; cents: number }
  | { kind: 'exception'; ngo: number; cents: number; approve: boolean }

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('award' as const),
      ngo: fc.nat({ max: 2 }),
      cents: fc.integer({ min: 500_000, max: 5_000_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('exception' as const),
      ngo: fc.nat({ max: 2 }),
      cents: fc.integer({ min: 3_000_000, max: 12_000_000 }),
      approve: fc.boolean(),
    }),
  }
)

async function setUp() {
  const lead = await makeSignedGrant({ status: 'in_implementation' })
  await GrantBudgetLine.create({
    grantId: lead.grant.id,
    version: 1,
    position: 1,
    heading: 'other',
    label: 'Sub-grants to shelters',
    unit: 'lump sum',
    quantityHundredths: 100,
    unitCostCents: fstpLineCents,
    totalCents: fstpLineCents,
    thirdParty: 'Shelter NGOs',
  })
  const leadManager = await makeMember(lead.grantee, 'grant_manager')
  const euManager = await makeMember(lead.funder, 'grant_manager')
  const call = await makeCall(lead.grantee, leadManager, {
    status: 'awarded',
    eligibleServices: ['residential_vot'],
  })
  call.parentGrantId = lead.grant.id
  call.maxPerThirdPartyCents = capCents
  await call.save()
  const mlsw = await makeOrganisation('ministry', 'MLSW')
  const official = await makeMember(mlsw, 'mlsw_official')
  const applications: Application[] = []
  for (const n of [1, 2, 3]) {
    const ngo = await makeOrganisation('ngo', `Shelter NGO ${n}`)
    await makeLicence(ngo, official, { issuedOn: '2026-01-01', validUntil: '2029-12-31' })
    const applicant = await makeMember(ngo, 'applicant')
    applications.push(
      await Application.create({
        callId: call.id,
        organisationId: ngo.id,
        status: 'awarded',
        title: `Beds at shelter ${n}`,
        currency: 'EUR',
        requestedCents: capCents,
        fullRequestedCents: null,
        periodStartOn: DateTime.fromISO('2027-01-01'),
        periodEndOn: DateTime.fromISO('2027-12-31'),
        createdById: applicant.id,
        isEliminated: false,
      })
    )
  }
  return { lead, leadManager, euManager, call, applications }
}

type World = Awaited<ReturnType<typeof setUp>>

async function apply(world: World, op: Step, log: string[]) {
  const application = world.applications[op.ngo]
  try {
    if (op.kind === 'award') {
      // Each award comes from its own sub-granting call under the lead grant (one
      // application per NGO and call), so one NGO can hold several sub-grants.
      const call = await makeCall(world.lead.grantee, world.leadManager, {
        status: 'awarded',
        eligibleServices: ['residential_vot'],
      })
      call.parentGrantId = world.lead.grant.id
      call.maxPerThirdPartyCents = capCents
      await call.save()
      const awardedApplication = await Application.create({
        ...application.$attributes,
        id: undefined,
        callId: call.id,
      })
      await db.transaction(async (trx) => {
        await checkSubGrantAward(
          trx,
          call,
          awardedApplication,
          op.cents,
          '2027-01-01',
          '2027-12-31'
        )
        const tec = Math.ceil((op.cents * 10_000) / 9_500)
        await Grant.create(
          {
            reference: `SG-${Math.random().toString(36).slice(2, 8)}`,
            applicationId: awardedApplication.id,
            callId: call.id,
            granteeOrganisationId: application.organisationId,
            funderOrganisationId: world.lead.grantee.id,
            parentGrantId: world.lead.grant.id,
            currency: 'EUR',
            totalEligibleCents: tec,
            funderCents: op.cents,
            cofinancingCents: tec - op.cents,
            paymentOption: 'option_1',
            prefinancingCapBp: 9000,
            startsOn: DateTime.fromISO('2027-01-01'),
            endsOn: DateTime.fromISO('2027-12-31'),
            reportingPeriodMonths: 12,
            status: 'signed',
            createdById: world.leadManager.id,
            statusReason: null,
            licenceNote: null,
          },
          { client: trx }
        )
      })
    } else {
      const exception = await new FstpExceptions().request(
        world.lead.grant.id,
        { applicationId: application.id, amountCents: op.cents, justification: 'Only shelter' },
        world.leadManager,
        '127.0.0.1'
      )
      await new FstpExceptions().decide(
        exception.id,
        op.approve ? 'approved' : 'refused',
        op.approve ? null : 'No',
        world.euManager,
        '127.0.0.1'
      )
    }
    log.push(`${JSON.stringify(op)}: done`)
  } catch (error) {
    const status = (error as { status?: number }).status
    if (typeof status !== 'number' || status < 400 || status >= 500) throw error
    log.push(`${JSON.stringify(op)}: refused (${(error as Error).message})`)
  }
}

async function checkInvariants(world: World, log: string[]) {
  const subGrants = await Grant.query().where('parent_grant_id', world.lead.grant.id)
  const total = subGrants.reduce((sum, g) => sum + g.funderCents, 0)
  if (total > fstpLineCents)
    throw new Error(`Σ sub-grants ${total} over the FSTP line\n${log.join('\n')}`)
  for (const application of world.applications) {
    const own = subGrants
      .filter((g) => g.granteeOrganisationId === application.organisationId)
      .reduce((sum, g) => sum + g.funderCents, 0)
    const exception = await FstpException.query()
      .where('application_id', application.id)
      .where('status', 'approved')
      .orderBy('amount_cents', 'desc')
      .first()
    const ceiling = Math.max(capCents, exception?.amountCents ?? 0)
    if (own > ceiling) {
      throw new Error(
        `NGO ${application.organisationId}: Σ ${own} over its ceiling ${ceiling}\n${log.join('\n')}`
      )
    }
  }
}

test.group('Properties: sub-grants under one lead grant', () => {
  test('per-third-party caps and the FSTP line hold after every step', async ({ assert }) => {
    let awarded = 0
    let excepted = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        await db.beginGlobalTransaction()
        try {
          const world = await setUp()
          const log: string[] = []
          for (const op of steps) {
            await apply(world, op, log)
            await checkInvariants(world, log)
          }
          awarded += log.filter((l) => l.includes('"award"') && l.endsWith('done')).length
          excepted += log.filter((l) => l.includes('"exception"') && l.endsWith('done')).length
        } finally {
          await db.rollbackGlobalTransaction()
        }
      }),
      { numRuns: runs, seed, endOnFailure: true }
    )
    assert.isAbove(awarded, 0)
    assert.isAbove(excepted, 0)
  })
})
