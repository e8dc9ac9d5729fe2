// Description:
//   A small Hubot script to try the Zulip adapter with.
//
// Commands:
//   hubot ping - Answers PONG.
//   hubot echo <text> - Says <text> back.
//   hubot who am i - Answers you, by name.
//   hubot wave - Waves (a /me message).
//   hubot deploy <name> - Opens a topic for the deployment and posts in it.
//   tea - Anyone who mentions tea hears about it.

export default (robot) => {
  robot.respond(/ping$/i, async (res) => {
    await res.send('PONG')
  })

  robot.respond(/echo (.+)$/is, async (res) => {
    await res.send(res.match[1])
  })

  robot.respond(/who am i\??$/i, async (res) => {
    await res.reply(`you are ${res.message.user.name}.`)
  })

  robot.respond(/wave$/i, async (res) => {
    await res.emote('waves')
  })

  robot.respond(/deploy (\S+)$/i, async (res) => {
    const name = res.match[1]
    await res.reply(`deploying ${name}; follow it in its own topic.`)
    await res.topic(`deploy ${name}`)
    await res.send(`Deploying **${name}**...`)
  })

  robot.hear(/\btea\b/i, async (res) => {
    await res.send('Tea is ready. :tea:')
  })
}
