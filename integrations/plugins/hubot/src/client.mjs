// One request to Zulip's REST API, and what went wrong with it in one line.
//
// Requests are authenticated with HTTP basic auth (the bot's email and API
// key) and say who is calling in the User-Agent. A failure becomes a
// ZulipError whose `kind` tells the caller what to do about it:
//   unreachable   no answer (refused, reset, timed out): try again later
//   busy          HTTP 429: try again after `retryAfter` seconds
//   server        a 5xx, or an answer that is not Zulip's JSON: try again later
//   bad-queue     the event queue is gone (BAD_EVENT_QUEUE_ID): register a new one
//   unauthorized  HTTP 401: the email or API key is wrong; trying again cannot help
//   refused       any other 4xx: Zulip will not do it; trying again cannot help

import { readFileSync } from 'node:fs'
import os from 'node:os'

const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
export const VERSION = PACKAGE.version

// ZulipHubot/<version> (<system>; <release>), as every integration of this project says it.
export function userAgent () {
  return `ZulipHubot/${VERSION} (${os.type() || 'unknown'}; ${os.release() || 'unknown'})`
}

export class ZulipError extends Error {
  constructor (message, { kind, status = null, code = null, retryAfter = null }) {
    super(message)
    this.kind = kind
    this.status = status
    this.code = code
    this.retryAfter = retryAfter
  }
}

// Seconds from a Retry-After header (seconds or an HTTP date), else from
// Zulip's JSON answer; null when neither says.
export function retryAfterSeconds (header, body) {
  const text = (header ?? '').trim()
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text)
  }
  if (text) {
    const date = Date.parse(text)
    if (!Number.isNaN(date)) {
      return Math.max(0, (date - Date.now()) / 1000)
    }
  }
  const fromBody = body?.['retry-after']
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : null
}

// A signal that aborts after `seconds` or when `outer` aborts, whichever is first.
function deadline (seconds, outer) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new Error(`no answer in ${seconds}s`)), seconds * 1000)
  const stop = () => controller.abort(outer.reason)
  outer?.addEventListener('abort', stop, { once: true })
  return {
    signal: controller.signal,
    done () {
      clearTimeout(timer)
      outer?.removeEventListener('abort', stop)
    }
  }
}

function oneLine (text) {
  return String(text).replace(/\s+/g, ' ').trim()
}

// Why fetch failed: the system's error (ECONNREFUSED...) rather than "fetch failed".
function networkReason (error) {
  const cause = error?.cause
  if (cause?.code && cause?.message) {
    return oneLine(cause.message)
  }
  return oneLine(cause?.message || error?.message || error)
}

export class ZulipClient {
  constructor ({ site, email, apiKey, fetch = globalThis.fetch }) {
    this.site = site
    this.authorization = `Basic ${Buffer.from(`${email}:${apiKey}`, 'utf8').toString('base64')}`
    this.userAgent = userAgent()
    this.fetch = fetch
  }

  // `form` becomes an x-www-form-urlencoded body (objects and arrays as
  // JSON, as the API wants them); `query` the URL's query. Resolves with
  // Zulip's JSON answer, or rejects with a ZulipError.
  async request (method, endpoint, { query = null, form = null, timeout = 10, signal = null } = {}) {
    const url = new URL(`${this.site}/api/v1/${endpoint}`)
    for (const [name, value] of Object.entries(query ?? {})) {
      url.searchParams.set(name, String(value))
    }
    const headers = { Authorization: this.authorization, 'User-Agent': this.userAgent }
    let body
    if (form !== null) {
      body = new URLSearchParams()
      for (const [name, value] of Object.entries(form)) {
        body.set(name, typeof value === 'string' ? value : JSON.stringify(value))
      }
      headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8'
    }
    const limit = deadline(timeout, signal)
    let response
    let text
    try {
      response = await this.fetch(url, { method, headers, body, signal: limit.signal })
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) {
        throw new ZulipError('stopped', { kind: 'stopped' })
      }
      const reason = limit.signal.aborted ? `no answer in ${timeout}s` : networkReason(error)
      throw new ZulipError(`cannot reach ${this.site}: ${reason}`, { kind: 'unreachable' })
    } finally {
      limit.done()
    }
    return this.#answer(method, endpoint, response, text)
  }

  #answer (method, endpoint, response, text) {
    let answer = null
    try {
      answer = JSON.parse(text)
    } catch {
      answer = null
    }
    const status = response.status
    const isZulips = answer !== null && typeof answer === 'object' && typeof answer.result === 'string'
    if (status === 200 && isZulips && answer.result === 'success') {
      return answer
    }
    const request = `${method} /api/v1/${endpoint}`
    if (status === 429) {
      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), answer)
      const wait = retryAfter === null ? '' : `, retry after ${retryAfter}s`
      throw new ZulipError(`Zulip is busy (HTTP 429${wait}): ${request}`, {
        kind: 'busy',
        status,
        retryAfter
      })
    }
    if (!isZulips || status >= 500) {
      const what = isZulips ? oneLine(answer.msg ?? '') : 'an answer that is not Zulip\'s JSON'
      throw new ZulipError(`Zulip failed (HTTP ${status}): ${what}: ${request}`, { kind: 'server', status })
    }
    const code = typeof answer.code === 'string' ? answer.code : 'BAD_REQUEST'
    const msg = oneLine(answer.msg ?? '')
    let kind = 'refused'
    if (code === 'BAD_EVENT_QUEUE_ID') {
      kind = 'bad-queue'
    } else if (status === 401) {
      kind = 'unauthorized'
    }
    throw new ZulipError(`Zulip refused ${request} (HTTP ${status}, ${code}): ${msg}`, { kind, status, code })
  }
}
