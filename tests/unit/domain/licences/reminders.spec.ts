import { test } from '@japa/runner'
import { dueReminder } from '#domain/licences/reminders'

test.group('Licence reminders', () => {
  test('nothing is due more than 90 days before expiry', ({ assert }) => {
    assert.isNull(dueReminder('2027-06-30', '2027-03-01', []))
  })

  test('each threshold is due once, on the day it is reached', ({ assert }) => {
    assert.deepEqual(dueReminder('2027-06-30', '2027-04-01', []), { threshold: 90, skip: [] })
    assert.isNull(dueReminder('2027-06-30', '2027-04-02', [90]))
    assert.deepEqual(dueReminder('2027-06-30', '2027-05-01', [90]), { threshold: 60, skip: [] })
    assert.deepEqual(dueReminder('2027-06-30', '2027-05-31', [90, 60]), { threshold: 30, skip: [] })
    assert.deepEqual(dueReminder('2027-06-30', '2027-06-30', [90, 60, 30]), {
      threshold: 0,
      skip: [],
    })
    assert.isNull(dueReminder('2027-06-30', '2027-06-30', [90, 60, 30, 0]))
  })

  test('a late first run sends only the most urgent reminder', ({ assert }) => {
    assert.deepEqual(dueReminder('2027-06-30', '2027-06-10', []), { threshold: 30, skip: [60, 90] })
    assert.isNull(dueReminder('2027-06-30', '2027-06-11', [30]))
  })
})
