"""The shared code-hosting formats: one convention, safe text, bounded length."""

from __future__ import annotations

from typing import Any

from integrations.common.code_hosting import (
    BRANCHES,
    COMMIT_LIMIT,
    IGNORE_PRIVATE_REPOSITORIES,
    Commit,
    Edit,
    Ref,
    Repo,
    User,
    branch_deleted,
    branch_wanted,
    changed_field,
    ci_run,
    comment,
    commit_comment,
    fork,
    is_zero,
    issue,
    listing,
    people,
    private_repositories,
    pull_request,
    push,
    quoted,
    release,
    renamed,
    strip_ref,
    tag,
    told,
)
from integrations.core import Delivery, Option, Options, Payload
from integrations.core.markup import Markdown, md
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.zulip_markdown import render

REPO = Repo("octo/hello", "https://example.com/octo/hello")
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b>"


def commits(count: int) -> list[Commit]:
    return [
        Commit(f"{n:040x}", f"{ATTACK} {n}\n\nbody", f"https://example.com/c/{n}")
        for n in range(count)
    ]


def test_a_huge_push_lists_ten_commits_and_counts_the_rest() -> None:
    message = push(
        REPO, User("octocat"), "main", commits(500), compare_url="https://example.com/cmp"
    )
    assert message.topic == "octo/hello / main"
    assert sum(line.startswith("* ") for line in message.content.splitlines()) == COMMIT_LIMIT
    assert message.content.endswith("[and 490 more commits]")
    assert len(message.content) < MAX_CONTENT_LENGTH


def test_untrusted_text_stays_text() -> None:
    message = push(REPO, User(ATTACK), ATTACK, commits(1))
    html = render(message.content)
    assert "user-mention" not in html
    assert "javascript" not in html.split("href=")[-1] if "href=" in html else True
    assert "<b>" not in html
    assert html.count("<a ") == 1  # only the commit link the template made


def test_long_branch_and_title_fit_zulip_topics() -> None:
    long_branch = "feature/" + "x" * 200
    assert len(push(REPO, User("a"), long_branch, commits(1)).topic) == MAX_TOPIC_LENGTH
    pr = pull_request(REPO, User("a"), Ref(7, "t" * 300), "opened", body="word " * 5000)
    assert len(pr.topic) == MAX_TOPIC_LENGTH
    assert pr.topic.startswith("octo/hello / PR #7 ")
    # A huge body is cut to what fits well within Zulip's limit, and says so.
    assert 5000 < len(pr.content) < 7000
    assert pr.content.endswith("\n\n…\n~~~")


def test_bodies_are_quoted_with_their_markdown() -> None:
    quote = quoted("## Notes\n\n- **fast**\n- costs $5 :tada:")
    assert quote == "~~~ quote\n## Notes\n\n- **fast**\n- costs $5 :tada:\n~~~"
    assert quoted("  ") == ""
    assert quoted(None) == ""


def test_a_comment_with_nothing_to_quote_ends_its_sentence() -> None:
    said = comment(REPO, User("a"), Ref(3, "Bug"), "issue", "<!-- template only -->")
    assert said.content == "**a** commented on issue #3."
    assert comment(REPO, User("a"), Ref(3, "Bug"), "issue", "hi").content.startswith(
        "**a** commented on issue #3:\n\n~~~ quote\nhi"
    )
    on_commit = commit_comment(REPO, User("a"), Commit("a" * 40, "m", None), "")
    assert on_commit.content == "**a** commented on commit `aaaaaaa`."


def test_topics_follow_the_convention() -> None:
    assert branch_deleted(REPO, User("a"), "old").topic == "octo/hello / old"
    assert tag(REPO, User("a"), "v1").topic == "octo/hello / releases"
    assert (
        comment(REPO, User("a"), Ref(3, "Bug"), "issue", "hi").topic == "octo/hello / issue #3 Bug"
    )
    assert ci_run(REPO, "CI", "main", "failure").content == "**CI** failed on `main`."


def delivery(**query: str) -> Delivery:
    declared: list[Option[Any]] = [BRANCHES, IGNORE_PRIVATE_REPOSITORIES]
    return Delivery("push", options=Options.read(declared, query))


def test_the_branch_filter() -> None:
    assert branch_wanted("main", delivery())
    assert branch_wanted("release-1.2", delivery(branches="main, release-*"))
    assert not branch_wanted("dev", delivery(branches="main,release-*"))
    assert branch_wanted(None, delivery(branches="main"))  # news of no branch passes


def test_the_private_repositories_guard_asks_only_when_the_option_is_set() -> None:
    asked: list[str] = []

    def is_public(payload: Payload, delivery: Delivery) -> bool:
        asked.append(delivery.event)
        return payload["repository"]["private"].boolean(default=None) is False

    guard = private_repositories(is_public)
    assert guard.options == (IGNORE_PRIVATE_REPOSITORIES,)
    private = Payload({"repository": {"private": True}})
    public = Payload({"repository": {"private": False}})
    unsaid = Payload({"repository": {}})
    assert not guard.drops(private, delivery())
    assert asked == []
    option = delivery(ignore_private_repositories="true")
    assert guard.drops(private, option)
    assert guard.drops(unsaid, option)
    assert not guard.drops(public, option)


def test_refs_and_zero_shas() -> None:
    assert strip_ref("refs/heads/main") == ("branch", "main")
    assert strip_ref("refs/tags/v1.0") == ("tag", "v1.0")
    assert is_zero("0" * 40)
    assert not is_zero("")
    assert not is_zero("abc")


def test_push_without_a_count_and_with_other_refs() -> None:
    message = push(
        REPO, User("a"), "main", commits(5), more=True, also=[Markdown("pushed tag `v1`")]
    )
    assert message.content.startswith("**a** pushed more than 5 commits to `main`.")
    assert message.content.endswith("Also in this push:\n* pushed tag `v1`")


def test_ci_run_sets_the_commit_title_apart() -> None:
    commit = Commit("a" * 40, "Fix the build\n\nbody", "https://example.com/c")
    message = ci_run(REPO, "CI", "main", "failure", commit=commit, actor=User("b"))
    assert message.content == (
        "**CI** failed on `main` for [aaaaaaa](https://example.com/c) (Fix the build)."
        " Triggered by **b**."
    )


def test_release_without_an_actor_and_a_closed_pull_request() -> None:
    assert release(REPO, None, "v1.1", "v1.1", "created").content == "Release **v1.1** was created."
    closed = pull_request(REPO, User("a"), Ref(5, "T"), "closed", after="without merging")
    assert closed.content == "**a** closed PR #5 without merging."


def test_lists_of_people_are_bounded_and_escaped() -> None:
    assert people([]) == "nobody"
    assert people(["Ann"]) == "**Ann**"
    assert people(["Ann", "Bo", "@**all**"]) == "**Ann**, **Bo** and **@all**"
    many = people([f"user{n}" for n in range(13)])
    assert many.endswith("**user9** and 3 others")
    assert listing([], "none") == "none"


def test_fork_and_issue_after() -> None:
    message = fork(REPO, User("a"), Repo("b/hello", "https://example.com/b/hello"))
    assert message.topic == "octo/hello"
    assert (
        message.content
        == "**a** forked the repository into [b/hello](https://example.com/b/hello)."
    )
    assert fork(REPO, User("a"), Repo("b/hello")).content.endswith("into **b/hello**.")
    closed = issue(REPO, User("a"), Ref(3, "Bug"), "closed", after="as not planned")
    assert closed.content == "**a** closed issue #3 as not planned."


# Edits told together ------------------------------------------------------


def test_a_changed_field_is_an_escaped_fragment() -> None:
    edit = changed_field("Title", "*Bug*", "@**all**")
    assert edit.note == "Title: &#42;Bug&#42; → @all"
    assert edit.fragment
    assert not edit.leads
    alone = told([edit])
    assert (alone.verb, alone.after, alone.detail) == ("updated", None, edit.note)


def test_several_edits_read_updated_and_sentences_are_joined_by_a_space() -> None:
    words = told([renamed("Old"), Edit("edited", md("Made public."))])
    assert (words.verb, words.after) == ("updated", None)
    assert words.detail == "Renamed from **Old**. Made public."


def test_fragments_are_joined_by_semicolons_and_end_before_a_sentence() -> None:
    fields = [changed_field("Kind", "bug", "task"), changed_field("Priority", "minor", "major")]
    assert told(fields).detail == "Kind: bug → task; Priority: minor → major"
    described = told([*fields, Edit("updated", md("The description changed."))])
    assert described.detail == (
        "Kind: bug → task; Priority: minor → major. The description changed."
    )
    after_a_sentence = told([renamed("Old"), *fields])
    assert (
        after_a_sentence.detail == "Renamed from **Old**. Kind: bug → task; Priority: minor → major"
    )


def test_a_leading_edit_gives_the_verb_and_keeps_its_note_only_when_it_adds_something() -> None:
    status = changed_field("Status", "open", "resolved")
    resolved = Edit(
        "resolved", status.note, after="as fixed", note_alone=False, fragment=True, leads=True
    )
    assignee = changed_field("Assignee", "none", "Bo Chen")
    words = told([resolved, assignee])
    assert (words.verb, words.after, words.detail) == ("resolved", "as fixed", assignee.note)
    assert told([resolved]).detail is None
    reopened = Edit("reopened", md("Status: resolved → open"), fragment=True, leads=True)
    both = told([assignee, reopened])
    assert both.verb == "reopened"
    assert both.detail == "Assignee: none → Bo Chen; Status: resolved → open"
