"""The shared code-hosting formats: one convention, safe text, bounded length."""

from __future__ import annotations

from integrations.common.code_hosting import (
    COMMIT_LIMIT,
    Commit,
    Ref,
    Repo,
    User,
    branch_deleted,
    branch_wanted,
    ci_run,
    comment,
    excerpt,
    fork,
    is_zero,
    issue,
    listing,
    people,
    private_ignored,
    pull_request,
    push,
    release,
    strip_ref,
    tag,
)
from integrations.core.markup import Markdown
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
    assert len(pr.content) < 2000


def test_excerpt_cuts_long_text() -> None:
    text = "\n".join(f"line {n}" for n in range(50))
    assert excerpt(text).endswith("line 11 …")
    assert excerpt("short") == "short"


def test_topics_follow_the_convention() -> None:
    assert branch_deleted(REPO, User("a"), "old").topic == "octo/hello / old"
    assert tag(REPO, User("a"), "v1").topic == "octo/hello / releases"
    assert (
        comment(REPO, User("a"), Ref(3, "Bug"), "issue", "hi").topic == "octo/hello / issue #3 Bug"
    )
    assert ci_run(REPO, "CI", "main", "failure").content == "**CI** failed on `main`."


def test_url_options() -> None:
    assert branch_wanted("main", {})
    assert branch_wanted("release-1.2", {"branches": "main, release-*"})
    assert not branch_wanted("dev", {"branches": "main,release-*"})
    assert private_ignored(True, {"ignore_private_repositories": "true"})
    assert not private_ignored(False, {"ignore_private_repositories": "true"})
    assert not private_ignored(True, {})


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
    assert people(["Ann", "Bo", "@**all**"]) == "**Ann**, **Bo** and **@&#42;&#42;all&#42;&#42;**"
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
