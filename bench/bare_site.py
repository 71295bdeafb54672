"""The yardstick of ``make bench``: one ``HttpResponse("ok")`` behind the middleware a fresh
``django-admin startproject`` has, served by the same gunicorn settings as the portal.

Settings, URLs and WSGI application in one module:

    DJANGO_SETTINGS_MODULE=bench.bare_site gunicorn -c gunicorn.conf.py bench.bare_site
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

SECRET_KEY = "bench-bare-site-not-a-secret"  # noqa: S105 (a benchmark yardstick only)
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES: dict = {}


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("", ok)]


_handler = None


def application(environ: dict, start_response):
    """Loads Django on the first request, so importing this module as settings is cheap."""
    global _handler
    if _handler is None:
        from django.core.wsgi import get_wsgi_application

        _handler = get_wsgi_application()
    return _handler(environ, start_response)
