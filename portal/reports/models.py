"""Report jobs: workbooks built in the background and kept for download.

A ``ReportJob`` is a ``TrackedJob`` (``portal.core.jobs``, the one progress mechanism).
"""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core import hooks
from portal.core.jobs import TrackedJob, TrackedJobQuerySet


class ReportJobQuerySet(CommunityScopedQuerySet, TrackedJobQuerySet):
    """Scoped like every community record; a job with no community (asked for by a
    sub-district user, or by beat) is seen by sub-district roles only."""

    community_lookup = "community"

    def identity_allowed_for(self, user: Any) -> "ReportJobQuerySet":
        """Files with full ID and phone numbers only for roles that may see those."""
        if getattr(user, "can_see_full_identity", False):
            return self
        return self.filter(full_identity=False)

    def kinds_allowed_for(self, user: Any) -> "ReportJobQuerySet":
        """Jobs of the kinds ``user`` may request, which are the kinds they may open: one
        rule per kind, declared by the app that registers it (``ReportKindSpec.allowed``)."""
        return self.filter(kind__in=hooks.report_kinds_allowed(user))

    def downloadable_by(self, user: Any) -> "ReportJobQuerySet":
        """Jobs ``user`` may open: their communities' (or, for sub-district roles, all),
        of the kinds their role may have, within what their role may see."""
        return self.visible_to(user).kinds_allowed_for(user).identity_allowed_for(user)


class ReportJob(TrackedJob):
    """A workbook built in the background and kept for download by whoever may see it.

    The row is also the record of the request: who asked, when, for which community and
    with which filter (``params``), as an export must be recorded.
    """

    #: A kind registered by an app (``report_kinds`` in its config, portal.core.contract).
    kind = models.CharField(_("report"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    selection = models.CharField(
        _("selection"),
        max_length=500,
        blank=True,
        help_text=_("The parameters as the person who asked chose them, in words."),
    )
    title = models.CharField(_("title"), max_length=200)
    full_identity = models.BooleanField(
        _("full ID and phone numbers"),
        default=False,
        help_text=_("The file holds unmasked personal data; only identity-checking roles open it."),
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta(TrackedJob.Meta):
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["kind", "community", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:job-detail", args=[self.pk])

    @property
    def kind_title(self) -> str:
        """The kind's name as its app registers it (the code, if the app is gone)."""
        try:
            return str(hooks.report_kind(self.kind).title)
        except hooks.UnknownKind:
            return self.kind
