import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import HandoverNeed from '#models/handover_need'
import HandoverTransfer from '#models/handover_transfer'
import { todayInKosovo } from '#services/clock'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation, makeShelter } from '#tests/helpers'
import { signIn } from '#tests/browser_session'

test.group('Browser: the handover plan', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an MLSW official records a commitment and a transfer; the chart and the flags follow', async ({
    visit,
    assert,
  }) => {
    const today = todayInKosovo()
    const year = Number(today.slice(0, 4))
    // The action started last year: this year's target is 50 %; the sub-grant runs on for years.
    const { grant: lead, grantee: leadGrantee } = await makeSignedGrant({
      startsOn: `${year - 1}-09-01`,
      endsOn: `${year + 3}-08-31`,
    })
    const ngo = await makeOrganisation('ngo', 'Browser Shelter NGO')
    const shelter = await makeShelter(ngo, 'Browser Shelter')
    await makeSignedGrant({
      parent: lead,
      funder: leadGrantee,
      grantee: ngo,
      totalEligibleCents: 5263158,
      funderCents: 5000000,
      startsOn: `${year - 1}-10-01`,
      endsOn: `${year + 3}-06-30`,
    })
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    await makeLicence(ngo, official, {
      issuedOn: `${year - 1}-01-01`,
      validUntil: `${year + 2}-12-31`,
    })
    await HandoverNeed.create({
      shelterId: shelter.id,
      year,
      method: 'entered',
      occupancyBp: 7500,
      currency: 'EUR',
      amountCents: 6000000,
      justification: 'Coalition norm',
      setById: official.id,
    })

    const page = await visit('/login')
    await signIn(page, official.email)
    await page.goto(new URL(`/handover/shelters/${shelter.id}?year=${year}`, page.url()).href)
    await page.assertTextContains('[data-figure="target"]', '€30,000.00')
    await page.assertExists('[data-flags] [data-flag="under_committed"]')
    const chartBefore = await page.locator('[data-chart] svg').innerHTML()
    assert.notInclude(chartBefore, 'series: State committed')

    // The commitment of the Budget Law, by a ministry that is not on record.
    await page.locator('#field-funderName').fill('Ministry of Finance, Labour and Transfers')
    await page.getByLabel('Kind of commitment').selectOption('budget_law')
    await page.getByLabel('Budget line or MTEF reference').fill(`Budget Law ${year}, line 21400`)
    await page.getByLabel('Committed on').fill(`${year}-01-01`)
    await page.getByLabel('Amount committed').fill('30 000,00')
    await page.getByRole('button', { name: 'Record the commitment' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The commitment is recorded.')
    await page.assertTextContains('[data-figure="committed"]', '€30,000.00')
    await page.assertNotExists('[data-flags] [data-flag="under_committed"]')
    const chartCommitted = await page.locator('[data-chart] svg').innerHTML()
    assert.include(chartCommitted, `Year: ${year}; amount: 30000; series: State committed`)

    // The transfer that pays it, early in the year.
    const transferredOn = today < `${year}-01-10` ? today : `${year}-01-10`
    await page.getByLabel('Transferred on').fill(transferredOn)
    await page.getByLabel('Amount transferred').fill('30 000,00')
    await page.getByLabel('Bank reference').fill('TRZ-1')
    await page.getByRole('button', { name: 'Record the transfer' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The transfer is recorded.')
    await page.assertTextContains('[data-figure="state"]', '€30,000.00')
    await page.assertTextContains('[data-figure="state-share"]', '50.00 %')
    await page.assertExists('[data-flags] [data-flag="none"]')
    const chartAfter = await page.locator('[data-chart] svg').innerHTML()
    assert.notEqual(chartAfter, chartCommitted)
    assert.include(chartAfter, `Year: ${year}; EUR: 30,000; source: State transfers`)

    const transfers = await HandoverTransfer.query().where('shelter_id', shelter.id)
    assert.deepEqual(
      transfers.map((t) => [t.amountCents, t.transferredOn.toISODate()]),
      [[3000000, DateTime.fromISO(transferredOn).toISODate()]]
    )

    // The national dashboard shows the shelter on track too.
    await page.goto(new URL(`/handover?year=${year}`, page.url()).href)
    await page.assertExists(`[data-shelter-row="${shelter.id}"] [data-flag="none"]`)
  })
})
