"""Who is told what: a learner who moves up from a class's waiting list gets a message
(inbox, and the channels they chose), once per enrolment however often it runs.
Learners without an account are phoned by staff (the class page shows who moved up)."""

import logging

from education.models import Enrolment, EnrolmentStatus
from portal.accounts.models import User
from portal.notifications.services import notify

log = logging.getLogger(__name__)

NOTIFICATION_KIND = "education_place_offered"


def enrolment_promotion_send(enrolment_id: int) -> int:
    """Tell the learner of enrolment ``enrolment_id`` (now confirmed) that they have a
    place. Returns the messages sent or found (0 when nobody has an account)."""
    enrolment = (
        Enrolment.objects.select_related("course_class__course")
        .filter(pk=enrolment_id, status=EnrolmentStatus.CONFIRMED)
        .first()
    )
    if enrolment is None:
        return 0
    sent = 0
    for user in User.objects.filter(resident_id=enrolment.resident_id, is_active=True):
        if notify(
            user,
            NOTIFICATION_KIND,
            {"course_class": str(enrolment.course_class)},
            url="/education/my/",
            key=f"education-promoted:{enrolment.pk}:{user.pk}",
        ):
            sent += 1
    log.info("enrolment promotion: enrolment=%s messages=%s", enrolment.pk, sent)
    return sent
