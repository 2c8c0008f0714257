"""Each settings module loads, and production refuses to run unsafely."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(settings_module, *args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "module",
    ["iswg_portal.settings.dev", "iswg_portal.settings.test", "iswg_portal.settings.production"],
)
def test_each_settings_module_loads(module):
    result = run_manage(module, "check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("iswg_portal.settings.production", "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_check_without_warnings():
    result = run_manage(
        "iswg_portal.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.iswg.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_dev_settings_print_e_mail_to_the_console():
    result = run_manage(
        "iswg_portal.settings.dev",
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
    )
    assert "console" in result.stdout


def test_production_collects_static_files_compressed_with_hashed_names(tmp_path):
    result = run_manage(
        "iswg_portal.settings.production",
        "collectstatic",
        "--noinput",
        SECRET_KEY=secrets.token_urlsafe(50),
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    hashed = list(tmp_path.glob("css/portal.*.css"))
    assert hashed, "portal.css was not given a hashed name"
    assert (tmp_path / "css" / f"{hashed[0].name}.gz").exists()
