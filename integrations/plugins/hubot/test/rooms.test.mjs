import assert from 'node:assert/strict'
import { test } from 'node:test'
import { RoomError, destinationOf, isOneOnOne, roomOf, withTopic } from '../src/rooms.mjs'

const person = (id) => ({ id, email: `user${id}@example.com`, full_name: `User ${id}` })

test('a channel message is in the room "channel > topic"', () => {
  assert.equal(roomOf({ type: 'stream', display_recipient: 'general', subject: 'greetings' }, 9), 'general > greetings')
})

test('a direct message is in a room of the other people, by id, without the bot', () => {
  assert.equal(roomOf({ type: 'private', display_recipient: [person(11), person(9)] }, 9), 'dm:11')
  assert.equal(roomOf({ type: 'private', display_recipient: [person(13), person(9), person(11)] }, 9), 'dm:11,13')
  assert.ok(isOneOnOne('dm:11'))
  assert.ok(!isOneOnOne('dm:11,13'))
  assert.ok(!isOneOnOne('general > greetings'))
})

test('rooms name where messages go', () => {
  assert.deepEqual(destinationOf('general > a > b'), { type: 'channel', channel: 'general', topic: 'a > b' })
  assert.deepEqual(destinationOf('dm:11,13'), { type: 'direct', to: [11, 13] })
  assert.deepEqual(destinationOf('dm: alice@example.com '), { type: 'direct', to: ['alice@example.com'] })
})

test('a room that names no place is refused, saying why', () => {
  assert.throws(() => destinationOf('general'), { name: 'Error', message: /names no topic/ })
  assert.throws(() => destinationOf('dm:'), /names nobody/)
  assert.throws(() => destinationOf('dm:11,alice@example.com'), /not both/)
  assert.throws(() => destinationOf(undefined), RoomError)
})

test('another topic of the same channel', () => {
  assert.equal(withTopic('general > greetings', 'deploy 1'), 'general > deploy 1')
  assert.throws(() => withTopic('dm:11', 'x'), /no topic/)
})
