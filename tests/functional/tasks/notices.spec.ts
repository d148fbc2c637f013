import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { RequestRenewal } from '#actions/licences/request_renewal'
import Notification from '#models/notification'
import { instant } from '#services/sql'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeLicence, makeMember, makeOrganisation, sentMails } from '#tests/helpers'

const ip = '127.0.0.1'

test.group('Task notices', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('ten assignments of one call make one notice and one mail for the assessor', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const assessor = await makeMember(await makeOrganisation('contracting_authority'), 'assessor')
    const other = await makeMember(await makeOrganisation('contracting_authority'), 'assessor')
    const notes = new ConceptNotes()
    for (let n = 0; n < 10; n++) {
      const ngo = await makeOrganisation('ngo', `NGO ${n}`)
      const application = await notes.start(call, ngo.id, await makeMember(ngo, 'applicant'), ip)
      const result = await new AssessorAssignments().assign(
        application,
        assessor.id,
        'concept_note',
        manager,
        ip
      )
      assert.isTrue(result.ok)
    }

    const notices = await Notification.query().where('user_id', assessor.id)
    assert.lengthOf(notices, 1)
    assert.equal(notices[0].kind, 'inbox.notices.assessments_assigned_concept_note')
    assert.equal(notices[0].params.count, 10)
    const mails = sentMails(messages).filter((m) => m.to === assessor.email)
    assert.lengthOf(mails, 1)
    assert.include(mails[0].subject, call.reference)
    assert.lengthOf(await Notification.query().where('user_id', other.id), 0)

    const page = await client.get('/notifications').loginAs(assessor)
    page.assertTextIncludes(`10 concept notes of ${call.reference} assigned to you to score`)

    // Once read, the next assignment starts a new notice.
    await Notification.query()
      .where('user_id', assessor.id)
      .update({ read_at: instant(DateTime.now()) })
    const ngo = await makeOrganisation('ngo', 'Late')
    const late = await notes.start(call, ngo.id, await makeMember(ngo, 'applicant'), ip)
    await new AssessorAssignments().assign(late, assessor.id, 'concept_note', manager, ip)
    assert.lengthOf(await Notification.query().where('user_id', assessor.id), 2)
  })

  test('when one side signs a contract, the other side is asked to countersign', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const lead = await makeOrganisation('lead_grantee', 'Lead')
    const shelterNgo = await makeOrganisation('ngo', 'Shelter NGO')
    const { grant: parent } = await makeSignedGrant({ grantee: lead })
    const { grant } = await makeSignedGrant({
      funder: lead,
      grantee: shelterNgo,
      parent,
      status: 'draft',
    })
    const leadManager = await makeMember(lead, 'grant_manager')
    const ngoApplicant = await makeMember(shelterNgo, 'applicant')
    const stranger = await makeMember(await makeOrganisation('ngo'), 'applicant')

    await new GrantContracts().sign(grant.id, 'funder', leadManager, ip)

    const notices = await Notification.query().where('kind', 'inbox.notices.contract_countersign')
    assert.deepEqual(
      notices.map((n) => n.userId),
      [ngoApplicant.id]
    )
    assert.deepEqual(
      sentMails(messages).map((m) => m.to),
      [ngoApplicant.email]
    )
    assert.notInclude(
      notices.map((n) => n.userId),
      stranger.id
    )
    const page = await client.get('/notifications').loginAs(ngoApplicant)
    page.assertTextIncludes(`Contract ${grant.reference} is signed by the other side`)
  })

  test('a renewal request is a notice to the MLSW, in their language', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ministry = await makeOrganisation('ministry')
    const official = await makeMember(ministry, 'mlsw_official')
    official.locale = 'sq'
    await official.save()
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const licence = await makeLicence(ngo, official, {
      number: 'LIC-77',
      issuedOn: '2024-01-10',
      validUntil: '2027-01-09',
    })
    await new RequestRenewal().handle(licence.id, '2026-12-01', applicant, ip)

    const notice = await Notification.query().where('user_id', official.id).firstOrFail()
    assert.equal(notice.kind, 'inbox.notices.renewal_requested')
    const mails = sentMails(messages)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, 'U kërkua rinovimi i licencës LIC-77')
    const page = await client.get('/notifications').withSession({ locale: 'sq' }).loginAs(official)
    page.assertTextIncludes('U kërkua rinovimi i licencës LIC-77')
  })
})
