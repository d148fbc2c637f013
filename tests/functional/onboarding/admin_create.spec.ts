import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import AdminCreate from '#commands/admin_create'
import AuditEvent from '#models/audit_event'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import User from '#models/user'
import ProgrammeSettingsVersion from '#models/programme_settings_version'

const flagsFor = (email: string) => [
  `--email=${email}`,
  '--name=Drita Berisha',
  '--password=Long-enough-pass-1',
  '--organisation=EU Office in Kosovo',
]

function logsOf(command: { logger: { getLogs(): { message: string }[] } }) {
  return command.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
}

test.group('First run: admin:create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('creates the funder and its administrator on an empty database, audited', async ({
    assert,
  }) => {
    assert.lengthOf(await User.all(), 0)
    assert.lengthOf(await Organisation.all(), 0)

    const command = await ace.create(AdminCreate, flagsFor('Admin@Example.org'))
    await command.exec()
    command.assertSucceeded()

    const user = await User.findByOrFail('email', 'admin@example.org')
    assert.isTrue(user.isActive)
    const verified = await User.verifyCredentials('admin@example.org', 'Long-enough-pass-1')
    assert.equal(verified.id, user.id)
    const membership = await Membership.query().where('userId', user.id).preload('organisation')
    assert.lengthOf(membership, 1)
    assert.equal(membership[0].role, 'admin')
    assert.equal(membership[0].organisation.kind, 'contracting_authority')
    assert.equal(membership[0].organisation.name, 'EU Office in Kosovo')

    const events = await AuditEvent.query().orderBy('id')
    const actions = events.map((event) => event.action)
    // A fresh database also starts with the DOMAIN-RULES defaults as its first settings version.
    assert.deepEqual(actions, [
      'organisation.created',
      'admin.created',
      'programme_settings.scheduled',
    ])
    const settings = await ProgrammeSettingsVersion.query().firstOrFail()
    assert.equal(settings.effectiveFromIso, '2000-01-01')
    assert.equal(settings.values.maxFunderShareBp, 9500)
    assert.equal(settings.createdById, user.id)
    assert.include(logsOf(command), 'Administrator admin@example.org created')
  })

  test('refuses a second administrator unless --force, and reuses the funder', async ({
    assert,
  }) => {
    const first = await ace.create(AdminCreate, flagsFor('first@example.org'))
    await first.exec()

    const refused = await ace.create(AdminCreate, flagsFor('second@example.org'))
    await refused.exec()
    refused.assertFailed()
    assert.include(logsOf(refused), 'An administrator already exists')
    assert.isNull(await User.findBy('email', 'second@example.org'))

    const forced = await ace.create(AdminCreate, [...flagsFor('second@example.org'), '--force'])
    await forced.exec()
    forced.assertSucceeded()
    assert.lengthOf(await Organisation.all(), 1)
    assert.lengthOf(await Membership.query().where('role', 'admin'), 2)
    const audit = await AuditEvent.query().where('action', 'admin.created').orderBy('id', 'desc')
    assert.include(audit[0].afterJson ?? '', '"forced":true')
  })

  test('asks for what the flags do not give', async ({ assert }) => {
    const command = await ace.create(AdminCreate, [])
    command.prompt.trap('Funder organisation (contracting authority)').replyWith('EU Office')
    command.prompt.trap('Full name of the administrator').replyWith('Arben Krasniqi')
    command.prompt.trap('Email address of the administrator').replyWith('arben@example.org')
    command.prompt.trap('Password (at least 10 characters)').replyWith('Another-long-pass-2')
    await command.exec()
    command.assertSucceeded()
    const user = await User.findByOrFail('email', 'arben@example.org')
    assert.equal(user.fullName, 'Arben Krasniqi')
  })

  test('refuses a short password and an invalid email without writing anything', async ({
    assert,
  }) => {
    const command = await ace.create(AdminCreate, [
      '--email=not-an-email',
      '--name=Drita Berisha',
      '--password=short',
      '--organisation=EU Office in Kosovo',
    ])
    await command.exec()
    command.assertFailed()
    assert.include(logsOf(command), 'email')
    assert.include(logsOf(command), 'password')
    assert.lengthOf(await User.all(), 0)
    assert.lengthOf(await Organisation.all(), 0)
  })
})
