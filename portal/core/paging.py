"""Pagination for list pages, shared so every list pages and elides the same way.

The long staff lists (``seek=True``) page by an indexed seek: the page's primary keys
come from the index that serves the list's ordering (an index-only scan, cheap even at
page 200), in a subquery that picks the page's rows with their related objects; and
their total comes from the count cache (``portal.core.cache.cached_figure``), so a list
does not count its whole scope on every request. Other lists page as Django's
Paginator does.
"""

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.core.cache import cached_figure

PAGE_SIZE = 20


class SeekPaginator(Paginator):
    """A Paginator over a queryset: cached count, the page's rows picked by their keys.

    The queryset's ordering must end with the primary key (a total order) and should be
    served by an index, e.g. ``(community_id, name, id)`` for the resident list.
    """

    @cached_property
    def count(self) -> int:
        return cached_figure("count", self.object_list, self.object_list.count)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if top <= bottom:
            return self._get_page([], number, self)
        # One query: the page's keys as a subquery (the index-only scan), then only those
        # rows joined and sorted.
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(list(self.object_list.filter(pk__in=keys)), number, self)


def paginate(
    request: HttpRequest, items: Any, per_page: int = PAGE_SIZE, *, seek: bool = False
) -> tuple[Page, list]:
    """The requested page (the first for a bad number, the last past the end) and the
    page numbers to link, with ellipses (for ``includes/pagination.html``).

    ``seek=True`` for a queryset of model rows (not ``values()``, not grouped) of the
    apps declared ``counted``, ordered by an index ending with the primary key.
    """
    paginator_class = SeekPaginator if seek and isinstance(items, QuerySet) else Paginator
    paginator = paginator_class(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
