"""Placeholder until the pages are written (this session)."""

from django.http import HttpResponse


def allocation_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def charity_public(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError
