"""The public page cache: what an anonymous visitor sees, rendered once and served many times.

A public page (home, service guide, calendar, notices, the iCalendar feed: the paths the
apps declare as ``public_pages``, portal.core.contract) changes a few times a day but used
to be rendered from scratch for every visitor. :class:`PublicPageCacheMiddleware` keeps the rendered
response in Django's cache (Redis when one is configured, a file cache shared by the
gunicorn workers otherwise, see ``settings.CACHES``) under a key of host, language, path,
query string and htmx headers, for ``PUBLIC_PAGE_CACHE_SECONDS`` at most.

What is never cached or served from the cache:

* any request with a cookie other than the language and CSRF cookies: a session (a
  logged-in user, staff or resident) or a pending message means the page may carry that
  person's data or menu, so it is rendered as usual;
* any response that is not a plain 200, sets a cookie, says ``private`` / ``no-store``,
  wrote to the session, or was rendered for an authenticated user.

The CSRF token of the language switch is not cached: the page is rendered with a
placeholder that is replaced by a fresh token for every response, so each visitor gets
their own token and cookie. The security headers (CSP, HSTS, frame options, request id)
come from middleware outside this one and are set on every response, cached or not.

Invalidation: saving or deleting a row of one of the models in
``public_page_models`` the apps declare (service entries, notices, events, sign-ups, communities…)
moves a generation stamp, and entries stored under an older stamp are ignored. Writes that
bypass signals (``QuerySet.update``, ``bulk_create``) call :func:`public_pages_changed`
themselves, or are caught by the time limit.
"""

import hashlib
import logging
import re
import time
from collections.abc import Callable
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

from portal.core import hooks

log = logging.getLogger(__name__)

GENERATION_KEY = "portal:public-pages:generation"
CSRF_PLACEHOLDER = "portal-public-page-csrf-placeholder"
_CAPTURE = "_portal_public_page_capture"


def public_pages_changed() -> None:
    """Forget every cached public page, now and again once the transaction commits (a
    page rendered from the old rows in between is stored under the old stamp).

    Any code may call it; it never raises for a cache that is down.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        default_cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # an unreachable cache must not fail a save
        log.warning("public page cache: could not move the generation stamp", exc_info=True)


def _generation() -> int:
    """The current stamp; a new one when the cache lost it (restarted, cleared), so that
    no copy kept by a worker from before can match."""
    generation = default_cache.get(GENERATION_KEY)
    if generation is None:
        default_cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = default_cache.get(GENERATION_KEY)
    return generation


@cache
def _watched_models() -> frozenset:
    return frozenset(apps.get_model(label) for label in hooks.public_page_models())


def _on_change(sender: type, **kwargs) -> None:
    if sender in _watched_models():
        public_pages_changed()


def _on_m2m_change(sender: type, instance: object, **kwargs) -> None:
    if type(instance) in _watched_models():
        public_pages_changed()


post_save.connect(_on_change, dispatch_uid="portal-public-pages-save")
post_delete.connect(_on_change, dispatch_uid="portal-public-pages-delete")
m2m_changed.connect(_on_m2m_change, dispatch_uid="portal-public-pages-m2m")


@cache
def _counted_apps() -> frozenset[str]:
    return hooks.counted_app_labels()


@receiver(setting_changed)
def _forget_declarations(setting: str, **kwargs) -> None:
    """A test that installs an app sees its declarations."""
    if setting == "INSTALLED_APPS":
        for function in (_watched_models, _path_pattern, _counted_apps):
            function.cache_clear()


@cache
def _path_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in hooks.public_page_paths()))


def public_page_csrf(request: HttpRequest) -> dict:
    """Context processor: the CSRF token placeholder while a public page is rendered for
    the cache (Django's own ``csrf_token`` otherwise)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, _CAPTURE, False) else {}


# Each worker process keeps the pages it served last, checked against the shared
# generation stamp on every request; bounded, and simply emptied when full.
_local: dict[str, tuple] = {}
LOCAL_ENTRIES = 256


def _remember(key: str, entry: tuple) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[key] = entry


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of the public pages from the cache; see the module docstring.

    Sits after ``CsrfViewMiddleware`` (so a fresh token can be issued on a hit) and before
    the authentication, message and session-timeout middleware, which a hit skips.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds <= 0 or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        try:
            generation = _generation()
            entry = self._lookup(key, generation)
        except Exception:  # a cache that is down only costs speed
            log.warning("public page cache: unreachable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            _, _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                if name != "Content-Length":
                    response[name] = value
            return self._with_token(request, response)

        setattr(request, _CAPTURE, True)
        response = self.get_response(request)
        setattr(request, _CAPTURE, False)
        if self._cacheable_response(request, response):
            patch_vary_headers(response, ["Cookie"])
            entry = (
                generation,
                time.monotonic() + seconds,
                response.status_code,
                list(response.items()),
                response.content,
            )
            try:
                default_cache.set(key, (entry[0], time.time() + seconds, *entry[2:]), seconds)
                _remember(key, entry)
            except Exception:  # not cached this time, nothing more
                log.warning("public page cache: could not store a page", exc_info=True)
        return self._with_token(request, response)

    @staticmethod
    def _lookup(key: str, generation: int) -> tuple | None:
        """The entry stored under ``generation``: this process's copy when it has one (no
        page bytes to read and unpickle), else the shared cache's, then kept here too."""
        entry = _local.get(key)
        if entry is not None and entry[0] == generation and entry[1] > time.monotonic():
            return entry
        shared = default_cache.get(key)
        if shared is None or shared[0] != generation:
            return None
        # The shared copy carries wall-clock expiry; this process's copy a monotonic one.
        entry = (shared[0], time.monotonic() + shared[1] - time.time(), *shared[2:])
        _remember(key, entry)
        return entry

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        allowed = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
        return (
            request.method == "GET"
            and not set(request.COOKIES) - allowed
            and _path_pattern().fullmatch(request.path_info) is not None
        )

    @staticmethod
    def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in ("private", "no-store", "no-cache"))
            and not (user is not None and user.is_authenticated)
            and not (session is not None and session.modified)
        )

    @staticmethod
    def _key(request: HttpRequest) -> str:
        parts = "\n".join(
            [
                request.get_host(),
                translation.get_language() or "",
                request.path_info,
                request.META.get("QUERY_STRING", ""),
                request.headers.get("HX-Request", ""),
                request.headers.get("HX-Target", ""),
            ]
        )
        return "portal:public-page:" + hashlib.sha256(parts.encode()).hexdigest()

    @staticmethod
    def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        placeholder = CSRF_PLACEHOLDER.encode()
        if not response.streaming and placeholder in response.content:
            response.content = response.content.replace(placeholder, get_token(request).encode())
        return response


# --- counts of the staff lists ----------------------------------------------------------------
#
# A list's total ("Results: 14,428") and the staff home's figures cost a scan of every row
# in the user's scope, on every request. They are kept in the cache per query (scope and
# filters are part of the SQL, hashed into the key) and forgotten when a row of an app
# declared ``counted`` (portal.core.contract) is saved or deleted, or after
# COUNT_CACHE_SECONDS.

COUNT_GENERATION_KEY = "portal:counts:generation"
COUNT_CACHE_SECONDS = 300


def rows_changed() -> None:
    """Forget every cached count, now and once the transaction commits. Bulk writes that
    send no signals (``bulk_create``, ``QuerySet.update``) call it themselves."""
    _bump_counts()
    transaction.on_commit(_bump_counts)


def _bump_counts() -> None:
    try:
        default_cache.set(COUNT_GENERATION_KEY, time.time_ns(), None)
    except Exception:  # an unreachable cache must not fail a save
        log.warning("count cache: could not move the generation stamp", exc_info=True)


def _on_row_change(sender: type, **kwargs) -> None:
    if sender._meta.app_label in _counted_apps():
        rows_changed()


post_save.connect(_on_row_change, dispatch_uid="portal-counts-save")
post_delete.connect(_on_row_change, dispatch_uid="portal-counts-delete")
m2m_changed.connect(_on_row_change, dispatch_uid="portal-counts-m2m")


def cached_figure(name: str, queryset: object, compute: Callable[[], object]) -> object:
    """``compute()``, or its value from the cache for the same ``name`` and the same SQL
    of ``queryset`` (which carries the user's scope and filters) while no counted row has
    changed. Any view may use it for a figure that is the same for every request with the
    same query; the key is a hash, so no search text is stored in it."""
    try:
        generation = default_cache.get(COUNT_GENERATION_KEY)
        if generation is None:
            default_cache.add(COUNT_GENERATION_KEY, time.time_ns(), None)
            generation = default_cache.get(COUNT_GENERATION_KEY)
        try:
            sql = str(getattr(queryset, "query", queryset))
        except EmptyResultSet:  # .none() or an empty IN: nothing to count, nothing to keep
            return compute()
        database = connection.settings_dict["NAME"]
        text = f"{name}\n{generation}\n{database}\n{sql}"
        key = "portal:figure:" + hashlib.sha256(text.encode()).hexdigest()
        value = default_cache.get(key)
    except Exception:  # a cache that is down only costs speed
        log.warning("count cache: unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            default_cache.set(key, value, COUNT_CACHE_SECONDS)
        except Exception:
            log.warning("count cache: could not store a figure", exc_info=True)
    return value
