"""The Hubot adapter in a real Hubot, installed as its page says, talking to the Zulip stand-in.

Each test starts Hubot 14 from npm with Debian's Node.js, on a script of its
own, and has people write to it through the stand-in: in topics, in direct
messages, while Zulip fails, is busy, goes away or forgets the bot's queue.
Every request the adapter makes is checked against Zulip's API description.
"""

from __future__ import annotations

import json
import platform
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import integrations
from integrations.core.client import user_agent
from integrations.core.message import truncate_content, truncate_topic
from integrations.plugins.hubot import sandbox
from integrations.plugins.hubot.sandbox import BOT, Conversation, SetupError
from integrations.testing.zulip_standin import RecordedRequest, ZulipStandIn, ZulipUser
from integrations.zulip_markdown import render

# Node.js and npm drive the real Hubot, here and in docs/integrations/hubot.md.
pytestmark = pytest.mark.tools("node")

SCRIPT = """\
export default (robot) => {
  robot.respond(/ping$/i, async (res) => { await res.send('PONG') })
  robot.respond(/echo (.+)$/is, async (res) => { await res.send(res.match[1]) })
  robot.respond(/who am i$/i, async (res) => { await res.reply(`you are ${res.message.user.name}`) })
  robot.respond(/where$/i, async (res) => {
    const { room, user } = res.message
    await res.send(`${room} | ${user.id} ${user.name} <${user.email_address}>`)
  })
  robot.respond(/long (\\d+) (.+)$/u, async (res) => { await res.send(res.match[2].repeat(Number(res.match[1]))) })
  robot.respond(/long code$/, async (res) => { await res.send('```python\\n' + 'print(1)\\n'.repeat(3000)) })
  robot.respond(/topic (.+)$/, async (res) => {
    await res.topic(res.match[1])
    await res.send('moved')
  })
  robot.respond(/tell "(.+)" (.+)$/, async (res) => { await robot.messageRoom(res.match[1], res.match[2]) })
  robot.respond(/several$/, async (res) => { await res.send('one', 'two', 'three') })
  robot.respond(/unawaited$/, (res) => {
    res.send('first')
    res.send('second')
  })
  robot.respond(/wave$/, async (res) => { await res.emote('waves') })
  robot.hear(/marco/i, async (res) => { await res.send('Marco? Polo!') })
}
"""


@pytest.fixture(scope="session")
def bot_folder() -> Path:
    """Hubot and the adapter, installed once per run (and again only when the adapter changed)."""
    try:
        return sandbox.installed_bot()
    except SetupError as error:
        pytest.fail(str(error), pytrace=False)


def conversation(
    folder: Path, *, environment: dict[str, str] | None = None, start: bool = True
) -> Conversation:
    return Conversation(folder, scripts={"test.mjs": SCRIPT}, environment=environment, start=start)


@pytest.fixture
def chat(tmp_path: Path, bot_folder: Path) -> Iterator[Conversation]:
    with conversation(tmp_path) as running:
        yield running
    if not running.standin.allow_invalid:
        running.standin.assert_all_valid()


def requests_to(standin: ZulipStandIn, method: str, endpoint: str) -> list[RecordedRequest]:
    return [
        request
        for request in list(standin.requests)
        if request.method == method and request.path.split("?")[0] == f"/api/v1/{endpoint}"
    ]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(0.05)


def logged(chat: Conversation) -> list[str]:
    assert chat.hubot is not None
    return [sandbox.log_message(line) for line in chat.hubot.lines]


# Topics, direct messages, people ------------------------------------------------------


def test_it_answers_in_the_same_channel_and_topic(chat: Conversation) -> None:
    [answer] = chat.say("Alice", "@**Hubot** ping", channel="general", topic="greetings").answers
    assert (answer.channel, answer.topic, answer.content, answer.direct) == (
        "general",
        "greetings",
        "PONG",
        False,
    )
    assert answer.sender == BOT.email


def test_it_says_who_is_calling(chat: Conversation) -> None:
    [answer] = chat.say("Alice", "ping").answers
    package = json.loads((sandbox.PLUGIN / "package.json").read_text())
    assert package["version"] == integrations.__version__
    assert answer.user_agent == user_agent("Hubot", integrations.__version__)
    assert answer.user_agent == (
        f"ZulipHubot/{integrations.__version__} ({platform.system()}; {platform.release()})"
    )
    assert all(
        request.headers.get("User-Agent") == answer.user_agent for request in chat.standin.requests
    )


def test_rooms_and_users_are_zulips(chat: Conversation) -> None:
    in_topic = chat.say("Alice", "@**Hubot** where", channel="general", topic="greetings")
    direct = chat.say("Bob", "where")
    group = chat.say("Carol", "@**Hubot** where", others=["alice@example.com"])
    assert [said.answers[0].content for said in (in_topic, direct, group)] == [
        "general > greetings | 11 Alice <alice@example.com>",
        "dm:12 | 12 Bob <bob@example.com>",
        "dm:11,13 | 13 Carol <carol@example.com>",
    ]


def test_a_direct_message_is_answered_to_its_people_only(chat: Conversation) -> None:
    [one] = chat.say("Bob", "ping").answers
    assert (one.direct, one.recipients, one.content) == (True, ("bob@example.com",), "PONG")
    [group] = chat.say("Alice", "ping", others=["bob@example.com"]).answers
    assert group.recipients == ("alice@example.com", "bob@example.com")


def test_a_reply_mentions_the_sender_silently_except_one_on_one(chat: Conversation) -> None:
    [topic] = chat.say("Carol", "@**Hubot** who am i", channel="general", topic="t").answers
    [alone] = chat.say("Carol", "who am i").answers
    [group] = chat.say("Carol", "who am i", others=["bob@example.com"]).answers
    assert topic.content == "@_**Carol|13** you are Carol"
    assert alone.content == "you are Carol"
    assert group.content == "@_**Carol|13** you are Carol"


def test_respond_needs_the_bot_addressed_and_hear_does_not(chat: Conversation) -> None:
    assert chat.say("Alice", "ping", channel="general", topic="t").answers == []
    assert [
        m.content for m in chat.say("Alice", "Hubot: ping", channel="g", topic="t").answers
    ] == ["PONG"]
    assert [
        m.content for m in chat.say("Alice", "@_**Hubot|9** ping", channel="g", topic="t").answers
    ] == ["PONG"]
    assert [m.content for m in chat.say("Alice", "marco?", channel="g", topic="t").answers] == [
        "Marco? Polo!"
    ]


def test_the_bot_does_not_answer_itself(chat: Conversation) -> None:
    """ "Marco? Polo!" would make the bot hear "marco" again, for ever."""
    said = chat.say("Bob", "Marco!", channel="general", topic="games")
    [answer] = said.answers
    assert chat.standin.delivered_to(BOT.email) == [said.id, answer.id]
    assert f"zulip: message {answer.id} skipped: the bot's own" in logged(chat)
    assert f"zulip: message {said.id} handled" in logged(chat)


def test_an_emote_is_a_me_message(chat: Conversation) -> None:
    [answer] = chat.say("Bob", "wave").answers
    assert answer.content == "/me waves"


def test_several_messages_keep_their_order_awaited_or_not(chat: Conversation) -> None:
    several = chat.say("Alice", "@**Hubot** several", channel="general", topic="t")
    unawaited = chat.say("Alice", "@**Hubot** unawaited", channel="general", topic="t")
    assert [m.content for m in several.answers] == ["one", "two", "three"]
    assert [m.content for m in unawaited.answers] == ["first", "second"]


def test_topic_moves_the_rest_of_the_response(chat: Conversation) -> None:
    [answer] = chat.say("Alice", "@**Hubot** topic deploy 7", channel="ops", topic="t").answers
    assert (answer.channel, answer.topic, answer.content) == ("ops", "deploy 7", "moved")
    [long] = chat.say("Alice", "@**Hubot** topic " + "é" * 100, channel="ops", topic="t").answers
    assert long.topic == truncate_topic("é" * 100)
    assert len(long.topic) == 60


def test_topic_in_a_direct_message_changes_nothing(chat: Conversation) -> None:
    [answer] = chat.say("Alice", "topic deploy 7").answers
    assert (answer.direct, answer.content) == (True, "moved")
    assert "zulip: topic() ignored: a direct message has no topic to change" in logged(chat)


def test_message_room_reaches_a_topic_or_a_person_by_email(chat: Conversation) -> None:
    [topic] = chat.say("Bob", 'tell "ops > deploys" done').answers
    [person] = chat.say("Bob", 'tell "dm:alice@example.com" hello').answers
    assert (topic.channel, topic.topic, topic.content) == ("ops", "deploys", "done")
    assert (person.recipients, person.content) == (("alice@example.com",), "hello")


def test_a_room_without_a_topic_is_not_sent_to_and_says_why(chat: Conversation) -> None:
    assert chat.say("Bob", 'tell "general" hello').answers == []
    assert 'zulip: not sent: room "general" names no topic: write "channel > topic"' in logged(chat)


def test_a_message_zulip_refuses_is_logged_and_the_bot_goes_on(chat: Conversation) -> None:
    chat.standin.channels = {"general"}
    assert chat.say("Bob", 'tell "elsewhere > x" hello').answers == []
    assert (
        "zulip: a message to elsewhere > x was not sent: Zulip refused POST /api/v1/messages"
        " (HTTP 400, STREAM_DOES_NOT_EXIST): Channel 'elsewhere' does not exist"
    ) in logged(chat)
    assert len(requests_to(chat.standin, "POST", "messages")) == 1  # not tried again
    assert [m.content for m in chat.say("Bob", "ping").answers] == ["PONG"]


# Text ------------------------------------------------------------------------------------


def test_unicode_all_the_way(chat: Conversation) -> None:
    chat.standin.add_user(ZulipUser(14, "zoe@example.com", "Zoë Ñúñez"))
    text = "Grüße aus Zürich 🇨🇭, 你好, שלום, 👩🏽‍💻"
    [echo] = chat.say(
        "Zoë Ñúñez", f"@**Hubot** echo {text}", channel="équipe", topic="déploiement 🚀"
    ).answers
    [reply] = chat.say(
        "Zoë Ñúñez", "@**Hubot** who am i", channel="équipe", topic="déploiement 🚀"
    ).answers
    assert (echo.channel, echo.topic, echo.content) == ("équipe", "déploiement 🚀", text)
    assert reply.content == "@_**Zoë Ñúñez|14** you are Zoë Ñúñez"


@pytest.mark.parametrize(
    "original",
    ["😀" * 12_000, "x" * 10_001, "```python\n" + "print(1)\n" * 3000],
    ids=["emoji", "one-too-many", "open-code-block"],
)
def test_a_long_reply_is_cut_as_the_projects_messages_are(
    chat: Conversation, original: str
) -> None:
    command = "long code" if original.startswith("```") else f"long {len(original)} {original[0]}"
    [answer] = chat.say("Alice", command).answers
    assert answer.content == truncate_content(original)
    assert len(answer.content) <= 10_000
    assert answer.content.endswith("\n[message truncated]")


def test_a_reply_of_exactly_the_limit_is_whole(chat: Conversation) -> None:
    [answer] = chat.say("Alice", "long 10000 é").answers
    assert answer.content == "é" * 10_000


def test_mentions_in_what_the_bot_repeats_notify_nobody(chat: Conversation) -> None:
    said = "@**all** lunch? @**Bob|12**, @*backend*, `@**all**`"
    [answer] = chat.say("Alice", f"echo {said}").answers
    assert answer.content == "@_**all** lunch? @_**Bob|12**, @_*backend*, `@**all**`"
    page = render(answer.content)
    mentions = re.findall(r'<span class="([^"]*mention[^"]*)"', page)
    assert len(mentions) == 3
    assert all(classes.endswith(" silent") for classes in mentions), mentions


def test_mentions_notify_when_the_setting_says_so(tmp_path: Path, bot_folder: Path) -> None:
    with conversation(tmp_path, environment={"HUBOT_ZULIP_MENTIONS": "notify"}) as chat:
        [answer] = chat.say("Alice", "echo @**Bob** look").answers
    assert answer.content == "@**Bob** look"


# Zulip failing --------------------------------------------------------------------------


def test_an_expired_queue_is_replaced(chat: Conversation) -> None:
    first = chat.standin.wait_for_queue(BOT.email)
    chat.standin.expire_queues()
    second = chat.standin.wait_for_queue(BOT.email)
    assert second.id != first.id
    assert [m.content for m in chat.say("Alice", "ping").answers] == ["PONG"]
    # The poll waiting on the old queue was told, with BAD_EVENT_QUEUE_ID.
    assert [r.status for r in requests_to(chat.standin, "GET", "events")].count(400) == 1
    assert len(requests_to(chat.standin, "POST", "register")) == 2
    assert any("the event queue expired; registering a new one" in line for line in logged(chat))


def test_zulip_down_and_back_loses_nothing(chat: Conversation) -> None:
    queue = chat.standin.wait_for_queue(BOT.email)
    started = time.monotonic()
    chat.standin.down_for(1.5)
    # Sent while the bot cannot reach Zulip: it waits in the bot's queue.
    said = chat.say("Alice", "ping", settle=False)
    chat.settle()
    assert time.monotonic() - started >= 1.5
    [answer] = chat.standin.messages
    assert answer.content == "PONG"
    assert said.id in chat.standin.delivered_to(BOT.email)
    assert list(chat.standin.queues) == [queue.id]  # the same queue, read again
    assert len(requests_to(chat.standin, "POST", "register")) == 1
    assert any(re.search(r"cannot reach .*; trying again in 1s", line) for line in logged(chat))


def test_zulip_restarted_without_the_queue(chat: Conversation) -> None:
    first = chat.standin.wait_for_queue(BOT.email)
    chat.standin.expire_queues()
    chat.standin.down_for(1)
    second = chat.standin.wait_for_queue(BOT.email)
    assert second.id != first.id
    assert [m.content for m in chat.say("Alice", "ping").answers] == ["PONG"]


def test_a_busy_zulip_is_polled_after_retry_after(chat: Conversation) -> None:
    # Two seconds: more than the first wait without Retry-After (one second).
    chat.standin.rate_limit_next(2, endpoint="/api/v1/events")
    [answer] = chat.say("Alice", "ping").answers  # the poll after this one is refused
    assert answer.content == "PONG"

    def polled_after_refusal() -> bool:
        polls = requests_to(chat.standin, "GET", "events")
        return any(poll.status == 429 for poll in polls[:-1])

    wait_for(polled_after_refusal, "a poll after the 429")
    polls = requests_to(chat.standin, "GET", "events")
    refused = next(index for index, poll in enumerate(polls) if poll.status == 429)
    assert polls[refused + 1].received_at - polls[refused].received_at >= 2.0


def test_a_busy_zulip_gets_the_message_after_retry_after(chat: Conversation) -> None:
    chat.standin.rate_limit_next(2, endpoint="/api/v1/messages")
    [answer] = chat.say("Alice", "ping").answers
    assert answer.content == "PONG"
    limited, sent = requests_to(chat.standin, "POST", "messages")
    assert (limited.status, sent.status) == (429, 200)
    # Two seconds, as Zulip asked: more than the first wait without Retry-After.
    assert sent.received_at - limited.received_at >= 2.0
    assert (
        "zulip: sending to dm:11 again in 2s:"
        " Zulip is busy (HTTP 429, retry after 2s): POST /api/v1/messages"
    ) in logged(chat)


def test_a_failing_zulip_gets_the_message_on_a_later_try(chat: Conversation) -> None:
    chat.standin.fail_next(502, endpoint="/api/v1/messages")
    [answer] = chat.say("Alice", "ping").answers
    assert answer.content == "PONG"
    assert [request.status for request in requests_to(chat.standin, "POST", "messages")] == [
        502,
        200,
    ]


def test_the_bot_waits_for_zulip_to_start(tmp_path: Path, bot_folder: Path) -> None:
    with conversation(tmp_path, start=False) as chat:
        chat.standin.down_for(1.5)
        chat.start_hubot()
        assert [m.content for m in chat.say("Alice", "ping").answers] == ["PONG"]
    assert any(line.startswith("zulip: cannot reach") for line in logged(chat))


# Settings -----------------------------------------------------------------------------


BLANK = {"HUBOT_ZULIP_SITE": "", "HUBOT_ZULIP_BOT": "", "HUBOT_ZULIP_API_KEY": ""}


def test_settings_come_from_a_zuliprc(tmp_path: Path, bot_folder: Path) -> None:
    with conversation(tmp_path, environment=BLANK, start=False) as chat:
        home = tmp_path / "home"
        home.mkdir()
        (home / ".zuliprc").write_text(
            f"[api]\nemail={BOT.email}\nkey={chat.standin.bots[BOT.email]}\n"
            f"site={chat.standin.site}\n",
            encoding="utf-8",
        )
        chat.start_hubot()
        assert [m.content for m in chat.say("Alice", "ping").answers] == ["PONG"]


def stopped(chat: Conversation) -> list[str]:
    """Hubot's exit code was 1; what it logged."""
    hubot = chat.start_hubot(wait=False)
    assert hubot.wait_for_exit() == 1, hubot.log()
    lines = logged(chat)
    assert not any(line.lstrip().startswith("at ") for line in hubot.lines), hubot.log()
    return lines


def test_missing_settings_stop_the_bot_with_one_line(tmp_path: Path, bot_folder: Path) -> None:
    with conversation(tmp_path, environment=BLANK, start=False) as chat:
        lines = stopped(chat)
    zuliprc = tmp_path / "home" / ".zuliprc"
    assert (
        "zulip: no email for the bot: set HUBOT_ZULIP_BOT, or email;"
        " no API key for the bot: set HUBOT_ZULIP_API_KEY, or key;"
        f" no Zulip site: set HUBOT_ZULIP_SITE, or site in the [api] section of {zuliprc}"
    ) in lines
    assert chat.standin.requests == []


def test_a_wrong_api_key_stops_the_bot(tmp_path: Path, bot_folder: Path) -> None:
    with conversation(tmp_path, environment={"HUBOT_ZULIP_API_KEY": "wrong"}, start=False) as chat:
        lines = stopped(chat)
    assert (
        "zulip: Zulip refused GET /api/v1/users/me (HTTP 401, INVALID_API_KEY): Invalid API key"
    ) in lines


# Installed as the page says -------------------------------------------------------------


def test_the_adapter_is_installed_as_a_copy_that_uses_the_bots_hubot(bot_folder: Path) -> None:
    installed = bot_folder / "node_modules" / sandbox.ADAPTER
    assert installed.is_dir()
    assert not installed.is_symlink()
    assert sorted(path.name for path in installed.iterdir()) == ["package.json", "src"]
    assert not (installed / "node_modules" / "hubot").exists()
    hubot = json.loads((bot_folder / "node_modules" / "hubot" / "package.json").read_text())
    assert hubot["version"].split(".")[0] == "14"
    page = (Path(__file__).parent.parent / "docs" / "integrations" / "hubot.md").read_text()
    assert (
        "npm install --install-links /path/to/zulip-integrations/integrations/plugins/hubot" in page
    )
    assert f"--adapter {sandbox.ADAPTER}" in page
