import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import AuditCheckpoint from '#commands/audit_checkpoint'
import AuditVerify from '#commands/audit_verify'
import { GENESIS_HASH, hashEvent, hmacEvent, type ChainedFields } from '#domain/audit_chain'
import AuditEvent, { chainTimestamp } from '#models/audit_event'
import { AuditCheckpoints } from '#services/audit_checkpoints'
import { AuditTrail } from '#services/audit_trail'

const isPostgres = () => db.connection().dialect.name === 'postgres'

/** Edits one row behind the application's back, as an intruder with SQL access would. */
async function tamper(id: number) {
  if (isPostgres()) {
    await db.rawQuery('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update')
    await db.rawQuery(`UPDATE audit_events SET after_json = '{"amount":1}' WHERE id = ?`, [id])
    await db.rawQuery('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update')
  } else {
    await db.rawQuery('DROP TRIGGER audit_events_no_update')
    await db.rawQuery(`UPDATE audit_events SET after_json = '{"amount":1}' WHERE id = ?`, [id])
  }
}

/**
 * Drops the append-only triggers, as a database superuser could. It runs in
 * the test's global transaction, so the rollback after the test restores them.
 */
async function dropTriggers() {
  if (isPostgres()) {
    await db.rawQuery('DROP TRIGGER audit_events_no_update ON audit_events')
    await db.rawQuery('DROP TRIGGER audit_events_no_truncate ON audit_events')
  } else {
    await db.rawQuery('DROP TRIGGER audit_events_no_update')
    await db.rawQuery('DROP TRIGGER audit_events_no_delete')
  }
}

/**
 * Changes the after-value of event `id` and recomputes its hash and every
 * later one with `rule`, which does not know the audit key.
 */
async function rewriteFrom(
  id: number,
  rule: { chainVersion: 1 | 2; hash: (fields: ChainedFields) => string }
) {
  const before = await db.from('audit_events').where('id', '<', id).orderBy('id', 'desc').first()
  let prevHash: string = before?.hash ?? GENESIS_HASH
  const events = await AuditEvent.query().where('id', '>=', id).orderBy('id')
  for (const event of events) {
    const fields = event.toChainedFields()
    if (event.id === id) fields.afterJson = '{"amount":1}'
    fields.prevHash = prevHash
    const hash = rule.hash(fields)
    await db.from('audit_events').where('id', event.id).update({
      after_json: fields.afterJson,
      prev_hash: prevHash,
      hash,
      chain_version: rule.chainVersion,
    })
    prevHash = hash
  }
}

async function record(count: number) {
  const events: AuditEvent[] = []
  for (let n = 1; n <= count; n++) {
    events.push(
      await AuditTrail.recordNow({ actorId: null, action: `test.${n}`, after: { amount: n * 100 } })
    )
  }
  return events
}

async function run(command: typeof AuditVerify | typeof AuditCheckpoint) {
  const execution = await ace.create(command, [])
  await execution.exec()
  return execution
}

async function checkpoint() {
  const execution = await run(AuditCheckpoint)
  execution.assertSucceeded()
}

function logsOf(execution: AuditVerify | AuditCheckpoint) {
  return execution.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
}

test.group('Audit trail: keyed hash chain and checkpoints', (group) => {
  let directory: string

  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sg-audit-checkpoints-'))
    app.container.swap(AuditCheckpoints, () => new AuditCheckpoints(directory))
    return async () => {
      app.container.restore(AuditCheckpoints)
      await rm(directory, { recursive: true, force: true })
    }
  })

  test('audit:verify passes on an intact chain and names the first edited event', async ({
    assert,
  }) => {
    const [, second] = await record(3)

    const intact = await run(AuditVerify)
    intact.assertSucceeded()

    await tamper(second.id)

    const broken = await run(AuditVerify)
    broken.assertFailed()
    assert.include(logsOf(broken), `Audit chain broken at event ${second.id}`)
  })

  test('new events are keyed (chain version 2) and chain to the previous one', async ({
    assert,
  }) => {
    const [first, second] = await record(2)
    assert.equal(second.prevHash, first.hash)
    assert.lengthOf(second.hash, 64)
    const row = await db.from('audit_events').where('id', second.id).firstOrFail()
    assert.equal(Number(row.chain_version), 2)
    // The unkeyed rule, which anyone can compute, does not give the stored hash.
    assert.notEqual(hashEvent(second.toChainedFields()), second.hash)
  })

  test('rows hashed before the key existed (chain version 1) still verify', async ({ assert }) => {
    const createdAt = DateTime.utc().startOf('second')
    const fields: ChainedFields = {
      prevHash: GENESIS_HASH,
      actorId: null,
      organisationId: null,
      action: 'test.legacy',
      subjectType: null,
      subjectId: null,
      beforeJson: null,
      afterJson: '{"amount":1}',
      ip: null,
      createdAt: chainTimestamp(createdAt),
    }
    // A trail as it stood before migration 0080: empty it (inside the
    // test's transaction), so that rows another suite committed do not precede.
    await dropTriggers()
    await db.from('audit_events').delete()
    const legacy = await AuditEvent.create({
      ...fields,
      createdAt,
      chainVersion: 1,
      hash: hashEvent(fields),
    })
    const [keyed] = await record(2)
    assert.equal(keyed.prevHash, legacy.hash)

    const verified = await run(AuditVerify)
    verified.assertSucceeded()
  })

  test('a good chain with a checkpoint is intact, and verify writes the next checkpoint', async ({
    assert,
  }) => {
    await record(3)
    const checkpointed = await run(AuditCheckpoint)
    checkpointed.assertSucceeded()
    await record(1)
    const counted = await db.from('audit_events').count('* as n').first()
    const total = Number(counted.n)

    const verified = await run(AuditVerify)
    verified.assertSucceeded()
    assert.include(logsOf(verified), `Audit chain intact: ${total} events verified, extending`)

    const files = await readdir(directory)
    assert.lengthOf(files, 3)
    assert.include(files, 'latest.json')
    const latest = JSON.parse(await readFile(join(directory, 'latest.json'), 'utf8'))
    const last = await AuditEvent.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(latest.rowCount, total)
    assert.equal(latest.lastId, last.id)
    assert.equal(latest.headHash, last.hash)
    assert.match(latest.signature, /^[0-9a-f]{64}$/)
  })

  test('deleting the last events is detected against the checkpoint', async ({ assert }) => {
    const [, second, third, fourth] = await record(4)
    await checkpoint()

    await dropTriggers()
    await db.from('audit_events').where('id', '>=', third.id).delete()

    const verified = await run(AuditVerify)
    verified.assertFailed()
    const logs = logsOf(verified)
    assert.include(logs, `Audit chain broken at event ${fourth.id} (missing`)
    assert.include(logs, `the last being ${second.id}`)
    // No checkpoint is written over a broken chain.
    assert.lengthOf(await readdir(directory), 2)
  })

  test('deleting every event is detected against the checkpoint', async ({ assert }) => {
    await record(3)
    await checkpoint()
    const last = await AuditEvent.query().orderBy('id', 'desc').firstOrFail()

    await dropTriggers()
    await db.from('audit_events').delete()

    const verified = await run(AuditVerify)
    verified.assertFailed()
    assert.include(logsOf(verified), `Audit chain broken at event ${last.id} (missing`)
  })

  test('an edit with the later hashes recomputed without the key is detected', async ({
    assert,
  }) => {
    const [, second] = await record(4)
    await checkpoint()

    await dropTriggers()
    const guessedKey = Buffer.from('a key the intruder guessed, 32+ bytes long')
    await rewriteFrom(second.id, {
      chainVersion: 2,
      hash: (fields) => hmacEvent(fields, guessedKey),
    })

    const verified = await run(AuditVerify)
    verified.assertFailed()
    assert.include(
      logsOf(verified),
      `Audit chain broken at event ${second.id} (its content does not match its hash`
    )
  })

  test('an edit recomputed with the unkeyed rule is detected', async ({ assert }) => {
    const [, second] = await record(3)

    await dropTriggers()
    await rewriteFrom(second.id, { chainVersion: 1, hash: hashEvent })

    const verified = await run(AuditVerify)
    verified.assertFailed()
    assert.include(
      logsOf(verified),
      `Audit chain broken at event ${second.id} (an unkeyed legacy hash after keyed events)`
    )
  })

  test('a whole chain recomputed with the unkeyed rule is detected by the checkpoint', async ({
    assert,
  }) => {
    const events = await record(3)
    await checkpoint()
    const first = await AuditEvent.query().orderBy('id').firstOrFail()
    const last = events[events.length - 1]

    await dropTriggers()
    await rewriteFrom(first.id, { chainVersion: 1, hash: hashEvent })

    const verified = await run(AuditVerify)
    verified.assertFailed()
    assert.include(
      logsOf(verified),
      `Audit chain broken at event ${last.id} (it is not the head anchored by`
    )
  })

  test('a checkpoint changed by hand is refused', async ({ assert }) => {
    await record(3)
    const checkpointed = await run(AuditCheckpoint)
    checkpointed.assertSucceeded()
    const names = await readdir(directory)
    const [file] = names.filter((name) => name.startsWith('checkpoint-'))
    const path = join(directory, file)
    const forged = JSON.parse(await readFile(path, 'utf8'))
    forged.rowCount = 1
    await writeFile(path, JSON.stringify(forged))

    const verified = await run(AuditVerify)
    verified.assertFailed()
    assert.include(logsOf(verified), 'is not signed with the audit key')
  })

  test('audit:checkpoint writes nothing over a broken chain', async ({ assert }) => {
    const [first] = await record(2)
    await tamper(first.id)

    const checkpointed = await run(AuditCheckpoint)
    checkpointed.assertFailed()
    assert.include(
      logsOf(checkpointed),
      `No checkpoint written. Audit chain broken at event ${first.id}`
    )
    assert.deepEqual(await readdir(directory).catch(() => []), [])
  })

  test('the database refuses updates and deletes of audit events', async ({ assert }) => {
    const event = await AuditTrail.recordNow({ actorId: null, action: 'test.locked' })

    // Each statement in a savepoint of its own, so that on PostgreSQL the
    // first refusal does not abort the transaction the second one runs in.
    for (const sql of [
      `UPDATE audit_events SET action = 'x' WHERE id = ?`,
      'DELETE FROM audit_events WHERE id = ?',
    ]) {
      await assert.rejects(
        () => db.transaction((trx) => trx.rawQuery(sql, [event.id])),
        /append-only/
      )
    }
    const kept = await db.from('audit_events').where('id', event.id).firstOrFail()
    assert.equal(kept.action, 'test.locked')
  })

  test('the database refuses to empty the table (TRUNCATE on PostgreSQL, DELETE on SQLite)', async ({
    assert,
  }) => {
    await AuditTrail.recordNow({ actorId: null, action: 'test.locked' })

    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.rawQuery(isPostgres() ? 'TRUNCATE audit_events' : 'DELETE FROM audit_events')
        ),
      /append-only/
    )
    const counted = await db.from('audit_events').count('* as n').first()
    assert.isAbove(Number(counted.n), 0)
  })
})
