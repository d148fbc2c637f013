import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AuditVerify from '#commands/audit_verify'
import { AuditTrail } from '#services/audit_trail'

/** Edits one row behind the application's back, as an intruder with SQL access would. */
async function tamper(id: number) {
  if (db.connection().dialect.name === 'postgres') {
    await db.rawQuery('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update')
    await db.rawQuery(`UPDATE audit_events SET after_json = '{"amount":1}' WHERE id = ?`, [id])
    await db.rawQuery('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update')
  } else {
    await db.rawQuery('DROP TRIGGER audit_events_no_update')
    await db.rawQuery(`UPDATE audit_events SET after_json = '{"amount":1}' WHERE id = ?`, [id])
  }
}

test.group('Audit trail: hash chain', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('audit:verify passes on an intact chain and names the first edited event', async ({
    assert,
  }) => {
    await AuditTrail.recordNow({ actorId: null, action: 'test.first', after: { amount: 100 } })
    const second = await AuditTrail.recordNow({
      actorId: null,
      action: 'test.second',
      after: { amount: 200 },
    })
    await AuditTrail.recordNow({ actorId: null, action: 'test.third', after: { amount: 300 } })

    const intact = await ace.create(AuditVerify, [])
    await intact.exec()
    intact.assertSucceeded()

    await tamper(second.id)

    const broken = await ace.create(AuditVerify, [])
    await broken.exec()
    broken.assertFailed()
    assert.isTrue(
      broken.logger
        .getLogs()
        .some((log) => log.message.includes(`Audit chain broken at event ${second.id}`)),
      JSON.stringify(broken.logger.getLogs())
    )
  })

  test('the database refuses updates and deletes of audit events', async ({ assert }) => {
    const event = await AuditTrail.recordNow({ actorId: null, action: 'test.locked' })

    await assert.rejects(() =>
      db.rawQuery(`UPDATE audit_events SET action = 'x' WHERE id = ?`, [event.id])
    )
  })

  test('each event chains to the previous one', async ({ assert }) => {
    const first = await AuditTrail.recordNow({ actorId: null, action: 'test.a' })
    const second = await AuditTrail.recordNow({ actorId: null, action: 'test.b' })
    assert.equal(second.prevHash, first.hash)
    assert.lengthOf(second.hash, 64)
  })
})
