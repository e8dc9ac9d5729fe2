// Reading what happens in Zulip through its real-time events API.
//
// POST /register opens an event queue for the messages the bot can see;
// GET /events long-polls it, acknowledging what was read with last_event_id.
// Zulip drops a queue nobody polled for ten minutes (or one it lost in a
// restart) and then answers BAD_EVENT_QUEUE_ID: the stream registers a new
// one at once. While Zulip is out of reach, failing or busy, it waits
// (Retry-After when Zulip gives one, else 1s, 2s, 4s... up to a minute) and
// goes on with the same queue, so nothing sent meanwhile is lost.

import { delayAfter, sleep } from './backoff.mjs'

// Trying again cannot help: the bot's credentials are wrong, or Zulip
// refuses to open a queue for it.
export class FatalError extends Error {}

export class EventStream {
  #stop = new AbortController()
  #queue = null

  constructor ({ client, logger, backoff = {} }) {
    this.client = client
    this.logger = logger
    this.backoff = backoff
  }

  // Calls onMessage(message, flags) for each message event, in order, and
  // awaits onRegistered(queue) after each registration. Resolves once
  // stopped; rejects with a FatalError.
  async run ({ onMessage, onRegistered }) {
    const signal = this.#stop.signal
    let failures = 0
    while (!signal.aborted) {
      try {
        if (this.#queue === null) {
          await this.#register(signal)
          failures = 0
          await onRegistered(this.#queue)
          continue
        }
        const answer = await this.client.request('GET', 'events', {
          query: { queue_id: this.#queue.id, last_event_id: this.#queue.lastEventId },
          timeout: this.#queue.timeout,
          signal
        })
        failures = 0
        for (const event of answer.events ?? []) {
          this.#queue.lastEventId = Math.max(this.#queue.lastEventId, event.id)
          if (event.type === 'message') {
            onMessage(event.message, event.flags ?? [])
          }
        }
      } catch (error) {
        if (error.kind === 'stopped' || signal.aborted) {
          break
        }
        if (error.kind === 'bad-queue') {
          this.logger.info('zulip: the event queue expired; registering a new one (messages sent meanwhile are not seen)')
          this.#queue = null
          continue
        }
        if (error.kind === 'unauthorized' || (error.kind === 'refused' && this.#queue === null)) {
          throw new FatalError(error.message)
        }
        if (error.kind === 'refused') {
          this.#queue = null // an answer about the queue we cannot use: start over
        }
        const seconds = delayAfter(error, failures, this.backoff)
        failures += 1
        this.logger.warn(`zulip: ${error.message}; trying again in ${seconds}s`)
        await sleep(seconds, signal)
      }
    }
  }

  async #register (signal) {
    const answer = await this.client.request('POST', 'register', {
      form: { event_types: ['message'], apply_markdown: false },
      timeout: 30,
      signal
    })
    this.#queue = {
      id: answer.queue_id,
      lastEventId: answer.last_event_id,
      // Zulip's advice for the client's timeout of a long poll.
      timeout: answer.event_queue_longpoll_timeout_seconds ?? 90
    }
  }

  // Stop polling, and tell Zulip it may drop the queue (without waiting long).
  stop () {
    this.#stop.abort()
    const queue = this.#queue
    this.#queue = null
    if (queue === null) {
      return Promise.resolve()
    }
    return this.client
      .request('DELETE', 'events', { form: { queue_id: queue.id }, timeout: 2 })
      .catch(() => null)
  }
}
