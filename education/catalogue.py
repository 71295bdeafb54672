"""The seed plan's training programmes (社区工作计划 篇5, 三、重点工作) and the
completion of its catalogue: codes are stable (the work-plan measures name them)."""

from dataclasses import dataclass

from education.models import CountingMethod, TrainingProgramme


@dataclass(frozen=True)
class ProgrammeSpec:
    code: str
    name: str
    method: str
    unit: str
    target: int
    sessions: int | None = None


#: The seven yearly targets of plan 5, in its order.
PROGRAMMES = (
    ProgrammeSpec("teacher_distance", "教师远程教育培训", CountingMethod.IMPORT, "人次", 1800),
    ProgrammeSpec("sending_teaching", "国培团队研修送教下乡", CountingMethod.ROSTER, "人次", 130),
    ProgrammeSpec(
        "teacher_workshop", "校园长及乡村教师工作坊研修", CountingMethod.ROSTER, "人次", 40
    ),
    ProgrammeSpec(
        "public_course", "专业技术人员公需科目培训", CountingMethod.ROSTER, "人次", 1700, 7
    ),
    ProgrammeSpec("adult_degree", "成人学历教育招生", CountingMethod.DEGREE, "人", 65),
    ProgrammeSpec("farmer_skills", "农民实用技术培训", CountingMethod.ROSTER, "人次", 18000),
    ProgrammeSpec(
        "labour_transfer", "农村剩余劳动力转移培训", CountingMethod.ATTENDANCE, "人次", 4000
    ),
)


def install_programmes() -> dict[str, TrainingProgramme]:
    """Create the plan's programmes that are missing (idempotent); returns them by code."""
    programmes = {}
    for order, spec in enumerate(PROGRAMMES):
        programme, _created = TrainingProgramme.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "method": spec.method,
                "unit": spec.unit,
                "sort_order": order,
            },
        )
        programmes[spec.code] = programme
    return programmes
