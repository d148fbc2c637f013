import type { Page } from 'playwright'
import { TEST_PASSWORD } from '#tests/helpers'

/** Signs in through the login form (the test password) and waits for the dashboard. */
export async function signIn(page: Page, email: string) {
  await page.goto(new URL('/login', page.url()).href)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/dashboard')
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL('**/login')
}
