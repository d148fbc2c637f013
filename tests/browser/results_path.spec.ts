import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Indicator from '#models/indicator'
import NarrativeReport from '#models/narrative_report'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeOrganisation } from '#tests/helpers'
import { signIn, signOut } from '#tests/browser_session'
import { giveGrantLogframe } from '#tests/functional/narrative/fixtures'

test.group('Browser: from the results framework to the progress pack', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an indicator is set up, reported on, returned once, approved and shown in the pack', async ({
    visit,
    assert,
  }) => {
    const { grant, creator: setter } = await makeSignedGrant({
      grantee: await makeOrganisation('ngo', 'Shelter Drita'),
    })
    const { applicant, finance, manager } = await paymentPeople(grant)
    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())

    // 1. A grant manager of the EU Office creates a result and an indicator with targets.
    await signIn(page, setter.email)
    await page.goto(new URL('/indicators', page.url()).href)
    await page.locator('[data-new-result]').click()
    await page.getByLabel('Code').fill('R9')
    await page.getByLabel('English').fill('Victims of trafficking are reintegrated')
    await page.getByLabel('Albanian').fill('Viktimat e trafikimit riintegrohen')
    await page.getByLabel('Serbian').fill('Žrtve trgovine ljudima su reintegrisane')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL('**/indicators')
    await page.assertTextContains(
      '[data-result="R9"] h2',
      'Victims of trafficking are reintegrated'
    )
    await page.locator('[data-result="R9"] [data-new-indicator]').click()
    await page.getByLabel('Code').fill('R9.1')
    await page.getByLabel('English').fill('Victims reintegrated after a shelter stay')
    await page.getByLabel('Albanian').fill('Viktima të riintegruara pas qëndrimit në strehë')
    await page.getByLabel('Serbian').fill('Žrtve reintegrisane posle boravka u skloništu')
    await page.getByLabel('Unit').selectOption('people')
    await page.getByLabel('Source of verification').fill('Narrative reports of the shelters')
    for (const dimension of ['sex', 'age band', 'origin']) {
      await page.getByLabel(dimension, { exact: true }).check()
    }
    await page.getByLabel('How the actual value is obtained').selectOption('narrative_reports')
    await page.getByLabel('Baseline year').fill('2025')
    await page.getByLabel('Baseline value').fill('10')
    await page.getByLabel('Targets per year').fill('2026=20, 2027=30')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('h1', 'R9.1 · Victims reintegrated after a shelter stay')
    await page.assertTextContains(
      '[data-indicator="R9.1"] tr[data-year="2026"] [data-target]',
      '20'
    )
    await page.assertTextContains(
      '[data-indicator="R9.1"] tr[data-year="2027"] [data-target]',
      '30'
    )
    await signOut(page)

    // The grant's logframe measures its specific objective by the new programme indicator.
    const indicator = await Indicator.findByOrFail('code', 'R9.1')
    assert.deepEqual(indicator.targets, { '2026': 20, '2027': 30 })
    await giveGrantLogframe(grant.id, indicator.id)

    // 2. The NGO opens the narrative report of period 1, fills it in and submits it.
    await signIn(page, applicant.email)
    await page.goto(new URL(`/grants/${grant.id}`, page.url()).href)
    await page.locator('[data-open-narrative="1"]').click()
    await page.assertTextContains('[data-narrative-status]', 'draft')
    await page
      .getByLabel('Summary of the period')
      .fill('Twenty residents went home to their families.')
    await page.locator('[data-progress="R1"] select').selectOption('ongoing')
    await page.locator('[data-progress="R1"] textarea').fill('Plans drafted for all residents.')
    await page.locator('[data-progress="A1.1"] select').selectOption('completed')
    await page.locator('[data-progress="A1.1"] textarea').fill('Weekly sessions held.')
    const i1 = page.locator('[data-indicator-value="I1"]')
    await i1.getByLabel('Value').fill('20')
    await i1.getByLabel('Sex: female').fill('15')
    await i1.getByLabel('Sex: male').fill('5')
    await i1.getByLabel('Age band: under 18').fill('5')
    await i1.getByLabel('Age band: 18+').fill('15')
    await i1.getByLabel('Origin: domestic').fill('15')
    await i1.getByLabel('Origin: foreign').fill('5')
    await page.locator('[data-indicator-value="I2"]').getByLabel('Value').fill('18')
    await page.getByRole('button', { name: 'Save and submit' }).click()
    await page.assertTextContains('[data-narrative-status]', 'submitted')
    await page.assertTextContains(
      '[data-indicator-values] tr[data-indicator="I1"] [data-value]',
      '20'
    )
    const reportUrl = page.url()
    await page.goto(new URL(`/grants/${grant.id}`, page.url()).href)
    await page.assertTextContains('[data-narrative-period="1"]', 'submitted')
    await signOut(page)

    // 3. The finance officer returns it once: the plans completed are out of date.
    await signIn(page, finance.email)
    await page.goto(reportUrl)
    await page.assertTextContains(
      '[data-indicator-values] tr[data-indicator="I1"]',
      'female 15, male 5'
    )
    await page.getByLabel('What must be revised').fill('Give the plans completed by 31 December')
    await page.locator('[data-return-narrative]').click()
    await page.assertTextContains('[data-narrative-status]', 'returned')
    await signOut(page)

    // The NGO reads the comment, corrects the value and resubmits.
    await signIn(page, applicant.email)
    await page.goto(reportUrl)
    await page.assertTextContains('[data-return-comment]', 'plans completed by 31 December')
    await page.locator('[data-indicator-value="I2"]').getByLabel('Value').fill('24')
    await page.getByRole('button', { name: 'Save and submit' }).click()
    await page.assertTextContains('[data-narrative-status]', 'submitted')
    await page.assertTextContains(
      '[data-indicator-values] tr[data-indicator="I2"] [data-value]',
      '24'
    )
    await signOut(page)

    // The finance officer sees what changed, verifies and is not offered the approval.
    await signIn(page, finance.email)
    await page.goto(reportUrl)
    await page.assertTextContains(
      '[data-narrative-diff] [data-changed-field="indicators.I2"]',
      '24'
    )
    await page.locator('[data-verify-narrative]').click()
    await page.assertTextContains('[data-narrative-status]', 'verified')
    await page.assertNotExists('[data-approve-narrative]')
    await signOut(page)

    // Another grant manager approves.
    await signIn(page, manager.email)
    await page.goto(reportUrl)
    await page.locator('[data-approve-narrative]').click()
    await page.assertTextContains('[data-narrative-status]', 'approved')
    await page.assertTextContains('.lead', 'The report is approved.')
    await signOut(page)
    const report = await NarrativeReport.findByOrFail('grant_id', grant.id)
    assert.deepEqual(
      [report.status, report.verifiedById, report.approvedById],
      ['approved', finance.id, manager.id]
    )

    // 4. The progress pack of the period's last quarter shows the indicator and the report.
    await signIn(page, setter.email)
    await page.goto(new URL('/indicators', page.url()).href)
    await page.assertText('[data-indicator="R9.1"] tr[data-year="2026"] [data-actual]', '20')
    await page.assertTextContains('[data-indicator="R9.1"] tr[data-year="2026"]', 'Target met')
    await page.locator('[data-progress-pack]').click()
    await page.getByLabel('Quarter').fill('2026-Q4')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.assertTextContains('h1', 'Progress pack 2026-Q4')
    await page.assertTextContains(
      '[data-pack-indicator="R9.1"]',
      'Victims reintegrated after a shelter stay'
    )
    await page.assertText('[data-pack-indicator="R9.1"] [data-target]', '20')
    await page.assertText('[data-pack-indicator="R9.1"] [data-actual]', '20')
    await page.assertTextContains('[data-pack-indicator="R9.1"]', 'Target met')
    await page.assertTextContains('[data-pack-narrative] tr[data-status="approved"]', '1')
    await page.assertTextContains('[data-pack-narrative] tr[data-status="submitted"]', '0')

    const href = await page.locator('[data-pack-pdf]').getAttribute('href')
    const pdf = await page.request.get(new URL(href!, page.url()).href)
    assert.equal(pdf.status(), 200)
    assert.include(pdf.headers()['content-type'], 'application/pdf')
    const bytes = await pdf.body()
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  })
})
