"""Background jobs that build a file while the page shows how far they have got.

``TrackedJob`` is the one progress mechanism: a row a Celery task claims, advances and
finishes, and that a page polls (htmx) until it is done or has failed. Report jobs
(workbooks kept for download) and registry imports both derive from it.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core import hooks

# A job still waiting after this long is shown with a hint that the workers may be down.
QUEUE_PATIENCE = dt.timedelta(minutes=2)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class TrackedJobQuerySet(CommunityScopedQuerySet):
    """Scoped like every community record; a job with no community (asked for by a
    sub-district user, or by beat) is seen by sub-district roles only."""

    community_lookup = "community"

    def unfinished(self) -> "TrackedJobQuerySet":
        return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])


class TrackedJob(models.Model):
    """A unit of background work with a status, a percentage and a line saying what it is
    doing, written as it goes so that a polling page can show it.

    Progress is written with ``UPDATE`` outside any transaction of the work itself; work
    that must be all-or-nothing reports its progress before it opens its transaction.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Runs started; more than one after a worker died.")
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the whole sub-district."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = TrackedJobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_waiting_long(self) -> bool:
        """Queued for longer than any worker would leave it: the workers may be down."""
        return self.status == JobStatus.QUEUED and timezone.now() - self.created_at > QUEUE_PATIENCE

    @property
    def outcome(self) -> str:
        """How the run ended, in a sentence for the person who asked (their inbox)."""
        return self.error if self.status == JobStatus.FAILED else ""

    @property
    def duration(self) -> dt.timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @classmethod
    def claim(cls, pk: int) -> "TrackedJob | None":
        """Mark job ``pk`` running and return it, or None when there is nothing to do (it
        finished already, or it is gone). A job found running was left by a worker that
        died; it is started again from the beginning, which the work must allow."""
        with transaction.atomic():
            job = cls._default_manager.select_for_update().filter(pk=pk).first()
            if job is None or job.is_finished:
                return None
            job.status = JobStatus.RUNNING
            job.started_at = timezone.now()
            job.attempts += 1
            job.progress = 0
            job.error = ""
            job.save(update_fields=["status", "started_at", "attempts", "progress", "error"])
        return job

    def report_progress(self, done: int, total: int, stage: str = "") -> None:
        """Record ``done`` of ``total`` steps; writes only when the percentage or the step
        changes, so a 100,000-row loop costs at most a hundred small updates."""
        percent = min(99, int(done * 100 / total)) if total else 0
        if percent == self.progress and (not stage or stage == self.stage):
            return
        self.progress = percent
        fields: dict[str, Any] = {"progress": percent}
        if stage:
            self.stage = fields["stage"] = stage[:200]
        type(self)._default_manager.filter(pk=self.pk).update(**fields)

    def finish(self, **fields: Any) -> None:
        """Done: 100 %, with whatever result fields the job kind has."""
        for name, value in fields.items():
            setattr(self, name, value)
        self.status, self.progress, self.finished_at = JobStatus.DONE, 100, timezone.now()
        self.save()

    def fail(self, message: str) -> None:
        """Failed, with a message for the person who asked (never personal data)."""
        self.status, self.error, self.finished_at = JobStatus.FAILED, message, timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])


class ReportJobQuerySet(TrackedJobQuerySet):
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
