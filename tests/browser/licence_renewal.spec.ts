import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { todayInKosovo } from '#services/clock'
import { makeLicence, makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

test.group('Browser: licence renewal', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an MLSW official renews an expiring licence and the dashboard stops listing it', async ({
    visit,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Renewing Shelter NGO')
    const today = DateTime.fromISO(todayInKosovo())
    const licence = await makeLicence(ngo, official, {
      number: 'EXP-2026-7',
      issuedOn: today.minus({ years: 3 }).plus({ days: 30 }).toISODate()!,
      validUntil: today.plus({ days: 29 }).toISODate()!,
    })

    const page = await visit('/login')
    await page.getByLabel('Email').fill(official.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/dashboard')

    await page.goto(page.url().replace('/dashboard', '/licensing'))
    await page.assertTextContains('[data-expiring]', 'EXP-2026-7')

    await page.getByRole('link', { name: 'EXP-2026-7' }).first().click()
    await page.getByRole('button', { name: 'Record a renewal request' }).click()
    await page.assertTextContains('[data-renewal-pending]', 'Renewal pending since')

    await page.getByLabel('Number of the new licence').fill('EXP-2026-7-R')
    await page.getByRole('button', { name: 'Grant the renewal' }).click()
    await page.assertTextContains('h1', 'Licence EXP-2026-7-R')

    await page.getByRole('link', { name: 'Licensing' }).click()
    await page.waitForURL('**/licensing')
    const expiring = await page.locator('[data-expiring]').innerText()
    assert.notInclude(expiring, 'EXP-2026-7')
    assert.include(expiring, 'No licence expires within 90 days.')
    assert.isAbove(licence.id, 0)
  })
})
