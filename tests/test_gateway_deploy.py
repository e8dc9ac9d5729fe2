"""The deployment files the gateway's page shows: they say what the code does."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from integrations.core import default_registry
from integrations.gateway.commands import serve_parser
from integrations.gateway.config import DEFAULT_PORT, Delivery, Limits, load_config
from tests.tools import require

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_the_example_settings_load_and_show_the_defaults() -> None:
    config = load_config(
        DEPLOY / "gateway.toml", default_registry(), environ={"ZULIP_API_KEY": "k" * 32}
    )
    assert (config.host, config.port) == ("127.0.0.1", DEFAULT_PORT)
    assert config.limits == Limits()
    assert config.delivery == Delivery()
    assert (config.synchronous, config.dedup_days) == ("FULL", 3.0)
    assert config.zulip.site == "https://your-org.zulipchat.com"


def _command(line: str) -> list[str]:
    words = shlex.split(line)
    assert words[0].endswith("integrations")
    assert words[1] == "serve"
    return words[2:]


def test_the_systemd_unit_is_valid_and_keeps_secrets_off_the_command_line(
    tmp_path: Path,
) -> None:
    unit = (DEPLOY / "zulip-integrations-gateway.service").read_text()
    (start,) = re.findall(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    arguments = serve_parser().parse_args(_command(start))
    assert arguments.config == Path("/etc/zulip-integrations/gateway.toml")
    assert "EnvironmentFile=" in unit
    installed = shutil.which("integrations", path=str(Path(sys.executable).parent))
    assert installed is not None
    local = tmp_path / "zulip-integrations-gateway.service"
    local.write_text(unit.replace(start.split()[0], installed))
    verify = require("systemd-analyze")
    checked = subprocess.run(
        [verify, "verify", str(local)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == ""


def test_the_container_runs_the_gateway_on_its_port() -> None:
    text = (DEPLOY / "Containerfile").read_text()
    (command,) = re.findall(r"^CMD (\[.+\])$", text, re.MULTILINE)
    words = json.loads(command)
    arguments = serve_parser().parse_args(_command(" ".join(words)))
    assert arguments.config == Path("/etc/zulip-integrations/gateway.toml")
    assert f"EXPOSE {DEFAULT_PORT}" in text
    assert f"127.0.0.1:{DEFAULT_PORT}/healthz" in text
    assert "VOLUME /var/lib/zulip-integrations" in text


def test_the_proxy_passes_webhooks_to_the_gateway_and_logs_no_keys() -> None:
    text = (DEPLOY / "nginx.conf").read_text()
    assert f"proxy_pass http://127.0.0.1:{DEFAULT_PORT};" in text
    assert "location /api/v1/external/" in text
    assert "X-Forwarded-Proto $scheme" in text
    (log_format,) = re.findall(r"log_format \w+ '([^']+)'", text)
    assert "$uri" in log_format
    assert "$request " not in log_format
    assert "$args" not in log_format
