import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ZulipError } from '../src/client.mjs'
import { EventStream, FatalError } from '../src/events.mjs'

const quiet = { info () {}, warn () {}, error () {} }
const fast = { base: 0.001, cap: 0.001 }

// A client that answers each request with the next scripted step, and
// stops the stream when the script runs out.
function scripted (steps, stream) {
  const calls = []
  return {
    calls,
    async request (method, endpoint, options) {
      calls.push(`${method} ${endpoint}${options.query ? ` ${options.query.queue_id}@${options.query.last_event_id}` : ''}`)
      const step = steps.shift()
      if (step === undefined) {
        stream().stop()
        throw new ZulipError('stopped', { kind: 'stopped' })
      }
      if (step instanceof Error) {
        throw step
      }
      return step
    }
  }
}

const registered = (id) => ({ result: 'success', queue_id: id, last_event_id: -1, event_queue_longpoll_timeout_seconds: 90 })
const message = (id, eventId) => ({ type: 'message', id: eventId, message: { id }, flags: [] })

test('messages come in order; an expired queue is replaced at once', async () => {
  let stream = null
  const client = scripted([
    registered('q1'),
    { result: 'success', events: [message(1, 0), { type: 'heartbeat', id: 1 }, message(2, 2)] },
    new ZulipError('gone', { kind: 'bad-queue' }),
    registered('q2'),
    { result: 'success', events: [message(3, 0)] }
  ], () => stream)
  stream = new EventStream({ client, logger: quiet, backoff: fast })
  const seen = []
  let registrations = 0
  await stream.run({ onMessage: (m) => seen.push(m.id), onRegistered: async () => { registrations += 1 } })
  assert.deepEqual(seen, [1, 2, 3])
  assert.equal(registrations, 2)
  assert.deepEqual(client.calls, [
    'POST register', 'GET events q1@-1', 'GET events q1@2', 'POST register', 'GET events q2@-1', 'GET events q2@0',
    'DELETE events' // stopping tells Zulip it may drop the queue
  ])
})

test('while Zulip is out of reach or busy, the same queue is read again later', async () => {
  let stream = null
  const client = scripted([
    registered('q1'),
    new ZulipError('down', { kind: 'unreachable' }),
    new ZulipError('busy', { kind: 'busy', retryAfter: 0 }),
    new ZulipError('502', { kind: 'server' }),
    { result: 'success', events: [message(5, 0)] }
  ], () => stream)
  stream = new EventStream({ client, logger: quiet, backoff: fast })
  const seen = []
  await stream.run({ onMessage: (m) => seen.push(m.id), onRegistered: async () => {} })
  assert.deepEqual(seen, [5])
  assert.equal(client.calls.filter((call) => call === 'POST register').length, 1)
})

test('a wrong API key is fatal', async () => {
  let stream = null
  const client = scripted([new ZulipError('Zulip refused (HTTP 401, INVALID_API_KEY)', { kind: 'unauthorized' })], () => stream)
  stream = new EventStream({ client, logger: quiet, backoff: fast })
  await assert.rejects(stream.run({ onMessage () {}, onRegistered: async () => {} }), FatalError)
})
