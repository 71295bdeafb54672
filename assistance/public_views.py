"""Placeholder until the pages are written (this session)."""

from django.http import HttpResponse


def my_applications(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def temporary_request(request, pk=None) -> HttpResponse:
    raise NotImplementedError
