// Hubot's rooms, as Zulip's conversations.
//
// A room is a string:
//   "general > greetings"   a topic of a channel: the channel's name, " > ", the topic;
//   "dm:11"                 a direct message with the user whose id is 11;
//   "dm:11,12"              a group direct message with users 11 and 12 (and the bot).
// The rooms of incoming messages name users by id; a script may also write
// their emails ("dm:alice@example.com").

export class RoomError extends Error {}

const DIRECT_PREFIX = 'dm:'
const SEPARATOR = ' > '

export function channelRoom (channel, topic) {
  return `${channel}${SEPARATOR}${topic}`
}

// The room a Zulip message was sent in, as seen by the bot `botId`.
export function roomOf (message, botId) {
  if (message.type === 'stream') {
    return channelRoom(message.display_recipient, message.subject ?? message.topic ?? '')
  }
  const people = Array.isArray(message.display_recipient) ? message.display_recipient : []
  const others = people.map((person) => person.id).filter((id) => id !== botId)
  const ids = [...new Set(others)].sort((a, b) => a - b)
  return `${DIRECT_PREFIX}${ids.join(',')}`
}

export function isOneOnOne (room) {
  return room.startsWith(DIRECT_PREFIX) && !room.includes(',')
}

// Where a room's messages go: {type: 'channel', channel, topic} or
// {type: 'direct', to: [ids] or [emails]}. A RoomError says what is wrong.
export function destinationOf (room) {
  if (typeof room !== 'string' || !room.trim()) {
    throw new RoomError('no room to send to')
  }
  if (room.startsWith(DIRECT_PREFIX)) {
    const named = room.slice(DIRECT_PREFIX.length).split(',').map((part) => part.trim()).filter(Boolean)
    if (named.length === 0) {
      throw new RoomError(`room ${JSON.stringify(room)} names nobody to write to`)
    }
    const ids = named.filter((part) => /^\d+$/.test(part))
    if (ids.length === named.length) {
      return { type: 'direct', to: ids.map(Number) }
    }
    if (ids.length === 0 && named.every((part) => part.includes('@'))) {
      return { type: 'direct', to: named }
    }
    throw new RoomError(`room ${JSON.stringify(room)}: name people by user ids or by emails, not both`)
  }
  const at = room.indexOf(SEPARATOR)
  if (at <= 0) {
    throw new RoomError(`room ${JSON.stringify(room)} names no topic: write "channel > topic"`)
  }
  return { type: 'channel', channel: room.slice(0, at), topic: room.slice(at + SEPARATOR.length) }
}

// The same channel, another topic.
export function withTopic (room, topic) {
  const destination = destinationOf(room)
  if (destination.type !== 'channel') {
    throw new RoomError('a direct message has no topic to change')
  }
  return channelRoom(destination.channel, topic)
}
