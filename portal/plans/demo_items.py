"""The seed's six community work plans (/work/shared/seed/community-work-plans.txt) as the
items of the demo's sub-district plan, chapter by chapter (篇1 … 篇6).

Each measured item names, in order of preference, the measures that may count it: the
first one an installed app registers is used. A kernel measure is named by its key
(``events.held``); a chapter app's by ``*.<name>`` (any app's measure of that name, so
that the kernel names no chapter app), e.g. ``*.households_covered``. An item none of
whose measures is registered becomes a milestone (a chapter app not installed yet).
``settings.PLANS_DEMO_MEASURE_ALIASES`` maps a name used here to the key an app really
registers (``{"*.devices_installed": "<app>.call_devices_fitted"}``): extend it there when
an app registers its measure under another name.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    text: str
    #: ``(measure key, option)`` candidates, best first; empty: a milestone.
    measures: tuple[tuple[str, str], ...] = ()
    target: int | None = None
    due: tuple[int, int] | None = None  # (month, day) in the plan's year
    starts: tuple[int, int] | None = None
    owner_role: str = "subdistrict_staff"
    public: bool = False
    #: A milestone done by the demo (when its due date has passed), with this note.
    done_note: str = ""


CHAPTERS: list[tuple[str, list[Seed]]] = [
    (
        "篇1 社会救助、养老服务与基层民主",
        [
            Seed(
                "建立和完善低保户和低保边缘户9种特病患者医疗救助制度，设立特殊疾病医疗救助基金。",
                due=(6, 30),
                done_note="街道社会救助工作联席会议通过特病医疗救助实施办法。",
            ),
            Seed(
                "逐步扩大救助范围：继续推进分类施保和专项救助，低保覆盖困难家庭。",
                measures=(("*.households_covered", "subsistence"),),
                target=20,
                public=True,
            ),
            Seed(
                "开展扶贫帮困送温暖活动，及时实施临时救助，解决困难群众基本生活、就医、子女上学等实际困难。",
                measures=(("*.temporary_cases", ""),),
                target=10,
                owner_role="community_staff",
            ),
            Seed("抓好低保提标工作：3月起提高城市低保标准，4月起提高农村低保标准。", due=(4, 30)),
            Seed(
                "扩大老年人应急呼叫系统安装范围，力争今年达到100户。",
                measures=(("*.devices_installed", ""), ("*.call_devices", "")),
                target=100,
                public=True,
                owner_role="care_station_operator",
            ),
            Seed(
                "组织义工队伍与“困难、空巢、孤寡、残疾”老人结对关爱，开展多种形式的志愿服务。",
                measures=(("events.held", "volunteer"),),
                target=6,
                public=True,
                owner_role="community_staff",
            ),
            Seed(
                "实行社区义工登记实名制，大力发展社区义工队伍。",
                measures=(("events.attendance_persons", "volunteer"),),
                target=12,
                owner_role="community_staff",
            ),
            Seed(
                "大力发展社区义工队伍，义工服务时长全年累计200小时。",
                measures=(("events.volunteer_hours", ""),),
                target=200,
                owner_role="community_staff",
            ),
            Seed("认真组织好社区委员会换届选举工作，详细制定工作方案，搞好工作试点。", due=(6, 30)),
            Seed(
                "打造数字民政：加强民政业务基础数据和基本信息采集、录入和存储。",
                measures=(("registry.imports", ""),),
                target=4,
            ),
            Seed("培育各类慈善组织，完善“官退民进”的社会化慈善工作机构。"),
        ],
    ),
    (
        "篇2 社区卫生服务",
        [
            Seed(
                "6月底前完成现有符合条件人员的全科医生注册变更工作。",
                due=(6, 30),
                owner_role="family_doctor",
            ),
            Seed(
                "大力推行基层签约服务，以老年人、慢性病患者、孕产妇、儿童、残疾人为重点签约。",
                measures=(("*.contracts_signed", ""), ("*.signings", "")),
                target=500,
                public=True,
                owner_role="family_doctor",
            ),
            Seed(
                "对重点人群开展定期随访，对有需要的病人进行上门访视。",
                measures=(
                    ("*.followups_on_time", ""),
                    ("*.followups", ""),
                    ("*.followups_done", ""),
                ),
                target=400,
                owner_role="family_doctor",
            ),
            Seed(
                "开展健康教育和健康促进活动。",
                measures=(("events.held", "health"),),
                target=12,
                public=True,
                owner_role="family_doctor",
            ),
            Seed(
                "深入流动人口集中区域，采取宣讲、壁报、发放材料、新媒体等多种形式开展宣传。",
                measures=(("notices.published", ""),),
                target=24,
            ),
        ],
    ),
    (
        "篇3 社区管理与服务",
        [
            Seed(
                "规范社区日常工作制度：各社区每月上报工作总结，及时公开社区事务。",
                measures=(("notices.published", "announcement"),),
                target=12,
                public=True,
                owner_role="community_staff",
            ),
            Seed(
                "5月至6月做好党支部换届、居监会成立、社区换届选举工作。", starts=(5, 1), due=(6, 30)
            ),
            Seed(
                "12月12日、13日组织全体社区工作者参加为期两天的社区工作培训。",
                due=(12, 13),
            ),
            Seed("建设东南、世纪、潘火桥、金桥水岸等4个村、社的居家养老服务中心。"),
            Seed("扩大社区社会组织有效规模，做到每季度10%的递增。"),
            Seed(
                "由社区牵头定期召开业委会委员座谈会，交流工作经验、培训业务知识。",
                measures=(("events.held", "community"),),
                target=4,
                owner_role="community_staff",
            ),
            Seed(
                "开展便民利民服务和社区活动，吸引居民参与。",
                measures=(("events.signup_persons", ""),),
                target=20,
                public=True,
                owner_role="community_staff",
            ),
        ],
    ),
    (
        "篇4 党建工作",
        [
            Seed(
                "每月开展一次主题党日活动，全年12次。",
                measures=(
                    ("*.party_days", ""),
                    ("*.party_days_held", ""),
                    ("events.held", "party_day"),
                ),
                target=12,
                public=True,
                owner_role="party_secretary",
            ),
            Seed(
                "4月份党员领导干部下基层讲党课。",
                measures=(("events.held", "party_lesson"),),
                target=4,
                owner_role="party_secretary",
            ),
            Seed(
                "党员参加主题党日，争做“十大员”。",
                measures=(("events.attendance", "party_day"),),
                target=30,
                owner_role="party_secretary",
            ),
            Seed(
                "2月份召开党小组成立大会。",
                due=(2, 28),
                owner_role="party_secretary",
                done_note="党小组成立大会已召开，会议记录存档。",
            ),
            Seed(
                "12月份开展“寻找身边的优秀党员”评选活动。",
                due=(12, 31),
                owner_role="party_secretary",
            ),
        ],
    ),
    (
        "篇5 社区教育",
        [
            Seed(
                "积极开展各种形式的教师远程教育工作，全年完成1800人培训任务。",
                measures=(
                    ("*.training_person_times", "teacher_distance"),
                    ("*.training_person_times", "teacher"),
                    ("*.training", ""),
                    ("events.attendance", "class"),
                ),
                target=1800,
                public=True,
                owner_role="course_coordinator",
            ),
            Seed(
                "组织国培团队研修送教下乡活动，全年完成130人培训任务。",
                measures=(
                    ("*.training_person_times", "sending_teaching"),
                    ("*.training_person_times", "outreach"),
                ),
                target=130,
                owner_role="course_coordinator",
            ),
            Seed(
                "扩大陕师大远程网络学历教育招生，本年度完成65名招生任务。",
                measures=(("*.degree_enrolments", ""),),
                target=65,
                owner_role="course_coordinator",
            ),
            Seed(
                "积极开展农民实用技术培训，力争超额完成全年18000人次的目标任务。",
                measures=(
                    ("*.training_person_times", "farmer_skills"),
                    ("*.training_person_times", "farmer"),
                ),
                target=18000,
                public=True,
                owner_role="course_coordinator",
            ),
            Seed(
                "积极开展农村剩余劳动力转移培训，年内完成4000人次。",
                measures=(
                    ("*.training_person_times", "labour_transfer"),
                    ("*.training_person_times", "transfer"),
                ),
                target=4000,
                owner_role="course_coordinator",
            ),
            Seed(
                "加强为农服务专题网络建设，及时更新服务信息，坚持每周不少于3条。",
                measures=(
                    ("*.farmers_posts", ""),
                    ("*.column_posts", ""),
                    ("notices.published", "news"),
                ),
                target=156,
                public=True,
                owner_role="course_coordinator",
            ),
            Seed(
                "利用社区学院开展健康教育、老年教育、法制教育等各类课程。",
                measures=(("events.held", "class"),),
                target=40,
                owner_role="course_coordinator",
            ),
        ],
    ),
    (
        "篇6 共青团工作",
        [
            Seed(
                "5月份邀请驻街单位为青少年上一堂法制课。", due=(5, 31), owner_role="party_secretary"
            ),
            Seed(
                "“六一”组织社区青少年开展绘画征文比赛或文艺节目。",
                due=(6, 1),
                owner_role="party_secretary",
            ),
            Seed(
                "组织开展丰富多彩的团支部活动，每月一次。",
                measures=(("events.held", "league"),),
                target=12,
                public=True,
                owner_role="party_secretary",
            ),
            Seed(
                "发挥团员骨干作用，鼓励团员和青年参加社区活动。",
                measures=(("events.attendance_persons", "league"),),
                target=40,
                owner_role="party_secretary",
            ),
        ],
    ),
]
