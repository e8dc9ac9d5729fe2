"""Declaring integrations, dispatching events, and the URL options every webhook has."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import pytest

from integrations.core import (
    Actions,
    BadPayload,
    BadRequest,
    ChoiceOption,
    Delivery,
    DerivedEvent,
    FixtureEvents,
    FlagOption,
    Guard,
    HeaderEvent,
    Headers,
    Message,
    Payload,
    Registry,
    SingleEvent,
    UnsupportedEvent,
    WebhookIntegration,
    WebhookRequest,
    default_registry,
    md,
)
from integrations.core.fixtures import as_named, title_words
from integrations.core.registry import UnknownIntegration
from tests.conftest import make_body_integration, make_header_integration

PUSH = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "octocat"}}).encode()


def request(
    *, body: bytes = PUSH, event: str | None = "push", query: dict[str, str] | None = None
) -> WebhookRequest:
    headers = Headers({"X-Demo-Event": event} if event else {})
    return WebhookRequest(body=body, headers=headers, query=query or {})


def test_header_event_dispatches_to_its_handler() -> None:
    message = make_header_integration().handle(request())
    assert message is not None
    assert message.topic == "demo / main"
    assert message.content == "octocat pushed to `main`."


def test_missing_event_header_is_a_bad_request() -> None:
    with pytest.raises(BadRequest, match="X-Demo-Event header"):
        make_header_integration().handle(request(event=None))


def test_unknown_event_is_unsupported_and_named() -> None:
    with pytest.raises(UnsupportedEvent) as caught:
        make_header_integration().handle(request(event="star"))
    assert caught.value.event == "star"
    assert "'star'" in str(caught.value)


def test_body_event_reads_the_field_and_names_its_path() -> None:
    alerts = make_body_integration()
    fired = json.dumps({"event": {"type": "fired"}, "title": "CPU"}).encode()
    processed = alerts.process(WebhookRequest(body=fired))
    assert processed.event == "fired"
    assert processed.message is not None
    with pytest.raises(BadPayload, match=r"^event\.type: expected a string, got an integer$"):
        alerts.handle(WebhookRequest(body=b'{"event": {"type": 3}}'))


def test_an_ignored_event_posts_nothing() -> None:
    assert make_header_integration().handle(request(event="ping")) is None


def test_topic_parameter_overrides_the_topic_and_the_message_keeps_what_it_said() -> None:
    message = make_header_integration().handle(request(query={"topic": "Deploys"}))
    assert message is not None
    assert message.topic == "Deploys"
    assert message.content == "**demo / main**\noctocat pushed to `main`."
    message = make_header_integration().handle(request(query={"topic": "  "}))
    assert message is not None
    assert message.topic == "demo / main"


@pytest.mark.parametrize(
    ("query", "passes"),
    [
        ({}, True),
        ({"only_events": "push"}, True),
        ({"only_events": "pull*, issues"}, False),
        ({"only_events": "p*"}, True),
        ({"exclude_events": "push"}, False),
        ({"exclude_events": "ping,star"}, True),
        ({"only_events": "*", "exclude_events": "pu?h"}, False),
    ],
)
def test_event_filters_use_wildcards(query: dict[str, str], passes: bool) -> None:
    processed = make_header_integration().process(request(query=query))
    assert (processed.message is not None) is passes
    if not passes:
        assert processed.skipped == "left out by only_events/exclude_events"


def test_what_the_filters_leave_out_is_never_an_error() -> None:
    # The user said they do not want it: no 400 in the service's delivery log.
    processed = make_header_integration().process(
        request(event="star", query={"exclude_events": "star"})
    )
    assert processed.message is None
    with pytest.raises(UnsupportedEvent):
        make_header_integration().handle(request(event="star", query={"only_events": "st*"}))


def test_declaration_is_checked() -> None:
    common = {"display_name": "X", "description": "One line.", "events": SingleEvent("e")}
    with pytest.raises(ValueError, match="lower case"):
        WebhookIntegration(name="Bad Name", categories=["misc"], **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="categories"):
        WebhookIntegration(name="x", categories=["nonsense"], **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one line"):
        WebhookIntegration(
            name="x",
            categories=["misc"],
            display_name="X",
            description="a\nb",
            events=SingleEvent("e"),
        )
    hook = WebhookIntegration(name="x", categories=["misc"], **common)  # type: ignore[arg-type]
    hook.handles("e")(lambda payload, delivery: None)
    with pytest.raises(ValueError, match="declared twice"):
        hook.handles("e")(lambda payload, delivery: None)
    with pytest.raises(ValueError, match="say why"):
        hook.ignores("f", reason=" ")


# Actions ----------------------------------------------------------------------------


def make_tracker() -> WebhookIntegration:
    """A service whose events carry an action: ``ticket`` opened, closed, labeled..."""
    tracker = WebhookIntegration(
        name="tracker",
        display_name="Tracker",
        description="A test service whose events have actions.",
        categories=["misc"],
        events=HeaderEvent("X-Tracker-Event"),
        actions=Actions(
            "action", per_event={"build": "build.state"}, when_missing={"note": "added"}
        ),
        options=[VERBOSE, STYLE],
    )

    @tracker.handles("ticket", action=("opened", "reopened"))
    def opened(payload: Payload, delivery: Delivery) -> Message:
        """A ticket opened or reopened."""
        style = delivery.options[STYLE]
        said = md("{} {}").format(payload["title"].string(), delivery.action)
        if delivery.options[VERBOSE]:
            said += md(" (verbose)")
        return Message(topic="tickets", content=said + md(" [{}]").format(style))

    @tracker.handles("ticket", action="closed")
    def closed(payload: Payload, delivery: Delivery) -> Message | None:
        return None

    tracker.ignores("ticket", action="labeled", reason="Labels are bookkeeping.")

    @tracker.handles("build", action="failed")
    def failed(payload: Payload, delivery: Delivery) -> Message:
        return Message(topic="builds", content=md("{} failed").format(delivery.name))

    @tracker.handles("note", action="added")
    def note(payload: Payload, delivery: Delivery) -> Message:
        return Message(topic="notes", content=md("note {}").format(delivery.action))

    tracker.ignores("star", reason="Stars say nothing about the work.")
    return tracker


VERBOSE = FlagOption("verbose", help="Say more.")
STYLE = ChoiceOption("style", help="How to say it.", choices=("short", "long"), default="short")


def tracker_request(
    event: str, body: Mapping[str, object], query: dict[str, str] | None = None
) -> WebhookRequest:
    return WebhookRequest(
        body=json.dumps(body).encode(),
        headers=Headers({"X-Tracker-Event": event}),
        query=query or {},
    )


def test_actions_route_to_their_handler() -> None:
    tracker = make_tracker()
    processed = tracker.process(tracker_request("ticket", {"action": "reopened", "title": "Bug"}))
    assert processed.action == "reopened"
    assert processed.name == "ticket.reopened"
    assert processed.message is not None
    assert processed.message.content == "Bug reopened [short]"


def test_an_undeclared_action_is_unsupported_and_named_by_the_core() -> None:
    with pytest.raises(UnsupportedEvent) as caught:
        make_tracker().handle(tracker_request("ticket", {"action": "frobbed"}))
    assert caught.value.event == "ticket.frobbed"
    assert "'ticket.frobbed'" in str(caught.value)


def test_an_action_missing_from_the_payload_names_its_field() -> None:
    with pytest.raises(BadPayload, match=r"^action: expected a string, but it is missing$"):
        make_tracker().handle(tracker_request("ticket", {"title": "Bug"}))


def test_an_action_can_live_elsewhere_per_event_and_default_when_missing() -> None:
    tracker = make_tracker()
    build = tracker.handle(tracker_request("build", {"build": {"state": "failed"}}))
    assert build is not None
    assert build.content == "build.failed failed"
    note = tracker.handle(tracker_request("note", {}))
    assert note is not None
    assert note.content == "note added"


def test_ignored_events_and_actions_post_nothing_and_say_why() -> None:
    tracker = make_tracker()
    labeled = tracker.process(tracker_request("ticket", {"action": "labeled"}))
    assert labeled.message is None
    assert labeled.skipped == "Labels are bookkeeping."
    star = tracker.process(tracker_request("star", {}))
    assert star.message is None
    assert star.skipped == "Stars say nothing about the work."
    assert tracker.routes.never_posted("star")
    assert not tracker.routes.never_posted("ticket")


def test_a_handler_may_still_post_nothing_for_its_payload() -> None:
    processed = make_tracker().process(tracker_request("ticket", {"action": "closed"}))
    assert processed.message is None
    assert processed.skipped is None


def test_filters_match_the_event_or_the_event_and_its_action() -> None:
    tracker = make_tracker()
    body = {"action": "opened", "title": "Bug"}
    assert tracker.handle(tracker_request("ticket", body, {"only_events": "ticket.opened"}))
    assert not tracker.handle(tracker_request("ticket", body, {"only_events": "ticket.closed"}))
    assert not tracker.handle(tracker_request("ticket", body, {"exclude_events": "ticket.o*"}))
    assert tracker.handle(tracker_request("ticket", body, {"only_events": "ticket"}))


def test_options_are_typed_and_a_bad_value_names_the_parameter() -> None:
    tracker = make_tracker()
    body = {"action": "opened", "title": "Bug"}
    message = tracker.handle(tracker_request("ticket", body, {"verbose": "yes", "style": "long"}))
    assert message is not None
    assert message.content == "Bug opened (verbose) [long]"
    with pytest.raises(
        BadRequest,
        match=r"^the URL parameter verbose='maybe' is not valid: expected true or false$",
    ):
        tracker.handle(tracker_request("ticket", body, {"verbose": "maybe"}))
    with pytest.raises(BadRequest, match=r"style='wide' is not valid: expected short or long"):
        tracker.handle(tracker_request("ticket", body, {"style": "wide"}))
    # A bad value is refused whatever the event, before anything else.
    with pytest.raises(BadRequest, match="verbose"):
        tracker.handle(tracker_request("star", {}, {"verbose": "2"}))


def test_options_are_declared_once_with_the_common_ones_first() -> None:
    names = [option.name for option in make_tracker().options]
    assert names == ["topic", "only_events", "exclude_events", "verbose", "style"]
    with pytest.raises(ValueError, match="two different options"):
        WebhookIntegration(
            name="y",
            display_name="Y",
            description="One line.",
            categories=["misc"],
            events=SingleEvent("e"),
            options=[FlagOption("topic", help="Clash.")],
        )


def test_declaring_actions_needs_a_field_and_cannot_mix_with_a_whole_event() -> None:
    tracker = make_tracker()
    with pytest.raises(ValueError, match="declared as a whole and by action"):
        tracker.handles("star", action="added")(lambda payload, delivery: None)
    with pytest.raises(ValueError, match="declared as a whole and by action"):
        tracker.ignores("ticket", reason="No.")
    plain = make_header_integration()
    with pytest.raises(ValueError, match="no action field is declared"):
        plain.handles("issue", action="opened")(lambda payload, delivery: None)


def test_declarations_describe_themselves_for_the_documentation() -> None:
    tracker = make_tracker()
    first = tracker.routes.declarations[0]
    assert first.events == ("ticket",)
    assert first.actions == ("opened", "reopened")
    assert first.description == "A ticket opened or reopened."
    labeled = next(d for d in tracker.routes.declarations if d.ignored)
    assert labeled.description == "Labels are bookkeeping."
    assert list(tracker.routes.handled()) == [
        ("ticket", "opened"),
        ("ticket", "reopened"),
        ("ticket", "closed"),
        ("build", "failed"),
        ("note", "added"),
    ]


# Guards and fixtures ---------------------------------------------------------------------


def test_a_guard_drops_deliveries_before_the_handler_when_its_option_is_set() -> None:
    quiet = FlagOption("quiet_bugs", help="Leave out bugs.")
    calls: list[str] = []

    def drops(payload: Payload, delivery: Delivery) -> bool:
        calls.append(delivery.name)
        return delivery.options[quiet] and payload["title"].string("") == "Bug"

    tracker = make_tracker()
    guarded = WebhookIntegration(
        name="guarded",
        display_name="Guarded",
        description="One line.",
        categories=["misc"],
        events=tracker.event_source,
        actions=tracker.actions,
        guards=[Guard("quiet_bugs", (quiet,), drops)],
    )
    guarded.routes = tracker.routes
    body = {"action": "opened", "title": "Bug"}
    assert guarded.handle(tracker_request("ticket", body)) is not None
    processed = guarded.process(tracker_request("ticket", body, {"quiet_bugs": "true"}))
    assert processed.message is None
    assert processed.skipped == "left out by quiet_bugs"
    # Ignored deliveries never reach the guard.
    guarded.process(tracker_request("ticket", {"action": "labeled"}, {"quiet_bugs": "true"}))
    assert calls == ["ticket.opened", "ticket.opened"]
    assert "quiet_bugs" in [option.name for option in guarded.options]


@pytest.mark.parametrize(
    ("rule", "files", "name", "event"),
    [
        (as_named, {}, "pull_request__opened.json", "pull_request"),
        (as_named, {}, "push.json", "push"),
        (title_words, {}, "merge_request_hook__merged.json", "Merge Request Hook"),
        (title_words, {"build_created": "Job Hook"}, "build_created.json", "Job Hook"),
        (None, {"push": "repo:push"}, "push.json", "repo:push"),
        (None, {}, "force_push.json", None),
    ],
)
def test_fixture_names_say_their_event(
    rule: Callable[[str], str] | None, files: dict[str, str], name: str, event: str | None
) -> None:
    assert FixtureEvents(rule, files=files).event_for(f"fixtures/{name}") == event


def test_only_header_events_are_named_by_fixtures() -> None:
    assert make_header_integration().event_for_fixture("push__forced.json") == "push"
    assert make_body_integration().event_for_fixture("fired__x.json") is None


def test_registry_finds_the_shipped_integrations() -> None:
    registry = default_registry()
    helloworld = registry.get("helloworld")
    assert helloworld.home is not None
    assert (helloworld.home / "fixtures" / "hello.json").is_file()
    with pytest.raises(UnknownIntegration, match=r"known: .*helloworld"):
        registry.get("nope")
    with pytest.raises(ValueError, match="two integrations"):
        Registry([helloworld, helloworld])


def test_filters_also_know_the_names_an_integration_adds() -> None:
    tracker = make_tracker()
    tracker.filter_names = lambda payload, delivery: [f"{delivery.action}_{delivery.event}"]
    body = {"action": "opened", "title": "Bug"}
    assert tracker.handle(tracker_request("ticket", body, {"only_events": '["opened_ticket"]'}))
    assert not tracker.handle(tracker_request("ticket", body, {"exclude_events": "opened_*"}))


def aliased(name: str, alias: str) -> WebhookIntegration:
    return WebhookIntegration(
        name=name,
        display_name=name.title(),
        description="One line.",
        categories=["misc"],
        events=SingleEvent("e"),
        aliases=[alias],
    )


def test_an_alias_finds_the_integration() -> None:
    hook = make_header_integration()
    newer = aliased("newer", "older")
    registry = Registry([hook, newer])
    assert registry.get("older") is newer
    assert "older" in registry
    assert [item.name for item in registry] == ["demo", "newer"]
    with pytest.raises(ValueError, match="two integrations are named 'demo'"):
        Registry([hook, aliased("other", "demo")])


def test_a_derived_event_reads_a_header_or_the_payloads_shape() -> None:
    def derive(request: WebhookRequest, payload: Payload) -> str:
        header = request.headers.get("X-Kind", "").strip()
        if header:
            return header
        return "legacy" if payload["message"].exists() else "alert"

    source = DerivedEvent("the X-Kind header, or the body's shape", derive, header="X-Kind")
    assert source.headers_for("issue") == {"X-Kind": "issue"}
    assert (
        source.event_of(
            WebhookRequest(body=b"{}", headers=Headers({"X-Kind": "issue"})), Payload({})
        )
        == "issue"
    )
    assert source.event_of(WebhookRequest(body=b"{}"), Payload({"message": "x"})) == "legacy"
    assert source.event_of(WebhookRequest(body=b"{}"), Payload({})) == "alert"
    assert not source.in_payload
