import type User from '#models/user'
import { HttpAgent } from '#tests/http_agent'
import { TEST_PASSWORD } from '#tests/helpers'

/** A browser-like agent signed in as `user` (forms, redirects and flash as a person sees them). */
export async function signIn(user: User) {
  const agent = new HttpAgent()
  const response = await agent.submit('/login', '/login', {
    email: user.email,
    password: TEST_PASSWORD,
  })
  if (response.headers.get('location') !== '/dashboard') {
    throw new Error(`Sign-in failed: ${response.status} ${response.headers.get('location')}`)
  }
  return agent
}

/** Follows one redirect and returns the page's HTML. */
export async function follow(agent: HttpAgent, response: Response) {
  const location = response.headers.get('location')
  if (!location) throw new Error(`No redirect: ${response.status}`)
  const page = await agent.get(location.startsWith('http') ? new URL(location).pathname : location)
  return page.text()
}

/** The error summary's HTML, empty when the page has none. */
export function summaryOf(html: string) {
  const start = html.indexOf('class="error-summary"')
  return start === -1 ? '' : html.slice(start, html.indexOf('</div>', start))
}
