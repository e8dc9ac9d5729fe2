// The Hubot adapter: Zulip's messages in, the scripts' answers out.
//
// Zulip            Hubot
// a user           a User: id = the Zulip user id, name = the full name, email_address
// channel > topic  the room "channel > topic"
// a DM             the room "dm:<ids of the others, the bot left out>"
// a message        a TextMessage (id = the Zulip message id, rawMessage = Zulip's own)
//
// respond: a mention of the bot (@**Hubot**, silent or not, by name or id)
// becomes @<robot name>, and a direct message is always addressed to it.
// send posts in the message's room; reply does too, starting with a silent
// mention of the sender (not in a one-on-one DM); emote is a /me message;
// topic moves the replies of that response to another topic of the channel.

import { Adapter, TextMessage } from 'hubot'
import { delayAfter, sleep } from './backoff.mjs'
import { ZulipClient } from './client.mjs'
import { EventStream, FatalError } from './events.mjs'
import { Outbox } from './outbox.mjs'
import { RoomError, destinationOf, isOneOnOne, roomOf, withTopic } from './rooms.mjs'
import { SettingsError, loadSettings } from './settings.mjs'
import {
  addressedText,
  mentionOf,
  neutralStart,
  silenceMentions,
  truncateContent,
  truncateTopic
} from './text.mjs'

// How long to let Hubot load its scripts before reading messages, when it
// does not say it has (Hubot's own start-up says so).
const SCRIPTS_WAIT_SECONDS = 10

export class ZulipAdapter extends Adapter {
  #settings = null
  #client = null
  #outbox = null
  #stream = null
  #bot = null
  #closing = new AbortController()

  constructor (robot) {
    super(robot)
    this.name = 'Zulip'
  }

  get logger () {
    return this.robot.logger
  }

  async run () {
    try {
      this.#settings = loadSettings(process.env)
    } catch (error) {
      this.#fail(error)
      return
    }
    const { site, email, apiKey } = this.#settings
    this.#client = new ZulipClient({ site, email, apiKey })
    this.#outbox = new Outbox({ client: this.#client, logger: this.logger })
    this.#stream = new EventStream({ client: this.#client, logger: this.logger })
    this.#bot = await this.#whoAmI()
    if (this.#bot === null) {
      return
    }
    let first = true
    this.#stream
      .run({
        onMessage: (message) => this.#receive(message),
        onRegistered: async () => {
          if (first) {
            first = false
            this.logger.info(`zulip: reading messages on ${site} as ${this.#bot.fullName} <${this.#bot.email}>`)
            await this.#connected()
          }
        }
      })
      .catch((error) => this.#fail(error))
  }

  async send (envelope, ...strings) {
    return this.#post(envelope, strings, (text) => this.#outgoing(neutralStart(text)))
  }

  async reply (envelope, ...strings) {
    const room = this.#roomOf(envelope)
    const mention = envelope.user && room && !isOneOnOne(room) ? `${mentionOf(envelope.user)} ` : ''
    return this.#post(envelope, strings, (text) => mention + this.#outgoing(text))
  }

  async emote (envelope, ...strings) {
    return this.#post(envelope, strings, (text) => `/me ${this.#outgoing(text)}`)
  }

  // Zulip has no topic of a room to set: the replies of this response go to
  // the topic named, in the same channel, from now on.
  async topic (envelope, ...strings) {
    const name = truncateTopic(strings.join(' '))
    if (name === null) {
      this.logger.warn('zulip: topic() was given no topic name')
      return
    }
    try {
      envelope.room = withTopic(this.#roomOf(envelope), name)
    } catch (error) {
      this.logger.warn(`zulip: topic() ignored: ${error.message}`)
    }
  }

  close () {
    this.#closing.abort()
    this.#stream?.stop()
    this.#outbox?.close()
    super.close()
  }

  async #whoAmI () {
    for (let failures = 0; ; failures++) {
      try {
        const me = await this.#client.request('GET', 'users/me', { signal: this.#closing.signal })
        return { id: me.user_id, fullName: me.full_name, email: me.email }
      } catch (error) {
        if (this.#closing.signal.aborted) {
          return null
        }
        if (['unauthorized', 'refused'].includes(error.kind)) {
          this.#fail(error)
          return null
        }
        const seconds = delayAfter(error, failures)
        this.logger.warn(`zulip: ${error.message}; trying again in ${seconds}s`)
        await sleep(seconds, this.#closing.signal)
      }
    }
  }

  // Hubot loads the scripts when the adapter is connected; messages are read
  // once they are loaded, so none arrives before its listener.
  async #connected () {
    const loaded = new Promise((resolve) => {
      this.robot.on('scripts have loaded', resolve)
      setTimeout(resolve, SCRIPTS_WAIT_SECONDS * 1000).unref()
    })
    this.emit('connected')
    await loaded
  }

  #receive (message) {
    if (message.sender_id === this.#bot.id) {
      this.logger.debug(`zulip: message ${message.id} skipped: the bot's own`)
      return
    }
    this.#handle(message).catch((error) => {
      this.logger.error(`zulip: message ${message.id} not handled: ${error?.stack ?? error}`)
    })
  }

  async #handle (message) {
    const room = roomOf(message, this.#bot.id)
    const user = this.robot.brain.userForId(message.sender_id, {
      name: message.sender_full_name,
      email_address: message.sender_email,
      room
    })
    const text = addressedText(message.content, {
      bot: this.#bot,
      robotName: this.robot.name,
      robotAlias: this.robot.alias || null,
      direct: !['stream', 'channel'].includes(message.type)
    })
    const incoming = new TextMessage(user, text, message.id)
    incoming.rawMessage = message
    await this.receive(incoming)
    // Answers a listener did not await are queued once pending promises settle.
    await new Promise((resolve) => { setImmediate(resolve) })
    await this.#outbox.idle()
    this.logger.debug(`zulip: message ${message.id} handled`)
  }

  #roomOf (envelope) {
    const room = envelope?.room ?? envelope?.message?.room
    if (room) {
      return room
    }
    return envelope?.user?.id !== undefined ? `dm:${envelope.user.id}` : null
  }

  #outgoing (text) {
    const given = String(text)
    return this.#settings.notifyMentions ? given : silenceMentions(given)
  }

  async #post (envelope, strings, build) {
    if (this.#outbox === null) {
      this.logger.error('zulip: not sent: the adapter is not running')
      return []
    }
    const room = this.#roomOf(envelope)
    let destination
    try {
      destination = destinationOf(room)
    } catch (error) {
      if (!(error instanceof RoomError)) {
        throw error
      }
      this.logger.error(`zulip: not sent: ${error.message}`)
      return []
    }
    const sending = []
    for (const text of strings) {
      const content = truncateContent(build(String(text ?? '')))
      if (!content.trim()) {
        this.logger.warn(`zulip: an empty message to ${room} was not sent`)
        continue
      }
      const form = destination.type === 'channel'
        ? {
            type: 'stream',
            to: JSON.stringify(destination.channel),
            topic: truncateTopic(destination.topic) ?? '',
            content
          }
        : { type: 'direct', to: destination.to, content }
      sending.push(this.#outbox.send(form, room))
    }
    return Promise.all(sending)
  }

  #fail (error) {
    const known = error instanceof SettingsError || error instanceof FatalError || error?.kind
    this.logger.error(`zulip: ${known ? error.message : error?.stack ?? error}`)
    this.logger.error('zulip: the adapter stops; fix the above and start Hubot again')
    process.exitCode = 1
    this.robot.shutdown()
  }
}
