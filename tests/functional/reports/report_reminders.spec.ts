import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { ReturnExpenseReport } from '#actions/reports/return_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { dueReportReminder, SendReportReminders } from '#actions/reports/send_report_reminders'
import GrantBudgetLine from '#models/grant_budget_line'
import Notification from '#models/notification'
import User from '#models/user'
import ReportsRemind from '#commands/reports_remind'
import { approvedReport, makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation, sentMails } from '#tests/helpers'

const ip = '127.0.0.1'

/**
 * A grant of 2026–2027 (two 12-month periods): the report of period 1
 * (2026) is due on 2027-03-01. The grantee has an applicant, a grant
 * manager and a finance officer; the funder a grant manager (the grant's
 * creator) and a finance officer.
 */
async function reportingGrant() {
  const { grant, grantee, funder, creator } = await makeSignedGrant({
    grantee: await makeOrganisation('ngo', 'Reminded Shelter'),
    status: 'in_implementation',
  })
  return {
    grant,
    applicant: await makeMember(grantee, 'applicant'),
    granteeManager: await makeMember(grantee, 'grant_manager'),
    granteeFinance: await makeMember(grantee, 'finance_officer'),
    funderManager: creator,
    funderFinance: await makeMember(funder, 'finance_officer'),
  }
}

test.group('Expense reports: reminders before and after the due date', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the latest threshold reached is due once; earlier ones are passed over', ({ assert }) => {
    assert.isNull(dueReportReminder('2027-03-01', '2027-02-14', []))
    assert.deepEqual(dueReportReminder('2027-03-01', '2027-02-15', []), {
      threshold: 'before-14',
      offset: -14,
      skip: [],
    })
    assert.deepEqual(dueReportReminder('2027-03-01', '2027-02-26', ['before-14']), {
      threshold: 'before-3',
      offset: -3,
      skip: [],
    })
    assert.isNull(dueReportReminder('2027-03-01', '2027-03-01', ['before-14', 'before-3']))
    assert.deepEqual(dueReportReminder('2027-03-01', '2027-03-02', ['before-14', 'before-3']), {
      threshold: 'after-1',
      offset: 1,
      skip: [],
    })
    assert.deepEqual(dueReportReminder('2027-03-01', '2027-03-20', []), {
      threshold: 'after-14',
      offset: 14,
      skip: ['after-1', 'before-3', 'before-14'],
    })
    assert.isNull(dueReportReminder('2027-03-01', '2027-03-02', ['after-14']))
  })

  test('each reminder goes out once, to the grantee, and after the deadline to the funder’s managers', async ({
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const people = await reportingGrant()
    const { grant, applicant, granteeManager, funderManager } = people
    const reminders = new SendReportReminders()

    assert.equal(await reminders.handle('2027-02-14'), 0)

    assert.equal(await reminders.handle('2027-02-15'), 2)
    const first = sentMails(messages)
    assert.sameMembers(
      first.map((m) => m.to),
      [applicant.email, granteeManager.email]
    )
    assert.equal(
      first[0].subject,
      `Expense report 1 of ${grant.reference} (Reminded Shelter) is due on 2027-03-01: 14 days left`
    )
    assert.include(first[0].text, '/grants/')
    assert.equal(await reminders.handle('2027-02-15'), 0)
    assert.equal(await reminders.handle('2027-02-20'), 0)

    assert.equal(await reminders.handle('2027-02-26'), 2)
    assert.match(sentMails(messages)[2].subject, /due on 2027-03-01: 3 days left$/)

    // A draft is not submitted: the reminders go on, now linking to it.
    const draft = await new OpenExpenseReport().handle(grant.id, 1, applicant, ip)
    assert.equal(await reminders.handle('2027-03-01'), 0)
    assert.equal(await reminders.handle('2027-03-02'), 3)
    const overdue = sentMails(messages).slice(4)
    assert.sameMembers(
      overdue.map((m) => m.to),
      [applicant.email, granteeManager.email, funderManager.email]
    )
    assert.match(overdue[0].subject, /is overdue since 2027-03-01 \(1 day\)$/)
    assert.include(overdue[0].text, `/expense-reports/${draft.id}`)
    assert.equal(await reminders.handle('2027-03-14'), 0)
    assert.equal(await reminders.handle('2027-03-15'), 3)
    assert.equal(await reminders.handle('2027-04-30'), 0)
    assert.lengthOf(sentMails(messages), 10)

    const inApp = await Notification.query().where('user_id', applicant.id).orderBy('id')
    assert.deepEqual(
      inApp.map((n) => [n.kind, n.params.days]),
      [
        ['report_due', 14],
        ['report_due', 3],
        ['report_overdue', 1],
        ['report_overdue', 14],
      ]
    )
    assert.equal(inApp[0].href, `/grants/${grant.id}#reports`)
    assert.equal(inApp[2].href, `/expense-reports/${draft.id}`)
    const funderSide = await Notification.query().where('user_id', funderManager.id)
    assert.deepEqual(
      funderSide.map((n) => n.kind),
      ['report_overdue', 'report_overdue']
    )
    for (const bystander of [people.granteeFinance, people.funderFinance]) {
      assert.lengthOf(await Notification.query().where('user_id', bystander.id), 0)
    }
  })

  test('a submitted or approved report is not reminded; a returned one is again', async ({
    assert,
    cleanup,
  }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const { grant, applicant, funderFinance } = await reportingGrant()
    const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, ip)
    const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
    await new AddExpenseLines().handle(
      report.id,
      [
        {
          spentOn: '2026-05-01',
          supplier: 'Market',
          description: 'Food',
          budgetLineId: budgetLine.id,
          standard: 'MS-02',
          amountCents: 10000,
          currency: 'EUR',
          rateMicro: null,
          rateSource: null,
          vat: 'exempt',
          receiptNumber: 'M-1',
          supplierCountry: 'XK',
        },
      ],
      applicant,
      ip
    )
    await new SubmitExpenseReport().handle(report.id, applicant, ip)
    const reminders = new SendReportReminders()

    assert.equal(await reminders.handle('2027-02-15'), 0)
    await new ReturnExpenseReport().handle(report.id, 'Add the receipt', funderFinance, ip)
    assert.equal(await reminders.handle('2027-02-16'), 2)

    const other = await reportingGrant()
    await approvedReport(other.grant, 1, 10000, 10000, other.applicant, other.funderFinance)
    assert.equal(await reminders.handle('2027-03-20'), 3)
    const reminded = await Notification.query()
      .where('user_id', other.applicant.id)
      .whereIn('kind', ['report_due', 'report_overdue'])
    assert.lengthOf(reminded, 0)
  })

  test('a late first run sends one reminder, not every threshold passed', async ({
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const { applicant } = await reportingGrant()
    const reminders = new SendReportReminders()

    assert.equal(await reminders.handle('2027-04-01'), 3)
    assert.match(sentMails(messages)[0].subject, /overdue since 2027-03-01 \(31 days\)$/)
    assert.equal(await reminders.handle('2027-04-02'), 0)
    assert.lengthOf(await Notification.query().where('user_id', applicant.id), 1)
  })

  test('mail follows the recipient’s language', async ({ assert, cleanup }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const { applicant, granteeManager } = await reportingGrant()
    await User.query().where('id', applicant.id).update({ locale: 'sq' })
    await User.query().where('id', granteeManager.id).update({ locale: 'sr-Latn' })

    await new SendReportReminders().handle('2027-02-26')

    const byRecipient = new Map(sentMails(messages).map((m) => [m.to, m.subject]))
    assert.match(byRecipient.get(applicant.email)!, /duhet dorëzuar më 2027-03-01: mbeten 3 ditë$/)
    assert.match(
      byRecipient.get(granteeManager.email)!,
      /treba podneti do 2027-03-01: preostala su 3 dana$/
    )
  })

  test('reports:remind runs the reminders for the given day', async ({ assert, cleanup }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    await reportingGrant()
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')

    const command = await ace.create(ReportsRemind, ['--today=2027-02-15'])
    await command.exec()

    command.assertSucceeded()
    command.assertLog('[ green(success) ] Expense report reminders for 2027-02-15: 2 mail(s) sent.')
    assert.lengthOf(sentMails(messages), 2)

    const wrong = await ace.create(ReportsRemind, ['--today=15.02.2027'])
    await wrong.exec()
    wrong.assertFailed()
  })
})
