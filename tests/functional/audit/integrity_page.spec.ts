import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AuditEvent from '#models/audit_event'
import { AuditCheckpoints } from '#services/audit_checkpoints'
import { AuditEventList } from '#queries/audit_event_list'
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

  test('after a checkpoint the page recomputes only the events written since, and finds an edit among them', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    await AuditTrail.recordNow({ actorId: admin.id, action: 'test.first' })
    await checkpoints.verifyAndWrite()
    const later = await AuditTrail.recordNow({ actorId: admin.id, action: 'test.after' })

    const intact = await client.get('/admin/audit-events').loginAs(admin)

    intact.assertStatus(200)
    const total = Number((await db.from('audit_events').count('* as n').first())!.n)
    assert.include(intact.text(), 'data-audit-integrity="intact"')
    assert.include(intact.text(), 'data-audit-since-checkpoint')
    // The page's own view is recorded before the check, so every event is counted.
    assert.include(intact.text(), `${total} events verified`)

    if (db.connection().dialect.name === 'postgres') {
      await db.rawQuery('DROP TRIGGER audit_events_no_update ON audit_events')
    } else {
      await db.rawQuery('DROP TRIGGER audit_events_no_update')
    }
    await db.from('audit_events').where('id', later.id).update({ action: 'test.edited' })

    const edited = await client.get('/admin/audit-events').loginAs(admin)

    assert.include(edited.text(), 'data-audit-integrity="broken"')
    assert.include(edited.text(), `data-audit-broken="${later.id}"`)
  })

  test('the unfiltered list takes its total from the verified chain and pages through it', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    for (const action of ['test.one', 'test.two', 'test.three']) {
      await AuditTrail.recordNow({ actorId: admin.id, action })
    }
    await checkpoints.verifyAndWrite()
    const perPage = AuditEventList.perPage
    AuditEventList.perPage = 1
    try {
      const response = await client.get('/admin/audit-events?page=2').loginAs(admin)

      response.assertStatus(200)
      const total = Number((await db.from('audit_events').count('* as n').first())!.n)
      const second = await AuditEvent.query().orderBy('id', 'desc').offset(1).firstOrFail()
      assert.include(response.text(), `Page 2 of ${total} (${total} in all)`)
      assert.include(response.text(), second.action)

      const filtered = await client.get('/admin/audit-events?action=test.t').loginAs(admin)
      assert.include(filtered.text(), 'Page 1 of 2 (2 in all)')
    } finally {
      AuditEventList.perPage = perPage
    }
  })

  test('an applicant is refused the page', async ({ client }) => {
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client.get('/admin/audit-events').loginAs(user)

    response.assertStatus(403)
  })
})
