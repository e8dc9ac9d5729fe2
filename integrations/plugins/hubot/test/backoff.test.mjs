import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_RETRY_AFTER, backoffSeconds, delayAfter, sleep } from '../src/backoff.mjs'

test('the backoff doubles up to a cap', () => {
  assert.deepEqual([0, 1, 2, 3, 6, 7, 20].map((failures) => backoffSeconds(failures)), [1, 2, 4, 8, 60, 60, 60])
  assert.equal(backoffSeconds(2, { base: 0.5, cap: 1 }), 1)
})

test('Retry-After wins over the backoff, within reason', () => {
  assert.equal(delayAfter({ kind: 'busy', retryAfter: 7 }, 5), 7)
  assert.equal(delayAfter({ kind: 'busy', retryAfter: 86400 }, 0), MAX_RETRY_AFTER)
  assert.equal(delayAfter({ kind: 'busy', retryAfter: null }, 1), 2)
  assert.equal(delayAfter({ kind: 'unreachable' }, 0), 1)
})

test('a sleep ends early when stopped', async () => {
  const stop = new AbortController()
  const started = Date.now()
  setTimeout(() => stop.abort(), 20)
  await sleep(10, stop.signal)
  assert.ok(Date.now() - started < 2000)
  await sleep(10, stop.signal) // already stopped: at once
  assert.ok(Date.now() - started < 2000)
})
