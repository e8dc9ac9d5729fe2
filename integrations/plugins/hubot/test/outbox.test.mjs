import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ZulipError } from '../src/client.mjs'
import { Outbox } from '../src/outbox.mjs'

function recorder () {
  const lines = []
  return { lines, warn: (line) => lines.push(`warn ${line}`), error: (line) => lines.push(`error ${line}`) }
}

// A client whose answers are scripted: an Error to throw, else the answer.
function scripted (answers) {
  const sent = []
  return {
    sent,
    async request (method, endpoint, { form }) {
      sent.push(form.content)
      await new Promise((resolve) => { setTimeout(resolve, Math.random() * 5) })
      const next = answers.shift() ?? { result: 'success', id: sent.length }
      if (next instanceof Error) {
        throw next
      }
      return next
    }
  }
}

const fast = { base: 0.001, cap: 0.001 }

test('messages leave one at a time, in the order they were given', async () => {
  const client = scripted([])
  const outbox = new Outbox({ client, logger: recorder(), backoff: fast })
  const sending = ['a', 'b', 'c', 'd'].map((content) => outbox.send({ content }, 'general > t'))
  await outbox.idle()
  assert.deepEqual(client.sent, ['a', 'b', 'c', 'd'])
  assert.equal((await Promise.all(sending)).length, 4)
})

test('busy, failing or unreachable: tried again, then given up with one line', async () => {
  const busy = new ZulipError('Zulip is busy (HTTP 429): POST /api/v1/messages', { kind: 'busy', retryAfter: 0 })
  const gone = new ZulipError('cannot reach http://z: ECONNREFUSED', { kind: 'unreachable' })
  const client = scripted([busy, { result: 'success', id: 1 }, gone, gone, gone])
  const logger = recorder()
  const outbox = new Outbox({ client, logger, attempts: 3, backoff: fast })
  assert.deepEqual(await outbox.send({ content: 'first' }, 'general > t'), { result: 'success', id: 1 })
  assert.equal(await outbox.send({ content: 'second' }, 'dm:11'), null)
  assert.deepEqual(client.sent, ['first', 'first', 'second', 'second', 'second'])
  assert.equal(logger.lines.at(-1), 'error zulip: a message to dm:11 was not sent (3 tries): cannot reach http://z: ECONNREFUSED')
})

test('a message Zulip refuses is not tried again', async () => {
  const refused = new ZulipError('Zulip refused POST /api/v1/messages (HTTP 400, BAD_REQUEST): no', { kind: 'refused' })
  const client = scripted([refused])
  const logger = recorder()
  const outbox = new Outbox({ client, logger, backoff: fast })
  assert.equal(await outbox.send({ content: 'x' }, 'general > t'), null)
  assert.deepEqual(client.sent, ['x'])
  assert.deepEqual(logger.lines, ['error zulip: a message to general > t was not sent: Zulip refused POST /api/v1/messages (HTTP 400, BAD_REQUEST): no'])
})

test('idle waits for what is queued, and not for more', async () => {
  const outbox = new Outbox({ client: scripted([]), logger: recorder(), backoff: fast })
  await outbox.idle()
  let done = false
  outbox.send({ content: 'x' }, 'r').then(() => { done = true })
  await outbox.idle()
  assert.ok(done)
})
