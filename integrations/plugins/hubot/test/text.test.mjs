import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  MAX_CONTENT_LENGTH,
  addressedText,
  closeFences,
  mentionOf,
  neutralStart,
  silenceMentions,
  truncateContent,
  truncateTopic
} from '../src/text.mjs'

const bot = { id: 9, fullName: 'Deploy Bot' }
const address = (content, options = {}) => addressedText(content, { bot, robotName: 'hubot', ...options })

test('a mention of the bot, by name or id, loud or silent, becomes @<robot name>', () => {
  assert.equal(address('@**Deploy Bot** ping'), '@hubot ping')
  assert.equal(address('@**Deploy Bot|9** ping'), '@hubot ping')
  assert.equal(address('@_**Deploy Bot** ping'), '@hubot ping')
  assert.equal(address('hey @**Deploy Bot**, ping'), 'hey @hubot, ping')
})

test('other mentions stay as they were written', () => {
  assert.equal(address('@**Alice** and @**Deploy Bot|10** and @*backend*'), '@**Alice** and @**Deploy Bot|10** and @*backend*')
  assert.equal(address('mail@**Deploy Bot**'), 'mail@**Deploy Bot**')
})

test('a direct message is addressed to the bot, once', () => {
  assert.equal(address('ping', { direct: true }), 'hubot ping')
  assert.equal(address('Hubot: ping', { direct: true }), 'Hubot: ping')
  assert.equal(address('@**Deploy Bot** ping', { direct: true }), '@hubot ping')
  assert.equal(address('/ ping', { direct: true, robotAlias: '/' }), '/ ping')
  assert.equal(address('hubots ping', { direct: true }), 'hubot hubots ping')
})

test('mentions are made silent outside code', () => {
  assert.equal(silenceMentions('hi @**all** and @**Bob|12**, @*backend*'), 'hi @_**all** and @_**Bob|12**, @_*backend*')
  assert.equal(silenceMentions('already @_**Bob**'), 'already @_**Bob**')
  assert.equal(silenceMentions('code `@**all**` and @**all**'), 'code `@**all**` and @_**all**')
  assert.equal(silenceMentions('```\n@**all**\n```\n@**all**'), '```\n@**all**\n```\n@_**all**')
  assert.equal(silenceMentions('```quote\n@**all**\n```'), '```quote\n@_**all**\n```')
  assert.equal(silenceMentions('a@**all** 2*3*4'), 'a@**all** 2*3*4')
})

test('a message within the limit is unchanged', () => {
  const text = 'x'.repeat(MAX_CONTENT_LENGTH)
  assert.equal(truncateContent(text), text)
})

test('a long message is cut at 10,000 code points, and says so', () => {
  const cut = truncateContent('😀'.repeat(12000))
  assert.equal(Array.from(cut).length, MAX_CONTENT_LENGTH)
  assert.ok(cut.endsWith('😀\n[message truncated]'))
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut), 'no half of a surrogate pair')
})

test('a cut never splits a character reference, and closes open blocks', () => {
  const reference = truncateContent(`${'a'.repeat(9978)}&#128512;${'b'.repeat(50)}`)
  assert.ok(!reference.includes('&#'), reference.slice(-30))
  const fenced = truncateContent('```python\n' + 'print(1)\n'.repeat(2000))
  assert.ok(fenced.endsWith('\n```\n[message truncated]'))
  assert.ok(Array.from(fenced).length <= MAX_CONTENT_LENGTH)
  assert.equal(closeFences('~~~quote\n```\ncode'), '~~~quote\n```\ncode\n```\n~~~')
})

test('topics fit on one line of 60 code points', () => {
  assert.equal(truncateTopic('  deploy\napi  '), 'deploy api')
  assert.equal(truncateTopic('\t\n'), null)
  const long = truncateTopic('é'.repeat(100))
  assert.equal(Array.from(long).length, 60)
  assert.ok(long.endsWith('...'))
})

test('a message starting with / is not a command', () => {
  assert.equal(neutralStart('/poll Lunch?'), '&#47;poll Lunch?')
  assert.equal(neutralStart('a/b'), 'a/b')
})

test('a reply mentions its sender silently, by id', () => {
  assert.equal(mentionOf({ id: 11, name: 'Alice' }), '@_**Alice|11**')
  assert.equal(mentionOf({ id: 11, name: 'A*l|ice' }), 'Alice')
})
