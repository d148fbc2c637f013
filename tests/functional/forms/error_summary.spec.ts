import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import Call from '#models/call'
import { makeMember, makeOrganisation } from '#tests/helpers'
import { follow, signIn, summaryOf } from '#tests/form_agent'

function callForm() {
  const local = (d: DateTime) => d.setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
  const deadline = DateTime.utc().plus({ days: 60 })
  return {
    reference: 'SG-2027-07',
    titleEn: 'Support to shelters: a title typed with care',
    descriptionEn: 'Three paragraphs of description that took an hour to write.',
    procedure: 'restricted',
    budgetEnvelope: '300.000,00 EUR',
    minGrant: '20 000',
    maxGrant: 'sixty thousand',
    maxFunderShare: '95',
    maxPerThirdParty: '60 000',
    checklist: 'Registered NGO\nLicence valid',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(deadline),
    fullDeadline: local(deadline.plus({ days: 40 })),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
  }
}

test.group('Forms: old input and the error summary', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the call set-up form keeps everything typed and names the field by its label', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const agent = await signIn(manager)

    const refused = await agent.submit('/calls/create', '/calls', callForm())
    assert.equal(refused.status, 302)
    const html = await follow(agent, refused)

    // Everything typed is back, the invalid amount included.
    assert.include(html, 'value="Support to shelters: a title typed with care"')
    assert.include(html, 'Three paragraphs of description that took an hour to write.')
    assert.include(html, 'value="300.000,00 EUR"')
    assert.include(html, 'value="sixty thousand"')
    // The summary at the top: role=alert, one link per field, with the label.
    const summary = summaryOf(html)
    assert.include(summary, 'role="alert"')
    assert.include(summary, 'href="#field-maxGrant"')
    assert.match(summary, /Maximum grant[^<]*: Enter an amount in euros like 300000\.00/)
    assert.notInclude(summary, 'budgetEnvelope')
    // Inline, next to the field.
    assert.include(html, 'id="error-field-maxGrant"')
    assert.equal(await Call.query().where('reference', 'SG-2027-07').first(), null)
  })

  test('"300.000,00 EUR", "€300,000.00" and "300 000" are one amount: 300 000.00', async ({
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const agent = await signIn(manager)
    for (const [index, envelope] of ['300.000,00 EUR', '€300,000.00', '300 000'].entries()) {
      const saved = await agent.submit('/calls/create', '/calls', {
        ...callForm(),
        reference: `SG-2027-1${index}`,
        maxGrant: '60.000,00',
        budgetEnvelope: envelope,
      })
      assert.equal(saved.status, 302)
      const call = await Call.findByOrFail('reference', `SG-2027-1${index}`)
      assert.equal(call.budgetEnvelopeCents, 30_000_000)
      assert.equal(call.maxGrantCents, 6_000_000)
    }
  })
})
