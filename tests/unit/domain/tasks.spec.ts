import { test } from '@japa/runner'
import {
  arrangeTasks,
  countByKind,
  heldReasonParts,
  isLiveAssignment,
  isOverdue,
  type Task,
} from '#domain/tasks'

function task(kind: Task['kind'], subjectId: number, dueOn: string | null): Task {
  return {
    kind,
    role: 'finance_officer',
    organisationId: 1,
    organisationName: 'Funder',
    subjectType: 'expense_report',
    subjectId,
    label: `#${subjectId}`,
    dueOn,
    params: {},
    href: `/x/${subjectId}`,
  }
}

test.group('Domain: tasks', () => {
  test('overdue from the day after the due date', ({ assert }) => {
    assert.isFalse(isOverdue({ dueOn: '2026-12-03' }, '2026-12-03'))
    assert.isTrue(isOverdue({ dueOn: '2026-12-02' }, '2026-12-03'))
    assert.isFalse(isOverdue({ dueOn: null }, '2026-12-03'))
  })

  test('overdue first, then by due date, undated last; one task per object', ({ assert }) => {
    const tasks = [
      task('report_verify', 1, null),
      task('report_submit', 2, '2027-01-10'),
      task('report_submit', 3, '2026-11-01'),
      task('report_submit', 2, '2027-01-10'),
      task('recovery_due', 4, '2026-12-20'),
    ]
    const arranged = arrangeTasks(tasks, {}, '2026-12-03')
    assert.deepEqual(
      arranged.map((t) => t.subjectId),
      [3, 4, 2, 1]
    )
    assert.deepEqual(
      arrangeTasks(tasks, { overdue: false, dueBy: '2026-12-31' }, '2026-12-03').map(
        (t) => t.subjectId
      ),
      [4]
    )
    assert.deepEqual(
      arrangeTasks(tasks, { kind: 'report_verify' }, '2026-12-03').map((t) => t.subjectId),
      [1]
    )
    assert.deepEqual(countByKind(arranged), [
      { kind: 'report_submit', count: 2 },
      { kind: 'report_verify', count: 1 },
      { kind: 'recovery_due', count: 1 },
    ])
  })

  test('a held reason comes apart into conditions, codes and dates', ({ assert }) => {
    assert.deepEqual(heldReasonParts('licence_valid:EXPIRED 2026-12-02, no_outstanding_recovery'), [
      { condition: 'licence_valid', code: 'EXPIRED', date: '2026-12-02' },
      { condition: 'no_outstanding_recovery', code: null, date: null },
    ])
    assert.deepEqual(heldReasonParts('licence_valid:NO_LICENCE'), [
      { condition: 'licence_valid', code: 'NO_LICENCE', date: null },
    ])
  })

  test('an assignment is live only in its stage and while the call is not awarded', ({
    assert,
  }) => {
    assert.isTrue(isLiveAssignment('concept_note', 'compliant', 'concept_notes_closed'))
    assert.isFalse(isLiveAssignment('concept_note', 'not_compliant', 'concept_notes_closed'))
    assert.isFalse(isLiveAssignment('concept_note', 'withdrawn', 'published'))
    assert.isFalse(isLiveAssignment('concept_note', 'compliant', 'awarded'))
    assert.isTrue(
      isLiveAssignment('full_application', 'full_submitted', 'full_applications_closed')
    )
    assert.isFalse(isLiveAssignment('full_application', 'shortlisted', 'shortlisted'))
  })
})
