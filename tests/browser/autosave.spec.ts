import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright'
import { ConceptNotes } from '#actions/applications/concept_notes'
import FormDraft from '#models/form_draft'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'
import { signIn } from '#tests/browser_session'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page) {
  // Run through the DevTools protocol: the app's CSP refuses injected script tags.
  await page.evaluate(await readFile(axePath, 'utf8'))
  const found = await page.evaluate(
    'axe.run(document).then((r) => r.violations.map((v) => [v.id, v.impact]))'
  )
  return (found as [string, string][]).filter(([, impact]) =>
    ['serious', 'critical'].includes(impact)
  )
}

async function waitForDrafts(userId: number, count: number) {
  for (let tries = 0; tries < 50; tries++) {
    const drafts = await FormDraft.query().where('user_id', userId)
    if (drafts.length === count) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`expected ${count} draft(s)`)
}

test.group('Browser: a long form never loses what was typed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the concept note autosaves, restores after a reload, and shows an error summary with labels', async ({
    visit,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee', 'Autosave Funder')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const ngo = await makeOrganisation('ngo', 'Autosave Shelter')
    const applicant = await makeMember(ngo, 'applicant')
    const note = await new ConceptNotes().start(call, ngo.id, applicant, '127.0.0.1')

    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())
    await signIn(page, applicant.email)
    await page.goto(new URL(`/applications/${note.id}`, page.url()).href)

    /* Typing saves a draft after a few seconds: "Draft saved hh:mm". */
    await page.getByLabel('Summary').fill('Twenty minutes of careful writing')
    await page.locator('[data-draft-status]', { hasText: /Draft saved \d\d:\d\d/ }).waitFor()
    await waitForDrafts(applicant.id, 1)

    /* The tab is closed by mistake: the draft comes back. */
    await page.reload()
    await page.locator('[data-draft-status]', { hasText: 'restored' }).waitFor()
    assert.equal(await page.getByLabel('Summary').inputValue(), 'Twenty minutes of careful writing')
    await page.assertTextContains('[data-draft-status]', 'restored')

    /* A required field left empty: summary at the top, focused, linking to the field by its label. */
    await page.getByLabel('Title').fill('')
    await page.getByRole('button', { name: 'Save the draft' }).click()
    const summary = page.locator('[data-error-summary]')
    await summary.waitFor()
    assert.equal(await summary.getAttribute('role'), 'alert')
    assert.isTrue(
      await summary.evaluate((element) => element === element.ownerDocument.activeElement)
    )
    const link = summary.locator('a[href="#field-title"]')
    assert.include(await link.innerText(), 'Title:')
    assert.equal(await page.getByLabel('Summary').inputValue(), 'Twenty minutes of careful writing')
    assert.deepEqual(await seriousViolations(page), [])

    /* Fixed and saved: the draft is cleared. */
    await link.click()
    await page.getByLabel('Title').fill('Safe house in Prizren')
    await page.getByRole('button', { name: 'Save the draft' }).click()
    await page.assertTextContains('[data-flash="success"]', 'saved')
    await waitForDrafts(applicant.id, 0)
    await note.refresh()
    assert.equal(note.summary, 'Twenty minutes of careful writing')
    assert.deepEqual(await seriousViolations(page), [])
  })
})
