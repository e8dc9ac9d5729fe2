// Hubot loads an adapter package by its name (hubot --adapter hubot-zulip-adapter)
// and calls use(robot) for the adapter.

import { ZulipAdapter } from './adapter.mjs'

export { ZulipAdapter }

export default {
  use (robot) {
    return new ZulipAdapter(robot)
  }
}
