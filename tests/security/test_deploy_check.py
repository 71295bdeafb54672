"""Production settings pass Django's deploy checklist and set the cookies and HSTS we promise.

Each check runs in a fresh interpreter with the production environment (DEBUG off, not
testing, a real secret key), because the settings module reads the environment on import.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="0",
        PORTAL_TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # 86 characters, as random as production's
        ALLOWED_HOSTS="portal.example.cn",
        PORTAL_VAR_DIR=str(tmp_path_factory.mktemp("var")),
    )
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"):
        env.pop(name, None)  # the production defaults, not whatever this shell sets
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def deploy_check(production_env) -> subprocess.CompletedProcess:
    return _run(production_env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")


def test_check_deploy_passes_under_production_settings(deploy_check):
    assert deploy_check.returncode == 0, deploy_check.stdout + deploy_check.stderr


_READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH", "CSRF_COOKIE_PATH", "SESSION_COOKIE_DOMAIN", "CSRF_COOKIE_DOMAIN",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS",
]}))
"""


@pytest.fixture(scope="module")
def production_settings(production_env) -> dict:
    result = _run(production_env, "-c", _READ_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_host_only_and_httponly(production_settings):
    s = production_settings
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_HTTPONLY"] and s["CSRF_COOKIE_HTTPONLY"]
    assert s["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    # __Host- cookies must be Secure, have Path=/ and no Domain, or browsers drop them.
    for kind in ("SESSION", "CSRF"):
        assert s[f"{kind}_COOKIE_NAME"].startswith("__Host-")
        assert s[f"{kind}_COOKIE_PATH"] == "/"
        assert s[f"{kind}_COOKIE_DOMAIN"] is None


def test_production_sends_hsts_for_a_year_with_subdomains_and_redirects_to_https(
    production_settings,
):
    s = production_settings
    assert s["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["X_FRAME_OPTIONS"] == "DENY"


def test_production_refuses_to_start_without_a_secret_key(production_env):
    env = {key: value for key, value in production_env.items() if key != "SECRET_KEY"}
    result = _run(env, "manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
