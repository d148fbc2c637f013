import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { RegisterNgo } from '#actions/organisations/register_ngo'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import { confirmationToken } from '#services/registration_mails'
import { fileWith, makeCall, makeMember, makeOrganisation, sentMails } from '#tests/helpers'

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

const registration = {
  name: 'Shtëpia e Sigurt',
  legalName: 'Shoqata Shtëpia e Sigurt',
  registrationNumber: '5110777-3',
  fiscalNumber: '600777777',
  municipalityCode: 'prizren',
  legalRepresentative: 'Vjosa Gashi',
  email: 'info@shtepia.example.org',
  fullName: 'Besa Hoxha',
  userEmail: 'besa@shtepia.example.org',
  password: 'Long-enough-pass-1',
  passwordConfirmation: 'Long-enough-pass-1',
}

async function register(client: ApiClient, fields: Record<string, string> = registration) {
  const pdf = await fileWith('certificate.pdf', minimalPdf)
  let request = client.post('/register').withCsrfToken().redirects(0)
  for (const [key, value] of Object.entries(fields)) request = request.field(key, value)
  return request.file('registration_certificate', pdf).file('statute', pdf)
}

/** A registered, unconfirmed NGO, without going through HTTP. */
async function registeredNgo(registrationNumber = '5110777-3', userEmail = 'besa@example.org') {
  const result = await new RegisterNgo().handle(
    {
      ...registration,
      registrationNumber,
      userEmail,
      locale: 'en',
    },
    [],
    '127.0.0.1'
  )
  if (!result.ok) throw new Error('registration failed')
  return result
}

async function funderManager() {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  return { funder, manager: await makeMember(funder, 'grant_manager') }
}

test.group('NGO self-registration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('the login page leads a new NGO to the registration', async ({ client }) => {
    const login = await client.get('/login')
    login.assertStatus(200)
    login.assertTextIncludes('href="/register"')
    const page = await client.get('/register')
    page.assertStatus(200)
  })

  test('the public form registers a pending NGO, an inactive applicant and the documents', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/register')
    page.assertStatus(200)
    page.assertTextIncludes('Register your NGO')

    const response = await register(client)
    response.assertHeader('location', '/login')

    const organisation = await Organisation.findByOrFail('registrationNumber', '5110777-3')
    assert.equal(organisation.status, 'pending')
    assert.equal(organisation.kind, 'ngo')
    assert.equal(organisation.legalRepresentative, 'Vjosa Gashi')
    const user = await User.findByOrFail('email', 'besa@shtepia.example.org')
    assert.isFalse(user.isActive)
    assert.isNull(user.emailConfirmedAt)
    const membership = await Membership.findByOrFail('userId', user.id)
    assert.equal(membership.role, 'applicant')
    assert.equal(membership.organisationId, organisation.id)

    const documents = await db
      .from('organisation_documents')
      .where('organisation_id', organisation.id)
      .orderBy('type')
    assert.deepEqual(
      documents.map((d) => d.type),
      ['registration_certificate', 'statute']
    )
    const event = await db.from('audit_events').where({ action: 'organisation.registered' }).first()
    assert.equal(event.actor_id, user.id)
  })

  test('sends the confirmation link; the link activates the account once', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { manager } = await funderManager()
    await register(client)
    const user = await User.findByOrFail('email', 'besa@shtepia.example.org')
    const [confirmation] = sentMails(messages)
    assert.equal(confirmation.to, 'besa@shtepia.example.org')
    const link = /\/register\/confirm\/(\S+)/.exec(confirmation.text)
    assert.isNotNull(link)

    const confirmed = await client.get(`/register/confirm/${link![1]}`).redirects(0)
    confirmed.assertHeader('location', '/login')
    confirmed.assertFlashMessage(
      'success',
      'Your email address is confirmed. Sign in; the funder will verify your organisation.'
    )
    await user.refresh()
    assert.isTrue(user.isActive)
    assert.isNotNull(user.emailConfirmedAt)
    const toManager = sentMails(messages).find((m) => m.to === manager.email)
    assert.exists(toManager)
    assert.include(toManager!.subject, 'awaits verification')

    const again = await client.get(`/register/confirm/${link![1]}`).redirects(0)
    assert.match(String(again.flashMessages().error), /not valid any more/)
    const tampered = await client.get(`/register/confirm/${link![1]}x`).redirects(0)
    assert.match(String(tampered.flashMessages().error), /not valid any more/)
  })

  test('the confirmation email is in the registrant’s language', async ({ client, assert }) => {
    const { messages } = mail.fake()
    await register(client)
    const [english] = sentMails(messages)
    assert.include(english.subject, 'confirm your email address')

    const { user } = await registeredNgo('5110888-1', 'arta@example.org')
    user.locale = 'sq'
    await user.save()
    const { RegistrationMails } = await import('#services/registration_mails')
    const organisation = await Organisation.findByOrFail('registrationNumber', '5110888-1')
    await RegistrationMails.confirmEmail(user, organisation)
    const albanian = sentMails(messages).find(
      (m) => m.to === 'arta@example.org' && m.subject.includes('konfirmoni')
    )
    assert.exists(albanian)
  })

  test('a registration number already registered, or a known email, is refused', async ({
    client,
    assert,
  }) => {
    const existing = await makeOrganisation('ngo', 'Existing')
    existing.registrationNumber = '5110777-3'
    await existing.save()
    const duplicate = await register(client)
    const errors = duplicate.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(errors.registrationNumber[0], /already registered/)

    const person = await makeMember(existing, 'applicant', 'taken@example.org')
    const taken = await register(client, {
      ...registration,
      registrationNumber: '5110999-9',
      userEmail: person.email,
    })
    assert.match(JSON.stringify(taken.flashMessages()), /already exists/)
    assert.isNull(await Organisation.findBy('registrationNumber', '5110999-9'))
  })

  test('registration is rate-limited per address', async ({ client }) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await client.post('/register').withCsrfToken().redirects(0)
      response.assertStatus(302)
    }
    const blocked = await client.post('/register').withCsrfToken().redirects(0)
    blocked.assertStatus(429)
  })

  test('the form needs a CSRF token', async ({ client, assert }) => {
    const response = await client.post('/register').form(registration).redirects(0)
    assert.notEqual(response.status(), 200)
    assert.isNull(await Organisation.findBy('registrationNumber', '5110777-3'))
  })
})

test.group('NGO verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('a grant manager of the funder verifies the NGO; audited and emailed', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { manager } = await funderManager()
    const { organisation, user } = await registeredNgo()
    user.isActive = true
    await user.save()

    const page = await client.get(`/organisations/${organisation.id}`).loginAs(manager)
    page.assertTextIncludes('Verify the organisation')
    const response = await client
      .post(`/organisations/${organisation.id}/verification`)
      .form({ decision: 'approve' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', 'The organisation is verified.')
    await organisation.refresh()
    assert.equal(organisation.status, 'active')
    assert.isNotNull(organisation.verifiedAt)
    const event = await db.from('audit_events').where({ action: 'organisation.verified' }).first()
    assert.equal(event.actor_id, manager.id)
    assert.include(event.before_json, '"status":"pending"')
    const notice = sentMails(messages).findLast((m) => m.to === user.email)
    assert.include(notice!.subject, 'is verified')
  })

  test('sending back needs a reason, keeps the NGO pending and tells it why', async ({
    client,
    assert,
  }) => {
    const { messages } = mail.fake()
    const { manager } = await funderManager()
    const { organisation, user } = await registeredNgo()
    user.isActive = true
    await user.save()

    const noReason = await client
      .post(`/organisations/${organisation.id}/verification`)
      .form({ decision: 'return' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.exists((noReason.flashMessages().inputErrorsBag as Record<string, string[]>).reason)

    await client
      .post(`/organisations/${organisation.id}/verification`)
      .form({ decision: 'return', reason: 'The statute is not signed.' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    await organisation.refresh()
    assert.equal(organisation.status, 'pending')
    assert.equal(organisation.verificationNote, 'The statute is not signed.')
    const event = await db.from('audit_events').where({ action: 'organisation.returned' }).first()
    assert.include(event.after_json, 'The statute is not signed.')
    const notice = sentMails(messages).findLast((m) => m.to === user.email)
    assert.include(notice!.text, 'The statute is not signed.')
  })

  test('the NGO itself, an MLSW official and an administrator do not verify', async ({
    client,
    assert,
  }) => {
    const { organisation, user } = await registeredNgo()
    user.isActive = true
    await user.save()
    await user.loadMemberships()
    const ministry = await makeOrganisation('ministry')
    const official = await makeMember(ministry, 'mlsw_official')
    const { funder } = await funderManager()
    const admin = await makeMember(funder, 'admin')

    for (const person of [user, official, admin]) {
      await client
        .post(`/organisations/${organisation.id}/verification`)
        .form({ decision: 'approve' })
        .loginAs(person)
        .withCsrfToken()
        .redirects(0)
    }
    await organisation.refresh()
    assert.equal(organisation.status, 'pending')
    assert.isNull(await db.from('audit_events').where({ action: 'organisation.verified' }).first())
  })

  test('a pending NGO cannot submit a concept note; once verified it can', async ({
    client,
    assert,
  }) => {
    const { funder, manager } = await funderManager()
    const call = await makeCall(funder, manager)
    const { organisation, user } = await registeredNgo()
    user.isActive = true
    await user.save()
    await user.loadMemberships()
    const notes = new ConceptNotes()
    const application = await notes.start(call, organisation.id, user, '127.0.0.1')
    await notes.save(
      application,
      { title: 'Beds', summary: 's', objectives: 'o', estimatedTotal: 100, requested: 90 },
      user,
      '127.0.0.1'
    )

    const refused = await client
      .post(`/applications/${application.id}/submission`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /not verified yet/)
    await application.refresh()
    assert.equal(application.status, 'draft')

    await client
      .post(`/organisations/${organisation.id}/verification`)
      .form({ decision: 'approve' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    const accepted = await client
      .post(`/applications/${application.id}/submission`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    accepted.assertFlashMessage('success', 'The concept note is submitted.')
  })

  test('a confirmation token for another email address does nothing', async ({ assert }) => {
    const { user } = await registeredNgo()
    const token = confirmationToken(user)
    user.email = 'changed@example.org'
    await user.save()
    const { ConfirmEmail } = await import('#actions/users/confirm_email')
    const result = await new ConfirmEmail().handle(token, '127.0.0.1')
    assert.isFalse(result.ok)
  })
})
