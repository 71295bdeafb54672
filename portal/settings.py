"""Settings for the Community Services Portal, read from the environment.

One module for every deployment. Development needs nothing installed: with no
DATABASE_URL the portal uses SQLite under var/, and with no CELERY_BROKER_URL Celery
tasks run in-process. With DEBUG off the defaults are the production-safe ones
(HTTPS-only cookies, HSTS, no debug pages); `manage.py check --deploy` stays clean.
"""

import os
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest (or PORTAL_TESTING=1 for the processes tests start): fast password
# hashing, no HTTPS redirect; everything else as in production.
TESTING = env_bool("PORTAL_TESTING", "pytest" in sys.modules)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG or TESTING else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "axes",
    "bootstrap",
    # Widget templates through the project's templates: selects say 请选择, not ---------.
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_celery_beat",
    "django_htmx",
    "simple_history",
    # shared kernel
    "portal.core",
    "portal.accounts",
    "portal.registry",
    "portal.guide",
    "portal.notices",
    "portal.events",
    "portal.notifications",
    "portal.reports",
    # one app per chapter of the work plans
    "assistance",
    "eldercare",
    "health",
    "partywork",
    "education",
    # The yearly work plans count every app's records: last, so that its demo seeder
    # computes the plan values once the apps' demo records exist.
    "portal.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that even a 400 for a bad Host header carries the policy headers.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous GETs of the public pages from the cache: after CSRF (a hit gets a fresh
    # token), before authentication and messages (a hit skips them); see portal/core/cache.py.
    "portal.core.cache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so that it can tell the login page why the session ended.
    "portal.accounts.middleware.StaffSessionTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.core.context_processors.portal",
                "portal.core.cache.public_page_csrf",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that a real Celery worker in the integration test sees
    # the rows the test wrote; one per test process, so parallel runs don't lock it.
    # `make test-fast` names one file instead (PORTAL_TEST_DB), kept between its runs.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("PORTAL_TEST_DB")
        or str(VAR_DIR / f"test_portal_{os.getpid()}.sqlite3")
    }
    # IMMEDIATE: a transaction takes the write lock when it begins, so two sign-ups for
    # the last place queue up instead of both reading "one place left" (SQLite has no
    # SELECT ... FOR UPDATE).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.accounts.backends.PortalModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "core:home"

# Residents need 8 characters, staff 12 (portal/accounts/passwords.py); every message is
# the portal's own, in Chinese, attached to the password field.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.accounts.passwords.RoleMinimumLengthValidator",
        "OPTIONS": {"resident": 8, "staff": 12},
    },
    {"NAME": "portal.accounts.passwords.PhoneNumberPasswordValidator"},
    {"NAME": "portal.accounts.passwords.PortalCommonPasswordValidator"},
    {"NAME": "portal.accounts.passwords.PortalNumericPasswordValidator"},
]
# 1,200,000 PBKDF2 iterations, set explicitly (portal/accounts/hashers.py); Django's own
# PBKDF2 stays second so that older hashes still verify and are upgraded at login.
PRODUCTION_PASSWORD_HASHERS = [
    "portal.accounts.hashers.PortalPBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD_HASHERS = PRODUCTION_PASSWORD_HASHERS
if TESTING:
    # Hashing costs 0.6 s per login with PBKDF2; tests need speed, not key stretching.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login lockout (django-axes): 5 failures per username *and* address, then a 15-minute
# cool-off. Never axes' default of a permanent lock, which lets anyone lock a user out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The typed user name, cut to a user name's length (axes stores 255 characters at most).
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.client_username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Staff sessions end after 30 minutes idle and 12 hours in all (ASVS 3.3.2 / 7.3.x).
STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
STAFF_SESSION_MAX_AGE = timedelta(hours=12)
SESSION_COOKIE_AGE = int(STAFF_SESSION_MAX_AGE.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS preload is a commitment to the browsers' lists that the operator makes, not a
# default: SECURE_HSTS_PRELOAD=1 turns it on, otherwise its warning is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds the cookies to this host over HTTPS (ASVS 3.3.1/3.3.3).
    SESSION_COOKIE_NAME = "__Host-portal_session"
    CSRF_COOKIE_NAME = "__Host-portal_csrf"
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): no inline scripts or styles, nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
# Development and tests serve straight from the apps' static folders, no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Without a broker (a newcomer's laptop) tasks run in-process, synchronously. So do they
# in the test suite, broker or not; the real-worker tests publish through the broker
# explicitly (tests/celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = TESTING or not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Longer than the longest countdown plus the longest run, so a slow task is not run twice.
# A message a dead worker took is handed out again after this many seconds (Redis).
_visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(2 * 60 * 60)))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # Workers look for such messages every interval × throttle seconds: kombu's 10 × 10
    # for the two hours; a short timeout (the worker-kill test) is swept every second.
    "unacked_restore_interval": max(1, min(10, _visibility_timeout // 10)),
    "unacked_restore_throttle": 10 if _visibility_timeout >= 1000 else 1,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Each app declares its periodic tasks in its config (``beat_schedule``,
# portal.core.contract); portal/celery.py merges them. Beat copies them into the database,
# where admins can change times or switch entries off.
# Project-wide additions or overrides only; the apps' entries live in their configs.
CELERY_BEAT_SCHEDULE: dict = {}

# --- Cache ---------------------------------------------------------------------------------------
# Redis when REDIS_URL is set, or the Celery broker is Redis (docker-compose); otherwise a
# file cache under var/, which every gunicorn worker and the Celery worker share (a
# local-memory cache would let one worker keep a page another worker's save made stale).
# The test suite uses local memory.
REDIS_URL = os.environ.get("REDIS_URL") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Public pages (portal/core/cache.py): served to anonymous visitors from the cache for at
# most this many seconds (0 turns it off; off in the test suite unless a test turns it on).
# Saves of the models below forget them at once; the limit covers what changes with the
# clock (an event that has ended, a notice whose publication time has come).
PUBLIC_PAGE_CACHE_SECONDS = int(
    os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "0" if TESTING else "60")
)
# Which public pages are cached, which models make them stale and which apps' rows the
# staff counts depend on: each app declares its own (public_pages, public_page_models,
# counted in its config, portal.core.contract).

# --- Domain settings ----------------------------------------------------------------------
# 《老年人权益保障法》: elderly means 60 周岁 and over.
ELDERLY_AGE = int(os.environ.get("ELDERLY_AGE", "60"))
# 高龄: the age from which the local 高龄津贴 is paid (80 in most provinces, 70 or 90 in
# some), the statistics' oldest age band.
ADVANCED_AGE = int(os.environ.get("ADVANCED_AGE", "80"))

# Events and volunteer hours (domain-rules §6.3, §8).
# A recurring event is stored occurrence by occurrence: two years of weekly meetings at most.
EVENT_SERIES_MAX_OCCURRENCES = int(os.environ.get("EVENT_SERIES_MAX_OCCURRENCES", "104"))
# Cumulative hours for one to five stars ([local]: the Fujian/Guangdong scheme).
VOLUNTEER_STAR_THRESHOLDS = (100, 300, 600, 1000, 1500)
# Wrong check-in codes one sign-up may enter before it must be checked in by staff.
CHECK_IN_CODE_MAX_FAILURES = 5

# Days a 公示 (public notice period) runs, both ends included (domain-rules §3.2, §8).
NOTICE_PERIOD_DAYS = int(os.environ.get("NOTICE_PERIOD_DAYS", "7"))
# Objections one person may file on the public pages in 24 hours (more in person).
NOTICE_OBJECTIONS_PER_DAY = int(os.environ.get("NOTICE_OBJECTIONS_PER_DAY", "3"))

# --- Social assistance (domain-rules §3, §8) ---
# Every money standard is an admin-editable, effective-dated row (assistance.Standard);
# these are the rules' local parameters, with the national defaults.
# Months of income a household survey adds up (§3.3; commonly 6 or 12, [local]).
ASSISTANCE_LOOKBACK_MONTHS = int(os.environ.get("ASSISTANCE_LOOKBACK_MONTHS", "12"))
# 低保边缘: per-capita income below this multiple of the 低保 standard (§3.5; some areas 2).
ASSISTANCE_MARGIN_MULTIPLE = Decimal(os.environ.get("ASSISTANCE_MARGIN_MULTIPLE", "1.5"))
# 特困 basic living support: at least this multiple of the 低保 standard (§3.6).
ASSISTANCE_DESTITUTE_MULTIPLE = Decimal(os.environ.get("ASSISTANCE_DESTITUTE_MULTIPLE", "1.3"))
# 临时救助: at most this many months of the 低保 standard per case (§3.7).
ASSISTANCE_TEMPORARY_CAP_MONTHS = int(os.environ.get("ASSISTANCE_TEMPORARY_CAP_MONTHS", "10"))
# 临时救助 per household per calendar year, in months of the 低保 standard ([local]);
# more goes through 一事一议 with the decision recorded.
ASSISTANCE_TEMPORARY_YEAR_CAP_MONTHS = int(
    os.environ.get("ASSISTANCE_TEMPORARY_YEAR_CAP_MONTHS", "12")
)
# 先行救助: days after an emergency payment to complete the paperwork (§3.7, [local]).
ASSISTANCE_PRIOR_PAPERWORK_DAYS = int(os.environ.get("ASSISTANCE_PRIOR_PAPERWORK_DAYS", "5"))
# Assets besides deposits ([local]): a vehicle worth more than this refuses; one worth
# less is put to the community review (评议) with the reason. Housing besides the home
# and owning a business: "refuse" or "review".
ASSISTANCE_VEHICLE_VALUE_LIMIT = Decimal(os.environ.get("ASSISTANCE_VEHICLE_VALUE_LIMIT", "30000"))
ASSISTANCE_OTHER_HOUSING_RULE = os.environ.get("ASSISTANCE_OTHER_HOUSING_RULE", "refuse")
ASSISTANCE_BUSINESS_RULE = os.environ.get("ASSISTANCE_BUSINESS_RULE", "refuse")
# 就业成本: percent of the 低保 standard deducted a month from each working member's wages
# ([local]: e.g. Ganzhou 30 %; 0 = no deduction).
ASSISTANCE_EMPLOYMENT_COST_PERCENT = Decimal(
    os.environ.get("ASSISTANCE_EMPLOYMENT_COST_PERCENT", "0")
)
# 赡养费 counted from each support obligor (§3.3 transfer income, §3.8 obligor fields;
# [local], the common rule): an obligor family whose income per person is not above this
# multiple of the 低保 standard cannot support; above it, this percent of the family's
# income above the line is owed (two obligors or fewer; the second percent for three or
# more). A larger amount agreed or ordered (typed on the survey) counts instead.
ASSISTANCE_OBLIGOR_EXEMPT_MULTIPLE = Decimal(
    os.environ.get("ASSISTANCE_OBLIGOR_EXEMPT_MULTIPLE", "1")
)
ASSISTANCE_OBLIGOR_SHARE_PERCENT = Decimal(os.environ.get("ASSISTANCE_OBLIGOR_SHARE_PERCENT", "50"))
ASSISTANCE_OBLIGOR_SHARE_PERCENT_MANY = Decimal(
    os.environ.get("ASSISTANCE_OBLIGOR_SHARE_PERCENT_MANY", "40")
)
# 渐退期: months a household whose income rose above the standard keeps payment (§3.4).
ASSISTANCE_TAPER_MONTHS = int(os.environ.get("ASSISTANCE_TAPER_MONTHS", "6"))
# Days past the review date a case is still paid before payment is suspended.
ASSISTANCE_REVIEW_GRACE_DAYS = int(os.environ.get("ASSISTANCE_REVIEW_GRACE_DAYS", "30"))
# Financial assets (deposits, securities) a household may hold per counted member, in
# months of the 低保 standard ([local]; 24 months is a common provincial rule).
ASSISTANCE_ASSET_LIMIT_MONTHS = int(os.environ.get("ASSISTANCE_ASSET_LIMIT_MONTHS", "24"))
# How the monthly 低保 amount is set (§3.3): "difference" pays (standard − per-capita
# income) × members; "banded" pays a share of the standard per member by how far the
# income falls short (ASSISTANCE_BANDS).
ASSISTANCE_AMOUNT_RULE = os.environ.get("ASSISTANCE_AMOUNT_RULE", "difference")
if ASSISTANCE_AMOUNT_RULE not in {"difference", "banded"}:
    raise ImproperlyConfigured("ASSISTANCE_AMOUNT_RULE must be 'difference' or 'banded'.")
# Banded rule: (per-capita income below this share of the standard, pay this share of
# the standard per member), first match wins ([local] example scheme).
ASSISTANCE_BANDS = (
    (Decimal("0.3"), Decimal("1.0")),
    (Decimal("0.6"), Decimal("0.7")),
    (Decimal("1.0"), Decimal("0.4")),
)
# 分类施保 add-ons (§3.3, typically +10–30 %): percent of the standard per counted member
# in the group; a member in several groups gets the largest one.
ASSISTANCE_CLASSIFIED_ADDONS = {
    "elderly": Decimal("10"),
    "minor": Decimal("10"),
    "severely_disabled": Decimal("20"),
    "seriously_ill": Decimal("20"),
}
# Review interval in months by management category (§3.4: A and B yearly, C half-yearly);
# ASSISTANCE_REVIEW_MONTHS_URBAN overrides it for urban households (some cities review
# urban C households quarterly: {"C": 3}).
ASSISTANCE_REVIEW_MONTHS = {"A": 12, "B": 12, "C": 6}
ASSISTANCE_REVIEW_MONTHS_URBAN: dict[str, int] = {}
# Staff are reminded of a review this many days before it is due.
ASSISTANCE_REVIEW_REMINDER_DAYS = int(os.environ.get("ASSISTANCE_REVIEW_REMINDER_DAYS", "14"))
# Working days from 受理 to a decision (§3.2: 30 nationally, 45 in special cases).
ASSISTANCE_PROCESSING_WORKING_DAYS = int(os.environ.get("ASSISTANCE_PROCESSING_WORKING_DAYS", "30"))

# Resident accounts: linking to the registry by name and ID number is rate-limited.
IDENTITY_LINK_MAX_FAILURES = int(os.environ.get("IDENTITY_LINK_MAX_FAILURES", "5"))
IDENTITY_LINK_WINDOW = timedelta(hours=24)
# The same limit per address and per identity (name and ID number) tried, over all accounts.
IDENTITY_LINK_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("IDENTITY_LINK_MAX_FAILURES_PER_ADDRESS", "10")
)
IDENTITY_LINK_MAX_FAILURES_PER_IDENTITY = 3
# Text-message codes (register, reset a password, link to the registry).
PHONE_CODE_VALIDITY = timedelta(minutes=10)
PHONE_CODE_MAX_TRIES = 5
PHONE_CODE_INTERVAL = timedelta(seconds=60)  # between two codes to one number
PHONE_CODES_PER_NUMBER_PER_DAY = 5
PHONE_CODES_PER_ADDRESS_PER_HOUR = int(os.environ.get("PHONE_CODES_PER_ADDRESS_PER_HOUR", "10"))

# Notifications: the SMS channel's backend (the default writes the message to the log,
# phone number masked; a gateway backend implements the same interface).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "portal.accounts.sms.LogSmsBackend")
# The portal's address as people reach it (https://portal.example.gov.cn): e-mails and
# text messages then end with a link to the page they are about. Empty: no link.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/")

# Registry import: the largest spreadsheet accepted (a 100,000-row ledger is about 6 MB).
REGISTRY_IMPORT_MAX_BYTES = int(os.environ.get("REGISTRY_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# What an uploaded workbook may unpack to and hold, checked before anything is parsed (a
# zip bomb: 477 KB unpacking to 190 MiB). 100,000 rows unpack to about 60 MiB.
REGISTRY_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("REGISTRY_IMPORT_MAX_UNPACKED_BYTES", str(120 * 1024 * 1024))
)
REGISTRY_IMPORT_MAX_ENTRIES = 200
REGISTRY_IMPORT_MAX_RATIO = 100  # unpacked ÷ packed size of one entry
# The check of a workbook runs in the worker within these limits (seconds); a worker child
# that grew past the memory limit (KiB) is replaced after its task.
REGISTRY_IMPORT_CHECK_TIME_LIMIT = 10 * 60
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1024 * 1024

# --- Email -------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", a) for a in env_list("ADMINS")]

# --- Logging -----------------------------------------------------------------------------------
# Every handler passes through the PII filter: ID and phone numbers never reach a log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_pii": {"()": "portal.core.logging.MaskPersonalDataFilter"},
        "request_id": {"()": "portal.core.logging.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {
            "()": "portal.core.logging.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "mask_pii"],
            "formatter": "plain",
        },
        # Error e-mails quote POST data and local variables: the whole e-mail is masked.
        "mail_admins": {
            "class": "portal.core.logging.MaskingAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "request_id", "mask_pii"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}

# --- yearly work plans (portal.plans) ---
#: An item is ahead of its straight-line pace when its value exceeds the value expected by
#: that day by more than this share of it, and behind when it falls short by more.
PLANS_AHEAD_MARGIN = Decimal(os.environ.get("PLANS_AHEAD_MARGIN", "0.10"))
PLANS_BEHIND_MARGIN = Decimal(os.environ.get("PLANS_BEHIND_MARGIN", "0.10"))
#: The demo plan (portal/plans/demo_items.py) names a chapter app's measure ``*.<name>``;
#: map such a name to the key an app really registers when the names differ.
PLANS_DEMO_MEASURE_ALIASES: dict[str, str] = {}
