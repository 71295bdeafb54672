"""Staff pages of assistance applications (低保, 特困, 临时救助 …): the lists of work to
do and done, a new application, the case page with its steps, the household survey,
批量确认, the answer to a 公示 objection, and the reviews falling due.

Every query starts from ``visible_to(request.user)``; single applications come through
``access.get_application_for_user``, so another community's case is a 404. Who may take
which step is the services' decision (``services.next_steps`` / ``services.application_advance``);
the pages only offer and post. Pages that show households are never cached.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from assistance import access, roles
from assistance.forms.applications import (
    ApplicationFilterForm,
    ApplicationForm,
    BatchConfirmForm,
    BatchPublishForm,
    MemberAddForm,
    MemberRemoveForm,
    ObjectionAnswerForm,
    PayeeAccountForm,
    PriorAssistanceForm,
    SpecialDecisionForm,
    StepForm,
    SurveyForms,
    Tab,
)
from assistance.forms.recoveries import RecoveryRecordForm
from assistance.models import (
    Application,
    Programme,
    Rule,
    Status,
    action_label,
)
from assistance.payments import first_unpaid_month
from assistance.rules import assess
from assistance.services import applications as services
from assistance.services.survey import member_add, member_remove, rigid_expenses_save, survey_save
from assistance.temporary import (
    DECISION_STATUSES,
    PRIOR_STATUSES,
    prior_assistance_pay,
    special_decision_record,
)
from assistance.texts import date_text, money_text, month_text
from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.core.http import READ_METHODS, int_or_404
from portal.core.paging import paginate
from portal.notices import services as notice_services
from portal.notices.access import get_objection_for_user
from portal.notices.forms import ObjectionRecordForm, ObjectionRejectForm
from portal.notices.models import NoticeObjection, ObjectionStatus
from portal.registry.access import get_household_for_user, identity_shown_to
from portal.registry.models import Community, Household, Relation, Resident

#: The ID-number check's refusals (``portal.registry.idnumbers``), shown beside the number.
ID_NUMBER_CODES = dict.fromkeys(
    (
        "required",
        "invalid",
        "invalid_length",
        "invalid_checksum",
        "invalid_date",
        "future_date",
        "invalid_region",
    ),
    "id_number",
)
#: Households the chooser of a new application lists at most.
HOUSEHOLD_CHOICES = 20
#: Steps that set the management category (A/B/C): the survey's completion and the end
#: of a periodic review.
CATEGORY_STEPS = frozenset(
    {(Status.ACCEPTED, Status.INVESTIGATED), (Status.REVIEWING, Status.PAYING)}
)


def _back_with_status_warning(
    request: HttpRequest, application: Application, message: str
) -> HttpResponse:
    """Back to the case page, warning that its status (``%(status)s`` in ``message``)
    does not allow what was asked."""
    messages.warning(request, message % {"status": application.get_status_display()})
    return redirect(application)


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- lists ------------------------------------------------------------------------------------


@roles.caseworker_required
@never_cache
@require_http_methods(READ_METHODS)
def application_list(request: HttpRequest) -> HttpResponse:
    """Applications of the user's scope in three tabs: 待办 (a step the user may take
    now; the sub-district ticks cases for 批量确认 there), 已办 (a step the user
    recorded) and all. Search by head's name, address or certificate number; filter by
    programme, status and (sub-district roles) community."""
    user = request.user
    today = timezone.localdate()
    communities: list[tuple[int, str]] = []
    if user.sees_all_communities:
        communities = list(
            Community.objects.visible_to(user).order_by("code", "name").values_list("pk", "name")
        )
    form = ApplicationFilterForm(
        request.GET,
        programmes=list(Programme.objects.applicable().values_list("pk", "name")),
        communities=communities,
    )
    filters = form.filters()
    tab = form.chosen_tab
    applications = Application.objects.visible_to(user).for_list().matching(filters)
    batch = tab == Tab.TODO and roles.is_confirmer(user)
    if tab == Tab.TODO:
        # The longest waiting first.
        applications = applications.todo_for(user, today).order_by("submitted_at", "pk")
        if batch:
            applications = applications.with_confirmable(today)
    elif tab == Tab.DONE:
        applications = applications.handled_by(user).order_by("-submitted_at", "-pk")
    else:
        applications = applications.order_by("-submitted_at", "-pk")
    page, page_range = paginate(request, applications, seek=True)
    return render(
        request,
        "assistance/application_list.html",
        {
            "form": form,
            "tab": tab,
            "tabs": Tab.CHOICES,
            "batch": batch,
            "batch_form": BatchConfirmForm(user=user) if batch else None,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@roles.caseworker_required
@never_cache
@require_http_methods(READ_METHODS)
def review_list(request: HttpRequest) -> HttpResponse:
    """Cases in payment whose periodic review (复核) is due within
    ``ASSISTANCE_REVIEW_REMINDER_DAYS``, the earliest first; overdue ones flagged."""
    today = timezone.localdate()
    due_by = today + dt.timedelta(days=settings.ASSISTANCE_REVIEW_REMINDER_DAYS)
    applications = (
        Application.objects.visible_to(request.user)
        .for_list()
        .review_due_by(due_by)
        .order_by("next_review_on", "pk")
    )
    page, page_range = paginate(request, applications)
    return render(
        request,
        "assistance/review_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "today": today,
            "due_by": due_by,
        },
    )


@roles.confirmer_required
@never_cache
@require_POST
def batch_confirm(request: HttpRequest) -> HttpResponse:
    """批量确认: confirm the ticked applications, all of them or none (the service says
    which cannot be confirmed and why)."""
    form = BatchConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        chosen = list(form.cleaned_data["applications"].order_by("pk"))
        try:
            services.applications_confirm(
                applications=chosen, by=request.user, opinion=form.cleaned_data["opinion"]
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("Applications confirmed: %(count)s.") % {"count": len(chosen)},
            )
    return redirect(f"{reverse('assistance:application-list')}?tab={Tab.TODO}")


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def batch_publish(request: HttpRequest) -> HttpResponse:
    """批量公示: the reviewed cases of the user's scope waiting for their 公示, by
    community; the ticked ones are published together, one notice per community listing
    every household (all of them or none; the service says which cannot and why)."""
    user = request.user
    form = BatchPublishForm(request.POST if request.method == "POST" else None, user=user)
    if form.is_bound:
        if form.is_valid():
            chosen = list(form.cleaned_data["applications"].order_by("pk"))
            try:
                notices = services.applications_publish(applications=chosen, by=user)
            except ValidationError as error:
                _error_messages(request, error)
            else:
                messages.success(
                    request,
                    _("Published: %(count)s households on %(notices)s public notices.")
                    % {"count": len(chosen), "notices": len(notices)},
                )
                return redirect("assistance:application-batch-publish")
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
    applications = (
        Application.objects.visible_to(user)
        .awaiting_publicity()
        .for_list()
        .order_by("household__community__code", "household__community__name", "submitted_at", "pk")
    )
    page, page_range = paginate(request, applications)
    return render(
        request,
        "assistance/batch_publish.html",
        {"page_obj": page, "page_range": page_range},
    )


# --- a new application ------------------------------------------------------------------------


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    """Open an application: first choose a household of the user's scope (search by
    address or a member's name), then the programme and the reason. ``?household=<pk>``
    outside the scope is a 404."""
    user = request.user
    household_pk = request.GET.get("household", "")
    if not household_pk:
        text = request.GET.get("q", "").strip()
        households = []
        if text:
            heads = Resident.objects.heads().filter(household=OuterRef("pk"))
            households = list(
                Household.objects.visible_to(user)
                .select_related("community")
                .search(text)
                .annotate(head_name=Subquery(heads.values("name")[:1]))
                .order_by("community_id", "address", "pk")[:HOUSEHOLD_CHOICES]
            )
        return render(
            request,
            "assistance/application_form.html",
            {
                "households": households,
                "searched": bool(text),
                "query": text,
                "limit": HOUSEHOLD_CHOICES,
            },
        )
    household = get_household_for_user(user, int_or_404(household_pk))
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, household=household)
    if form.is_bound and form.is_valid():
        try:
            application = services.application_submit(
                household=household,
                programme=form.cleaned_data["programme"],
                by=user,
                reason=form.cleaned_data["reason"],
                channel=form.cleaned_data["channel"],
                requested_amount=form.cleaned_data["requested_amount"],
                rigid_expenses=form.cleaned_data["rigid_expenses"],
                staff_relative=form.cleaned_data["staff_relative"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application is recorded."))
            return redirect(application)
    return render(
        request,
        "assistance/application_form.html",
        {"household": household, "form": form, "members": household.members.order_by("pk")},
    )


# --- one application ----------------------------------------------------------------------------


@roles.caseworker_required
@never_cache
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case: household and members, the survey and its assessment, the steps, the
    objections to its 公示, the amounts, and the steps the user may take now."""
    user = request.user
    application = access.get_application_for_user(user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    members = list(application.members.select_related("resident").order_by("pk"))
    for member in members:
        # Full for identity-checking roles (and then an audit line), masked otherwise.
        shown = identity_shown_to(user, member.resident, purpose="assistance")
        member.shown_id_number = shown.id_number
    head = next((m.resident for m in members if m.resident.relation_to_head == Relation.HEAD), None)
    objections = list(
        NoticeObjection.objects.filter(notice__in=application.notice_ids()).select_related(
            "notice", "answered_by"
        )
    )
    targets = services.next_steps(user, application)
    notice = application.current_notice() if application.status == Status.PUBLICITY else None
    return render(
        request,
        "assistance/application_detail.html",
        {
            "application": application,
            "account_number": access.account_number_shown_to(user, application),
            "deadline": application.decision_deadline(),
            "conflicts": list(application.exclusive_conflicts()) if application.is_active else [],
            "notice": notice,
            "decision": getattr(application, "special_decision", None)
            if application.programme.rule == Rule.TEMPORARY
            else None,
            "decision_form": SpecialDecisionForm()
            if application.programme.rule == Rule.TEMPORARY
            and application.status in DECISION_STATUSES
            and roles.is_confirmer(user)
            else None,
            "confirm_from": notice.period_ends + dt.timedelta(days=1)
            if notice and notice.period_ends
            else None,
            "household": application.household,
            "head": head,
            "members": members,
            "incomes": application.incomes.select_related("member__resident", "exclusion").order_by(
                "pk"
            ),
            "assets": application.assets.order_by("pk"),
            "obligors": application.obligors.order_by("pk"),
            "steps": application.steps.select_related("by", "notice").order_by("at", "pk"),
            "objections": objections,
            "open_objections": [o for o in objections if o.status == ObjectionStatus.OPEN],
            "objection_record_form": ObjectionRecordForm(),
            # The running 公示, for recording an objection raised in person.
            "objection_notice": (
                application.current_notice() if application.status == Status.PUBLICITY else None
            ),
            "entitlements": application.entitlements.order_by("pays_from", "decided_at", "pk"),
            "actions": [(to, action_label(application.status, to)) for to in targets],
            "step_form": StepForm(),
            "asks_category": any((application.status, to) in CATEGORY_STEPS for to in targets),
            "prior_form": PriorAssistanceForm()
            if application.programme.rule == Rule.TEMPORARY
            and not application.programme.expense_test
            and application.status in PRIOR_STATUSES
            and application.prior_paid_on is None
            and roles.is_confirmer(user)
            else None,
            # 追缴 is recorded on a stopped case only (assistance.payments.recovery_record).
            "recoveries": list(application.recoveries.with_repaid().order_by("-recorded_at"))
            if application.status == Status.STOPPED
            else [],
            "recovery_form": RecoveryRecordForm()
            if application.status == Status.STOPPED and roles.is_confirmer(user)
            else None,
        },
    )


#: The steps that end or stop a case: each asks first, saying what follows.
REFUSALS = {
    Status.NOT_ACCEPTED: (
        gettext_lazy("Refuse to accept this application (不予受理)?"),
        gettext_lazy(
            "The application ends here; the household is told in writing, with your "
            "opinion as the reason."
        ),
    ),
    Status.NOT_CONFIRMED: (
        gettext_lazy("Refuse to confirm this application (不予确认)?"),
        gettext_lazy(
            "The household receives no assistance and the application ends; they are told "
            "in writing, with your opinion as the reason."
        ),
    ),
    Status.STOPPED: (
        gettext_lazy("Stop the payments (停发)?"),
        gettext_lazy(
            "Nothing is paid from next month on and the case closes; money already paid is "
            "not recovered. The household is told in writing, with your opinion as the reason."
        ),
    ),
}


@roles.caseworker_required
@never_cache
@require_POST
def application_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one step of the workflow (受理, 调查完成, 评议, 公示, 确认, 复核 …); the service
    refuses a step out of order or outside the user's role, with the reason."""
    application = access.get_application_for_user(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        if form.has_error("to"):
            messages.error(request, _("Choose one of the steps offered."))
        for name in ("opinion", "category"):
            for message in form.errors.get(name, []):
                label = form.fields[name].label
                messages.error(
                    request, _("%(label)s: %(message)s") % {"label": label, "message": message}
                )
        return redirect(application)
    # Without an opinion the service refuses anyway; ask only when the step can go ahead.
    if form.cleaned_data["to"] in REFUSALS and form.cleaned_data["opinion"].strip():
        question, consequence = REFUSALS[form.cleaned_data["to"]]
        page = confirmation_page(
            request,
            question=str(question),
            consequence=str(consequence),
            confirm_label=Status(form.cleaned_data["to"]).label,
            back_url=application.get_absolute_url(),
        )
        if page is not None:
            return page
    try:
        step = services.application_advance(
            application=application,
            to=form.cleaned_data["to"],
            by=request.user,
            opinion=form.cleaned_data["opinion"],
            category=form.cleaned_data["category"],
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": step.label})
    return redirect(application)


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def application_survey(request: HttpRequest, pk: int) -> HttpResponse:
    """The household survey on one page: who is counted, incomes, assets and obligors,
    saved together; below, what the rules make of it today. Only while the survey may
    be edited (under investigation, or in periodic review)."""
    user = request.user
    application = access.get_application_for_user(user, pk)
    if not application.survey_editable:
        return _back_with_status_warning(
            request,
            application,
            _("The survey of an application that is “%(status)s” cannot be changed."),
        )
    data = request.POST if request.method == "POST" else None
    survey = SurveyForms(data, application=application)
    problems: list[str] = []
    if survey.is_bound and survey.is_valid():
        try:
            survey_save(application=application, formsets=survey, by=user)
        except ValidationError as error:
            problems = error.messages
            # The failed save rolled back; show the posted rows again as they came.
            survey = SurveyForms(request.POST, application=application)
            survey.is_valid()
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("assistance:application-survey", pk=application.pk)
    return render(
        request,
        "assistance/application_survey.html",
        {
            "application": application,
            "survey": survey,
            "problems": problems,
            "errors": survey.errors() if survey.is_bound else [],
            "preview": None if survey.is_bound else assess(application, timezone.localdate()),
        },
    )


def _members_page(
    request: HttpRequest,
    application: Application,
    add_form: MemberAddForm,
    remove_form: MemberRemoveForm,
) -> HttpResponse:
    members = list(application.members.select_related("resident").order_by("pk"))
    for member in members:
        shown = identity_shown_to(request.user, member.resident, purpose="assistance")
        member.shown_id_number = shown.id_number
    today = timezone.localdate()
    return render(
        request,
        "assistance/application_members.html",
        {
            "application": application,
            "members": members,
            "add_form": add_form,
            "remove_form": remove_form,
            # A review pays the change from the first unpaid month (not before this one);
            # a first survey from the month after confirmation.
            "change_month": max(today.replace(day=1), first_unpaid_month(today))
            if application.status == Status.REVIEWING
            else None,
        },
    )


@roles.caseworker_required
@never_cache
@sensitive_post_parameters("id_number")
@require_http_methods(["GET", "POST"])
def application_members(request: HttpRequest, pk: int) -> HttpResponse:
    """共同生活 members (§3.1) at the survey or the review: count a person who is not in
    the registry household (by a checked ID number, from the registry or registered
    here), with the reason; below, the members and the form that removes one."""
    user = request.user
    application = access.get_application_for_user(user, pk)
    if not application.survey_editable:
        return _back_with_status_warning(
            request,
            application,
            _("The members of an application that is “%(status)s” cannot be changed."),
        )
    form = MemberAddForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            member = member_add(application=application, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, ID_NUMBER_CODES)
        else:
            messages.success(
                request,
                _("%(name)s is counted in the household.") % {"name": member.resident.name},
            )
            return redirect("assistance:application-members", pk=application.pk)
    return _members_page(request, application, form, MemberRemoveForm(application=application))


@roles.caseworker_required
@never_cache
@require_POST
def application_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """No longer count a member, with the reason, after a confirmation that says what
    follows (the amount is recomputed from the next unpaid month)."""
    user = request.user
    application = access.get_application_for_user(user, pk)
    if not application.survey_editable:
        return _back_with_status_warning(
            request,
            application,
            _("The members of an application that is “%(status)s” cannot be changed."),
        )
    form = MemberRemoveForm(request.POST, application=application)
    if form.is_valid():
        member = form.cleaned_data["member"]
        page = confirmation_page(
            request,
            question=_("No longer count %(name)s in the household?")
            % {"name": member.resident.name},
            consequence=_(
                "Their income is no longer counted and the amount is recomputed when the "
                "survey or review is completed, from the next unpaid month. They can be "
                "counted again later."
            ),
            confirm_label=_("Remove from the household"),
            back_url=reverse("assistance:application-members", args=[application.pk]),
        )
        if page is not None:
            return page
        try:
            member_remove(member=member, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is no longer counted in the household.")
                % {"name": member.resident.name},
            )
            return redirect("assistance:application-members", pk=application.pk)
    return _members_page(request, application, MemberAddForm(), form)


@roles.caseworker_required
@never_cache
@require_POST
def application_special_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the 一事一议 decision of a temporary-assistance case (sub-district staff;
    outsiders get 404 from the fetcher, community staff 403)."""
    application = access.get_application_for_user(request.user, pk)
    if not roles.is_confirmer(request.user):
        raise PermissionDenied
    form = SpecialDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application)
    try:
        special_decision_record(application=application, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The case-by-case decision is recorded."))
    return redirect(application)


@roles.caseworker_required
@never_cache
@require_POST
def application_prior(request: HttpRequest, pk: int) -> HttpResponse:
    """先行救助: pay an emergency temporary-assistance case at once (sub-district staff;
    outsiders get 404 from the fetcher, community staff 403); the paperwork is then due
    within the rules' days."""
    application = access.get_application_for_user(request.user, pk)
    if not roles.is_confirmer(request.user):
        raise PermissionDenied
    form = PriorAssistanceForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application)
    try:
        entitlement = prior_assistance_pay(
            application=application, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        application.refresh_from_db()
        messages.success(
            request,
            _(
                "%(amount)s is paid in advance on the roster of %(month)s; complete the "
                "paperwork by %(due)s."
            )
            % {
                "amount": money_text(entitlement.monthly_amount),
                "month": month_text(entitlement.pays_from),
                "due": date_text(application.paperwork_due),
            },
        )
    return redirect(application)


@roles.caseworker_required
@never_cache
@require_http_methods(READ_METHODS)
def prior_list(request: HttpRequest) -> HttpResponse:
    """先行救助 cases of the user's scope whose paperwork is not done (not decided), the
    earliest due first; those past their due day flagged."""
    applications = (
        Application.objects.visible_to(request.user)
        .prior_pending()
        .for_list()
        .order_by("paperwork_due", "pk")
    )
    page, page_range = paginate(request, applications)
    return render(
        request,
        "assistance/prior_list.html",
        {"page_obj": page, "page_range": page_range, "today": timezone.localdate()},
    )


@roles.caseworker_required
@require_POST
def application_expenses(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the rigid expenses of a 支出型 temporary-assistance survey."""
    application = access.get_application_for_user(request.user, pk)
    try:
        rigid_expenses_save(
            application=application, by=request.user, amount=request.POST.get("rigid_expenses", "")
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The rigid expenses are saved."))
    return redirect("assistance:application-survey", pk=application.pk)


@roles.caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def application_account(request: HttpRequest, pk: int) -> HttpResponse:
    """The payee account (收款账户) the roster pays into, while the case is open."""
    user = request.user
    application = access.get_application_for_user(user, pk)
    if not application.is_active:
        return _back_with_status_warning(
            request,
            application,
            _("The account of an application that is “%(status)s” cannot be changed."),
        )
    form = PayeeAccountForm(
        request.POST if request.method == "POST" else None, instance=application, user=user
    )
    if form.is_valid():
        try:
            services.payee_account_save(
                application=application,
                by=user,
                **{name: form.cleaned_data[name] for name in services.ACCOUNT_FIELDS},
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The payee account is saved."))
            return redirect(application)
    return render(
        request,
        "assistance/application_account.html",
        {"application": application, "form": form},
    )


# --- objections ----------------------------------------------------------------------------------


@roles.caseworker_required
@never_cache
@require_POST
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer an objection to a 公示 with the investigation's finding; the case may then
    be published again. Back to the application named in ``next`` if the user may see
    it, else to the list."""
    user = request.user
    objection = get_objection_for_user(user, pk)
    form = ObjectionAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer to the objection."))
    else:
        try:
            notice_services.objection_answer(
                objection=objection, answer=form.cleaned_data["answer"], by=user
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("The objection is answered."))
    back = form.cleaned_data.get("next") if form.is_valid() else _posted_next(request)
    if back and Application.objects.visible_to(user).filter(pk=back).exists():
        return redirect("assistance:application-detail", pk=back)
    return redirect("assistance:application-list")


@roles.caseworker_required
@never_cache
@require_POST
def objection_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """受理: accept an objection for investigation; its case goes back to investigation
    and the notice is withdrawn (the service's ``objection_accepted`` signal). Back as
    :func:`objection_answer`."""
    objection = get_objection_for_user(request.user, pk)
    # Accepted from a case's page: on a batch 公示 only that household is investigated again.
    back = _posted_next(request)
    concerning = (
        Application.objects.visible_to(request.user).filter(pk=back).first() if back else None
    )
    try:
        notice_services.objection_accept(
            objection=objection, by=request.user, concerning=concerning
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request, _("The objection is accepted; the case is back under investigation.")
        )
    return _back_to_case(request, _posted_next(request))


@roles.caseworker_required
@never_cache
@require_POST
def objection_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """不予受理: decline an objection with the reason; the notice stays up."""
    objection = get_objection_for_user(request.user, pk)
    form = ObjectionRejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for not accepting it."))
    else:
        try:
            notice_services.objection_reject(
                objection=objection, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("The objection is not accepted; the reason is recorded."))
    return _back_to_case(request, _posted_next(request))


@roles.caseworker_required
@never_cache
@sensitive_post_parameters("text")
@require_POST
def objection_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an objection someone raised in person against the case's running 公示;
    staff then triage it like one filed on the page."""
    application = access.get_application_for_user(request.user, pk)
    notice = application.current_notice()
    form = ObjectionRecordForm(request.POST)
    if notice is None:
        messages.error(request, _("This notice is not open for objections."))
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            notice_services.objection_record(
                notice=notice,
                text=form.cleaned_data["text"],
                raised_by_name=form.cleaned_data["raised_by_name"],
                by=request.user,
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("The objection is recorded; decide whether to accept it."))
    return redirect("assistance:application-detail", pk=application.pk)


def _back_to_case(request: HttpRequest, back: int | None) -> HttpResponse:
    if back and Application.objects.visible_to(request.user).filter(pk=back).exists():
        return redirect("assistance:application-detail", pk=back)
    return redirect("assistance:application-list")


def _posted_next(request: HttpRequest) -> int | None:
    value = request.POST.get("next", "")
    return int(value) if value.isascii() and value.isdigit() else None
