"""Where scripts and plugins find the bot: their config, ZULIP_* variables, a zuliprc file."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.core.config import ConfigError, load_python_config, load_settings, setting

ZULIPRC = "[api]\nemail = rc-bot@example.com\nkey = rc-key\nsite = rc.example.com\n"


def test_the_integrations_own_values_win(tmp_path: Path) -> None:
    (tmp_path / ".zuliprc").write_text(ZULIPRC)
    environ = {"HOME": str(tmp_path), "ZULIP_EMAIL": "env@example.com"}
    settings = load_settings(
        email="own@example.com", api_key="own-key", site="https://own.example.com", environ=environ
    )
    assert (settings.email, settings.api_key, settings.site) == (
        "own@example.com",
        "own-key",
        "https://own.example.com",
    )


def test_environment_then_zuliprc_fill_the_gaps(tmp_path: Path) -> None:
    (tmp_path / ".zuliprc").write_text(ZULIPRC)
    environ = {"HOME": str(tmp_path), "ZULIP_API_KEY": "env-key"}
    settings = load_settings(email="", environ=environ)
    assert (settings.email, settings.api_key, settings.site) == (
        "rc-bot@example.com",
        "env-key",
        "https://rc.example.com",
    )


def test_zulip_config_names_another_file(tmp_path: Path) -> None:
    rc = tmp_path / "bot.zuliprc"
    rc.write_text(ZULIPRC)
    settings = load_settings(environ={"HOME": str(tmp_path / "nowhere"), "ZULIP_CONFIG": str(rc)})
    assert settings.email == "rc-bot@example.com"


def test_a_missing_zulip_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"ZULIP_CONFIG names .*missing\.zuliprc, which does not exist"
    ):
        load_settings(environ={"ZULIP_CONFIG": str(tmp_path / "missing.zuliprc")})


def test_missing_values_are_named_with_every_place_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            email="bot@example.com",
            source="hooks/zulip_git_config.py",
            environ={"HOME": str(tmp_path)},
        )
    assert str(caught.value) == (
        "no api_key (ZULIP_API_KEY, or key in [api] of a zuliprc), "
        "site (ZULIP_SITE, or site in [api] of a zuliprc) in hooks/zulip_git_config.py, "
        f"the environment or {tmp_path / '.zuliprc'}"
    )


def test_an_unreadable_zuliprc_names_the_file(tmp_path: Path) -> None:
    (tmp_path / ".zuliprc").write_text("email = no section\n")
    with pytest.raises(ConfigError, match=r"\.zuliprc: cannot read it"):
        load_settings(environ={"HOME": str(tmp_path)})


def test_a_config_file_with_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "zulip_git_config.py"
    config.write_text('ZULIP_EMAIL = "a"\nZULIP_SITE = (\n')
    with pytest.raises(ConfigError, match=rf"^{config}:2: "):
        load_python_config(config)


def test_a_config_file_that_raises_names_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "zulip_git_config.py"
    config.write_text("x = 1\ny = 1 / 0\n")
    with pytest.raises(ConfigError, match=rf"^{config}:2: ZeroDivisionError: division by zero$"):
        load_python_config(config)


def test_a_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="the configuration file is missing"):
        load_python_config(tmp_path / "zulip_git_config.py")


def test_settings_of_the_wrong_type_are_named(tmp_path: Path) -> None:
    config = tmp_path / "zulip_git_config.py"
    config.write_text("MAX_COMMITS = '20'\nCHANNEL = None\n")
    module = load_python_config(config)
    assert setting(module, "CHANNEL", str, "commits") == "commits"
    with pytest.raises(ConfigError, match="MAX_COMMITS must be a int, not str"):
        setting(module, "MAX_COMMITS", int, 20)
