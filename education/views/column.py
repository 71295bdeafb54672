"""The farmers' column: the coordinator's list of posts with the weekly counts against
the minimum, the post form; the public column pages."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from education.forms.other import ColumnPostForm
from education.models import ColumnCategory, ColumnPost
from education.roles import coordinator_required
from education.services.column import week_counts, week_start, weekly_minimum
from portal.core.history import save_checked
from portal.core.paging import paginate

WEEKS_SHOWN = 8


@coordinator_required
@never_cache
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    """Posts, newest first, and the last weeks' counts against the weekly minimum."""
    monday = week_start(timezone.localdate())
    mondays = [monday - dt.timedelta(weeks=n) for n in range(WEEKS_SHOWN)]
    counts = week_counts(mondays)
    weeks = [
        {
            "start": m,
            "end": m + dt.timedelta(days=6),
            "posts": counts[m],
            "short": counts[m] < weekly_minimum(),
        }
        for m in mondays
    ]
    page, page_range = paginate(request, ColumnPost.objects.order_by("-published_at", "-pk"))
    return render(
        request,
        "education/post_list.html",
        {"page_obj": page, "page_range": page_range, "weeks": weeks, "minimum": weekly_minimum()},
    )


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    form = ColumnPostForm(
        request.POST or None,
        initial={"published_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        post = form.save(commit=False)
        post.author = request.user
        save_checked(post, by=request.user)
        messages.success(request, _("The post was saved."))
        return redirect("education:post-list")
    return render(request, "education/post_form.html", {"form": form})


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(ColumnPost, pk=pk)
    form = ColumnPostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        save_checked(form.save(commit=False), by=request.user)
        messages.success(request, _("The post was saved."))
        return redirect("education:post-list")
    return render(request, "education/post_form.html", {"form": form, "post": post})


@login_not_required
@require_GET
def column(request: HttpRequest) -> HttpResponse:
    """The public column (为农服务专题): published posts, newest first, by category."""
    posts = ColumnPost.objects.published()
    category = request.GET.get("category", "")
    if category in ColumnCategory.values:
        posts = posts.filter(category=category)
    else:
        category = ""
    page, page_range = paginate(request, posts.order_by("-published_at", "-pk"))
    return render(
        request,
        "education/column.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "categories": ColumnCategory.choices,
            "category": category,
        },
    )


@login_not_required
@require_GET
def column_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(ColumnPost.objects.published(), pk=pk)
    return render(request, "education/column_detail.html", {"post": post})
