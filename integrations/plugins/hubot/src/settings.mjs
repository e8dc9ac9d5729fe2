// Where the adapter finds its bot and its Zulip server.
//
// Each value comes from the first of these that sets it:
//   1. the environment: HUBOT_ZULIP_BOT (the bot's email), HUBOT_ZULIP_API_KEY
//      and HUBOT_ZULIP_SITE;
//   2. a zuliprc file, the one HUBOT_ZULIP_RC names or else ~/.zuliprc, with
//      email, key and site in its [api] section: the file Zulip's "Download
//      zuliprc" button gives.

import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ini from 'ini'

export class SettingsError extends Error {}

const FIELDS = [
  { name: 'email', variable: 'HUBOT_ZULIP_BOT', rcKey: 'email', what: 'no email for the bot' },
  { name: 'apiKey', variable: 'HUBOT_ZULIP_API_KEY', rcKey: 'key', what: 'no API key for the bot' },
  { name: 'site', variable: 'HUBOT_ZULIP_SITE', rcKey: 'site', what: 'no Zulip site' }
]
const MENTION_MODES = ['silent', 'notify']

export function zuliprcPath (env) {
  const named = (env.HUBOT_ZULIP_RC ?? '').trim()
  if (named) {
    return named.startsWith('~/') ? path.join(os.homedir(), named.slice(2)) : named
  }
  const home = (env.HOME ?? '').trim() || os.homedir()
  return path.join(home, '.zuliprc')
}

function readZuliprc (file, explicit) {
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error.code === 'ENOENT' && !explicit) {
      return {}
    }
    const why = error.code === 'ENOENT' ? 'it does not exist' : error.message
    throw new SettingsError(`${explicit ? 'HUBOT_ZULIP_RC names ' : ''}${file}: ${why}`)
  }
  const section = ini.parse(text).api
  return section && typeof section === 'object' ? section : {}
}

// The server's base address: https:// when no scheme is given, no trailing
// slash or /api, as Zulip's own clients accept it.
export function normalizeSite (site) {
  let address = site.trim().replace(/\/+$/, '')
  if (!/^https?:\/\//i.test(address)) {
    address = `https://${address}`
  }
  address = address.replace(/(?:\/api(?:\/v1)?)+$/, '')
  let parsed
  try {
    parsed = new URL(address)
  } catch {
    throw new SettingsError(`the Zulip site ${JSON.stringify(site)} is not a web address`)
  }
  if (parsed.search || parsed.hash) {
    throw new SettingsError(`the Zulip site ${JSON.stringify(site)} has a query or fragment`)
  }
  return address
}

// The settings, or a SettingsError naming each one missing and where it was looked for.
export function loadSettings (env = process.env) {
  const values = {}
  for (const field of FIELDS) {
    const given = (env[field.variable] ?? '').trim()
    if (given) {
      values[field.name] = given
    }
  }
  const rcFile = zuliprcPath(env)
  if (FIELDS.some((field) => !(field.name in values))) {
    const rc = readZuliprc(rcFile, Boolean((env.HUBOT_ZULIP_RC ?? '').trim()))
    for (const field of FIELDS) {
      const found = typeof rc[field.rcKey] === 'string' ? rc[field.rcKey].trim() : ''
      if (found && !(field.name in values)) {
        values[field.name] = found
      }
    }
  }
  const missing = FIELDS.filter((field) => !(field.name in values))
  if (missing.length > 0) {
    const names = missing.map((field) => `${field.what}: set ${field.variable}, or ${field.rcKey}`)
    throw new SettingsError(`${names.join('; ')} in the [api] section of ${rcFile}`)
  }
  const mentions = (env.HUBOT_ZULIP_MENTIONS ?? '').trim().toLowerCase() || 'silent'
  if (!MENTION_MODES.includes(mentions)) {
    throw new SettingsError(
      `HUBOT_ZULIP_MENTIONS is ${JSON.stringify(env.HUBOT_ZULIP_MENTIONS)}: use ${MENTION_MODES.join(' or ')}`
    )
  }
  return {
    email: values.email,
    apiKey: values.apiKey,
    site: normalizeSite(values.site),
    notifyMentions: mentions === 'notify'
  }
}
