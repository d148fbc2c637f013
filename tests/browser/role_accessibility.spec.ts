import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright'
import { DemoData } from '#database/seeders/demo_data'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's serious and critical findings on the page as it is now, with a target each. */
async function seriousViolations(page: Page) {
  // Run through the DevTools protocol: the app's CSP refuses injected script tags.
  await page.evaluate(await readFile(axePath, 'utf8'))
  const found = (await page.evaluate(
    `axe.run(document).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' ' + v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')))`
  )) as string[]
  return found
}

/** A page of one object (a grant, a call, an assignment…), not a list or a form. */
const detailPage =
  /^\/(grants|calls|applications|assignments|payment-requests|expense-reports|licences|shelters|organisations|handover\/shelters)\/\d+(\/(evaluation|full-application|history))?$/

/** The demo people of each role (README), and pages of their main flow beyond the navigation. */
const roles = [
  { role: 'admin', email: 'admin@demo.test', extra: ['/admin/users', '/admin/audit-events'] },
  { role: 'EU grant manager', email: 'manager@demo.test', extra: ['/tasks', '/search'] },
  { role: 'lead grant manager', email: 'lead@demo.test', extra: ['/tasks', '/search'] },
  {
    role: 'finance officer',
    email: 'eu-finance@demo.test',
    extra: ['/payment-requests', '/tasks'],
  },
  { role: 'assessor', email: 'assessor1@demo.test', extra: ['/tasks'] },
  { role: 'MLSW official', email: 'mlsw@demo.test', extra: ['/tasks', '/dashboard/charts'] },
  { role: 'NGO applicant', email: 'ngo1@demo.test', extra: ['/tasks', '/notifications'] },
]

test.group(
  'Browser: every page of each role passes axe-core (no serious or critical finding)',
  (group) => {
    group.each.setup(() => testUtils.db().withGlobalTransaction())
    group.each.timeout(240_000)

    // AXE_EMAILS=assessor1@demo.test reruns one role.
    const only = process.env.AXE_EMAILS?.split(',')
    for (const { role, email, extra } of roles.filter((r) => !only || only.includes(r.email))) {
      test(`${role}: landing, navigation and main workflow pages`, async ({ visit, assert }) => {
        await new DemoData().load()
        const page = await visit('/login')
        await page.getByLabel('Email').fill(email)
        await page.getByLabel('Password').fill(env.get('DEMO_PASSWORD') || 'Demo-2026!')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.waitForURL('**/dashboard')
        const origin = new URL(page.url()).origin

        const navigation = await page
          .locator('[data-nav-item]')
          .evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))
        const toVisit = [...new Set(['/dashboard', ...navigation, ...extra])]
        const visited = new Set<string>()
        const findings: Record<string, string[]> = {}
        const details = new Set<string>()

        for (const path of toVisit) {
          await page.goto(origin + path)
          visited.add(path)
          const found = await seriousViolations(page)
          if (found.length > 0) findings[path] = found
          // The first objects each list offers: the role's main workflow pages.
          const links = await page
            .locator('main a[href^="/"]')
            .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))
          for (const href of links.filter((h) => detailPage.test(h)).slice(0, 2)) details.add(href)
        }
        for (const path of [...details].slice(0, 12)) {
          if (visited.has(path)) continue
          const response = await page.goto(origin + path)
          if (!response || response.status() >= 400) continue
          const found = await seriousViolations(page)
          if (found.length > 0) findings[path] = found
        }
        assert.isAbove(visited.size, 4)
        assert.deepEqual(findings, {})
      })
    }
  }
)
