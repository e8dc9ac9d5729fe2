import assert from 'node:assert/strict'
import http from 'node:http'
import os from 'node:os'
import { after, before, test } from 'node:test'
import { VERSION, ZulipClient, retryAfterSeconds } from '../src/client.mjs'

// A small HTTP server that answers what each test tells it to, and keeps the requests.
const answers = []
const requests = []
let server
let site

before(async () => {
  server = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => { body += chunk })
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body })
      const answer = answers.shift() ?? { status: 200, body: { result: 'success', msg: '' } }
      if (answer.hang) {
        return
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
      response.end(text)
    })
  })
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve) })
  site = `http://127.0.0.1:${server.address().port}`
})

after(() => {
  server.closeAllConnections()
  server.close()
})

const client = () => new ZulipClient({ site, email: 'bot@example.com', apiKey: 'key' })

async function failure (promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  assert.fail('the request did not fail')
}

test('a request authenticates, says who is calling, and sends a form', async () => {
  answers.push({ status: 200, body: { result: 'success', msg: '', id: 7 } })
  const answer = await client().request('POST', 'messages', { form: { type: 'direct', to: [11, 12], content: 'hé' } })
  assert.equal(answer.id, 7)
  const sent = requests.at(-1)
  assert.equal(sent.url, '/api/v1/messages')
  assert.equal(sent.headers.authorization, `Basic ${Buffer.from('bot@example.com:key').toString('base64')}`)
  assert.equal(sent.headers['user-agent'], `ZulipHubot/${VERSION} (${os.type()}; ${os.release()})`)
  assert.equal(new URLSearchParams(sent.body).get('to'), '[11,12]')
  assert.equal(new URLSearchParams(sent.body).get('content'), 'hé')
})

test('a query is sent in the URL', async () => {
  await client().request('GET', 'events', { query: { queue_id: 'q 1', last_event_id: -1 } })
  assert.equal(requests.at(-1).url, '/api/v1/events?queue_id=q+1&last_event_id=-1')
})

test('429 is "busy", with the Retry-After to honour', async () => {
  answers.push({
    status: 429,
    headers: { 'Retry-After': '2' },
    body: { result: 'error', msg: 'API usage exceeded rate limit', code: 'RATE_LIMIT_HIT', 'retry-after': 2 }
  })
  const error = await failure(client().request('GET', 'users/me'))
  assert.equal(error.kind, 'busy')
  assert.equal(error.retryAfter, 2)
  assert.equal(error.message, 'Zulip is busy (HTTP 429, retry after 2s): GET /api/v1/users/me')
})

test('Zulip\'s errors say what is wrong, in one line', async () => {
  answers.push({ status: 400, body: { result: 'error', msg: 'Bad event queue ID: q', code: 'BAD_EVENT_QUEUE_ID', queue_id: 'q' } })
  assert.equal((await failure(client().request('GET', 'events'))).kind, 'bad-queue')
  answers.push({ status: 401, body: { result: 'error', msg: 'Invalid API key', code: 'INVALID_API_KEY' } })
  const unauthorized = await failure(client().request('GET', 'users/me'))
  assert.equal(unauthorized.kind, 'unauthorized')
  assert.equal(unauthorized.message, 'Zulip refused GET /api/v1/users/me (HTTP 401, INVALID_API_KEY): Invalid API key')
  answers.push({ status: 400, body: { result: 'error', msg: "Channel 'x'\ndoes not exist", code: 'STREAM_DOES_NOT_EXIST' } })
  const refused = await failure(client().request('POST', 'messages', { form: {} }))
  assert.equal(refused.kind, 'refused')
  assert.match(refused.message, /STREAM_DOES_NOT_EXIST\): Channel 'x' does not exist$/)
})

test('a proxy\'s error page is a server failure', async () => {
  answers.push({ status: 502, body: '<html>Bad Gateway</html>' })
  const error = await failure(client().request('GET', 'users/me'))
  assert.equal(error.kind, 'server')
  assert.equal(error.message, "Zulip failed (HTTP 502): an answer that is not Zulip's JSON: GET /api/v1/users/me")
})

test('no answer is "unreachable", refused or too slow', async () => {
  const closed = http.createServer()
  await new Promise((resolve) => { closed.listen(0, '127.0.0.1', resolve) })
  const port = closed.address().port
  await new Promise((resolve) => { closed.close(resolve) })
  const refused = await failure(new ZulipClient({ site: `http://127.0.0.1:${port}`, email: 'b', apiKey: 'k' }).request('GET', 'users/me'))
  assert.equal(refused.kind, 'unreachable')
  assert.match(refused.message, /^cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/)
  answers.push({ hang: true })
  const slow = await failure(client().request('GET', 'users/me', { timeout: 0.2 }))
  assert.equal(slow.kind, 'unreachable')
  assert.equal(slow.message, `cannot reach ${site}: no answer in 0.2s`)
})

test('a request stopped by its caller says so', async () => {
  answers.push({ hang: true })
  const stop = new AbortController()
  setTimeout(() => stop.abort(), 50)
  const error = await failure(client().request('GET', 'events', { signal: stop.signal }))
  assert.equal(error.kind, 'stopped')
})

test('Retry-After in seconds, as a date, or from the JSON', () => {
  assert.equal(retryAfterSeconds('1.5', null), 1.5)
  assert.equal(retryAfterSeconds(null, { 'retry-after': 3 }), 3)
  assert.equal(retryAfterSeconds(new Date(Date.now() - 5000).toUTCString(), null), 0)
  assert.equal(retryAfterSeconds('soon', null), null)
})
