import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { FullApplications } from '#actions/applications/full_applications'
import { giveLogframe } from '#tests/logframe_helpers'
import { MoveCall } from '#actions/calls/move_call'
import Application from '#models/application'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

test.group('Calls: the open procedure', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('applicants go straight to the full application; the call closes once, after its deadline', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, {
      conceptDeadlineAt: DateTime.utc().minus({ days: 1 }).toISO()!,
    })
    call.procedure = 'open'
    await call.save()
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')

    const started = await client
      .post(`/calls/${call.id}/applications`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const application = await Application.findByOrFail('organisation_id', ngo.id)
    started.assertHeader('location', `/applications/${application.id}/full`)
    assert.equal(application.status, 'shortlisted')

    await new FullApplications().save(
      application,
      {
        periodStartOn: '2027-01-01',
        periodEndOn: '2027-12-31',
        narrative: { relevance: 'r', methodology: 'm', sustainability: 's' },
        lines: [
          {
            heading: 'human_resources',
            label: 'Staff',
            unit: 'month',
            quantity: '12',
            unitCost: 300000,
          },
        ],
        // TEC 36 000.00 − F 34 200.00 (95 %).
        cofinancing: [{ kind: 'own_funds', source: 'Own funds', amount: 180000 }],
      },
      applicant,
      ip
    )
    await giveLogframe(application.id)
    const submitted = await new FullApplications().submit(application.id, applicant, ip)
    assert.equal(submitted.status, 'full_submitted')

    const moves = new MoveCall()
    await assert.rejects(
      () => moves.closeConceptNotes(call.id, manager, ip),
      /cannot move to concept notes closed/i
    )
    await assert.rejects(
      () => moves.closeFullApplications(call.id, manager, ip),
      /only after the deadline/
    )
    const closed = await moves.closeFullApplications(
      call.id,
      manager,
      ip,
      DateTime.utc().plus({ days: 60 })
    )
    assert.equal(closed.status, 'full_applications_closed')
  })
})
