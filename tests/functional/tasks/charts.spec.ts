import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeSignedGrant, paidTranche } from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

test.group('Role dashboards with charts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the funder sees disbursed against planned for its own grants only, as a chart and a table', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const finance = await makeMember(funder, 'finance_officer')
    await paidTranche(
      grant,
      1,
      'initial_prefinancing',
      45000000,
      await makeMember(grantee, 'applicant')
    )
    const { funder: otherFunder } = await makeSignedGrant()
    const otherManager = await makeMember(otherFunder, 'grant_manager')

    const page = await client.get('/dashboard/charts').loginAs(finance)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'data-chart-section="disbursement"')
    // The SVG is an image with a title and a description.
    assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/)
    assert.include(html, '<title id="')
    assert.include(html, '<desc id="')
    // Paid in 2026: 450 000.00 of the planned schedule.
    const row = html.match(/<tr data-year="2026">([\s\S]*?)<\/tr>/)?.[1] ?? ''
    assert.match(row, /data-paid>[^<]*450[ ,.\u00a0\u202f]?000[.,]00/)
    assert.include(html, 'data-chart-section="reports"')
    assert.notInclude(html, 'data-chart-section="licences"')

    // Another funder's manager: their own grant's schedule, none of this payment.
    const other = await client.get('/dashboard/charts').loginAs(otherManager)
    other.assertStatus(200)
    const otherRow = other.text().match(/<tr data-year="2026">([\s\S]*?)<\/tr>/)?.[1] ?? ''
    assert.match(otherRow, /data-paid>[^<]*0[.,]00/)
    assert.notMatch(otherRow, /450[ ,.\u00a0\u202f]?000/)
  })

  test('MLSW officials see licences by status and expiry and the handover progress', async ({
    client,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')
    await makeLicence(ngo, official, { issuedOn: '2024-01-10', validUntil: '2026-12-20' })
    await makeLicence(ngo, official, { issuedOn: '2023-01-10', validUntil: '2026-01-09' })

    const page = await client.get('/dashboard/charts').loginAs(official)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'data-chart-section="licences"')
    assert.include(html, 'data-chart-section="handover"')
    assert.match(html, /data-band="within_30"><th scope="row">[^<]+<\/th><td class="num">1</)
    assert.match(html, /data-status="expired"><th scope="row">[^<]+<\/th><td class="num">1</)
    assert.notInclude(html, 'data-chart-section="disbursement"')
  })

  test('an NGO applicant has no funder or ministry figures; guests are sent to sign in', async ({
    client,
    assert,
  }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const page = await client.get('/dashboard/charts').loginAs(applicant)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'data-chart-section')
    const guest = await client.get('/dashboard/charts').redirects(0)
    guest.assertStatus(302)
  })
})
