// The text of messages, both ways: what scripts see of a message, and what
// the bot sends, kept within Zulip's limits.

// Zulip's limits, in code points (max_topic_length and max_message_length).
export const MAX_TOPIC_LENGTH = 60
export const MAX_CONTENT_LENGTH = 10000
const CONTENT_TRUNCATION = '\n[message truncated]'
const TOPIC_TRUNCATION = '...'

// A mention starts a message or follows one of these (as in Zulip's syntax).
const MENTION = /(?<![^\s'"({[/<])@(_?)(\*\*([^*\n]+)\*\*|\*([^*\n]+)\*)/g
const FENCE = /^ {0,3}(`{3,}|~{3,}) *(?:\{?\.?([a-zA-Z0-9_+\-./#]+)[^`~]*)?\s*$/
const CONTAINERS = new Set(['quote', 'quoted', 'spoiler'])

function codePoints (text) {
  return Array.from(text).length
}

function escapeRegExp (text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// What scripts see: the message's Markdown, with every mention of the bot
// turned into @<robot name>, so `robot.respond` recognises it. A direct
// message is addressed to the bot even when it does not name it.
export function addressedText (content, { bot, robotName, robotAlias = null, direct = false }) {
  let text = content.replace(MENTION, (whole, silent, mention, userName) => {
    if (userName === undefined) {
      return whole // a group mention
    }
    const [name, id] = userName.split('|')
    const isBot = id !== undefined ? Number(id) === bot.id : name === bot.fullName
    return isBot ? `@${robotName}` : whole
  })
  if (direct) {
    const names = [robotName, robotAlias].filter(Boolean).map(escapeRegExp).join('|')
    if (!new RegExp(`^\\s*@?(?:${names})(?:[:,]|\\s|$)`, 'i').test(text)) {
      text = `${robotName} ${text}`
    }
  }
  return text
}

// The blocks `text` leaves open at its end, outermost first, read the way
// Zulip reads fences: a code block closes only on its own fence; quotes and
// spoilers hold Markdown, so fences inside them nest.
export function openFences (text) {
  const stack = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    const top = stack[stack.length - 1]
    if (top && line.trim() === top.marker) {
      stack.pop()
      continue
    }
    if (top && !top.nests) {
      continue
    }
    const opening = FENCE.exec(line)
    if (opening) {
      stack.push({ marker: opening[1], nests: CONTAINERS.has((opening[2] ?? '').toLowerCase()) })
    }
  }
  return stack
}

export function closeFences (text) {
  const stack = openFences(text)
  if (stack.length === 0) {
    return text
  }
  const closing = stack.map((fence) => fence.marker).reverse().join('\n')
  return `${text.trimEnd()}\n${closing}`
}

// Cut `content` to Zulip's limit, ending with a line that says so; never in
// the middle of a character reference, and closing the blocks left open,
// so what remains still renders as it would have.
export function truncateContent (content, limit = MAX_CONTENT_LENGTH) {
  const characters = Array.from(content)
  if (characters.length <= limit) {
    return content
  }
  let reserve = codePoints(CONTENT_TRUNCATION)
  for (;;) {
    const cut = characters.slice(0, limit - reserve).join('').replace(/&#?[A-Za-z0-9]*$/, '').trimEnd()
    const closing = closeFences(cut).slice(cut.length)
    if (codePoints(cut) + codePoints(closing) + codePoints(CONTENT_TRUNCATION) <= limit) {
      return cut + closing + CONTENT_TRUNCATION
    }
    reserve += codePoints(closing)
  }
}

// A topic on one line of at most 60 code points, ending in "..." when cut,
// as Zulip does; null when nothing is left.
export function truncateTopic (topic) {
  // eslint-disable-next-line no-control-regex
  const line = topic.replace(/[\s\x00-\x1f\x7f-\x9f]+/g, ' ').trim()
  if (!line) {
    return null
  }
  const characters = Array.from(line)
  if (characters.length <= MAX_TOPIC_LENGTH) {
    return line
  }
  return characters.slice(0, MAX_TOPIC_LENGTH - TOPIC_TRUNCATION.length).join('').trimEnd() + TOPIC_TRUNCATION
}

// The parts of a line that are inline code: [start, end) pairs. A code span
// opens with a run of backticks and closes at the next run of the same length.
function codeSpans (line) {
  const spans = []
  const runs = [...line.matchAll(/`+/g)]
  for (let index = 0; index < runs.length; index++) {
    const opening = runs[index]
    const closing = runs.findIndex((run, at) => at > index && run[0].length === opening[0].length)
    if (closing !== -1) {
      spans.push([opening.index, runs[closing].index + runs[closing][0].length])
      index = closing
    }
  }
  return spans
}

// Every mention outside code made silent (@_**Name**, @_*group*): it still
// shows who is meant, and notifies nobody. Scripts often repeat what people
// wrote; a bot must not become a way to ping @**all**.
export function silenceMentions (text) {
  const stack = []
  return text.split('\n').map((line) => {
    const top = stack[stack.length - 1]
    if (top && line.trim() === top.marker) {
      stack.pop()
      return line
    }
    if (top && !top.nests) {
      return line
    }
    const opening = FENCE.exec(line)
    if (opening) {
      stack.push({ marker: opening[1], nests: CONTAINERS.has((opening[2] ?? '').toLowerCase()) })
      return line
    }
    const spans = codeSpans(line)
    return line.replace(MENTION, (whole, silent, mention, userName, groupName, offset) => {
      const inCode = spans.some(([start, end]) => offset >= start && offset < end)
      return silent || inCode ? whole : `@_${mention}`
    })
  }).join('\n')
}

// Zulip reads a message that starts with /me, /poll or /todo as a command;
// text a script sends is text (emote is the way to say /me).
export function neutralStart (text) {
  return text.startsWith('/') ? `&#47;${text.slice(1)}` : text
}

// A silent mention of `user` ({id, name}) to start a reply with; a name that
// cannot be written in a mention is written as text.
export function mentionOf (user) {
  const name = String(user.name ?? '')
  if (Number.isInteger(Number(user.id)) && name && !/[*`|\n]/.test(name)) {
    return `@_**${name}|${user.id}**`
  }
  return name.replace(/[*`|_~#@[\]<>$\\\n]/g, '').trim() || 'you'
}
