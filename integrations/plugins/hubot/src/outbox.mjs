// Sending the bot's messages one at a time, in the order the scripts wrote
// them, trying again while Zulip is busy, failing or out of reach.

import { delayAfter, sleep } from './backoff.mjs'

export const SEND_ATTEMPTS = 5

export class Outbox {
  #chain = Promise.resolve()
  #pending = 0
  #waiting = []
  #stop = new AbortController()

  constructor ({ client, logger, attempts = SEND_ATTEMPTS, backoff = {} }) {
    this.client = client
    this.logger = logger
    this.attempts = attempts
    this.backoff = backoff
  }

  // Queue `form` (a POST /messages body); resolves with Zulip's answer, or
  // with null once it has given up, after logging one line about `where`.
  send (form, where) {
    this.#pending += 1
    const sent = this.#chain
      .then(() => this.#deliver(form, where))
      .catch((error) => {
        this.logger.error(`zulip: a message to ${where} was not sent: ${error?.message ?? error}`)
        return null
      })
    this.#chain = sent.then(() => this.#settle())
    return sent
  }

  // Resolves when everything queued so far has been sent or given up.
  idle () {
    if (this.#pending === 0) {
      return Promise.resolve()
    }
    return new Promise((resolve) => { this.#waiting.push(resolve) })
  }

  close () {
    this.#stop.abort()
  }

  #settle () {
    this.#pending -= 1
    if (this.#pending === 0) {
      this.#waiting.splice(0).forEach((resolve) => resolve())
    }
  }

  async #deliver (form, where) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.request('POST', 'messages', { form, signal: this.#stop.signal })
      } catch (error) {
        const retryable = ['unreachable', 'busy', 'server'].includes(error.kind)
        if (!retryable || attempt + 1 >= this.attempts || this.#stop.signal.aborted) {
          const tries = retryable ? ` (${attempt + 1} tries)` : ''
          this.logger.error(`zulip: a message to ${where} was not sent${tries}: ${error.message}`)
          return null
        }
        const seconds = delayAfter(error, attempt, this.backoff)
        this.logger.warn(`zulip: sending to ${where} again in ${seconds}s: ${error.message}`)
        await sleep(seconds, this.#stop.signal)
      }
    }
  }
}
