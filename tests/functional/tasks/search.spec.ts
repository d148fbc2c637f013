import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEvent from '#models/audit_event'
import SavedView from '#models/saved_view'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/** The `type:id` of each row on the search page. */
function results(html: string) {
  return [...html.matchAll(/data-result="([a-z]+:\d+)"/g)].map((m) => m[1])
}

test.group('Search and saved views', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO finds only its own grants and organisation; the funder finds both', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('contracting_authority', 'EU Office')
    const ours = await makeOrganisation('lead_grantee', 'Shelter Alliance North')
    const theirs = await makeOrganisation('lead_grantee', 'Shelter Alliance South')
    const { grant: mine } = await makeSignedGrant({ funder, grantee: ours })
    const { grant: other } = await makeSignedGrant({ funder, grantee: theirs })
    const applicant = await makeMember(ours, 'applicant')
    const manager = await makeMember(funder, 'grant_manager')

    const page = await client.get('/search?q=shelter%20alliance').loginAs(applicant)
    page.assertStatus(200)
    assert.deepEqual(results(page.text()), [`grants:${mine.id}`])
    const orgs = await client
      .get('/search?q=shelter%20alliance&type=organisations')
      .loginAs(applicant)
    assert.deepEqual(results(orgs.text()), [`organisations:${ours.id}`])

    const staff = await client.get('/search?q=shelter%20alliance&sort=reference').loginAs(manager)
    assert.sameMembers(results(staff.text()), [`grants:${mine.id}`, `grants:${other.id}`])

    // The API answers the same, with the same tenancy.
    const api = await client
      .get(`/api/v1/search?q=${encodeURIComponent(other.reference)}`)
      .withGuard('api')
      .loginAs(applicant)
    api.assertStatus(200)
    assert.deepEqual(api.body().data, [])
    assert.equal(api.body().meta.counts.grants, 0)
    const found = await client
      .get(`/api/v1/search?q=${encodeURIComponent(mine.reference)}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.deepEqual(
      found.body().data.map((r: { id: number }) => r.id),
      [mine.id]
    )
  })

  test('filters by status and year, sorts, and takes wildcards literally', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('contracting_authority', 'EU Office')
    const manager = await makeMember(funder, 'grant_manager')
    const early = await makeSignedGrant({
      funder,
      startsOn: '2024-01-01',
      endsOn: '2025-06-30',
      status: 'closed',
    })
    const late = await makeSignedGrant({ funder, startsOn: '2026-01-01', endsOn: '2027-12-31' })

    const closed = await client.get('/search?status=closed').loginAs(manager)
    assert.deepEqual(results(closed.text()), [`grants:${early.grant.id}`])
    const in2027 = await client.get('/search?period=2027').loginAs(manager)
    assert.deepEqual(results(in2027.text()), [`grants:${late.grant.id}`])
    const byDate = await client.get('/search?sort=date&direction=asc').loginAs(manager)
    assert.deepEqual(results(byDate.text()), [
      `grants:${early.grant.id}`,
      `grants:${late.grant.id}`,
    ])
    const percent = await client.get('/search?q=%25').loginAs(manager)
    assert.deepEqual(results(percent.text()), [])
    const wrong = await client.get('/search?sort=nonsense').loginAs(manager)
    wrong.assertStatus(200)
    const api = await client.get('/api/v1/search?type=nothing').withGuard('api').loginAs(manager)
    api.assertStatus(422)
  })

  test('a person saves the current filters under a name and deletes only their own views', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const other = await makeMember(ngo, 'applicant')

    const saved = await client
      .post('/saved-views')
      .form({ name: 'Closed 2025', query: 'q=abc&status=closed&period=2025&evil=1' })
      .withCsrfToken()
      .loginAs(applicant)
      .redirects(0)
    saved.assertStatus(302)
    const view = await SavedView.findByOrFail('user_id', applicant.id)
    assert.equal(view.name, 'Closed 2025')
    assert.equal(view.query, 'q=abc&status=closed&period=2025')
    const page = await client.get('/search').loginAs(applicant)
    page.assertTextIncludes('href="/search?q=abc&amp;status=closed&amp;period=2025"')
    const otherPage = await client.get('/search').loginAs(other)
    assert.notInclude(otherPage.text(), 'Closed 2025')

    const refused = await client
      .delete(`/saved-views/${view.id}`)
      .withCsrfToken()
      .loginAs(other)
      .redirects(0)
    assert.equal(refused.status(), 404)
    assert.isNotNull(await SavedView.find(view.id))
    await client.delete(`/saved-views/${view.id}`).withCsrfToken().loginAs(applicant)
    assert.isNull(await SavedView.find(view.id))
  })
  test('saving, replacing and deleting a view each leave an audit event', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const save = (query: string) =>
      client
        .post('/saved-views')
        .form({ name: 'Mine', query })
        .withCsrfToken()
        .loginAs(applicant)
        .redirects(0)
    await save('q=abc')
    await save('q=def')
    const view = await SavedView.findByOrFail('user_id', applicant.id)
    await client.delete(`/saved-views/${view.id}`).withCsrfToken().loginAs(applicant).redirects(0)
    const events = await AuditEvent.query()
      .where('subject_type', 'saved_view')
      .where('subject_id', String(view.id))
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => e.action),
      ['saved_view.created', 'saved_view.updated', 'saved_view.deleted']
    )
    assert.isTrue(events.every((e) => e.actorId === applicant.id))
    assert.deepInclude(events[1].before as object, { query: 'q=abc' })
    assert.deepInclude(events[1].after as object, { query: 'q=def' })
    assert.deepInclude(events[2].before as object, { name: 'Mine', query: 'q=def' })
  })
})
