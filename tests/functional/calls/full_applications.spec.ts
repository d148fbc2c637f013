import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ConceptNotes } from '#actions/applications/concept_notes'
import Application from '#models/application'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

async function shortlistedApplication(status: 'shortlisted' | 'not_shortlisted' = 'shortlisted') {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager)
  const ngo = await makeOrganisation('ngo')
  const applicant = await makeMember(ngo, 'applicant')
  const notes = new ConceptNotes()
  const application = await notes.start(call, ngo.id, applicant, ip)
  await notes.save(
    application,
    { title: 'Beds', summary: 's', objectives: 'o', estimatedTotal: 5263158, requested: 5000000 },
    applicant,
    ip
  )
  await notes.submit(application.id, applicant, ip)
  call.status = 'shortlisted'
  await call.save()
  application.status = status
  await application.save()
  return { application, applicant, call }
}

const fullForm = (indirect: string) => ({
  'periodStartOn': '2027-03-01',
  'periodEndOn': '2028-02-29',
  'narrative[relevance]': 'Needed',
  'narrative[methodology]': 'Beds and care',
  'narrative[sustainability]': 'State funding',
  'lines[0][heading]': 'human_resources',
  'lines[0][label]': 'Social workers',
  'lines[0][unit]': 'month',
  'lines[0][quantity]': '12',
  'lines[0][unitCost]': '4 000,00',
  'lines[1][heading]': 'indirect',
  'lines[1][label]': 'Overheads',
  'lines[1][unit]': 'lump sum',
  'lines[1][quantity]': '1',
  'lines[1][unitCost]': indirect,
  'lines[2][heading]': 'travel',
  'lines[2][label]': '',
  'lines[2][unit]': '',
  'lines[2][quantity]': '',
  'lines[2][unitCost]': '',
  'requested': '',
})

test.group('Calls: full applications', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a shortlisted applicant saves a budget; a violation blocks submission until fixed', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication()

    const saved = await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,01'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertFlashMessage('success', 'The full application is saved.')
    const page = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    page.assertTextIncludes('data-violation="INDIRECT_OVER_CAP"')

    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /Correct the budget first/)
    await application.refresh()
    assert.equal(application.status, 'shortlisted')

    await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
    const fresh = await Application.findOrFail(application.id)
    assert.equal(fresh.status, 'full_submitted')
    assert.equal(fresh.fullTotalCents, 5136000)
    assert.equal(fresh.fullRequestedCents, 4879200)
  })

  test('the live preview computes the budget without storing it', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication()

    const response = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')

    response.assertStatus(200)
    response.assertBodyContains({
      directCents: 4800000,
      indirectCents: 336000,
      totalEligibleCents: 5136000,
      violations: [],
    })
    const lines = await application.related('budgetLines').query()
    assert.lengthOf(lines, 0)
  })

  test('only shortlisted applicants can submit a full application', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication('not_shortlisted')

    const response = await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(response.flashMessages().error), /Only a shortlisted applicant/)
    const submit = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(submit.flashMessages().error), /Only a shortlisted applicant/)
  })

  test('a request more than 20 % away from the concept note is a violation', async ({ client }) => {
    const { application, applicant } = await shortlistedApplication()

    const response = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form({ ...fullForm('3 360,00'), requested: '39 999,99' })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')

    response.assertBodyContains({ violations: [{ code: 'REQUEST_CHANGED_OVER_LIMIT' }] })
  })
})
