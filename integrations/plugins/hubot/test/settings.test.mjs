import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { SettingsError, loadSettings, normalizeSite } from '../src/settings.mjs'

const home = mkdtempSync(path.join(os.tmpdir(), 'hubot-zulip-settings-'))
after(() => rmSync(home, { recursive: true, force: true }))
const rc = path.join(home, '.zuliprc')
writeFileSync(rc, '[api]\nemail = rc-bot@example.com\nkey = rc-key\nsite = chat.example.com/\n')

test('the environment wins; the zuliprc fills in the rest', () => {
  const settings = loadSettings({ HOME: home, HUBOT_ZULIP_BOT: 'env-bot@example.com' })
  assert.deepEqual(settings, {
    email: 'env-bot@example.com',
    apiKey: 'rc-key',
    site: 'https://chat.example.com',
    notifyMentions: false
  })
})

test('HUBOT_ZULIP_RC names the zuliprc; a missing one is an error naming it', () => {
  const other = path.join(home, 'other-rc')
  writeFileSync(other, '[api]\nemail=o@example.com\nkey=k\nsite=https://o.example.com\n')
  assert.equal(loadSettings({ HOME: '/nowhere', HUBOT_ZULIP_RC: other }).email, 'o@example.com')
  assert.throws(() => loadSettings({ HUBOT_ZULIP_RC: path.join(home, 'missing') }), {
    name: 'Error',
    message: `HUBOT_ZULIP_RC names ${path.join(home, 'missing')}: it does not exist`
  })
})

test('what is missing is named, with where it was looked for', () => {
  const empty = mkdtempSync(path.join(home, 'empty-'))
  assert.throws(() => loadSettings({ HOME: empty, HUBOT_ZULIP_SITE: 'x.example.com' }), (error) => {
    assert.ok(error instanceof SettingsError)
    assert.equal(
      error.message,
      `no email for the bot: set HUBOT_ZULIP_BOT, or email; no API key for the bot: set HUBOT_ZULIP_API_KEY, or key in the [api] section of ${path.join(empty, '.zuliprc')}`
    )
    return true
  })
})

test('mentions are silent unless the setting says notify', () => {
  const env = { HOME: home }
  assert.equal(loadSettings({ ...env, HUBOT_ZULIP_MENTIONS: 'NOTIFY' }).notifyMentions, true)
  assert.throws(() => loadSettings({ ...env, HUBOT_ZULIP_MENTIONS: 'loud' }), /use silent or notify/)
})

test('the site is an address, as Zulip clients accept it', () => {
  assert.equal(normalizeSite('https://chat.example.com/api/v1/'), 'https://chat.example.com')
  assert.equal(normalizeSite('http://127.0.0.1:9991'), 'http://127.0.0.1:9991')
  assert.equal(normalizeSite('chat.example.com/zulip'), 'https://chat.example.com/zulip')
  assert.throws(() => normalizeSite('https://exa mple.com'), /not a web address/)
  assert.throws(() => normalizeSite('https://example.com/?x=1'), /query or fragment/)
})
