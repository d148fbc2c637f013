import { execFileSync } from 'node:child_process'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { formatMoney } from '#domain/money'
import { makeSignedGrant, paidTranche, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

function pdfText(bytes: Buffer) {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8')
}

test.group('Progress pack: money over time as a chart', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page and the PDF draw committed, planned and disbursed money per quarter', async ({
    client,
    assert,
  }) => {
    const euOffice = await makeOrganisation('contracting_authority', 'EU Office')
    const manager = await makeMember(euOffice, 'grant_manager')
    const { grant } = await makeSignedGrant({ funder: euOffice, funderCents: 100000000 })
    grant.funderSignedAt = DateTime.fromISO('2026-01-15T10:00:00Z')
    await grant.save()
    const people = await paymentPeople(grant)
    await paidTranche(grant, 1, 'initial_prefinancing', 45000000, people.finance)

    const page = await client.get('/progress-pack?quarter=2026-Q2').loginAs(manager)
    page.assertStatus(200)
    const html = page.text()
    const figure = html.slice(html.indexOf('data-money-chart'), html.indexOf('</figure>'))
    assert.include(figure, '<svg')
    assert.include(figure, 'role="img"')
    // Its description gives every point in words, for screen readers.
    assert.include(
      figure,
      `2026-Q2: Committed (signed grants) ${formatMoney(100000000, 'EUR', 'en')}`
    )
    assert.include(figure, `Disbursed ${formatMoney(45000000, 'EUR', 'en')}`)
    assert.include(figure, 'EUR (cumulative)')

    const pdf = await client.get('/progress-pack.pdf?quarter=2026-Q2').loginAs(manager)
    pdf.assertStatus(200)
    const text = pdfText(Buffer.from(pdf.body() as ArrayBuffer))
    assert.include(text, 'EUR (cumulative)')
    const sq = await client.get('/progress-pack.pdf?quarter=2026-Q2&locale=sq').loginAs(manager)
    assert.include(pdfText(Buffer.from(sq.body() as ArrayBuffer)), 'EUR (kumulative)')
  })
})
