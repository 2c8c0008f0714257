"""Each settings module loads, and production refuses to run unsafely: each test starts the
portal in a new process with an operator's environment (the `deployment` tier)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.deployment


def run_python(settings_module, *args, **env):
    """Python run in a new process from the project's directory, with these settings and
    these environment variables added to the current ones."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(settings_module, *args, **env):
    return run_python(settings_module, "manage.py", *args, **env)


def setting_printed(settings_module, expression, **env):
    """What `print(expression)` shows in a new process once it has loaded the settings module,
    as Django loads it when it starts. Setting up the apps as well (`manage.py shell`) would
    take a few seconds more and change nothing in the settings."""
    result = run_python(
        settings_module,
        "-c",
        # Reading any setting loads them all, before the expression runs.
        f"from django.conf import settings; settings.SETTINGS_MODULE; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", ["iswg_portal.settings.dev", "iswg_portal.settings.production"])
def test_each_settings_module_loads(module):
    result = run_manage(module, "check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("iswg_portal.settings.production", "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# Runs manage.py commands one after the other in one process, each as `manage.py` would run
# it alone; prints, on its last line, how each ended and what it wrote.
RUN_COMMANDS = """
import contextlib, io, json, sys
from django.core.management import execute_from_command_line
ended = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            execute_from_command_line(["manage.py", *args])
            code = 0
        except SystemExit as stopped:
            code = stopped.code or 0
    ended.append({"returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
print(json.dumps(ended))
"""

DEPLOYMENT = {
    "check": ["check", "--deploy", "--fail-level", "WARNING"],
    "collectstatic": ["collectstatic", "--noinput"],
}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """The deployment's steps under the production settings, with an operator's environment:
    the deployment check, then collectstatic into a directory of its own. One process runs
    both, which starts Django once instead of twice; how each ended, by step, and where the
    static files went."""
    static_root = tmp_path_factory.mktemp("static")
    result = run_python(
        "iswg_portal.settings.production",
        "-c",
        RUN_COMMANDS,
        json.dumps(list(DEPLOYMENT.values())),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.iswg.example",
        STATIC_ROOT=str(static_root),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ended = json.loads(result.stdout.splitlines()[-1])
    steps = dict(zip(DEPLOYMENT, ended, strict=True))
    return {name: SimpleNamespace(**step) for name, step in steps.items()}, static_root


# Both tests read one deployment: under pytest-xdist they run in one process, which deploys once.
in_the_deployment_process = pytest.mark.xdist_group("production_deployment")


@in_the_deployment_process
def test_production_passes_the_deployment_check_without_warnings(deployment):
    steps, _static_root = deployment
    result = steps["check"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@in_the_deployment_process
def test_production_collects_static_files_compressed_with_hashed_names(deployment):
    steps, static_root = deployment
    result = steps["collectstatic"]
    assert result.returncode == 0, result.stderr
    hashed = list(static_root.glob("css/portal.*.css"))
    assert hashed, "portal.css was not given a hashed name"
    assert (static_root / "css" / f"{hashed[0].name}.gz").exists()


def test_dev_settings_print_e_mail_to_the_console():
    assert "console" in setting_printed(
        "iswg_portal.settings.dev", "settings.EMAIL_DELIVERY_BACKEND"
    )


def production_setting(expression, **env):
    """The value of a settings expression under the production settings, as printed."""
    return setting_printed(
        "iswg_portal.settings.production", expression, SECRET_KEY=secrets.token_urlsafe(50), **env
    )


def test_production_without_redis_shares_its_cache_through_the_database():
    backend = production_setting("settings.CACHES['default']['BACKEND']", REDIS_URL="")
    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_production_with_redis_ignores_and_logs_its_outages_and_keeps_sessions_in_the_database():
    printed = production_setting(
        "settings.CACHES['default']['BACKEND'], settings.DJANGO_REDIS_IGNORE_EXCEPTIONS, "
        "settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS, settings.SESSION_ENGINE",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert printed == (
        "iswg_portal.core.cache.OutageTolerantRedisCache True True "
        "django.contrib.sessions.backends.db"
    )


def test_production_reads_admins_from_the_environment():
    admins = production_setting(
        "settings.ADMINS", ADMINS="Portal Operations <ops@iswg.example>, oncall@iswg.example"
    )
    assert admins == "[('Portal Operations', 'ops@iswg.example'), ('', 'oncall@iswg.example')]"


def test_production_queues_every_email_and_delivers_through_the_backend_the_operator_names():
    printed = production_setting(
        "settings.EMAIL_BACKEND, settings.EMAIL_DELIVERY_BACKEND",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert printed == (
        "iswg_portal.core.mail.QueuedEmailBackend django.core.mail.backends.console.EmailBackend"
    )


def test_production_queues_only_email_so_a_published_page_is_indexed_at_once():
    """Wagtail's search and reference index tasks use the default backend: it must run them in
    the request, not leave them for the e-mail worker."""
    printed = production_setting(
        "settings.TASKS['default']['BACKEND'], settings.TASKS['email']['BACKEND']"
    )
    assert printed == (
        "django_tasks.backends.immediate.ImmediateBackend django_tasks_db.DatabaseBackend"
    )


def test_production_starts_the_error_tracker_only_with_a_dsn():
    active = "__import__('sentry_sdk').get_client().is_active()"
    assert production_setting(active, SENTRY_DSN="") == "False"
    assert production_setting(active, SENTRY_DSN="https://key@errors.iswg.example/1") == "True"
