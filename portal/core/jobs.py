"""Background jobs that build something while a page shows how far they have got.

``TrackedJob`` is the one progress mechanism: a row a Celery task claims, advances and
finishes, and that a page polls (htmx) until it is done or has failed. Report jobs
(``portal.reports``) and registry imports (``portal.registry``) both derive from it.
``run_job`` is the one path every job takes: claim the row, do the work, record the
outcome (a failure is recorded with a message, never swallowed) and send
``job_finished``, on which the notifications app tells the person who asked.
``render_job`` shows a job's page, or only its progress part when htmx polls.

The kernel's bottom layer: this module imports no other portal app. A concrete job
gives itself the community scope (``portal.accounts.scoping``) by deriving its
queryset from ``CommunityScopedQuerySet`` and ``TrackedJobQuerySet``.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# A job still waiting after this long is shown with a hint that the workers may be down.
QUEUE_PATIENCE = dt.timedelta(minutes=2)

PROGRESS_TEMPLATE = "core/includes/job_progress.html"

#: Sent by ``run_job`` once a job has finished or failed, with ``job``: the
#: notifications app tells whoever asked (``portal.notifications.receivers``).
job_finished = Signal()


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class JobError(Exception):
    """Work that cannot be done as asked; ``str(error)`` is the message for the user."""


@dataclass(frozen=True)
class BuiltFile:
    """What a job that builds a file returns: its name, its bytes, and its rows if any."""

    filename: str
    content: bytes
    row_count: int | None = None


class TrackedJobQuerySet(models.QuerySet):
    """What every kind of job can be asked; concrete jobs add the community scope."""

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
        _("attempts"),
        default=0,
        help_text=_("Runs started; more than one after a worker died."),
    )
    # Named by label, not imported: the core app sits below the registry.
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


J = TypeVar("J", bound=TrackedJob)


def run_job(model: type[J], pk: int, work: Callable[[J], None]) -> J | None:
    """Claim job ``pk`` of ``model``, run ``work(job)`` and record how it ended.

    Called by the Celery tasks of each kind of job. ``work`` finishes the job itself
    (``job.finish(...)``) and raises ``JobError`` for a failure the user can act on. Any
    other exception is logged with the job id and the job is marked failed with a
    reference; it is not re-raised, so that the page, not an error page, tells the user
    (and an in-process run does not break the request). ``job_finished`` is then sent
    (the notifications app tells whoever asked; a receiver's error is logged, never
    undoes the recorded outcome).
    Returns None when the job had already finished (a second delivery of the task).
    """
    job = model.claim(pk)
    if job is None:
        log.info("job already finished or gone: model=%s id=%s", model._meta.label, pk)
        return None
    try:
        work(job)
    except JobError as error:
        job.fail(str(error))
    except SoftTimeLimitExceeded:
        job.fail(gettext("The job took too long and was stopped. Try a smaller selection."))
    except Exception:
        log.exception("job crashed: model=%s id=%s", model._meta.label, pk)
        job.fail(
            gettext("The job stopped because of an internal error (reference %(label)s-%(id)s).")
            % {"label": model._meta.model_name, "id": pk}
        )
    for receiver, result in job_finished.send_robust(sender=model, job=job):
        if isinstance(result, Exception):
            log.error(
                "job_finished receiver %s failed: job=%s:%s",
                getattr(receiver, "__qualname__", receiver),
                job._meta.label_lower,
                job.pk,
                exc_info=result,
            )
    return job


def render_job(
    request: HttpRequest,
    template: str,
    job: TrackedJob,
    *,
    poll_url: str,
    result_template: str,
    **context: Any,
) -> HttpResponse:
    """``template`` (which includes the progress part) on a normal request; the progress
    part alone when htmx polls, so the poll costs one small query. For any staff view
    that has already fetched ``job`` through its access check; raises nothing itself."""
    context.update(job=job, poll_url=poll_url, result_template=result_template)
    if getattr(request, "htmx", False):
        return render(request, PROGRESS_TEMPLATE, context)
    return render(request, template, context)
