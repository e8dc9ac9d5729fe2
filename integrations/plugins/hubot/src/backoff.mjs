// How long to wait before trying again, and waiting in a way that can be cut short.

// Retry-After is honoured up to this long; a larger value is more likely a
// misconfigured proxy than Zulip's rate limiter.
export const MAX_RETRY_AFTER = 300

// After the nth failure in a row (0 for the first): 1s, 2s, 4s... up to `cap`.
export function backoffSeconds (failures, { base = 1, cap = 60 } = {}) {
  return Math.min(cap, base * 2 ** Math.max(0, failures))
}

// What to wait after `error`: Zulip's Retry-After when it gave one, else the backoff.
export function delayAfter (error, failures, options) {
  if (error?.kind === 'busy' && typeof error.retryAfter === 'number') {
    return Math.min(MAX_RETRY_AFTER, error.retryAfter)
  }
  return backoffSeconds(failures, options)
}

// Resolves after `seconds`, or as soon as `signal` aborts.
export function sleep (seconds, signal = null) {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve()
      return
    }
    let timer = null
    const wake = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', wake)
      resolve()
    }
    timer = setTimeout(wake, seconds * 1000)
    signal?.addEventListener('abort', wake, { once: true })
  })
}
