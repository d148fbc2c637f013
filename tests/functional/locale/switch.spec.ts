import { test } from '@japa/runner'

test.group('Languages', () => {
  test('the switcher keeps the chosen language in the session', async ({ client, assert }) => {
    const response = await client
      .post('/locale')
      .form({ locale: 'sq' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    assert.equal(response.session().locale, 'sq')
  })

  test('with Albanian chosen, the login page speaks Albanian', async ({ client, assert }) => {
    const response = await client.get('/login').withSession({ locale: 'sq' })

    response.assertStatus(200)
    assert.include(response.text(), '<html lang="sq">')
    assert.include(response.text(), 'Hyni')
    assert.notInclude(response.text(), '>Sign in<')
  })

  test('Serbian (Latin) follows the browser when nothing was chosen', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/login').header('accept-language', 'sr-Latn,sr;q=0.9')

    assert.include(response.text(), '<html lang="sr-Latn">')
  })

  test('an unknown language is refused', async ({ client }) => {
    const response = await client
      .post('/locale')
      .form({ locale: 'xx' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { locale: ['Choose one of the listed values'] })
  })
})
