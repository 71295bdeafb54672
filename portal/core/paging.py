"""Pagination for list pages, shared so every list pages and elides the same way."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 20


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> tuple[Page, list]:
    """The requested page (the first for a bad number, the last past the end) and the
    page numbers to link, with ellipses (for ``includes/pagination.html``)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
