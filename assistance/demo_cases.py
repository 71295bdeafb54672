"""The demo's assistance cases, special-disease claims and charity, as data.

Each case names a household of the registry demo by community, address and head (the
registry plan is fixed, so these are the same households on every machine), the
programme, who handles it, and what happens when: the survey as the community worker
enters it and every workflow step, dated in the demo year (``On``) or counted back from
today (``Ago``, for what is happening now) or done right now (``NOW``).
``assistance.demo`` plays them in date order through the services.

The incomes are over the 12 months of the survey. The amounts they lead to are worked
out by hand in ``tests/assistance/test_demo.py``.
"""

from dataclasses import dataclass

from assistance.models import AssetKind, CareTier, Channel, IncomeCategory, LabourCapacity, Status

WAGES = IncomeCategory.WAGES
BUSINESS = IncomeCategory.BUSINESS
TRANSFER = IncomeCategory.TRANSFER

# The non-counted incomes of the catalogue (``assistance.catalogue.INCOME_EXCLUSIONS``).
BASIC_PENSION = "城乡居民基础养老金"
DISABILITY_ALLOWANCES = "困难残疾人生活补贴和重度残疾人护理补贴"
MILITARY_PENSION = "优待抚恤金"
SCHOLARSHIP = "奖学金、助学金"


# --- when -------------------------------------------------------------------------------


@dataclass(frozen=True)
class On:
    """A day of the demo year, at ``hour`` o'clock."""

    month: int
    day: int
    hour: int = 10


@dataclass(frozen=True)
class Ago:
    """``days`` days before today, at ``hour`` o'clock."""

    days: int
    hour: int = 10


@dataclass(frozen=True)
class Now:
    """The moment the seed runs (objections only run while a 公示 does, i.e. today)."""


NOW = Now()
When = On | Ago | Now


# --- the survey ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFacts:
    name: str
    counted: bool = True
    not_counted_reason: str = ""
    labour: str = LabourCapacity.FULL
    severely_disabled: bool = False
    seriously_ill: bool = False
    care_tier: str = ""
    employment: str = ""


@dataclass(frozen=True)
class Income:
    """Income over the survey period; ``name`` None for the household as a whole. A
    second entry with the same member, category and description changes the amount."""

    name: str | None
    category: str
    description: str
    amount: str
    not_counted_as: str = ""


@dataclass(frozen=True)
class AssetFacts:
    kind: str
    description: str
    value: str


@dataclass(frozen=True)
class ObligorFacts:
    name: str
    relation: str
    family_size: int
    per_capita_income: str
    monthly_support: str
    unable_reason: str = ""


@dataclass(frozen=True)
class Survey:
    when: When
    members: tuple[MemberFacts, ...] = ()
    incomes: tuple[Income, ...] = ()
    assets: tuple[AssetFacts, ...] = ()
    obligors: tuple[ObligorFacts, ...] = ()
    #: 支出型 temporary assistance: the rigid expenses of the period (yuan).
    rigid_expenses: str | None = None


# --- the steps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One workflow step (``services.application_advance``); the sub-district's steps are taken by
    its account, the others by the case's community worker."""

    when: When
    to: str
    opinion: str = ""
    category: str = ""


@dataclass(frozen=True)
class BatchConfirm:
    """批量确认: every case with a ``BatchConfirm`` at the same moment is confirmed at once
    (``services.applications_confirm``)."""

    when: When
    opinion: str = "经街道审核，符合条件，予以确认。"


@dataclass(frozen=True)
class Objection:
    """An objection to the running 公示, filed by the resident account (``jumin``)."""

    when: When
    text: str


@dataclass(frozen=True)
class Answer:
    """The worker's written answer to the case's open objection."""

    when: When
    text: str


Act = Survey | Step | BatchConfirm | Objection | Answer


DEMO_BANK = "中国农业银行宁波鄞州支行"


@dataclass(frozen=True)
class Case:
    key: str
    community: str
    address: str
    head: str  # the head of household the registry demo puts there: checked before use
    programme: str  # programme code (assistance.catalogue)
    staff: str  # username of the caseworker who enters it
    submitted: When
    reason: str
    acts: tuple[Act, ...] = ()
    channel: str = Channel.COUNTER
    requested_amount: str | None = None
    staff_relative: bool = False
    #: The bank of the payee account recorded at intake (the head's own card); None:
    #: no account recorded yet, which the case page and the roster flag.
    bank: str | None = DEMO_BANK
    #: The status the case should end in (today 2026-11-29); checked by the tests.
    expected: str = ""
    notes: str = ""


CONFIRMED_IN_JANUARY = On(1, 21)
JANUARY_OPINION = "经街道审核，家庭经济状况符合条件，公示期满无异议，予以确认。"

CASES: tuple[Case, ...] = (
    # --- confirmed in January (one batch), paid from February -------------------------
    Case(
        key="urban-child",
        community="东南",
        address="东南花园1幢103室",
        head="许海波",
        programme="dibao-urban",
        staff="dongnan",
        submitted=On(1, 5, 9),
        reason="户主许海波从事快递配送，收入不稳定；妻子刘静失业，领取失业保险金；儿子许嘉豪上小学。",
        acts=(
            Step(On(1, 6, 9), Status.ACCEPTED, "材料齐全，予以受理，已出具受理回执。"),
            Survey(
                On(1, 8, 15),
                members=(
                    MemberFacts("许海波", employment="快递配送（灵活就业）"),
                    MemberFacts("刘静", employment="失业，领取失业保险金"),
                    MemberFacts("许嘉豪", employment="小学在读"),
                ),
                incomes=(
                    Income("许海波", WAGES, "快递配送收入", "15600"),
                    Income("刘静", TRANSFER, "失业保险金", "2880"),
                ),
            ),
            Step(On(1, 9, 10), Status.INVESTIGATED, "入户调查和信息核对已完成。", "C"),
            Step(On(1, 12, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
            # The half-yearly review (category C) finds a steady job: less from August.
            Step(On(7, 20), Status.REVIEWING, "C类家庭半年复核，入户调查。"),
            Survey(On(7, 24, 15), incomes=(Income("许海波", WAGES, "快递配送收入", "24000"),)),
            Step(
                On(7, 28),
                Status.PAYING,
                "复核：许海波已与快递公司签订劳动合同，收入增加，保障金额相应调整。",
                "C",
            ),
        ),
        expected=Status.PAYING,
        notes="child add-on; review in July lowers the amount from August",
    ),
    Case(
        key="urban-elderly",
        community="东南",
        address="金桥水岸1幢103室",
        head="徐海根",
        programme="dibao-urban",
        staff="dongnan",
        submitted=On(1, 5, 14),
        reason="老两口年老体弱，徐海根的集体企业退休金很低，陈秀珍只有城乡居民基础养老金。",
        acts=(
            Step(On(1, 6, 10), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(1, 8, 10),
                members=(
                    MemberFacts("徐海根", labour=LabourCapacity.NONE, employment="退休"),
                    MemberFacts("陈秀珍", labour=LabourCapacity.NONE, employment="无"),
                ),
                incomes=(
                    Income("徐海根", TRANSFER, "企业退休金（集体企业）", "9600"),
                    Income("陈秀珍", TRANSFER, "城乡居民基础养老金", "3960", BASIC_PENSION),
                ),
                obligors=(ObligorFacts("徐建平", "儿子", 3, "1200", "200"),),
            ),
            Step(On(1, 9, 11), Status.INVESTIGATED, "入户调查和信息核对已完成。", "A"),
            Step(On(1, 12, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="two elderly members; a son's support counted as income",
    ),
    Case(
        key="rural-disabled",
        community="东南",
        address="东南新村1幢101室",
        head="张辉",
        programme="dibao-rural",
        staff="dongnan",
        submitted=On(1, 6, 9),
        reason="妻子周婷婷肢体残疾二级，需要人照顾；张辉只能就近打零工，收入低。",
        acts=(
            Step(On(1, 6, 14), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(1, 8, 14),
                members=(
                    MemberFacts("张辉", employment="建筑工地零工"),
                    MemberFacts(
                        "周婷婷",
                        labour=LabourCapacity.NONE,
                        severely_disabled=True,
                        employment="无（肢体残疾二级）",
                    ),
                    MemberFacts("张梓涵", employment="小学在读"),
                ),
                incomes=(
                    Income("张辉", WAGES, "建筑工地零工", "21600"),
                    Income("周婷婷", TRANSFER, "残疾人两项补贴", "2400", DISABILITY_ALLOWANCES),
                ),
                assets=(AssetFacts(AssetKind.DEPOSIT, "银行活期存款", "8000"),),
            ),
            Step(On(1, 9, 14), Status.INVESTIGATED, "入户调查和信息核对已完成。", "B"),
            Step(On(1, 12, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="rural: 980 until the April raise; severely disabled and child add-ons",
    ),
    Case(
        key="rural-elderly",
        community="东南",
        address="东南新村1幢102室",
        head="潘海军",
        programme="dibao-rural",
        staff="dongnan",
        submitted=On(1, 6, 15),
        reason="夫妻二人年过六旬，靠种几分菜地为生，除基础养老金外没有其他收入。",
        acts=(
            Step(On(1, 7, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(1, 8, 16),
                members=(
                    MemberFacts("潘海军", labour=LabourCapacity.PARTIAL, employment="务农"),
                    MemberFacts("邵芳", labour=LabourCapacity.PARTIAL, employment="务农"),
                ),
                incomes=(
                    Income("潘海军", BUSINESS, "种植蔬菜净收入", "6000"),
                    Income("潘海军", TRANSFER, "城乡居民基础养老金", "2400", BASIC_PENSION),
                    Income("邵芳", TRANSFER, "城乡居民基础养老金", "2400", BASIC_PENSION),
                ),
                assets=(AssetFacts(AssetKind.VEHICLE, "电动三轮车一辆", "1500"),),
            ),
            Step(On(1, 9, 15), Status.INVESTIGATED, "入户调查和信息核对已完成。", "A"),
            Step(On(1, 12, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="rural elderly couple",
    ),
    Case(
        key="urban-ill",
        community="雅苑",
        address="雅苑新村1幢102室",
        head="邵振华",
        programme="dibao-urban",
        staff="yayuan",
        submitted=On(1, 5, 10),
        reason="户主邵振华患尿毒症，每周透析三次，无法工作；妻子孙霞在超市理货，收入微薄。",
        acts=(
            Step(On(1, 6, 10), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(1, 8, 11),
                members=(
                    MemberFacts(
                        "邵振华",
                        labour=LabourCapacity.NONE,
                        seriously_ill=True,
                        employment="无（尿毒症，血液透析）",
                    ),
                    MemberFacts("孙霞", employment="超市理货员"),
                    MemberFacts(
                        "邵佳明",
                        counted=False,
                        not_counted_reason="已成年，在杭州工作并独立生活",
                        employment="杭州某公司职员",
                    ),
                ),
                incomes=(
                    Income("孙霞", WAGES, "超市理货员工资", "19200"),
                    Income("邵佳明", WAGES, "在杭州工作的工资", "60000"),
                ),
            ),
            Step(On(1, 9, 16), Status.INVESTIGATED, "入户调查和信息核对已完成。", "A"),
            Step(On(1, 12, 16), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="a member not counted; serious-illness add-on",
    ),
    Case(
        key="destitute-alone",
        community="东南",
        address="金桥水岸1幢102室",
        head="周永康",
        programme="destitute-home",
        staff="dongnan",
        submitted=On(1, 7, 9),
        reason="老人八十八岁，独居，无子女，无劳动能力，无生活来源，行动不便需要照料。",
        acts=(
            Step(On(1, 7, 11), Status.ACCEPTED, "社区代为申请，予以受理。"),
            Survey(
                On(1, 8, 9),
                members=(
                    MemberFacts(
                        "周永康",
                        labour=LabourCapacity.NONE,
                        severely_disabled=True,
                        care_tier=CareTier.PARTIAL,
                        employment="无",
                    ),
                ),
                incomes=(Income("周永康", TRANSFER, "城乡居民基础养老金", "3000", BASIC_PENSION),),
            ),
            Step(On(1, 9, 9), Status.INVESTIGATED, "生活自理能力评估：半护理。", "A"),
            Step(On(1, 12, 15), Status.REVIEWED, "经社区民主评议，同意推荐分散供养。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="特困 at home, partly dependent (半护理)",
    ),
    Case(
        key="urban-stopped",
        community="东南",
        address="金桥水岸1幢101室",
        head="谢俊",
        programme="dibao-urban",
        staff="dongnan",
        submitted=On(1, 7, 15),
        reason="谢俊送外卖收入不稳定，妻子李颖在家照顾女儿，母亲林海燕打零工。",
        acts=(
            Step(On(1, 8, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(1, 8, 17),
                members=(
                    MemberFacts("谢俊", employment="外卖骑手"),
                    MemberFacts("李颖", employment="无业（照顾女儿）"),
                    MemberFacts("谢思琪", employment="小学在读"),
                    MemberFacts("林海燕", employment="家政钟点工"),
                ),
                incomes=(
                    Income("谢俊", WAGES, "外卖骑手收入", "24000"),
                    Income("林海燕", WAGES, "家政钟点工收入", "6000"),
                    Income("林海燕", TRANSFER, "烈士遗属定期抚恤金", "3600", MILITARY_PENSION),
                ),
            ),
            Step(On(1, 9, 17), Status.INVESTIGATED, "入户调查和信息核对已完成。", "C"),
            Step(On(1, 12, 16), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(1, 13, 9), Status.PUBLICITY),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
            Step(
                On(6, 15),
                Status.STOPPED,
                "李颖自5月起在鄞州区一家企业就业，月工资5200元；经核对，家庭月人均收入"
                "已超过城市低保标准，自下月起停止发放。",
            ),
        ),
        expected=Status.STOPPED,
        notes="a 优待抚恤金 recorded, not counted; stopped in June (nothing from July)",
    ),
    Case(
        key="veteran",
        community="殷家",
        address="殷家坑新村1幢202室",
        head="郑财根",
        programme="veteran",
        staff="jiedao",  # 殷家 has no demo worker: the sub-district enters it
        submitted=On(1, 6, 10),
        reason="郑财根为退役军人，1965年入伍，年老多病，申请优抚定期补助。",
        acts=(
            Step(On(1, 7, 10), Status.ACCEPTED, "退役军人服务站转来，予以受理。"),
            Survey(
                On(1, 9, 10),
                members=(
                    MemberFacts("郑财根", labour=LabourCapacity.NONE, employment="退休"),
                    *(
                        MemberFacts(name, counted=False, not_counted_reason="非优抚对象")
                        for name in ("王金娣", "郑玲", "殷振华", "殷泽宇")
                    ),
                ),
            ),
            Step(On(1, 12, 10), Status.INVESTIGATED, "优抚对象身份已核实。", "A"),
            Step(On(1, 14, 10), Status.REVIEWED, "同意给予优抚定期补助。"),
            BatchConfirm(CONFIRMED_IN_JANUARY, JANUARY_OPINION),
        ),
        expected=Status.PAYING,
        notes="优抚 allowance, no 公示",
    ),
    # --- later in the year ------------------------------------------------------------
    Case(
        key="margin",
        community="东南",
        address="东南新村1幢301室",
        head="吴华",
        programme="dibao-margin",
        staff="dongnan",
        submitted=On(3, 9, 9),
        reason="父亲吴茂林患恶性肿瘤长期治疗，且重度残疾，医疗支出大，申请低保边缘家庭认定。",
        acts=(
            Step(On(3, 10, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(3, 17, 15),
                members=(
                    MemberFacts("吴华", employment="工厂技术工人"),
                    MemberFacts("沈红英", employment="商场营业员"),
                    MemberFacts("吴露", employment="待业"),
                    MemberFacts(
                        "吴茂林",
                        labour=LabourCapacity.NONE,
                        severely_disabled=True,
                        seriously_ill=True,
                        employment="无",
                    ),
                ),
                incomes=(
                    Income("吴华", WAGES, "工厂技术工人工资", "42000"),
                    Income("沈红英", WAGES, "商场营业员工资", "25200"),
                    Income("吴茂林", TRANSFER, "城乡居民基础养老金", "2880", BASIC_PENSION),
                ),
            ),
            Step(On(3, 20), Status.INVESTIGATED, "入户调查和信息核对已完成。", "B"),
            Step(On(3, 24, 15), Status.REVIEWED, "经社区评议，同意推荐为低保边缘家庭。"),
            Step(On(3, 26, 9), Status.PUBLICITY),
            Step(On(4, 3), Status.CONFIRMED, "公示期满无异议，认定为低保边缘家庭。"),
        ),
        expected=Status.PAYING,
        notes="低保边缘: no monthly money here, access to medical assistance",
    ),
    Case(
        key="rural-review",
        community="东南",
        address="东南花园1幢203室",
        head="沈斌",
        programme="dibao-rural",
        staff="dongnan",
        submitted=On(4, 13, 9),
        reason="母亲陈丽娟重度残疾，父亲沈伟年老多病，夫妻二人打工收入低，家庭负担重。",
        acts=(
            Step(On(4, 14, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(4, 21, 15),
                members=(
                    MemberFacts("沈斌", employment="物流园搬运工"),
                    MemberFacts("徐静", employment="餐馆帮工"),
                    MemberFacts("沈伟", labour=LabourCapacity.PARTIAL, employment="无"),
                    MemberFacts(
                        "陈丽娟",
                        labour=LabourCapacity.NONE,
                        severely_disabled=True,
                        employment="无（精神残疾二级）",
                    ),
                ),
                incomes=(
                    Income("沈斌", WAGES, "物流园搬运工工资", "30000"),
                    Income("徐静", WAGES, "餐馆帮工工资", "12000"),
                    Income("沈伟", TRANSFER, "城乡居民基础养老金", "2160", BASIC_PENSION),
                    Income("陈丽娟", TRANSFER, "城乡居民基础养老金", "2160", BASIC_PENSION),
                ),
            ),
            Step(On(4, 24), Status.INVESTIGATED, "入户调查和信息核对已完成。", "C"),
            Step(On(4, 28, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(On(4, 30, 9), Status.PUBLICITY),
            Step(On(5, 8), Status.CONFIRMED, "公示期满无异议，予以确认。"),
            Step(On(11, 23), Status.REVIEWING, "C类家庭半年复核，已入户调查，等待信息核对结果。"),
        ),
        expected=Status.REVIEWING,
        notes="confirmed in May at the raised rural standard; under review now",
    ),
    Case(
        key="temporary",
        community="东南",
        address="东南花园1幢101室",
        head="张颖",
        programme="temporary-expense",
        staff="dongnan",
        channel=Channel.ONLINE,  # by the resident account linked to this household
        requested_amount="5000",
        submitted=On(9, 8, 20),
        reason="母亲潘菊芬突发脑梗住院，医保报销后自付医疗费四万多元，家里一时拿不出这么多钱。",
        acts=(
            Step(On(9, 9, 9), Status.ACCEPTED, "已电话联系申请人，补交了住院发票，予以受理。"),
            Survey(
                On(9, 11, 15),
                members=(
                    MemberFacts("张颖", employment="公司职员"),
                    MemberFacts("李斌", employment="工厂工人"),
                    MemberFacts("李诗涵", employment="大学在读"),
                    MemberFacts("李一鸣", employment="初中在读"),
                    MemberFacts(
                        "潘菊芬", labour=LabourCapacity.NONE, seriously_ill=True, employment="无"
                    ),
                ),
                incomes=(
                    Income("张颖", WAGES, "公司职员工资", "54000"),
                    Income("李斌", WAGES, "工厂工人工资", "60000"),
                ),
                rigid_expenses="46320",
            ),
            Step(On(9, 14), Status.INVESTIGATED, "入户核实：住院自付费用46,320元，情况属实。"),
            Step(On(9, 16, 15), Status.REVIEWED, "建议给予支出型临时救助5000元。"),
            Step(On(9, 18), Status.CONFIRMED, "同意给予临时救助5000元，一次性发放。"),
        ),
        expected=Status.PAID,
        notes="requested online by 张颖 (jumin), paid once on the October roster",
    ),
    Case(
        key="not-accepted",
        community="东南",
        address="东南花园1幢201室",
        head="潘立峰",
        programme="dibao-rural",
        staff="dongnan",
        submitted=On(10, 10, 9),
        reason="本人身体不好，打零工收入不稳定。",
        acts=(
            Step(
                On(10, 13),
                Status.NOT_ACCEPTED,
                "经一次性告知，申请人仍未提交家庭经济状况核对授权书，无法开展信息核对，"
                "决定不予受理。补齐材料后可重新申请。",
            ),
        ),
        expected=Status.NOT_ACCEPTED,
    ),
    Case(
        key="not-confirmed",
        community="东南",
        address="东南花园1幢102室",
        head="朱建军",
        programme="dibao-urban",
        staff="dongnan",
        submitted=On(9, 1, 9),
        reason="妻子周红霞有残疾，家庭开支大，生活困难。",
        acts=(
            Step(On(9, 2, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                On(9, 10, 15),
                members=(
                    MemberFacts("朱建军", employment="退休"),
                    MemberFacts(
                        "周红霞", labour=LabourCapacity.PARTIAL, employment="社区公益性岗位"
                    ),
                ),
                incomes=(
                    Income("朱建军", TRANSFER, "企业退休金", "36000"),
                    Income("周红霞", WAGES, "社区公益性岗位工资", "24000"),
                ),
            ),
            Step(On(9, 15), Status.INVESTIGATED, "入户调查和信息核对已完成。", "B"),
            Step(
                On(9, 19, 15),
                Status.REVIEWED,
                "经社区评议：家庭月人均收入高于城市低保标准，报街道审核。",
            ),
            Step(
                On(9, 24),
                Status.NOT_CONFIRMED,
                "经家庭经济状况核对，家庭月人均收入2500.00元，高于城市低保标准1180元，"
                "不符合城市低保条件，决定不予确认。如不服本决定，可自收到之日起60日内"
                "申请行政复议。",
            ),
        ),
        expected=Status.NOT_CONFIRMED,
    ),
    # --- happening now --------------------------------------------------------------------
    Case(
        key="objection",
        community="东南",
        address="东南花园1幢202室",
        head="胡国荣",
        programme="dibao-urban",
        staff="dongnan",
        submitted=Ago(27, 9),
        reason="户主胡国荣当保安收入低，妻子邵海燕身体不好不能全职工作，儿子胡斌待业。",
        acts=(
            Step(Ago(26, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                Ago(15, 15),
                members=(
                    MemberFacts("胡国荣", employment="小区保安"),
                    MemberFacts("邵海燕", labour=LabourCapacity.PARTIAL, employment="无"),
                    MemberFacts("胡斌", employment="待业"),
                ),
                incomes=(Income("胡国荣", WAGES, "小区保安工资", "30000"),),
            ),
            Step(Ago(11), Status.INVESTIGATED, "入户调查和信息核对已完成。", "C"),
            Step(Ago(8, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(Ago(5, 9), Status.PUBLICITY),
            Objection(NOW, "胡斌在家开网店卖海鲜干货，每个月都有收入，申请时没有申报。"),
            Survey(NOW, incomes=(Income("胡斌", BUSINESS, "网店经营净收入（经核实）", "7200"),)),
            Step(NOW, Status.INVESTIGATED, "复查：核实胡斌网店经营收入，计入家庭收入。", "C"),
            Step(NOW, Status.REVIEWED, "复查后重新评议，同意推荐。"),
            Answer(
                NOW,
                "经入户核查并调取网店交易流水，胡斌网店近12个月经营净收入约7200元，"
                "已计入家庭收入。重新计算后家庭月人均收入1033.33元，仍低于城市低保标准，"
                "拟保障金额调整为每月440.01元，重新公示。",
            ),
            Step(NOW, Status.PUBLICITY),
        ),
        expected=Status.PUBLICITY,
        notes="objection reopened the case; answered and published again",
    ),
    Case(
        key="publicity",
        community="雅苑",
        address="雅苑花园1幢102室",
        head="应志伟",
        programme="dibao-urban",
        staff="yayuan",
        submitted=Ago(19, 9),
        reason="户主应志伟送快递，妻子张亚飞残疾不能工作，两个孩子年幼。",
        acts=(
            Step(Ago(18, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                Ago(12, 15),
                members=(
                    MemberFacts("应志伟", employment="快递员"),
                    MemberFacts(
                        "张亚飞",
                        labour=LabourCapacity.PARTIAL,
                        severely_disabled=True,
                        employment="无（听力残疾一级）",
                    ),
                ),
                incomes=(
                    Income("应志伟", WAGES, "快递员工资", "36000"),
                    Income("张亚飞", TRANSFER, "残疾人两项补贴", "1800", DISABILITY_ALLOWANCES),
                ),
            ),
            Step(Ago(9), Status.INVESTIGATED, "入户调查和信息核对已完成。", "C"),
            Step(Ago(4, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(Ago(2, 9), Status.PUBLICITY),
        ),
        expected=Status.PUBLICITY,
        notes="公示 running today",
    ),
    Case(
        key="confirmed",
        community="雅苑",
        address="宜家花园1幢102室",
        head="陈美华",
        programme="dibao-urban",
        staff="yayuan",
        submitted=Ago(35, 9),
        reason="一家五口靠三份低收入工作维持，儿媳吴芷若哺乳期在家，孙子周梓豪年幼。",
        acts=(
            Step(Ago(34, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                Ago(25, 15),
                members=(
                    MemberFacts("陈美华", employment="保洁员"),
                    MemberFacts("周国平", employment="门卫"),
                    MemberFacts("周超", employment="快递分拣员"),
                    MemberFacts("吴芷若", employment="无业（哺乳期）"),
                ),
                incomes=(
                    Income("陈美华", WAGES, "保洁员工资", "26400"),
                    Income("周国平", WAGES, "门卫工资", "14400"),
                    Income("周超", WAGES, "快递分拣员工资", "28800"),
                ),
            ),
            Step(Ago(20), Status.INVESTIGATED, "入户调查和信息核对已完成。", "B"),
            Step(Ago(16, 15), Status.REVIEWED, "经社区民主评议，同意推荐。"),
            Step(Ago(10, 9), Status.PUBLICITY),
            Step(NOW, Status.CONFIRMED, "公示期满无异议，予以确认。"),
        ),
        bank=None,  # the household has not brought a bank card yet
        expected=Status.CONFIRMED,
        notes="confirmed today, paid from next month",
    ),
    Case(
        key="reviewed",
        community="雅苑",
        address="雅苑新村1幢202室",
        head="陈金根",
        programme="dibao-urban",
        staff="yayuan",
        submitted=Ago(22, 9),
        reason="户主陈金根年老残疾，老伴毛素娥体弱多病，两个孙辈在读书，女儿女婿收入有限。",
        acts=(
            Step(Ago(21, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                Ago(12, 16),
                members=(
                    MemberFacts(
                        "陈金根",
                        labour=LabourCapacity.NONE,
                        severely_disabled=True,
                        employment="退休（肢体残疾一级）",
                    ),
                    MemberFacts("毛素娥", labour=LabourCapacity.NONE, employment="无"),
                    MemberFacts("陈红英", employment="纺织厂工人"),
                    MemberFacts("王卫国", employment="货车司机"),
                    MemberFacts("王子墨", employment="高中在读"),
                    MemberFacts("王梦瑶", employment="全日制大学生"),
                ),
                incomes=(
                    Income("陈金根", TRANSFER, "企业退休金", "18000"),
                    Income("毛素娥", TRANSFER, "城乡居民基础养老金", "2760", BASIC_PENSION),
                    Income("陈红英", WAGES, "纺织厂工资", "30000"),
                    Income("王卫国", WAGES, "货车司机工资", "36000"),
                    Income("王梦瑶", TRANSFER, "国家助学金", "3000", SCHOLARSHIP),
                ),
            ),
            Step(Ago(7), Status.INVESTIGATED, "入户调查和信息核对已完成。", "B"),
            Step(Ago(1, 15), Status.REVIEWED, "经社区民主评议，同意推荐，待公示。"),
        ),
        expected=Status.REVIEWED,
    ),
    Case(
        key="investigated",
        community="雅苑",
        address="宜家花园1幢101室",
        head="徐杰",
        programme="dibao-urban",
        staff="yayuan",
        staff_relative=True,
        submitted=Ago(16, 9),
        reason="徐杰工作不稳定，妻子邵婷全职照顾幼子，父亲徐卫东做门卫收入低。"
        "（申请人母亲林海燕为社区网格员，已备案）",
        acts=(
            Step(Ago(15, 9), Status.ACCEPTED, "近亲属备案申请，予以受理，全面调查。"),
            Survey(
                Ago(8, 15),
                members=(
                    MemberFacts("徐杰", employment="汽修厂学徒工"),
                    MemberFacts("邵婷", employment="无业（照顾孩子）"),
                    MemberFacts("徐卫东", employment="门卫"),
                    MemberFacts("林海燕", employment="社区网格员（兼职）"),
                ),
                incomes=(
                    Income("徐杰", WAGES, "汽修厂工资", "48000"),
                    Income("徐卫东", WAGES, "门卫工资", "18000"),
                ),
            ),
            Step(Ago(5), Status.INVESTIGATED, "入户调查和信息核对已完成，待社区评议。", "C"),
        ),
        expected=Status.INVESTIGATED,
    ),
    Case(
        key="accepted",
        community="东南",
        address="东南新村1幢302室",
        head="张斌",
        programme="dibao-urban",
        staff="dongnan",
        submitted=Ago(12, 9),
        reason="本人肢体残疾二级，找工作困难，没有固定收入。",
        acts=(
            Step(Ago(11, 9), Status.ACCEPTED, "材料齐全，予以受理。"),
            Survey(
                Ago(6, 15),
                members=(
                    MemberFacts(
                        "张斌",
                        labour=LabourCapacity.PARTIAL,
                        severely_disabled=True,
                        employment="无业（肢体残疾二级）",
                    ),
                ),
                incomes=(
                    Income("张斌", TRANSFER, "残疾人两项补贴", "2400", DISABILITY_ALLOWANCES),
                ),
            ),
        ),
        expected=Status.ACCEPTED,
        notes="survey in progress (bank records not back yet)",
    ),
    Case(
        key="submitted",
        community="东南",
        address="东南花园1幢104室",
        head="徐红兵",
        programme="dibao-urban",
        staff="dongnan",
        submitted=Ago(3, 10),
        reason="户主徐红兵今年中风后行动不便，需要长期康复，家庭收入明显减少。",
        expected=Status.SUBMITTED,
    ),
)


# --- special-disease medical assistance ------------------------------------------------------

FUND = {
    "budget": "300000",
    "cap_per_person": "50000",
    "reimbursement_percent": "70",
    "note": "低保、低保边缘家庭九种特殊疾病医疗救助基金",
}


@dataclass(frozen=True)
class ClaimFacts:
    community: str
    address: str
    patient: str
    disease: str
    treated_from: On
    treated_to: On
    total_cost: str
    own_cost: str
    entered: On
    staff: str  # who enters it; the sub-district decides
    decision: str = ""  # "approved", "rejected" or "" (waiting)
    decided: On | None = None
    note: str = ""
    decision_note: str = ""


CLAIMS: tuple[ClaimFacts, ...] = (
    ClaimFacts(
        "雅苑", "雅苑新村1幢102室", "邵振华", "尿毒症", On(2, 1), On(3, 31),
        "42000", "12600", On(4, 8), "yayuan", "approved", On(4, 15),
        note="一季度血液透析费用",
    ),
    ClaimFacts(
        "雅苑", "雅苑新村1幢102室", "邵振华", "尿毒症", On(4, 1), On(6, 30),
        "40500", "12150", On(7, 6), "yayuan", "approved", On(7, 13),
        note="二季度血液透析费用",
    ),
    ClaimFacts(
        "东南", "东南新村1幢101室", "周婷婷", "系统性红斑狼疮", On(5, 1), On(5, 31),
        "3200", "1280", On(6, 3), "dongnan", "rejected", On(6, 10),
        note="门诊复查及药费",
        decision_note="所附票据为普通门诊费用，且无定点医院的特殊疾病诊断证明，不予救助。",
    ),
    ClaimFacts(
        "东南", "东南新村1幢301室", "吴茂林", "恶性肿瘤", On(9, 1), On(10, 31),
        "96000", "38400", On(11, 16), "dongnan", note="肺癌化疗住院费用",
    ),
)  # fmt: skip


# --- charity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DonorFacts:
    key: str
    kind: str
    name: str
    credit_code: str = ""
    contact: str = ""
    phone: str = ""
    community: str | None = None


@dataclass(frozen=True)
class AllocationFacts:
    on: tuple[int, int, int]  # (years back from the demo year, month, day)
    value: str
    project: str = ""
    household: tuple[str, str] | None = None  # (community, address)
    note: str = ""


@dataclass(frozen=True)
class DonationFacts:
    donor: str  # DonorFacts.key
    kind: str
    purpose: str
    received: tuple[int, int, int]  # (years back from the demo year, month, day)
    value: str
    description: str
    hours: str | None = None
    community: str | None = None
    allocations: tuple[AllocationFacts, ...] = ()


DONORS: tuple[DonorFacts, ...] = (
    DonorFacts(
        "yongpan", "enterprise", "宁波甬潘建设工程有限公司", "91330212MA2CK3R518",
        "王建军", "0574-88231234",
    ),
    DonorFacts(
        "jindanan", "enterprise", "宁波金达南食品有限公司", "913302127364918Q29",
        "陈丽萍", "0574-88235678",
    ),
    DonorFacts(
        "chamber", "organisation", "鄞州区潘火街道商会", "51330212MJ8839X10N",
        "周国荣", "0574-88120088",
    ),
    DonorFacts("li", "individual", "李文华", community="东南"),
    DonorFacts("yu", "individual", "俞晓燕", community="雅苑"),
)  # fmt: skip

SPRING_FESTIVAL = "春节送温暖"

DONATIONS: tuple[DonationFacts, ...] = (
    # Last year.
    DonationFacts(
        "chamber", "money", "general", (1, 9, 28), "30000", "慈善一日捐",
        allocations=(
            AllocationFacts((1, 11, 20), "10000", project="困难家庭冬季帮扶"),
        ),
    ),
    DonationFacts(
        "jindanan", "goods", "elderly", (1, 10, 9), "12000",
        "重阳节慰问品：大米200袋、食用油200桶",
        allocations=(
            AllocationFacts((1, 10, 29), "12000", project="重阳节敬老慰问"),
        ),
    ),
    DonationFacts(
        "yongpan", "money", "poverty", (1, 12, 20), "50000", "春节送温暖活动捐款",
        allocations=(
            AllocationFacts((0, 1, 28), "30000", project=SPRING_FESTIVAL,
                            note="慰问全街道低保、特困家庭"),
            AllocationFacts((0, 1, 28), "1000", household=("东南", "东南花园1幢103室"),
                            note="春节慰问金"),
            AllocationFacts((0, 1, 28), "1000", household=("东南", "金桥水岸1幢102室"),
                            note="春节慰问金（特困老人）"),
            AllocationFacts((0, 1, 28), "1000", household=("东南", "东南新村1幢101室"),
                            note="春节慰问金"),
        ),
    ),
    # This year.
    DonationFacts(
        "jindanan", "goods", "poverty", (0, 1, 20), "8000", "春节年货礼包100份",
        allocations=(
            AllocationFacts((0, 2, 5), "8000", project=SPRING_FESTIVAL,
                            note="年货礼包发放100户"),
        ),
    ),
    DonationFacts(
        "yu", "labour", "disability", (0, 6, 1), "1440",
        "为残疾人家庭上门理发、打扫卫生（每小时按30元折算）", hours="48", community="雅苑",
    ),
    DonationFacts(
        "chamber", "money", "medical", (0, 7, 1), "20000", "大病医疗互助专项捐款",
        allocations=(
            AllocationFacts((0, 8, 10), "5000", household=("雅苑", "雅苑新村1幢102室"),
                            note="尿毒症透析费用补助"),
        ),
    ),
    DonationFacts(
        "li", "money", "education", (0, 8, 25), "2000", "资助困难家庭学生开学",
        community="东南",
        allocations=(
            AllocationFacts((0, 8, 28), "1000", household=("东南", "东南花园1幢103室"),
                            note="许嘉豪新学期学习用品"),
            AllocationFacts((0, 8, 28), "1000", household=("东南", "金桥水岸1幢101室"),
                            note="谢思琪新学期学习用品"),
        ),
    ),
    DonationFacts(
        "yongpan", "labour", "disaster", (0, 9, 20), "6000",
        "台风过后为困难家庭修缮房屋（每小时按50元折算）", hours="120",
        allocations=(
            AllocationFacts((0, 9, 22), "6000", household=("东南", "东南新村1幢102室"),
                            note="修缮屋顶和门窗"),
        ),
    ),
)  # fmt: skip
