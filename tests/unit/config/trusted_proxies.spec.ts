import { test } from '@japa/runner'
import { proxyTrust } from '#config/app'

test.group('Trusted proxies for X-Forwarded-For', () => {
  test('unset or blank trusts no proxy at all', ({ assert }) => {
    assert.isFalse(proxyTrust(undefined)('127.0.0.1', 0))
    assert.isFalse(proxyTrust(' , ')('10.0.0.1', 0))
  })

  test('only the listed addresses and ranges are trusted', ({ assert }) => {
    const trust = proxyTrust('127.0.0.1, 10.0.0.0/8')
    assert.isTrue(trust('127.0.0.1', 0))
    assert.isTrue(trust('10.20.30.40', 1))
    assert.isFalse(trust('203.0.113.7', 0))
    assert.isFalse(trust('192.168.1.1', 0))
  })

  test('the names proxy-addr knows are accepted', ({ assert }) => {
    const trust = proxyTrust('loopback')
    assert.isTrue(trust('::1', 0))
    assert.isFalse(trust('198.51.100.2', 0))
  })
})
