"""A real Hubot with this adapter, talking to the Zulip stand-in, for the tests and the page.

Hubot and the adapter are installed the way ``docs/integrations/hubot.md``
says, with Debian's ``node`` and ``npm``, into folders the tests own inside
``node_modules/`` of this plugin (ignored by git):

* ``node_modules/`` itself: ``npm ci`` from ``package-lock.json`` (Hubot,
  ESLint), for the linter and the adapter's own ``node --test`` tests; done
  when it is missing or the lock file changed;
* ``node_modules/.zulip-test-bot/``: a bot folder where ``npm install
  --install-links <this folder>`` installed the adapter and, as its peer,
  Hubot; done again whenever the adapter's files change.

``Conversation`` starts the stand-in with the examples' people (Alice, Bob,
Carol) and the bot (Hubot), then Hubot on a folder of scripts; ``say`` makes
a person send a message and waits until the bot has handled it and every
message that followed from it. The adapter logs, at debug level, each message
it handled or skipped; that is how the wait knows, without sleeping.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from integrations.testing.zulip_standin import (
    DEFAULT_API_KEY,
    ReceivedMessage,
    ZulipStandIn,
    ZulipUser,
)

PLUGIN = Path(__file__).resolve().parent
NODE_MODULES = PLUGIN / "node_modules"
NPM_CACHE = NODE_MODULES / ".cache" / "npm"
BOT_FOLDER = NODE_MODULES / ".zulip-test-bot"
EXAMPLE_SCRIPT = PLUGIN / "examples" / "hello.mjs"
ADAPTER = json.loads((PLUGIN / "package.json").read_text(encoding="utf-8"))["name"]
INSTALL_HINT = "apt-get install nodejs npm"
NPM_TIMEOUT = 600

# The organization of the examples: the bot, and three people.
BOT = ZulipUser(9, "hubot-bot@example.com", "Hubot", is_bot=True)
PEOPLE = (
    ZulipUser(11, "alice@example.com", "Alice"),
    ZulipUser(12, "bob@example.com", "Bob"),
    ZulipUser(13, "carol@example.com", "Carol"),
)
ROBOT_NAME = "Hubot"

_SETTLED = re.compile(r"zulip: message (\d+) (?:handled|skipped)")


class SetupError(Exception):
    """Node, npm or an install is missing or failed; the text says what to do, in one line."""


def require_node() -> tuple[str, str]:
    """The paths of ``node`` and ``npm``, or a SetupError saying what to install."""
    node, npm = shutil.which("node"), shutil.which("npm")
    missing = [name for name, path in (("node", node), ("npm", npm)) if path is None]
    if node is None or npm is None:
        raise SetupError(f"{' and '.join(missing)} not found: {INSTALL_HINT}")
    return node, npm


def _npm(arguments: Sequence[str], cwd: Path) -> None:
    _, npm = require_node()
    environment = {
        **os.environ,
        "npm_config_cache": str(NPM_CACHE),
        "npm_config_update_notifier": "false",
        "npm_config_fund": "false",
        "npm_config_audit": "false",
    }
    done = subprocess.run(
        [npm, *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=NPM_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        tail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-6:])
        raise SetupError(f"npm {' '.join(arguments)} failed in {cwd} ({done.returncode}): {tail}")


@contextlib.contextmanager
def _setup_lock() -> Iterator[None]:
    """One process at a time sets the folders up (pytest -n runs several)."""
    name = hashlib.sha256(str(PLUGIN).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"zulip-hubot-{name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _digest(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(PLUGIN)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def dev_dependencies() -> Path:
    """``node_modules`` of the plugin, from ``npm ci`` when missing or out of date."""
    require_node()
    stamp = NODE_MODULES / ".zulip-lock-sha256"
    wanted = _digest([PLUGIN / "package-lock.json"])
    with _setup_lock():
        if not stamp.is_file() or stamp.read_text() != wanted:
            _npm(["ci"], PLUGIN)
            stamp.write_text(wanted)
    return NODE_MODULES


def adapter_files() -> list[Path]:
    """What ``npm install`` takes from the plugin: its manifest and ``src/``."""
    return [
        PLUGIN / "package.json",
        PLUGIN / "package-lock.json",
        *sorted(path for path in (PLUGIN / "src").rglob("*") if path.is_file()),
    ]


def installed_bot() -> Path:
    """A bot folder with the adapter installed as the page says, made again when it changed."""
    dev_dependencies()  # the same lock, and it fills the npm cache the install reads
    stamp = BOT_FOLDER / ".zulip-adapter-sha256"
    wanted = _digest(adapter_files())
    with _setup_lock():
        if not stamp.is_file() or stamp.read_text() != wanted:
            shutil.rmtree(BOT_FOLDER, ignore_errors=True)
            BOT_FOLDER.mkdir(parents=True)
            (BOT_FOLDER / "package.json").write_text(
                json.dumps({"name": "mybot", "version": "1.0.0", "private": True}, indent=2),
                encoding="utf-8",
            )
            _npm(["install", "--prefer-offline", "--install-links", str(PLUGIN)], BOT_FOLDER)
            stamp.write_text(wanted)
    return BOT_FOLDER


class HubotError(AssertionError):
    """Hubot did not do what it was expected to, with the end of its log."""


class RunningHubot:
    """``hubot --adapter hubot-zulip-adapter`` on a folder of scripts, its log read as it comes."""

    def __init__(self, folder: Path, environment: Mapping[str, str]) -> None:
        self.folder = folder
        self.lines: list[str] = []
        self.settled: set[int] = set()
        self._changed = threading.Condition()
        hubot = str(installed_bot() / "node_modules" / ".bin" / "hubot")
        self.process = subprocess.Popen(
            [hubot, "--adapter", ADAPTER, "--name", ROBOT_NAME, "--disable-httpd"],
            cwd=folder,
            env=dict(environment),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, name="hubot-log", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                found = _SETTLED.search(log_message(line))
                if found:
                    self.settled.add(int(found.group(1)))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def log(self, last: int = 30) -> str:
        with self._changed:
            return "\n".join(self.lines[-last:])

    def wait_until_settled(self, ids: set[int], timeout: float) -> None:
        """Until the adapter handled or skipped every message of ``ids``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not ids <= self.settled:
                left = deadline - time.monotonic()
                if self.process.poll() is not None:
                    raise HubotError(f"Hubot stopped ({self.process.returncode}):\n{self.log()}")
                if left <= 0:
                    missing = sorted(ids - self.settled)
                    raise HubotError(
                        f"Hubot did not handle messages {missing} in {timeout:g}s:\n{self.log()}"
                    )
                self._changed.wait(min(left, 0.5))

    def wait_for_exit(self, timeout: float = 30) -> int:
        code = self.process.wait(timeout=timeout)
        self._finish_reading()
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._finish_reading()

    def _finish_reading(self) -> None:
        self._reader.join(timeout=5)
        if self.process.stdout is not None and not self._reader.is_alive():
            self.process.stdout.close()


def log_message(line: str) -> str:
    """The message of one line of Hubot's log (pino writes JSON); the line itself otherwise."""
    try:
        entry = json.loads(line)
    except ValueError:
        return line.strip()
    return str(entry.get("msg", "")) if isinstance(entry, dict) else line.strip()


def hubot_environment(
    home: Path, standin: ZulipStandIn, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """What Hubot runs with: the bot's settings for the stand-in, a home of its own, debug logs."""
    home.mkdir(parents=True, exist_ok=True)
    keep = ("PATH", "LANG", "TMPDIR", "SYSTEMROOT")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(
        HOME=str(home),
        HUBOT_ZULIP_SITE=standin.site,
        HUBOT_ZULIP_BOT=BOT.email,
        HUBOT_ZULIP_API_KEY=standin.bots[BOT.email],
        HUBOT_LOG_LEVEL="debug",
    )
    environment.update(extra or {})
    return environment


@dataclass(frozen=True)
class Said:
    """One message a person sent, and what the bot sent because of it."""

    id: int
    answers: list[ReceivedMessage]


class Conversation:
    """The stand-in, and a Hubot running ``scripts`` against it, in ``folder``.

    ``environment`` adds to (or, with "", blanks) Hubot's settings; without
    ``start``, Hubot waits for ``start_hubot``.
    """

    def __init__(
        self,
        folder: Path,
        *,
        scripts: Mapping[str, str] | None = None,
        environment: Mapping[str, str] | None = None,
        timeout: float = 30,
        start: bool = True,
    ) -> None:
        self.folder = folder
        self.timeout = timeout
        self.start = start
        self.standin = ZulipStandIn(bots={BOT.email: DEFAULT_API_KEY}, users=(BOT, *PEOPLE))
        given = (
            scripts if scripts is not None else {EXAMPLE_SCRIPT.name: EXAMPLE_SCRIPT.read_text()}
        )
        (folder / "scripts").mkdir(parents=True, exist_ok=True)
        for name, text in given.items():
            (folder / "scripts" / name).write_text(text, encoding="utf-8")
        self._environment = dict(environment or {})
        self.hubot: RunningHubot | None = None

    def __enter__(self) -> Conversation:
        self.standin.start()
        try:
            if self.start:
                self.start_hubot()
        except BaseException:
            self.standin.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.hubot is not None:
            self.hubot.stop()
        self.standin.stop()

    def start_hubot(self, *, wait: bool = True) -> RunningHubot:
        """Start Hubot; with ``wait``, until it reads its event queue."""
        environment = hubot_environment(self.folder / "home", self.standin, self._environment)
        self.hubot = RunningHubot(self.folder, environment)
        if wait:
            self.wait_until_reading()
        return self.hubot

    def wait_until_reading(self) -> None:
        try:
            self.standin.wait_for_queue(BOT.email, timeout=self.timeout)
        except TimeoutError as error:
            log = self.hubot.log() if self.hubot else ""
            raise HubotError(f"{error}; Hubot's log:\n{log}") from None

    def settle(self) -> None:
        """Wait until the bot handled every message it was given, answers included.

        A bot that keeps answering (itself, say) never settles: that fails
        after ``timeout`` too.
        """
        assert self.hubot is not None
        deadline = time.monotonic() + self.timeout
        while True:
            delivered = set(self.standin.delivered_to(BOT.email))
            self.hubot.wait_until_settled(delivered, max(0.0, deadline - time.monotonic()))
            if set(self.standin.delivered_to(BOT.email)) == delivered:
                return
            if time.monotonic() > deadline:
                raise HubotError(
                    f"Hubot kept on sending for {self.timeout:g}s ({len(delivered)} messages):\n"
                    f"{self.hubot.log()}"
                )

    def say(
        self,
        sender: str,
        content: str,
        *,
        channel: str | None = None,
        topic: str = "",
        others: Sequence[str] = (),
        settle: bool = True,
    ) -> Said:
        """``sender`` writes in ``channel`` > ``topic``, else to the bot (and ``others``)."""
        before = len(self.standin.messages)
        to = [] if channel is not None else [BOT.email, *others]
        message_id = self.standin.send_as(sender, content, channel=channel, topic=topic, to=to)
        if settle:
            self.settle()
        return Said(message_id, list(self.standin.messages[before:]))

    def names(self) -> dict[str, str]:
        """Full names by email, for telling where a direct message went."""
        return {user.email: user.full_name for user in self.standin.users.values()}
