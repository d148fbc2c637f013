/**
 * A cookie-keeping HTTP client for the running test server, like a browser
 * without JavaScript. Japa's API client starts every request with a fresh
 * session and deletes it afterwards; tests that copy, keep and replay a
 * session cookie across requests use this instead.
 */
export class HttpAgent {
  readonly cookies = new Map<string, string>()

  static baseUrl() {
    return `http://${process.env.HOST}:${process.env.PORT}`
  }

  /** A second agent holding a copy of this one's cookies. */
  copy() {
    const twin = new HttpAgent()
    for (const [name, value] of this.cookies) twin.cookies.set(name, value)
    return twin
  }

  async get(path: string) {
    return this.send('GET', path)
  }

  /** Posts a form with the CSRF token taken from `formPage`, like a browser. */
  async submit(formPage: string, path: string, fields: Record<string, string>, method = 'POST') {
    const csrf = await this.csrfToken(formPage)
    const query = method === 'POST' ? '' : `?_method=${method}`
    return this.send('POST', `${path}${query}`, { _csrf: csrf, ...fields }, formPage)
  }

  async csrfToken(formPage: string) {
    const page = await this.get(formPage)
    const html = await page.text()
    const match = html.match(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/)
    if (!match) throw new Error(`No CSRF field on ${formPage} (status ${page.status})`)
    return match[1]
  }

  async send(method: string, path: string, form?: Record<string, string>, referer?: string) {
    const headers: Record<string, string> = { accept: 'text/html' }
    // A browser names the page the form was on; "redirect back" goes there.
    if (referer) headers.referer = `${HttpAgent.baseUrl()}${referer}`
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    }
    let body: string | undefined
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(form).toString()
    }
    const response = await fetch(`${HttpAgent.baseUrl()}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }
}
