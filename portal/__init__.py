"""The Community Services Portal project package and its shared kernel apps."""

from portal.celery import app as celery_app

__all__ = ["celery_app"]
