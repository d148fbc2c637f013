import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { SendLicenceReminders } from '#actions/licences/send_licence_reminders'
import Notification from '#models/notification'
import { makeLicence, makeMember, makeOrganisation, sentMails } from '#tests/helpers'

test.group('Licences: expiry reminders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each reminder goes out once per threshold, to the NGO and the MLSW', async ({
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const ministry = await makeOrganisation('ministry')
    const official = await makeMember(ministry, 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Reminded NGO')
    const applicant = await makeMember(ngo, 'applicant')
    const bystander = await makeMember(await makeOrganisation('ngo'), 'applicant')
    await makeLicence(ngo, official, {
      number: 'REM-1',
      issuedOn: '2024-07-01',
      validUntil: '2027-06-30',
    })
    const reminders = new SendLicenceReminders()

    assert.equal(await reminders.handle('2027-03-01'), 0)

    assert.equal(await reminders.handle('2027-04-01'), 2)
    const first = sentMails(messages)
    assert.sameMembers(
      first.map((m) => m.to),
      [applicant.email, official.email]
    )
    assert.match(first[0].subject, /REM-1 of Reminded NGO expires on 2027-06-30 \(90 days\)/)

    assert.equal(await reminders.handle('2027-04-01'), 0)
    assert.equal(await reminders.handle('2027-04-15'), 0)
    assert.equal(await reminders.handle('2027-05-01'), 2)
    assert.equal(await reminders.handle('2027-05-31'), 2)
    assert.equal(await reminders.handle('2027-06-30'), 2)
    assert.equal(await reminders.handle('2027-06-30'), 0)
    assert.lengthOf(sentMails(messages), 8)

    const inApp = await Notification.query().where('user_id', applicant.id).orderBy('id')
    assert.deepEqual(
      inApp.map((n) => n.params.days),
      [90, 60, 30, 0]
    )
    assert.equal(inApp[3].kind, 'licence_expired')
    assert.lengthOf(await Notification.query().where('user_id', bystander.id), 0)
  })

  test('the in-app list shows the reminder to the NGO user', async ({ client, cleanup }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Listed NGO')
    const applicant = await makeMember(ngo, 'applicant')
    await makeLicence(ngo, official, {
      number: 'LIST-1',
      issuedOn: '2024-07-01',
      validUntil: '2027-06-30',
    })
    await new SendLicenceReminders().handle('2027-06-10')

    const page = await client.get('/notifications').loginAs(applicant)

    page.assertTextIncludes('Licence LIST-1 of Listed NGO expires on 2027-06-30 (30 days)')
    page.assertTextIncludes('data-unread>1')
  })
})
