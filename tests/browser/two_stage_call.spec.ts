import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Application from '#models/application'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'
import { signIn, signOut } from '#tests/browser_session'

test.group('Browser: a restricted call in two stages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('concept note, two assessors, shortlist, and a full application whose budget and logframe must be fixed', async ({
    visit,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee', 'Funding Coalition')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const ngo = await makeOrganisation('ngo', 'Two Stage Shelter')
    const applicant = await makeMember(ngo, 'applicant')
    const pool = await makeOrganisation('contracting_authority', 'Assessor Pool')
    const assessors = [await makeMember(pool, 'assessor'), await makeMember(pool, 'assessor')]

    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())

    /* The NGO writes and submits its concept note. */
    await signIn(page, applicant.email)
    await page.goto(new URL(`/calls/${call.id}`, page.url()).href)
    await page.getByRole('button', { name: 'Start a concept note' }).click()
    await page.getByLabel('Summary').fill('Safe beds for victims of trafficking')
    await page.getByLabel('Objectives').fill('Care to the minimum standards')
    await page.getByLabel('Estimated total cost (EUR)').fill('52 631,58')
    await page.getByLabel('Requested from the funder (EUR)').fill('50 000')
    await page.getByRole('button', { name: 'Save the draft' }).click()
    await page.getByRole('button', { name: 'Submit the concept note' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The concept note is submitted.')
    await signOut(page)
    const application = await Application.findByOrFail('organisation_id', ngo.id)

    /* The deadline passes; the manager closes, checks and assigns two assessors. */
    call.conceptDeadlineAt = DateTime.utc().minus({ minutes: 1 })
    await call.save()
    await signIn(page, manager.email)
    await page.goto(new URL(`/calls/${call.id}`, page.url()).href)
    await page.getByRole('button', { name: 'Close concept notes' }).click()
    await page.locator('[data-confirmation="concept_notes_closed"]').waitFor()
    await page.getByRole('button', { name: 'Yes, close concept notes' }).click()
    await page.assertTextContains('[data-flash="success"]', 'closed')
    await page.goto(new URL(`/calls/${call.id}/evaluation`, page.url()).href)
    await page.getByLabel('Registered NGO').check()
    await page.getByRole('button', { name: 'Record the check' }).click()
    for (const assessor of assessors) {
      await page.locator(`#assessor-${application.id}`).selectOption(String(assessor.id))
      await page.getByRole('button', { name: 'Assign', exact: true }).click()
      await page.assertTextContains('[data-flash="success"]', 'The assessor is assigned.')
    }
    await signOut(page)

    /* Each assessor signs the declaration, then scores. */
    for (const [index, assessor] of assessors.entries()) {
      await signIn(page, assessor.email)
      await page.goto(new URL('/assessments', page.url()).href)
      await page.getByRole('link', { name: 'Sign the declaration first' }).click()
      await page.getByRole('button', { name: 'Sign the declaration' }).click()
      await page.getByRole('link', { name: 'Open' }).click()
      const inputs = page.locator('[data-score-form] input[type="number"]')
      const count = await inputs.count()
      for (let i = 0; i < count; i++) {
        const max = Number(await inputs.nth(i).getAttribute('max'))
        await inputs.nth(i).fill(String(Math.max(0, max - index)))
      }
      await page.getByRole('button', { name: 'Submit the scores' }).click()
      await page.assertTextContains('[data-flash="success"]', 'Your scores are submitted.')
      await signOut(page)
    }

    /* The manager decides the shortlist. */
    await signIn(page, manager.email)
    await page.goto(new URL(`/calls/${call.id}/evaluation`, page.url()).href)
    await page.getByRole('button', { name: 'Decide the shortlist' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The shortlist is decided')
    await signOut(page)

    /* The NGO prepares the full application; the budget shows a violation until it is fixed. */
    await signIn(page, applicant.email)
    await page.goto(new URL(`/applications/${application.id}`, page.url()).href)
    await page.getByRole('link', { name: 'Open the full application' }).click()
    await page.getByLabel('Starts on').fill('2027-03-01')
    await page.getByLabel('Ends on').fill('2028-02-29')
    await page.getByLabel('Relevance').fill('Needed in the region')
    await page.getByLabel('Methodology and activities').fill('Beds, care and counselling')
    await page.getByLabel('Sustainability').fill('State funding through the MLSW')
    const rows = page.locator('[data-budget-row]')
    await rows.nth(0).locator('select').selectOption('human_resources')
    await rows.nth(0).getByLabel('Item').fill('Social workers')
    await rows.nth(0).getByLabel('Unit', { exact: true }).fill('month')
    await rows.nth(0).getByLabel('Quantity').fill('12')
    await rows.nth(0).getByLabel('Unit cost (EUR)').fill('4000')
    await rows.nth(1).locator('select').selectOption('indirect')
    await rows.nth(1).getByLabel('Item').fill('Overheads')
    await rows.nth(1).getByLabel('Unit', { exact: true }).fill('lump sum')
    await rows.nth(1).getByLabel('Quantity').fill('1')
    await rows.nth(1).getByLabel('Unit cost (EUR)').fill('5000')
    await page.locator('[data-violation="INDIRECT_OVER_CAP"]').waitFor()
    await page.getByRole('button', { name: 'Save the full application' }).click()
    await page.locator('[data-violation="INDIRECT_OVER_CAP"]').waitFor()

    await page.locator('[data-budget-row]').nth(1).getByLabel('Unit cost (EUR)').fill('3360')
    await page.locator('[data-no-violations]:not([hidden])').waitFor()
    // Co-financing: TEC 51 360.00 − F 48 792.00 = 2 568.00, from the NGO's own funds.
    const source = page.locator('[data-cofinancing-row]').nth(0)
    await source.locator('select').selectOption('own_funds')
    await source.getByLabel('Source').fill('Own funds')
    await source.getByLabel('Amount (EUR)').fill('2568')
    await page.getByRole('button', { name: 'Save the full application' }).click()
    /* Without a logframe the submission is refused, naming what is missing; what was typed stays. */
    await page.getByRole('button', { name: 'Submit the full application' }).click()
    await page.assertTextContains('[data-flash="error"]', 'its logframe needs an objective')
    assert.equal(await page.getByLabel('Relevance').inputValue(), 'Needed in the region')
    await page.locator('[data-logframe-gap="result_indicator"]').waitFor()

    /* The NGO builds the logframe: objective, result with a measured indicator, an activity. */
    await page.getByRole('link', { name: 'Build the logframe' }).click()
    const rowsOfItems: [string, string, string, string][] = [
      ['OO', 'overall_objective', '', 'Victims of trafficking are protected'],
      ['SO1', 'specific_objective', 'OO', 'Care to the minimum standards'],
      ['R1', 'result', 'SO1', 'Residents have individual assistance plans'],
      ['A1.1', 'activity', 'R1', 'Case management sessions'],
    ]
    for (const [index, [ref, level, parent, text]] of rowsOfItems.entries()) {
      await page.locator(`[name="items[${index}][ref]"]`).fill(ref)
      await page.locator(`[name="items[${index}][level]"]`).selectOption(level)
      if (parent) await page.locator(`[name="items[${index}][parent]"]`).fill(parent)
      await page.locator(`[name="items[${index}][text]"]`).fill(text)
    }
    for (const [name, value] of [
      ['ref', 'I1'],
      ['measures', 'R1'],
      ['title', 'Plans completed'],
      ['unit', 'plans'],
      ['baseline', '0'],
      ['target', '40'],
      ['source', 'Case files'],
    ]) {
      await page.locator(`[name="indicators[0][${name}]"]`).fill(value)
    }
    await page.getByRole('button', { name: 'Save the logframe' }).click()
    await page.assertTextContains('[data-flash="success"]', 'Logframe saved.')
    await page.locator('[data-logframe-ready]').waitFor()

    await page.goto(new URL(`/applications/${application.id}/full`, page.url()).href)
    await page.locator('[data-logframe-ready]').waitFor()
    await page.getByRole('button', { name: 'Submit the full application' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The full application is submitted.')

    await application.refresh()
    assert.equal(application.status, 'full_submitted')
    assert.equal(application.fullTotalCents, 5136000)
  })
})
