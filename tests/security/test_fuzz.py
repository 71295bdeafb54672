"""Fuzzing (issue 12.6): no input may cause a 500.

1. Every form of the project, found by walking its ``forms`` modules, gets a Hypothesis
   ``from_form`` property test: the generated data (any date Hypothesis can make, any
   text, any number) is validated by the form and, for the forms behind a view listed in
   ``FORM_VIEWS``, submitted to that view; nothing may raise and no response may be ≥ 500.
2. Every URL the walk knows (tests/security/urlwalk.py) is requested with random query
   parameters (GET) and random bodies (POST) as sub-district staff, as a linked resident
   and anonymously; no response may be ≥ 500.

``make test`` runs ``FUZZ_EXAMPLES`` (default 30) examples per form and
``FUZZ_URL_EXAMPLES`` (4) per URL; ``make fuzz`` runs 1,000 per form (the first 100 also
through the view) and 20 per URL. Each
run writes its counts to ``var/fuzz/report.json`` (submissions per form, requests, responses ≥ 500).
"""

import importlib
import inspect
import json
import os
import pkgutil
from collections import Counter
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import ResolutionFailed
from hypothesis.extra.django import from_field, from_form

from assistance.models import Programme, SpecialDisease
from portal.notifications.models import ChannelPreference
from portal.registry.forms import ScopeChoices
from portal.registry.models import Community, Tag
from tests.security.test_url_walk import PUBLIC, RESIDENT_PAGES
from tests.security.urlwalk import collect_table, walk_urls

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
URL_EXAMPLES = int(os.environ.get("FUZZ_URL_EXAMPLES", "4"))
# In `make test` (so in CI) the examples are the same on every run, so a red build is a
# regression, never the luck of the draw; `make fuzz` (FUZZ_RANDOM=1) explores anew.
DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") != "1"
#: Of each form's examples, how many also go through its view (all of them in ``make test``;
#: ``make fuzz`` validates 1,000 and sends the first 100 through the view, for time).
VIEW_EXAMPLES = int(os.environ.get("FUZZ_VIEW_EXAMPLES", str(EXAMPLES)))
REPORT = Path(
    os.environ.get("FUZZ_REPORT", Path(django_settings.BASE_DIR) / "var" / "fuzz" / "report.json")
)
#: ``k/n``: this process runs every n-th form from the k-th, and (when k is the last) the
#: URL pass, so that ``make fuzz`` can share the work between processes.
SHARD, SHARDS = (int(part) for part in os.environ.get("FUZZ_SHARD", "0/1").split("/"))
#: Routes that answer ≥ 500 by design: the health check says 503 when a service is down.
ALLOWED_5XX = {"core:healthz"}

COUNTS: Counter = Counter()
SERVER_ERRORS: list[str] = []


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in a ``forms`` module or package of a project app."""
    found: dict[str, type[forms.BaseForm]] = {}
    root = str(Path(django_settings.BASE_DIR))
    for config in apps.get_app_configs():
        if not config.path.startswith(root) or ".venv" in config.path:
            continue
        # With the app's prefix, so that the walk goes into packages (``forms/``): without
        # it, pkgutil cannot import a sub-package by its bare name and skips its modules.
        names = [
            info.name
            for info in pkgutil.walk_packages([config.path], prefix=f"{config.name}.")
            if "form" in info.name.split(".")[-1] or "forms" in info.name.split(".")[1:]
        ]
        for module_name in names:
            module = importlib.import_module(module_name)
            for obj in vars(module).values():
                if (
                    inspect.isclass(obj)
                    and issubclass(obj, forms.BaseForm)
                    and obj.__module__ == module_name
                    and not obj.__name__.startswith("_")
                ):
                    found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[key] for key in sorted(found)]


FORMS = _project_forms()

#: Forms submitted to a view as well as validated: (route name, method, URL arguments
#: from the ``objects`` fixture); the apps' rows come from their tests/<app>/urlwalk.py.
FORM_VIEWS = collect_table(
    "FORM_VIEWS",
    {
        "EventForm": ("events:staff-event-create", "post", None),
        "HourPeriodForm": ("events:staff-hour-totals", "get", None),
        "CalendarFilterForm": ("events:calendar", "get", None),
        "CheckInCodeForm": ("events:event-check-in", "post", lambda o: [o.event.pk]),
        "ResidentForm": ("registry:resident-create", "post", None),
        "HouseholdForm": ("registry:household-create", "post", None),
        "ResidentFilterForm": ("registry:resident-list", "get", None),
        "HouseholdFilterForm": ("registry:household-list", "get", None),
        "NoticeForm": ("notices:create", "post", None),
        "NoticeFilterForm": ("notices:staff-list", "get", None),
        "PublicNoticeFilterForm": ("notices:notice-list", "get", None),
        "ObjectionForm": ("notices:notice-objection", "post", lambda o: [o.notice.pk]),
        "ServiceEntryForm": ("guide:create", "post", None),
        "ServiceSearchForm": ("guide:service-list", "get", None),
        "StatisticsRequestForm": ("reports:job-list", "post", None),
        "LoginForm": ("accounts:login", "post", None),
        "ResidentSignUpForm": ("accounts:register", "post", None),
        "IdentityLinkForm": ("accounts:link", "post", None),
        "ChannelPreferenceForm": ("notifications:settings", "post", None),
    },
)
RESIDENT_FORMS = collect_table(
    "RESIDENT_FORMS",
    {"ObjectionForm", "CheckInCodeForm", "IdentityLinkForm", "ChannelPreferenceForm"},
)
#: Forms that need the request or an instance to validate: submitted through their view
#: only.
VIEW_ONLY = {"LoginForm", "ChannelPreferenceForm"}
ANONYMOUS_FORMS = {"LoginForm", "ResidentSignUpForm", "CalendarFilterForm", "ServiceSearchForm"}


def _form_kwargs(form_class: type[forms.BaseForm], objects, user) -> dict:
    """Constructor arguments by name, from the fixtures."""
    values = {
        "user": user,
        "years": [2025, 2026],
        "programmes": [(p.pk, p.name) for p in Programme.objects.all()],
        "communities": [(c.pk, c.name) for c in Community.objects.all()],
        "diseases": [(d.pk, d.name) for d in SpecialDisease.objects.all()],
        "scope": ScopeChoices(
            communities=[(c.pk, c.name) for c in Community.objects.all()],
            compounds={objects.community.name: [(objects.compound.pk, objects.compound.name)]},
        ),
        "tags": [(t.slug, t.name) for t in Tag.objects.all()],
        "household": objects.household,
        "donation": objects.donation,
        "claim": objects.claim,
        "application": objects.surveyed,
        "action": "submit",
        "options_url": "",
        "kind_url": "",
    }
    parameters = inspect.signature(form_class.__init__).parameters
    return {name: values[name] for name in parameters if name in values}


#: What people type that forms do not expect.
EVIL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999",
            "9223372036854775808",
            "1e309",
            "NaN",
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "9999-12",
            "0001-01",
            "2026-02-30",
            "１２３",
            "٣",
            "\x00",
            "\n=1+1",
            "<script>",
            "' OR 1=1 --",
            "330203199001011234",
            "13800001111",
            "a" * 3000,
        ]
    ),
    st.integers().map(str),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
)


def _constructible(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """The form itself, or for a filter form whose ``data`` has no default (and that
    takes no files) a subclass that ``from_form`` can build unbound and bound."""
    data = inspect.signature(form_class.__init__).parameters.get("data")
    if data is None or data.default is not inspect.Parameter.empty:
        return form_class

    class Constructible(form_class):
        def __init__(self, data=None, files=None, **kwargs):
            super().__init__(data if data is not None else {}, **kwargs)

    Constructible.__name__ = form_class.__name__
    return Constructible


def _field_strategies(form) -> dict:
    """A strategy for each field Hypothesis cannot infer (model choices, custom fields):
    a real choice or something evil."""
    strategies = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultiValueField) or field.disabled:
            continue
        if isinstance(field, forms.ChoiceField) and not [v for v, _ in field.choices if v != ""]:
            strategies[name] = EVIL  # no choice to sample (an empty queryset): only evil
            continue
        try:
            from_field(field)
        except (ResolutionFailed, Exception):  # any field Hypothesis cannot infer
            choices = [str(value) for value, _ in getattr(field, "choices", []) if value != ""]
            strategies[name] = st.one_of(st.sampled_from(choices), EVIL) if choices else EVIL
        else:
            strategies[name] = st.one_of(from_field(field), EVIL)
    return strategies


def _data_of(form) -> dict:
    data = {}
    for key, value in (form.data or {}).items():
        if value is None:
            continue
        data[key] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    return data


def _check(response, label: str) -> None:
    COUNTS["requests"] += 1
    if response.status_code >= 500:
        SERVER_ERRORS.append(f"{label}: {response.status_code}")
    assert response.status_code < 500, label


def _user_for(name: str, objects, staff, resident):
    if name in ANONYMOUS_FORMS:
        return None
    if name in RESIDENT_FORMS:
        return resident
    return staff


@pytest.fixture
def linked_resident(resident_user, objects):
    resident_user.resident = objects.resident_b
    resident_user.save()
    return resident_user


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: form.__name__)
def test_every_form_takes_any_input(client, objects, subdistrict_user, linked_resident, form_class):
    if FORMS.index(form_class) % SHARDS != SHARD:
        pytest.skip(f"another fuzz shard runs it (FUZZ_SHARD={SHARD}/{SHARDS})")
    name = form_class.__name__
    user = _user_for(name, objects, subdistrict_user, linked_resident)
    kwargs = _form_kwargs(form_class, objects, user or subdistrict_user)
    form_class = _constructible(form_class)
    if name == "ChannelPreferenceForm":
        kwargs["instance"] = ChannelPreference(user=linked_resident)
    unbound = form_class(**kwargs)
    strategy = from_form(form_class, form_kwargs=kwargs, **_field_strategies(unbound))
    view = FORM_VIEWS.get(name)
    url = None
    if view:
        from django.urls import reverse

        route, method, arguments = view
        url = reverse(route, args=arguments(objects) if arguments else None)

    @settings(
        max_examples=EXAMPLES,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def submit(form):
        COUNTS[f"form:{name}"] += 1
        if name not in VIEW_ONLY:
            form.is_valid()  # raises nothing: a ValidationError becomes the form's errors
        if url and COUNTS[f"view:{name}"] < VIEW_EXAMPLES:
            COUNTS[f"view:{name}"] += 1
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            response = getattr(client, method)(url, _data_of(form))
            _check(response, f"{method.upper()} {url} [{name}]")

    submit()


PARAMETER_NAMES = sorted(
    {name for form_class in FORMS for name in form_class.base_fields}
    | {"month", "page", "q", "community", "start", "end", "next", "view", "kind", "when"}
)
PARAMETERS = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(min_size=1, max_size=8)),
    EVIL,
    max_size=6,
)


def test_every_url_takes_any_parameters(client, objects, subdistrict_user, linked_resident):
    """Random query strings and bodies on every URL of the walk, each as the kind of user
    who may use it (staff pages as sub-district staff, a resident's as a linked resident,
    public ones anonymously as well)."""
    if SHARD != SHARDS - 1:
        pytest.skip(f"the last fuzz shard runs it (FUZZ_SHARD={SHARD}/{SHARDS})")
    staff_model = get_user_model()
    admin = staff_model.objects.create_superuser("fuzz-admin", password="x" * 16)
    plan = []
    for route, url in walk_urls(objects):
        if route.name in ALLOWED_5XX or url.startswith("/static/"):
            continue
        if route.name in RESIDENT_PAGES:
            users = [linked_resident]
        elif route.name in PUBLIC:
            users = [None, linked_resident]
        elif route.is_admin:
            users = [admin]
        else:
            users = [subdistrict_user]
        plan.extend((route, url, user) for user in users)

    for route, url, user in plan:
        _fuzz_url(client, route, url, user)


def _fuzz_url(client, route, url, user) -> None:
    # The admin is fuzzed with GET only: a random POST there deletes the fixtures' rows.
    methods = ["get"] if route.is_admin else ["get", "post"]
    # Django's admin puts an add page's query string into the form's initial data, and
    # its date-time widget fails on text there ("?ends_at=0"): left alone (superusers
    # only), so its add pages get no random parameters.
    parameters = st.just({}) if route.is_admin and route.route.endswith("add/") else PARAMETERS

    @settings(
        max_examples=URL_EXAMPLES,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(methods), parameters)
    def request(method, parameters):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = getattr(client, method)(url, parameters)
        if response.streaming:
            response.close()  # a file response: close it, or the open file warns
        _check(response, f"{method.upper()} {url} [{route.label}] {parameters!r}")

    request()


@pytest.fixture(autouse=True)
def _write_report():
    """The counts so far, after every test (an interrupted run still reports)."""
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    forms_counted = {key[5:]: value for key, value in COUNTS.items() if key.startswith("form:")}
    REPORT.write_text(
        json.dumps(
            {
                "examples_per_form": EXAMPLES,
                "forms": len(forms_counted),
                "submissions_per_form": forms_counted,
                "fewest_per_form": min(forms_counted.values(), default=0),
                "through_a_view": {
                    key[5:]: value for key, value in COUNTS.items() if key.startswith("view:")
                },
                "requests": COUNTS["requests"],
                "responses_5xx": len(SERVER_ERRORS),
                "server_errors": SERVER_ERRORS[:50],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
