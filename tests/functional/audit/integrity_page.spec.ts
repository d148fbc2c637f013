import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AuditEvent from '#models/audit_event'
import { AuditCheckpoints } from '#services/audit_checkpoints'
import { AuditTrail } from '#services/audit_trail'
import { makeMember, makeOrganisation } from '#tests/helpers'

test.group('Admin audit page: integrity of the trail', (group) => {
  let checkpoints: AuditCheckpoints

  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sg-audit-page-'))
    checkpoints = new AuditCheckpoints(directory)
    app.container.swap(AuditCheckpoints, () => checkpoints)
    return async () => {
      app.container.restore(AuditCheckpoints)
      await rm(directory, { recursive: true, force: true })
    }
  })

  test('an administrator sees an intact chain and the latest checkpoint', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    await AuditTrail.recordNow({ actorId: admin.id, action: 'test.first' })
    const { written } = await checkpoints.verifyAndWrite()

    const response = await client.get('/admin/audit-events').loginAs(admin)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'data-audit-integrity="intact"')
    assert.include(html, 'The hash chain is intact')
    assert.include(html, `data-checkpoint-count>${written!.checkpoint.rowCount}<`)
    assert.include(html, written!.checkpoint.headHash)
  })

  test('without a checkpoint the page says that none was written', async ({ client, assert }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')

    const response = await client.get('/admin/audit-events').loginAs(admin)

    response.assertStatus(200)
    assert.include(response.text(), 'data-audit-no-checkpoint')
    assert.notInclude(response.text(), 'data-audit-checkpoint>')
  })

  test('an auditor sees where the chain is broken after the tail was deleted', async ({
    client,
    assert,
  }) => {
    const auditor = await makeMember(await makeOrganisation('contracting_authority'), 'auditor')
    await AuditTrail.recordNow({ actorId: null, action: 'test.first' })
    await AuditTrail.recordNow({ actorId: null, action: 'test.second' })
    await checkpoints.verifyAndWrite()
    const last = await AuditEvent.query().orderBy('id', 'desc').firstOrFail()

    if (db.connection().dialect.name === 'postgres') {
      await db.rawQuery('DROP TRIGGER audit_events_no_update ON audit_events')
    } else {
      await db.rawQuery('DROP TRIGGER audit_events_no_delete')
    }
    await db.from('audit_events').where('id', last.id).delete()

    const response = await client.get('/admin/audit-events').loginAs(auditor)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'data-audit-integrity="broken"')
    assert.include(html, `data-audit-broken="${last.id}"`)
    assert.include(html, 'events were deleted')
  })

  test('an applicant is refused the page', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client.get('/admin/audit-events').loginAs(user)

    response.assertStatus(403)
  })
})
