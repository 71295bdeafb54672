"""Public notice pages (list and detail, no login; objections to a running 公示 by
anyone signed in) and the staff pages that write, publish and withdraw notices.

Public pages show published notices only; a 公示's names are masked on the server
(张三 → 张*) and the text passes through ``mask_text`` as defence in depth. Staff
queries start from ``visible_to(request.user)``; single notices come through
``get_notice_for_user``, so another community's notice is a 404.
"""

import copy
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.core.logging import mask_text
from portal.core.paging import paginate
from portal.notices import services
from portal.notices.access import get_notice_for_user, notice_editor_required
from portal.notices.forms import (
    EXTRA_LISTING_ROWS,
    NoticeEditor,
    NoticeFilterForm,
    ObjectionForm,
    PublicNoticeFilterForm,
)
from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus
from portal.registry.masking import mask_name
from portal.registry.models import Community, SubDistrict

#: Blank rows of the list after "Save and add rows".
MORE_LISTING_ROWS = 10


# --- public pages ------------------------------------------------------------------------------


@login_not_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """Published notices, newest first, 20 a page: tabs by kind, a select by community.
    Choosing a community shows its notices and those of the whole sub-district."""
    communities = list(Community.objects.order_by("code", "name").values_list("pk", "name"))
    form = PublicNoticeFilterForm(request.GET, communities=communities)
    filters = form.filters()
    notices = Notice.objects.public().select_related("community").defer("body")
    if "kind" in filters:
        notices = notices.filter(kind=filters["kind"])
    if "community" in filters:
        notices = notices.for_public_community(filters["community"])
    page, page_range = paginate(request, notices)
    return render(
        request,
        "notices/notice_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
            "kinds": NoticeKind.choices,
            "current_kind": filters.get("kind", ""),
        },
    )


@dataclass(frozen=True)
class PublicListing:
    """A row of a 公示 as the public sees it: the name masked, never the full one."""

    name: str
    detail: str


@login_not_required
@require_GET
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published notice. Drafts and those whose publication time has not come are
    404. A withdrawn notice answers 410 with a page saying so, and nothing of the notice
    itself (it may have been withdrawn for what it said): people follow links to a 公示
    that an objection has withdrawn. A 公示 shows its period, its list with names masked,
    where to object, whether the period is still running and, while it runs, the
    objection form for signed-in visitors."""
    try:
        notice = _public_notice(pk)
    except Http404:
        if Notice.objects.filter(pk=pk, status=NoticeStatus.WITHDRAWN).exists():
            return render(request, "notices/notice_withdrawn.html", status=410)
        raise
    return _detail_page(request, notice, ObjectionForm())


@login_not_required  # anonymous visitors are sent to log in and back to the notice (below)
@never_cache
@sensitive_post_parameters("text")  # an objection may name people: keep it out of reports
@require_POST
def notice_objection(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise an objection to a running 公示 from its public page. A signed-in resident
    whose account is linked to the registry may object (rate-limited by the service);
    others see the refusal beside the form and the office to object at in person. An
    anonymous visitor is sent to log in and back to the notice (not to this address,
    which answers POST only). The notice stays up while staff triage the objection."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("notices:notice-detail", args=[pk]))
    notice = _public_notice(pk)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_file(notice=notice, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your objection has been submitted. Staff will look into it before the "
                    "list is decided."
                ),
            )
            if Notice.objects.public().filter(pk=notice.pk).exists():
                return redirect(notice)
            return redirect("notices:notice-list")
    return _detail_page(request, notice, form)


def _public_notice(pk: int) -> Notice:
    return get_object_or_404(Notice.objects.public().select_related("community"), pk=pk)


def _objection_office(notice: Notice) -> str:
    """Where to object in person: the notice's own contact, else its community's (or the
    sub-district's) office address and phone."""
    if notice.objection_contact:
        return notice.objection_contact
    office = notice.community or SubDistrict.objects.first()
    if office is None:
        return ""
    return " ".join(filter(None, [office.name, office.address, office.phone]))


def _detail_page(request: HttpRequest, notice: Notice, form: ObjectionForm) -> HttpResponse:
    listings = []
    if notice.is_publicity:
        rows = NoticeListing.objects.filter(notice=notice).order_by("position", "pk")
        listings = [
            PublicListing(name=mask_name(row.name), detail=mask_text(row.detail)) for row in rows
        ]
    back = urlencode({"next": notice.get_absolute_url()})
    return render(
        request,
        "notices/notice_detail.html",
        {
            "notice": notice,
            # Defence in depth: the forms refuse ID and mobile numbers already.
            "title": mask_text(notice.title),
            "body": mask_text(notice.body),
            "listings": listings,
            "objection_form": form,
            # Only a resident whose account is linked to the registry objects here; others
            # are shown where to object in person.
            "may_object": bool(getattr(request.user, "resident_id", None)),
            "objection_office": _objection_office(notice),
            "login_url": f"{reverse('accounts:login')}?{back}",
            "register_url": f"{reverse('accounts:register')}?{back}",
        },
    )


# --- staff pages -------------------------------------------------------------------------------


@notice_editor_required
@never_cache
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    """The notices of the user's scope, every status, last changed first: search the
    title, filter by kind, status and (sub-district roles) community."""
    user = request.user
    communities: list[tuple[int, str]] = []
    if user.sees_all_communities:
        communities = list(
            Community.objects.visible_to(user).order_by("code", "name").values_list("pk", "name")
        )
    form = NoticeFilterForm(request.GET, communities=communities)
    filters = form.filters()
    # A subquery rather than a join, so that the paginator's COUNT stays a plain one.
    listing_count = (
        NoticeListing.objects.filter(notice=OuterRef("pk"))
        .order_by()
        .values("notice")
        .annotate(n=Count("pk"))
        .values("n")
    )
    notices = (
        Notice.objects.visible_to(user)
        .select_related("community")
        .defer("body")
        .annotate(listing_count=Coalesce(Subquery(listing_count), 0))
    )
    if "q" in filters:
        notices = notices.filter(title__icontains=filters["q"].strip())
    if "kind" in filters:
        notices = notices.filter(kind=filters["kind"])
    if "status" in filters:
        notices = notices.filter(status=filters["status"])
    if "community" in filters:
        if filters["community"] == NoticeFilterForm.SUB_DISTRICT:
            notices = notices.filter(community__isnull=True)
        else:
            notices = notices.filter(community=filters["community"])
    page, page_range = paginate(request, notices.order_by("-updated_at", "-pk"))
    return render(
        request,
        "notices/notice_staff_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


def _extra_rows(request: HttpRequest) -> int:
    return MORE_LISTING_ROWS if request.GET.get("more") else EXTRA_LISTING_ROWS


def _editor_page(request: HttpRequest, editor: NoticeEditor, notice: Notice | None) -> HttpResponse:
    context = {"editor": editor, "form": editor.form, "notice": notice}
    if request.htmx and request.method == "GET":
        # Choosing the kind: the 公示 section alone (empty for other kinds).
        return render(request, "notices/includes/publicity_fields.html", context)
    return render(request, "notices/notice_form.html", context)


def _after_save(request: HttpRequest, notice: Notice) -> HttpResponse:
    address = reverse("notices:update", args=[notice.pk])
    if "add_rows" in request.POST:
        return redirect(f"{address}?more=1#listings")
    return redirect(address)


@notice_editor_required
@never_cache
@sensitive_post_parameters()  # a 公示's rows name people: keep them out of error reports
@require_http_methods(["GET", "POST"])
def notice_create(request: HttpRequest) -> HttpResponse:
    """Write a notice; it is saved as a draft. ``?kind=publicity`` starts a 公示."""
    data = request.POST if request.method == "POST" else None
    editor = NoticeEditor(
        data,
        user=request.user,
        kind=request.GET.get("kind"),
        kind_url=reverse("notices:create"),
        extra_rows=_extra_rows(request),
    )
    if editor.is_bound and editor.is_valid():
        notice = editor.save(by=request.user)
        messages.success(
            request,
            _("“%(title)s” is saved as a draft. Publish it when it is ready.")
            % {"title": notice.title},
        )
        return _after_save(request, notice)
    return _editor_page(request, editor, None)


@notice_editor_required
@never_cache
@sensitive_post_parameters()  # a 公示's rows name people: keep them out of error reports
@require_http_methods(["GET", "POST"])
def notice_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a notice (and a 公示's list). Each save adds history rows."""
    notice = get_notice_for_user(request.user, pk)
    # The heading and buttons describe the stored notice; validation changes ``notice``.
    stored = copy.copy(notice)
    data = request.POST if request.method == "POST" else None
    editor = NoticeEditor(
        data,
        user=request.user,
        instance=notice,
        kind=request.GET.get("kind"),
        kind_url=reverse("notices:update", args=[notice.pk]),
        extra_rows=_extra_rows(request),
    )
    if editor.is_bound and editor.is_valid():
        notice = editor.save(by=request.user)
        messages.success(request, _("Changes to “%(title)s” are saved.") % {"title": notice.title})
        return _after_save(request, notice)
    return _editor_page(request, editor, stored)


@notice_editor_required
@never_cache
@require_POST
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a draft or withdrawn notice; the public sees it from then on."""
    notice = get_notice_for_user(request.user, pk)
    try:
        services.notice_publish(notice=notice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is published.") % {"title": notice.title})
    return redirect("notices:update", pk=notice.pk)


@notice_editor_required
@never_cache
@require_POST
def notice_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a published notice, once confirmed; the public page answers 410 from then
    on."""
    notice = get_notice_for_user(request.user, pk)
    # Asked only when there is something to withdraw; otherwise the service says why not.
    page = notice.status == NoticeStatus.PUBLISHED and confirmation_page(
        request,
        question=_("Withdraw “%(title)s”?") % {"title": notice.title},
        consequence=_(
            "The public page stops showing it at once. You can publish it again later; a "
            "public notice (公示) then runs a new period."
        ),
        confirm_label=_("Withdraw"),
        back_url=reverse("notices:update", args=[notice.pk]),
    )
    if page:
        return page
    try:
        services.notice_withdraw(notice=notice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is withdrawn.") % {"title": notice.title})
    return redirect("notices:update", pk=notice.pk)
