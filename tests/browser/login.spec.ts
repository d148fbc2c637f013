import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'

test.group('Browser: signing in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a shelter NGO user signs in and lands on the dashboard', async ({ visit, assert }) => {
    const ngo = await makeOrganisation('ngo', 'Browser Shelter NGO')
    const user = await makeMember(ngo, 'applicant')

    const page = await visit('/login')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.waitForURL('**/dashboard')
    await page.assertTextContains('h1', 'Dashboard')
    await page.assertTextContains('[data-panel="applicant"]', 'Browser Shelter NGO')
    assert.deepEqual(
      await page
        .locator('[data-nav-item]')
        .evaluateAll((links) => links.map((l) => l.getAttribute('data-nav-item'))),
      [
        'dashboard',
        'calls',
        'grants',
        'handover',
        'monitoring',
        'organisations',
        'shelters',
        'licences',
        'search',
        'tasks',
        'notifications',
        'profile',
      ]
    )
  })

  test('a wrong password shows the error and keeps the email', async ({ visit }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const page = await visit('/login')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.assertTextContains('[data-flash="error"]', 'The email or password is not correct.')
    await page.assertInputValue('#field-email', user.email)
  })

  test('the language switcher turns the page into Albanian', async ({ visit }) => {
    const page = await visit('/login')
    await page.selectOption('#locale-select', 'sq')
    await page.waitForSelector('html[lang="sq"]')
    await page.assertTextContains('h1', 'Hyni')
  })
})
