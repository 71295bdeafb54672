"""``manage.py seed_demo`` names no app: it calls each installed config's ``demo_seeder``
in ``INSTALLED_APPS`` order, with the options the seeder takes."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from portal.core.management.commands import seed_demo

CALLS: list[tuple[str, dict]] = []


def first_seeder(*, log, residents=10):
    CALLS.append(("first", {"residents": residents}))
    log("first seeder ran")
    return {"widgets": 3}


def second_seeder(log=None):
    CALLS.append(("second", {}))
    return 2


def _install(monkeypatch, configs):
    """The command sees ``configs`` as the installed apps' configs."""
    monkeypatch.setattr(seed_demo, "demo_seeders", lambda: ORIGINAL(configs))


ORIGINAL = seed_demo.demo_seeders


def test_the_seeders_are_the_installed_apps_in_their_order():
    labels = [label for label, _ in seed_demo.demo_seeders()]
    assert labels == [
        "registry",
        "guide",
        "notices",
        "events",
        "assistance",
        "eldercare",
        "health",
        "partywork",
        "education",
        "plans",
    ]


def test_each_seeder_gets_log_and_only_the_options_it_takes(monkeypatch):
    configs = [
        SimpleNamespace(label="first", demo_seeder=f"{__name__}.first_seeder"),
        SimpleNamespace(label="plain"),  # an app with no demo data
        SimpleNamespace(label="second", demo_seeder=f"{__name__}.second_seeder"),
    ]
    _install(monkeypatch, configs)
    CALLS.clear()
    out = StringIO()

    call_command("seed_demo", force=True, residents=7, batch_size=50, stdout=out)

    assert CALLS == [("first", {"residents": 7}), ("second", {})]
    text = out.getvalue()
    assert "first seeder ran" in text
    assert [line.split() for line in text.splitlines()[-2:]] == [
        ["widgets", "3"],
        ["second", "records", "2"],
    ]


def test_an_unset_option_is_left_to_the_seeders_default(monkeypatch):
    configs = [SimpleNamespace(label="first", demo_seeder=f"{__name__}.first_seeder")]
    _install(monkeypatch, configs)
    CALLS.clear()

    call_command("seed_demo", force=True, stdout=StringIO())

    assert CALLS == [("first", {"residents": 10})]


@pytest.mark.parametrize("option", [{"residents": -1}, {"batch_size": 0}])
def test_bad_numbers_are_refused_before_any_seeder_runs(monkeypatch, option):
    configs = [SimpleNamespace(label="first", demo_seeder=f"{__name__}.first_seeder")]
    _install(monkeypatch, configs)
    CALLS.clear()
    with pytest.raises(CommandError, match="must be"):
        call_command("seed_demo", force=True, stdout=StringIO(), **option)
    assert CALLS == []
