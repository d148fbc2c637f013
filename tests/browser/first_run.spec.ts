import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import limiter from '@adonisjs/limiter/services/main'
import AdminCreate from '#commands/admin_create'
import Application from '#models/application'
import Organisation from '#models/organisation'
import User from '#models/user'
import { fileWith, makeCall, sentMails, TEST_PASSWORD } from '#tests/helpers'
import { signIn, signOut } from '#tests/browser_session'

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

/** The link of the last email sent to `to` that matches `pattern`. */
function linkIn(messages: Parameters<typeof sentMails>[0], to: string, pattern: RegExp) {
  const message = sentMails(messages).findLast((m) => m.to === to && pattern.test(m.text))
  const match = message ? pattern.exec(message.text) : null
  if (!match) throw new Error(`No email to ${to} with ${pattern}`)
  return match[0]
}

test.group('Browser: a real programme from an empty database', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('admin by command → MLSW registered → manager invited → NGO registers, is verified, manages its people and submits a concept note', async ({
    visit,
    assert,
  }) => {
    const { messages } = mail.fake()
    assert.lengthOf(await User.all(), 0)
    assert.lengthOf(await Organisation.all(), 0)

    /* First run: the command creates the EU Office and its administrator. */
    const command = await ace.create(AdminCreate, [
      '--email=admin@eu-office.example.org',
      '--name=Drita Berisha',
      `--password=${TEST_PASSWORD}`,
      '--organisation=EU Office in Kosovo',
    ])
    await command.exec()
    command.assertSucceeded()
    const euOffice = await Organisation.findByOrFail('name', 'EU Office in Kosovo')

    /* The administrator registers the ministry. */
    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())
    await signIn(page, 'admin@eu-office.example.org')
    await page.goto(new URL('/organisations', page.url()).href)
    await page.getByRole('link', { name: 'Register an organisation' }).click()
    await page.locator('#field-name').fill('Ministry of Labour and Social Welfare')
    await page.locator('#field-kind').selectOption('ministry')
    await page.locator('#field-shortName').fill('MLSW')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The organisation is registered.')
    const ministry = await Organisation.findByOrFail('shortName', 'MLSW')
    assert.equal(ministry.kind, 'ministry')

    /* … and invites a grant manager of the EU Office. */
    await page.goto(new URL('/admin/invitations/create', page.url()).href)
    await page.locator('#field-fullName').fill('Arben Krasniqi')
    await page.locator('#field-email').fill('arben@eu-office.example.org')
    await page.locator('#field-organisationId').selectOption(String(euOffice.id))
    await page.locator('#field-role').selectOption('grant_manager')
    await page.getByRole('button', { name: 'Send the invitation' }).click()
    await page.assertTextContains('[data-flash="success"]', 'Invitation sent')
    await signOut(page)

    /* The manager accepts: chooses a password through the emailed link. */
    await page.goto(
      new URL(linkIn(messages, 'arben@eu-office.example.org', /\/password\/reset\/\S+/), page.url())
        .href
    )
    await page.locator('#field-password').fill(TEST_PASSWORD)
    await page.locator('#field-passwordConfirmation').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Save the password' }).click()
    await page.waitForURL('**/login')

    /* An NGO registers itself, with its documents, and confirms its email. */
    const pdf = await fileWith('certificate.pdf', minimalPdf)
    await page.goto(new URL('/register', page.url()).href)
    await page.locator('#field-name').fill('Shtëpia e Sigurt')
    await page.locator('#field-registrationNumber').fill('5110777-3')
    await page.locator('#field-municipalityCode').selectOption('prizren')
    await page.locator('#field-legalRepresentative').fill('Vjosa Gashi')
    await page.locator('#field-email').fill('info@shtepia.example.org')
    await page.locator('#field-registration_certificate').setInputFiles(pdf)
    await page.locator('#field-statute').setInputFiles(pdf)
    await page.locator('#field-fullName').fill('Besa Hoxha')
    await page.locator('#field-userEmail').fill('besa@shtepia.example.org')
    await page.locator('#field-password').fill(TEST_PASSWORD)
    await page.locator('#field-passwordConfirmation').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.waitForURL('**/login')
    await page.assertTextContains('[data-flash="success"]', 'Registered.')
    await page.goto(
      new URL(linkIn(messages, 'besa@shtepia.example.org', /\/register\/confirm\/\S+/), page.url())
        .href
    )
    await page.assertTextContains('[data-flash="success"]', 'Your email address is confirmed.')
    const ngo = await Organisation.findByOrFail('registrationNumber', '5110777-3')
    assert.equal(ngo.status, 'pending')

    /* The grant manager verifies the NGO against its documents. */
    await signIn(page, 'arben@eu-office.example.org')
    await page.goto(new URL(`/organisations/${ngo.id}`, page.url()).href)
    await page.assertTextContains('[data-verification]', 'pending verification')
    await page.getByRole('button', { name: 'Verify the organisation' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The organisation is verified.')
    await signOut(page)

    /* The EU Office's call is open; the verified NGO submits its concept note. */
    const manager = await User.findByOrFail('email', 'arben@eu-office.example.org')
    const call = await makeCall(euOffice, manager)
    await signIn(page, 'besa@shtepia.example.org')

    /* The registrant manages the NGO's people: invites a colleague, gives them a second role. */
    await page.goto(new URL('/admin/invitations/create', page.url()).href)
    await page.locator('#field-fullName').fill('Dren Morina')
    await page.locator('#field-email').fill('dren@shtepia.example.org')
    await page.locator('#field-organisationId').selectOption(String(ngo.id))
    await page.locator('#field-role').selectOption('applicant')
    await page.getByRole('button', { name: 'Send the invitation' }).click()
    await page.assertTextContains('[data-flash="success"]', 'Invitation sent')
    const colleague = await User.findByOrFail('email', 'dren@shtepia.example.org')
    await page.goto(new URL(`/admin/users/${colleague.id}`, page.url()).href)
    await page.locator('[data-add-role] #field-organisationId').selectOption(String(ngo.id))
    await page.locator('[data-add-role] #field-role').selectOption('assessor')
    await page.getByRole('button', { name: 'Give the role' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The role is given')
    await page.assertTextContains(
      '[data-person-history]',
      'Besa Hoxha gave them the role Assessor at Shtëpia e Sigurt'
    )

    await page.goto(new URL(`/calls/${call.id}`, page.url()).href)
    await page.getByRole('button', { name: 'Start a concept note' }).click()
    await page.getByLabel('Summary').fill('Safe beds for victims of trafficking')
    await page.getByLabel('Objectives').fill('Care to the minimum standards')
    await page.getByLabel('Estimated total cost (EUR)').fill('52 631,58')
    await page.getByLabel('Requested from the funder (EUR)').fill('50 000')
    await page.getByRole('button', { name: 'Save the draft' }).click()
    await page.getByRole('button', { name: 'Submit the concept note' }).click()
    await page.assertTextContains('[data-flash="success"]', 'The concept note is submitted.')
    const application = await Application.findByOrFail('organisation_id', ngo.id)
    assert.equal(application.status, 'submitted')
  })
})
