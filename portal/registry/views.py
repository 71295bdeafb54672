# Interim module: the registry pages are being written (see the foundation issue).
from django.http import Http404


def _pending(request, *args, **kwargs):
    raise Http404


resident_list = resident_create = resident_detail = resident_update = _pending
household_list = household_create = household_detail = household_update = _pending
