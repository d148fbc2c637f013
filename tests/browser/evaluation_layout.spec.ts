import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { DateTime } from 'luxon'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'
import { signIn } from '#tests/browser_session'
import { giveLogframe } from '#tests/logframe_helpers'

const ip = '127.0.0.1'

/** Widths of the page against the viewport: no horizontal page scroll. */
async function pageWidth(page: Page) {
  return page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })'
  ) as Promise<{ scroll: number; viewport: number }>
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).boundingBox()
  if (!found) throw new Error(`${selector} is not on the page`)
  return found
}

test.group('Browser: evaluation layouts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the score sheet sits beside the full application at 1280 px and below it at 375 px', async ({
    visit,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee', 'Layout Funder')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'full_applications_closed' })
    const ngo = await makeOrganisation('ngo', 'Layout Shelter')
    const applicant = await makeMember(ngo, 'applicant')
    const application = await Application.create({
      callId: call.id,
      organisationId: ngo.id,
      status: 'full_submitted',
      title: 'Beds and care',
      currency: 'EUR',
      requestedCents: 5000000,
      fullRequestedCents: 4800000,
      narrative: {
        relevance: 'Twelve beds are missing in the region',
        methodology: 'Case managers and counsellors',
        sustainability: 'State budget from 2029',
      },
      logframe: [{ level: 'objective', text: 'Safe shelter', baseline: '0', target: '12' }],
      periodStartOn: DateTime.fromISO('2027-03-01'),
      periodEndOn: DateTime.fromISO('2028-02-29'),
      fullSubmittedAt: DateTime.utc(),
      createdById: applicant.id,
      isEliminated: false,
    })
    await ApplicationBudgetLine.create({
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Social workers with a rather long description of their duties',
      unit: 'month',
      quantityHundredths: 1200,
      unitCostCents: 400000,
      thirdParty: null,
    })
    const assessor = await makeMember(await makeOrganisation('contracting_authority'), 'assessor')
    const result = await new AssessorAssignments().assign(
      application,
      assessor.id,
      'full_application',
      manager,
      ip
    )
    if (!result.ok) throw new Error(result.reason)
    await new AssessorAssignments().sign(call.id, assessor, ip)
    await giveLogframe(application.id)

    const page = await visit('/login')
    await page.setViewportSize({ width: 1280, height: 900 })
    await signIn(page, assessor.email)
    await page.goto(new URL(`/assignments/${result.assignment.id}`, page.url()).href)
    await page.assertTextContains('[data-full-application]', 'Twelve beds are missing')
    const wideApp = await box(page, '[data-full-application]')
    const wideSheet = await box(page, '[data-score-sheet]')
    assert.isAbove(
      wideSheet.x,
      wideApp.x + wideApp.width - 1,
      'sheet to the right of the application'
    )
    assert.isBelow(Math.abs(wideSheet.y - wideApp.y), 40, 'side by side, same top')
    let width = await pageWidth(page)
    assert.isAtMost(width.scroll, width.viewport)
    // The logframe criterion is scored in the application column, right under the logframe.
    const logframeScore = await box(page, '[data-sheet-logframe-score]')
    const logframeTable = await box(page, '[data-sheet-structured-logframe]')
    assert.isBelow(logframeScore.x + logframeScore.width, wideSheet.x, 'in the application column')
    assert.isAtLeast(
      logframeScore.y,
      logframeTable.y + logframeTable.height - 1,
      'under the logframe'
    )
    await page.locator('#score-3\\.2').fill('4')
    assert.equal(await page.locator('#score-3\\.2').getAttribute('form'), 'score-form')

    await page.setViewportSize({ width: 375, height: 800 })
    const narrowApp = await box(page, '[data-full-application]')
    const narrowSheet = await box(page, '[data-score-sheet]')
    assert.isAtLeast(
      narrowSheet.y,
      narrowApp.y + narrowApp.height - 1,
      'sheet below the application'
    )
    width = await pageWidth(page)
    assert.isAtMost(width.scroll, width.viewport)
  })

  test('the budget builder totals rows and headings while typing, explains a 422, and fits 1280 and 375 px', async ({
    visit,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee', 'Builder Funder')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'shortlisted' })
    const ngo = await makeOrganisation('ngo', 'Builder Shelter')
    const applicant = await makeMember(ngo, 'applicant')
    const application = await Application.create({
      callId: call.id,
      organisationId: ngo.id,
      status: 'shortlisted',
      title: 'Beds',
      currency: 'EUR',
      requestedCents: 5000000,
      createdById: applicant.id,
      isEliminated: false,
    })

    const page = await visit('/login')
    await page.setViewportSize({ width: 1280, height: 900 })
    await signIn(page, applicant.email)
    await page.goto(new URL(`/applications/${application.id}/full`, page.url()).href)
    let width = await pageWidth(page)
    assert.isAtMost(width.scroll, width.viewport, 'no horizontal scroll at 1280 px')

    const rows = page.locator('[data-budget-row]')
    await rows.nth(0).locator('select').selectOption('travel')
    await rows.nth(0).getByLabel('Quantity').fill('2.5')
    await rows.nth(0).getByLabel('Unit cost (EUR)').fill('33,33')
    // round(2.5 × 33.33 = 83.325) = 83.33, half up like the server.
    await page.assertTextContains('[data-budget-row="1"] [data-line-total]', '83.33')
    await page.assertTextContains('[data-heading-total="travel"]', '83.33')
    await rows.nth(1).locator('select').selectOption('travel')
    await rows.nth(1).getByLabel('Quantity').fill('1')
    await rows.nth(1).getByLabel('Unit cost (EUR)').fill('16,67')
    await page.assertTextContains('[data-heading-total="travel"]', '100.00')
    await page.assertTextContains('[data-total="totalEligibleCents"]', '100.00')

    /* Row 3 with a quantity of three decimals: the server refuses it, and says so by row. */
    await rows.nth(2).getByLabel('Item').fill('Visits')
    await rows.nth(2).getByLabel('Unit', { exact: true }).fill('trip')
    await rows.nth(2).getByLabel('Quantity').fill('1.555')
    await rows.nth(2).getByLabel('Unit cost (EUR)').fill('10')
    await page.locator('[data-preview-error]:not([hidden])').waitFor()
    await page.assertTextContains('[data-preview-errors]', 'Row 3:')

    /* Fixed, with indirect costs over the cap: the rule in words, not its code. */
    await rows.nth(2).getByLabel('Quantity').fill('1')
    await rows.nth(0).getByLabel('Item').fill('Fuel')
    await rows.nth(0).getByLabel('Unit', { exact: true }).fill('trip')
    await rows.nth(1).getByLabel('Item').fill('Tickets')
    await rows.nth(1).getByLabel('Unit', { exact: true }).fill('trip')
    await rows.nth(3).locator('select').selectOption('indirect')
    await rows.nth(3).getByLabel('Item').fill('Overheads')
    await rows.nth(3).getByLabel('Unit', { exact: true }).fill('lump sum')
    await rows.nth(3).getByLabel('Quantity').fill('1')
    await rows.nth(3).getByLabel('Unit cost (EUR)').fill('50')
    await page.locator('[data-violation="INDIRECT_OVER_CAP"]').waitFor()
    await page.locator('[data-preview-error][hidden]').waitFor({ state: 'attached' })
    const text = await page.locator('[data-violation="INDIRECT_OVER_CAP"]').innerText()
    assert.match(text, /^Indirect costs of/)
    assert.notInclude(text, 'INDIRECT_OVER_CAP')

    width = await pageWidth(page)
    assert.isAtMost(width.scroll, width.viewport, 'still no horizontal scroll at 1280 px')
    await page.setViewportSize({ width: 375, height: 800 })
    width = await pageWidth(page)
    assert.isAtMost(width.scroll, width.viewport, 'no horizontal scroll at 375 px')
  })
})
