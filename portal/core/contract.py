"""The app contract: what a kernel or chapter app adds to the portal.

Every app's config subclasses ``PortalAppConfig`` and declares its additions as class
attributes; ``portal.core.hooks`` collects them. Import this module, not its names, in an
``apps.py`` (``from portal.core import contract`` and ``class XConfig(contract.
PortalAppConfig)``): Django picks an app's config among the ``AppConfig`` classes named in
its ``apps.py``, and a second one imported by name would make the choice ambiguous.
"""

from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig
from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    """One menu entry: ``label`` (lazy text), ``url_name`` to reverse, and the dotted
    path of a predicate ``f(user) -> bool`` saying who sees it (None: everyone the menu
    is shown to). ``order`` sorts entries across apps: the kernel's pages 0-99, the apps
    100-499, the kernel's tools (reports, notices, guide) 500-999, the admin last."""

    label: Any
    url_name: str
    allowed: str | None = None
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class ReportKindSpec:
    """A kind of report job.

    ``builder`` names ``f(job) -> BuiltFile``. ``allowed`` names ``f(user) -> bool``: the
    one rule for who may ask for this kind **and** who may open or download a job of it
    (scope and full-identity checks come on top, in ``portal.reports``)."""

    kind: str
    title: Any
    builder: str
    allowed: str


@dataclass(frozen=True)
class NotificationKindSpec:
    """A kind of message ``notify()`` may send; its templates are
    ``templates/notifications/<kind>/subject.txt``, ``body.txt`` and ``body.html``."""

    kind: str
    label: Any


@dataclass(frozen=True)
class PanelLine:
    """A line of a resident panel: a label, a value and an optional link."""

    label: Any
    value: Any = ""
    url: str = ""


@dataclass(frozen=True)
class ResidentPanel:
    """What one app knows about a resident (or a household), shown on the registry's
    page to the roles the app allows: a title, lines, and a text when there are none."""

    title: Any
    lines: list[PanelLine] = field(default_factory=list)
    empty_text: Any = ""
    url: str = ""


#: The scopes a plan measure can count: the whole sub-district, or one community.
SCOPE_SUBDISTRICT = "subdistrict"
SCOPE_COMMUNITY = "community"


@dataclass(frozen=True)
class PlanMeasureSpec:
    """A countable measure of the yearly work plans (年度工作计划), counted from the app's
    own records, never typed in.

    ``key``: unique code, ``"<app>.<name>"`` (``"events.held"``). ``name``: lazy label.
    ``unit``: lazy label of the unit (户, 人, 人次, 场, 条, 元, 小时, 台).
    ``count``: dotted path of ``f(*, start: date, end: date, community=None, option="")
    -> int | Decimal``: the value over ``start``..``end`` (both inclusive) for one
    ``registry.Community`` or, with ``None``, the whole sub-district. ``scopes``: which of
    ``SCOPE_SUBDISTRICT`` / ``SCOPE_COMMUNITY`` it can count. ``options``: the filter it
    takes, ``((value, label), ...)`` (an event kind, a programme), empty for none; ``count``
    gets ``option=""`` for "all"."""

    key: str
    name: Any
    unit: Any
    count: str
    scopes: tuple[str, ...] = (SCOPE_SUBDISTRICT, SCOPE_COMMUNITY)
    options: tuple[tuple[str, Any], ...] = ()


#: What an app may answer about a resident through ``resident_statuses`` (domain-rules §3):
#: the assistance app answers these; other apps read them through ``hooks.resident_statuses``
#: and never import it.
STATUS_SUBSISTENCE = "subsistence"  # 低保
STATUS_MARGIN = "margin"  # 低保边缘
STATUS_DESTITUTE = "destitute"  # 特困


class PortalAppConfig(AppConfig):
    """The app contract: every kernel and chapter app's config subclasses this and
    declares what it adds. The kernel collects the declarations through
    ``portal.core.hooks`` and never imports an app; a new app touches only
    ``INSTALLED_APPS`` and one ``include()`` line in ``portal/urls.py``.

    Hooks (all optional; dotted paths are imported only when called):

    - ``staff_nav``: ``NavEntry`` items of the staff menu, each with the predicate of who
      sees it; the header renders them by ``order`` (see ``NavEntry``).
    - ``public_nav``: the same for the residents' menu.
    - ``staff_panels``: path of ``f(user) -> list[Panel]``, the staff home's panels of
      work due (``portal.core.panels``); return none for roles the app does not serve.
    - ``resident_panels`` / ``household_panels``: path of ``f(user, resident)`` /
      ``f(user, household) -> list[ResidentPanel]``, what the app knows about one person
      or household, shown on the registry's pages; return none for roles with no need.
    - ``report_kinds``: ``ReportKindSpec`` items: the kind's code, title, builder and the
      predicate of who may request **and** download it.
    - ``notification_kinds``: ``NotificationKindSpec`` items; ``notify()`` refuses a kind
      no app registers. Templates live in ``templates/notifications/<kind>/``.
    - ``beat_schedule``: periodic tasks, ``{name: {"task": ..., "schedule": ...}}``, merged
      with the project's ``CELERY_BEAT_SCHEDULE`` (a name used twice is refused).
    - ``public_pages``: regular expressions of the app's public paths whose anonymous
      responses may be cached (``portal.core.cache``); ``public_page_models``: the models
      (``"app.Model"``) whose saved or deleted rows make those pages stale.
    - ``counted``: a row saved or deleted in this app forgets the cached staff totals and
      list counts (``cached_figure``): true for apps whose records the staff lists count.
    - ``demo_seeder``: path of ``f(log=..., **options)`` returning the rows created (a number
      or a dict of labelled counts), called by
      ``seed_demo`` in ``INSTALLED_APPS`` order with the options it takes; idempotent.

    - ``plan_measures``: ``PlanMeasureSpec`` items, the measures the yearly work plans
      may count from this app's records (``hooks.plan_measures``).
    - ``resident_statuses``: path of ``f(resident_ids) -> dict[int, set[str]]``, the
      statuses (``STATUS_*``) this app holds for those residents today; the kernel merges
      every app's answer (``hooks.resident_statuses``), so that one app may ask what
      another knows (elder care asks who is 低保) without importing it.

    URLs: an app mounts its staff pages under ``staff/<app>/`` and its public pages under
    one prefix of its own, both from its one ``urls.py``.
    """

    staff_nav: tuple[NavEntry, ...] = ()
    public_nav: tuple[NavEntry, ...] = ()
    staff_panels: str | None = None
    resident_panels: str | None = None
    household_panels: str | None = None
    report_kinds: tuple[ReportKindSpec, ...] = ()
    notification_kinds: tuple[NotificationKindSpec, ...] = ()
    beat_schedule: dict = {}
    public_pages: tuple[str, ...] = ()
    public_page_models: tuple[str, ...] = ()
    counted: bool = False
    demo_seeder: str | None = None
    plan_measures: tuple[PlanMeasureSpec, ...] = ()
    resident_statuses: str | None = None
