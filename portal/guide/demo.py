"""Demo data for the service guide: every service the work plans name, written as a
resident would need it at the counter of 潘火街道.

Facts follow docs/domain-rules.md (公示 7 days, 30 working days, the 1.5× margin of
低保边缘, the 10× ceiling of 临时救助, the key groups of family-doctor contracts, free public
health services for every resident of six months or more …). Money amounts the rules do not
give are never invented: the texts say 按当年标准执行.

:func:`seed_services` is idempotent: entries are matched by slug, created when missing,
brought back to the text below when it differs (staff edits to a demo entry are undone),
and left alone, with no new history row, when they already match.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from portal.guide.models import Category, PortalApp, ServiceEntry, Status

Log = Callable[[str], None]

# --- where, when and whom to call -------------------------------------------------------

SUBDISTRICT_HALL = "潘火街道社区服务中心（街道便民服务中心一楼）"
COMMUNITY_HALL = (
    "户籍所在社区的服务大厅（东南、尚诚、紫郡、世纪、雅苑、东莺、星苑、同欣、殷家社区服务中心）"
)
HEALTH_CENTRE = "潘火街道社区卫生服务中心；各社区卫生服务站可咨询、预约"
OFFICE_HOURS = "周一至周五 8:30–11:30，13:30–17:00（法定节假日除外）"
HEALTH_HOURS = "周一至周五 8:00–11:30，13:30–17:00（节假日门诊安排以中心公告为准）"

PHONE_ASSISTANCE = "街道社会救助窗口 0574-88120011"
PHONE_ELDERCARE = "街道养老服务窗口 0574-88120012"
PHONE_VETERANS = "街道退役军人服务站 0574-88120013"
PHONE_CHARITY = "街道慈善工作站 0574-88120015"
PHONE_VOLUNTEERS = "街道义工协会 0574-88120016"
PHONE_HEALTH = "社区卫生服务中心 0574-88121001"
PHONE_VACCINATION = "预防接种门诊 0574-88121003"
PHONE_COLLEGE = "潘火街道社区学院 0574-88120030"
PHONE_PARTY = "街道党群服务中心 0574-88120040"
PHONE_LEAGUE = "街道团工委 0574-88120041"
PHONE_COMMUNITY_AFFAIRS = "街道社区管理科 0574-88120050"


def _lines(*lines: str) -> str:
    return "\n".join(lines)


# --- the entries -------------------------------------------------------------------------

SERVICES: tuple[dict[str, Any], ...] = (
    # 社会救助 ------------------------------------------------------------------------------
    {
        "slug": "dibao",
        "title": "最低生活保障（城市低保、农村低保）",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 10,
        "summary": "家庭人均月收入低于当地低保标准、家庭财产符合规定的城乡家庭，"
        "可以申请最低生活保障，按月领取低保金。",
        "eligibility": _lines(
            "共同生活的家庭成员人均月收入低于本市当年公布的城市或农村低保标准，"
            "并且家庭财产状况符合规定。",
            "以家庭为单位申请，由一名家庭成员向户籍所在地街道书面提出；"
            "本人申请有困难的，可以委托社区居委会或其他人代为申请。",
            "共同生活的家庭成员包括：配偶、未成年子女、已成年但不能独立生活的子女"
            "（含在读本科及以下学生），以及长期共同居住、依法负有赡养扶养抚养义务的人。",
            "现行低保标准：{{低保标准}}。今年城市低保标准从3月起、农村低保标准从4月起提高。",
        ),
        "materials": _lines(
            "低保申请书（窗口领取，社区工作人员可以帮忙填写）",
            "户口簿，全体家庭成员的身份证原件和复印件",
            "家庭经济状况核对授权书（全体成年家庭成员签字）",
            "家庭成员收入证明：工资、养老金、经营收入等",
            "家庭财产申报：房产、车辆、存款等",
            "婚姻状况证明：结婚证、离婚证或离婚协议",
            "残疾证、疾病诊断证明（有的请带上）",
            "申请人本人的银行卡或存折（用于发放低保金）",
        ),
        "steps": _lines(
            "到户籍所在社区服务大厅或街道社会救助窗口提出书面申请；材料不齐的，"
            "工作人员会一次性告诉您还要补什么。",
            "街道受理后，通过家庭经济状况核对系统核查收入和财产，社区工作人员上门入户调查。",
            "情况有争议的，组织民主评议；街道提出审核意见。",
            "拟保障的家庭在所在社区公示7天，公示无异议后审核确认。",
            "确认后从次月起按月发放低保金。一般自受理之日起30个工作日内办结，"
            "特殊情况可延长到45个工作日；不予确认的书面说明理由。",
            "纳入低保后按家庭情况每年或每半年复核一次；家庭人口、收入、财产有变化的，"
            "请及时告诉社区。",
        ),
        "fee": "免费",
        "place": f"{COMMUNITY_HALL}；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "低保 最低生活保障 城市低保 农村低保 低保户 低保金 低保标准 生活困难 社会救助",
    },
    {
        "slug": "dibao-bianyuan",
        "title": "低保边缘家庭认定",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 20,
        "summary": "不符合低保条件、但家庭人均月收入低于低保标准1.5倍的困难家庭，"
        "可以申请认定为低保边缘家庭，按规定享受特殊疾病医疗救助、助学等专项救助。",
        "eligibility": _lines(
            "收入型：不符合最低生活保障条件，共同生活的家庭成员人均月收入低于当地低保标准的"
            "1.5倍，并且家庭财产状况符合规定。",
            "支出型：因医疗、教育、残疾康复或意外事故等必需支出较大，扣除申请前12个月的"
            "这些支出后，家庭人均月收入符合上面的条件。",
            "以家庭为单位，由一名家庭成员向户籍所在地街道申请。",
        ),
        "materials": _lines(
            "低保边缘家庭申请书（窗口领取）",
            "户口簿，全体家庭成员的身份证原件和复印件",
            "家庭经济状况核对授权书（全体成年家庭成员签字）",
            "家庭成员收入证明和家庭财产申报",
            "支出型申请：近12个月的医疗费发票、学费收据、康复费用票据等",
            "申请人本人的银行卡或存折",
        ),
        "steps": _lines(
            "到户籍所在社区服务大厅或街道社会救助窗口提出书面申请。",
            "街道通过家庭经济状况核对系统核查收入和财产，社区工作人员入户调查。",
            "街道审核认定，结果书面告诉申请人。",
            "认定后按规定享受相应的专项救助，并定期复核；家庭情况有变化的请及时告诉社区。",
        ),
        "fee": "免费",
        "place": f"{COMMUNITY_HALL}；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "低保边缘 低边 低边户 低收入家庭 支出型困难 刚性支出 专项救助",
    },
    {
        "slug": "tekun-gongyang",
        "title": "特困人员救助供养（原五保）",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 30,
        "summary": "无劳动能力、无生活来源、无人赡养抚养扶养的老年人、残疾人和未成年人，"
        "可以申请特困供养，在家分散供养，或到供养服务机构集中供养。",
        "eligibility": _lines(
            "同时符合以下三个条件：",
            "一、无劳动能力：年满60周岁，或未满16周岁，或为一至三级智力、精神残疾，"
            "一、二级肢体残疾，一级视力残疾；",
            "二、无生活来源：收入低于当地低保标准，财产符合特困人员的规定"
            "（城乡居民基础养老金、优待抚恤金、高龄津贴等不算收入）；",
            "三、没有法定赡养、抚养、扶养义务人，或者义务人没有能力履行义务。",
            "原农村五保对象按特困人员政策执行。基本生活标准不低于当地低保标准的1.3倍，"
            "照料护理标准按全自理、半护理、全护理三档，具体金额按当年标准执行。",
        ),
        "materials": _lines(
            "特困人员供养申请书（可由社区代为填写）",
            "户口簿、身份证",
            "残疾证（有的请带上）",
            "无义务人或义务人无履行能力的证明材料",
            "收入和财产申报、家庭经济状况核对授权书",
            "近期一寸免冠照片2张",
            "本人银行卡或存折",
        ),
        "steps": _lines(
            "本人向户籍所在地街道提出书面申请；本人申请有困难的，可以由社区代为申请。",
            "街道调查核实，评估生活自理能力（全自理、半护理、全护理）。",
            "审核意见在所在社区公示，公示无异议后审核确认。",
            "本人选择在家分散供养或到供养服务机构集中供养，生活不能自理的优先集中供养。",
            "确认后从次月起发放供养金，并定期核查。",
        ),
        "fee": "免费",
        "place": f"{COMMUNITY_HALL}；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "特困 特困供养 特困人员 五保 五保户 三无人员 分散供养 集中供养 敬老院 孤寡老人",
    },
    {
        "slug": "linshi-jiuzhu",
        "title": "临时救助",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 40,
        "summary": "因火灾、交通事故、突发重病等意外，或因医疗、教育等必需支出突然增加，"
        "基本生活一时陷入困境的家庭和个人，可以申请临时救助。",
        "eligibility": _lines(
            "急难型：因火灾、交通事故、突发重大疾病等意外事件，家庭基本生活暂时出现严重困难。",
            "支出型：因医疗、教育等必需支出突然增加，超出家庭承受能力，基本生活出现严重困难。",
            "情况紧急的可以先行救助，事后补办手续。",
            "救助金额按困难类型和程度确定，一般不超过当地月低保标准的10倍，特殊情况一事一议。",
        ),
        "materials": _lines(
            "临时救助申请书（窗口领取，可代填）",
            "户口簿或居住证，身份证",
            "困难情况证明：事故认定书、火灾证明、诊断证明、医疗费发票等",
            "家庭经济状况核对授权书",
            "本人银行卡或存折",
        ),
        "steps": _lines(
            "向所在社区或街道社会救助窗口申请；情况紧急的可以直接打电话。",
            "社区上门调查核实。",
            "街道审核审批。",
            "救助金打入银行卡，或者发放实物；需要其他帮助的，帮您转介到相关部门。",
        ),
        "fee": "免费",
        "place": f"所在社区服务大厅；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "临时救助 急难救助 应急救助 意外 火灾 车祸 大病 支出型 救急 困难补助",
    },
    {
        "slug": "tebing-yiliao-jiuzhu",
        "title": "特殊疾病医疗救助",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 50,
        "summary": "低保家庭和低保边缘家庭成员患有本市规定的9种特殊疾病的，"
        "可以申请特殊疾病医疗救助，由特殊疾病医疗救助基金按规定救助个人自付的医疗费用。",
        "eligibility": _lines(
            "低保家庭、低保边缘家庭的成员；",
            "经医院确诊患有本市规定的9种特殊疾病之一（具体病种以街道社会救助窗口公布的目录为准）。",
            "医疗费用先经基本医疗保险、大病保险报销，救助基金对个人自付部分按规定比例"
            "和年度限额救助，比例和限额按当年标准执行。",
        ),
        "materials": _lines(
            "特殊疾病医疗救助申请表",
            "身份证、户口簿",
            "低保证或低保边缘家庭认定证明",
            "医院诊断证明和病历",
            "门诊或住院医疗费用发票原件，以及医保结算单",
            "本人银行卡或存折",
        ),
        "steps": _lines(
            "带齐材料到街道社会救助窗口申请。",
            "工作人员审核病种、身份和费用票据。",
            "街道审核后按规定报批。",
            "救助金打入银行卡；同一年度内可以多次申请，累计不超过年度限额。",
        ),
        "fee": "免费",
        "place": f"{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "特殊疾病 特病 特病救助 医疗救助 大病救助 看病报销 医药费 九种特殊病 重病",
    },
    {
        "slug": "guer-shenghuofei",
        "title": "孤儿基本生活费",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 60,
        "summary": "失去父母或查找不到生父母的未满18周岁儿童，由监护人申请，"
        "按月领取孤儿基本生活费。",
        "eligibility": _lines(
            "未满18周岁，父母双方均已死亡（含人民法院宣告死亡），或查找不到生父母的儿童；"
            "城市、农村孤儿都可以申请。",
            "由孤儿的监护人向孤儿户籍所在地街道申请。",
            "保障标准按当年标准执行；今年随低保提标同步提高。",
        ),
        "materials": _lines(
            "孤儿基本生活费申请表",
            "孤儿和监护人的户口簿、身份证",
            "父母死亡证明，或人民法院宣告死亡、失踪的判决书，或公安机关出具的查找不到生父母的证明",
            "监护关系证明（人民法院判决书，或居委会、村委会指定监护的证明）",
            "孤儿近期一寸免冠照片",
            "监护人的银行卡或存折",
        ),
        "steps": _lines(
            "监护人到户籍所在社区服务大厅或街道社会救助窗口申请。",
            "街道调查核实孤儿和监护情况。",
            "报区民政部门审核确认。",
            "从批准后的次月起按月发放，并定期核查孤儿的生活和监护情况。",
        ),
        "fee": "免费",
        "place": f"{COMMUNITY_HALL}；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "孤儿 孤儿基本生活费 孤儿补助 未成年人 监护人 儿童福利",
    },
    {
        "slug": "kunnan-xuesheng-zhuxue",
        "title": "困难学生助学",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 70,
        "summary": "低保、低保边缘、特困供养和困难优抚对象家庭的子女上学有困难的，"
        "可以申请助学帮扶；当年考上大学的困难家庭学生可以申请入学资助。",
        "eligibility": _lines(
            "家庭为低保、低保边缘、特困供养或困难优抚对象家庭；",
            "子女正在读中小学、中职、高中或大学，当年被高校录取的新生优先。",
            "资助金额按当年标准执行。",
        ),
        "materials": _lines(
            "助学申请表",
            "户口簿，学生和家长的身份证",
            "学校出具的在读证明或学生证；新生带录取通知书",
            "低保证、低保边缘家庭认定证明或其他困难证明",
            "学费收据（有的请带上）",
            "学生或家长的银行卡",
        ),
        "steps": _lines(
            "留意社区通知的受理时间，到所在社区服务大厅或街道社会救助窗口申请。",
            "社区核实家庭情况。",
            "街道审核，资助名单在社区公示。",
            "资助金打入学生或家长的银行卡。",
        ),
        "fee": "免费",
        "place": f"所在社区服务大厅；或{SUBDISTRICT_HALL}社会救助窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ASSISTANCE,
        "keywords": "助学 困难学生 贫困学生 贫困大学生 上学 学费 资助 助学金 教育救助",
    },
    {
        "slug": "youfu-daiyu",
        "title": "优抚对象优待抚恤",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 80,
        "summary": "残疾军人、烈士遗属、因公牺牲和病故军人遗属、在乡复员军人、"
        "带病回乡退伍军人、参战退役人员等优抚对象，可以办理抚恤补助、优待和困难帮扶。",
        "eligibility": _lines(
            "户籍在本街道的上述优抚对象。",
            "生活困难的优抚对象可以申请帮扶；退役军人可以咨询就业指导、技能培训等服务。",
            "抚恤补助标准按国家和省、市规定执行；优待抚恤金不计入低保家庭收入。",
        ),
        "materials": _lines(
            "身份证、户口簿",
            "残疾军人证、烈士证明书等优抚证件",
            "退伍证或复员证",
            "近期一寸免冠照片",
            "本人银行卡或存折",
            "申请困难帮扶的，带上医疗费发票等困难证明",
        ),
        "steps": _lines(
            "到街道退役军人服务站咨询，提交材料。",
            "街道核实身份和家庭情况。",
            "报区退役军人事务局审核。",
            "审核通过后按规定发放抚恤补助，或落实优待和帮扶。",
        ),
        "fee": "免费",
        "place": "潘火街道退役军人服务站（街道便民服务中心一楼）",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_VETERANS,
        "keywords": "优抚 优待 抚恤 抚恤金 退役军人 退伍军人 复员军人 伤残军人 残疾军人 "
        "烈属 军属 老兵",
    },
    {
        "slug": "cishan-juanzeng-qiuzhu",
        "title": "慈善捐赠与求助",
        "category": Category.SOCIAL_ASSISTANCE,
        "app": PortalApp.ASSISTANCE,
        "sort_order": 90,
        "summary": "企业、单位和个人可以通过街道慈善工作站捐款、捐物或提供志愿劳务；"
        "遇到困难的家庭也可以向慈善工作站求助。",
        "eligibility": _lines(
            "捐赠：任何单位和个人都可以捐赠资金、衣物等实物，或提供维修、陪护等劳务，"
            "也可以指定帮扶对象或用途。",
            "求助：因重大疾病、意外事故等，享受社会救助后生活仍有较大困难的本街道居民。",
        ),
        "materials": _lines(
            "捐赠：现金、银行转账凭证或捐赠的物品",
            "捐赠：需要捐赠票据的，带上单位名称或个人身份证",
            "求助：求助申请（可由社区代写）",
            "求助：身份证、户口簿",
            "求助：诊断证明、医疗费发票等困难情况证明",
        ),
        "steps": _lines(
            "捐赠：到街道慈善工作站或所在社区登记，领取捐赠票据；定向捐赠请说明用途。",
            "慈善款物的去向在街道公开，捐赠人可以随时查询。",
            "求助：向所在社区提出，社区核实后报街道慈善工作站。",
            "慈善工作站审核后给予帮扶，并把结果告诉求助人。",
        ),
        "fee": "免费",
        "place": f"{SUBDISTRICT_HALL}慈善工作站；各社区服务大厅",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_CHARITY,
        "keywords": "慈善 捐款 捐物 捐赠 爱心 慈善协会 求助 帮扶 送温暖 义捐 劳务捐赠",
    },
    # 养老服务 ------------------------------------------------------------------------------
    {
        "slug": "jujia-yanglao",
        "title": "居家养老服务（助餐、保洁、助浴、日间照料、康复）",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "sort_order": 10,
        "summary": "为住在家里的老年人提供助餐、保洁、助浴、日间照料和康复保健等服务；"
        "符合条件的困难老人可以享受政府购买的无偿服务。",
        "eligibility": _lines(
            "本街道60周岁以上、居住在家的老年人都可以申请。",
            "困难、空巢、孤寡、残疾和高龄老人优先安排；符合条件的困难老人经评估后享受无偿服务，"
            "其他老人按服务站公示的价格付费。",
        ),
        "materials": _lines(
            "老人的身份证、户口簿",
            "申请无偿服务的，带上低保证、特困人员证明、残疾证等",
            "申请日间照料、康复服务的，带上近期病历或体检报告",
            "紧急联系人（子女或亲友）的姓名和电话",
        ),
        "steps": _lines(
            "老人或家属到所在社区服务大厅或居家养老服务站登记需要的服务。",
            "工作人员上门了解情况，需要时安排老年人能力评估。",
            "商定服务项目、时间和费用，签订服务协议。",
            "服务站上门或在站内提供服务，每次服务由老人或家属签字确认。",
            "对服务不满意的，可以随时向社区或街道养老服务窗口反映。",
        ),
        "fee": "符合条件的困难老人免费（政府购买服务）；其他老人按服务站公示的价格收费",
        "place": "东莺、雅苑社区居家养老服务站，东南社区服务中心；其他社区可到社区服务大厅登记",
        "opening_hours": "服务站每天 8:00–17:00；上门服务时间与服务站约定",
        "contact": PHONE_ELDERCARE,
        "keywords": "居家养老 养老服务 助餐 老年食堂 送餐 保洁 助洁 助浴 洗澡 日间照料 托老 "
        "康复 上门服务 养老服务站",
    },
    {
        "slug": "yingji-hujiao",
        "title": "应急呼叫系统安装",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "sort_order": 20,
        "summary": "为独居、空巢、孤寡等老年人家中免费安装“应急呼叫系统”，"
        "遇到突发情况一键呼叫，服务中心及时响应。",
        "eligibility": _lines(
            "以下老人优先免费安装：",
            "70周岁以上的低保独居老人；",
            "伤残军人、老红军；",
            "孤寡老人；",
            "80周岁以上的空巢老人。",
            "全区已为68名符合条件的老人免费安装，今年力争扩大到100户。",
        ),
        "materials": _lines(
            "老人的身份证、户口簿",
            "所属类别的证明：低保证、残疾军人证等",
            "紧急联系人（子女、邻居或社区工作人员）的姓名和电话",
            "家里的固定电话或手机号码",
        ),
        "steps": _lines(
            "老人或家属向所在社区提出申请。",
            "社区核实条件后报街道养老服务窗口。",
            "街道汇总后安排服务商上门安装，并教老人使用。",
            "安装后服务中心定期回访，检测设备是否正常。",
        ),
        "fee": "免费（政府出资安装）",
        "place": f"所在社区服务大厅；或{SUBDISTRICT_HALL}养老服务窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ELDERCARE,
        "status": Status.CLOSED,
        "status_note": "因更换设备服务商，2027年3月31日前暂停受理新的安装申请；"
        "已安装老人的呼叫服务照常。",
        "keywords": "应急呼叫 一键呼叫 紧急呼叫 呼叫器 独居老人 空巢老人 孤寡老人 安全 报警",
    },
    {
        "slug": "gaoling-jintie",
        "title": "高龄津贴",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "sort_order": 30,
        "summary": "年满80周岁的本地户籍老年人，按年龄段按月领取高龄津贴。",
        "eligibility": _lines(
            "本街道户籍、年满80周岁的老年人。",
            "分三档：80–89周岁、90–99周岁、100周岁及以上，年龄越大标准越高，"
            "具体金额按当年标准执行。",
            "年龄进入下一档（例如满90周岁）的，从次月起按新档发放，由社区核对后调整。",
            "领取高龄津贴的老人每年做一次生存认证；老人去世后请家属及时告诉社区，"
            "多领的津贴需要退回。",
        ),
        "materials": _lines(
            "老人的身份证、户口簿",
            "老人本人的银行卡或存折",
            "家属代办的，带上代办人身份证",
        ),
        "steps": _lines(
            "老人快满80周岁时，本人或家属到户籍所在社区服务大厅申请（社区也会提前通知）。",
            "社区核对年龄和户籍。",
            "街道审核后报区民政部门。",
            "审核通过后按月打入老人的银行卡，起始月份按本地规定执行。",
            "每年做一次生存认证，可以到社区办理，行动不便的由工作人员上门。",
        ),
        "fee": "免费",
        "place": COMMUNITY_HALL,
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ELDERCARE,
        "keywords": "高龄津贴 高龄补贴 老人补贴 尊老金 长寿金 80岁 90岁 百岁老人 生存认证",
    },
    {
        "slug": "yigong-dengji",
        "title": "义工登记（实名制）",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "sort_order": 40,
        "summary": "社区义工实行实名登记。登记后可以参加与困难、空巢、孤寡、残疾老人结对关爱等"
        "志愿服务，服务时长如实记录，需要时可以开具证明。",
        "eligibility": _lines(
            "愿意参加志愿服务、身体健康的居民都可以登记；",
            "未满18周岁的需要监护人同意，参加与年龄相适应的活动；",
            "单位和团体也可以集体登记。",
        ),
        "materials": _lines(
            "本人身份证（实名登记必需）",
            "常用的联系电话",
            "未成年人：监护人同意书和监护人身份证",
            "有医疗、法律、维修等专长的，可带上相关证书",
        ),
        "steps": _lines(
            "到所在社区服务大厅或街道义工协会填写义工登记表，工作人员核对身份证。",
            "选择服务方向：结对关爱老人、助残、环境卫生、文明劝导、活动服务等。",
            "参加岗前培训后开始服务。",
            "每次服务由组织方如实记录服务时长（按小时计）。",
            "需要时申请开具志愿服务证明（谁组织谁记录，谁记录谁证明）。",
        ),
        "fee": "免费",
        "place": "所在社区服务大厅；潘火街道义工协会（街道便民服务中心一楼）",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_VOLUNTEERS,
        "keywords": "义工 志愿者 志愿服务 义工登记 实名 结对关爱 服务时长 志愿服务证明",
    },
    {
        "slug": "laonianren-nengli-pinggu",
        "title": "老年人能力评估",
        "category": Category.ELDER_CARE,
        "app": PortalApp.ELDERCARE,
        "sort_order": 50,
        "summary": "按国家标准《老年人能力评估规范》（GB/T 42195-2022）评估老年人的自理能力、"
        "基础运动能力、精神状态、感知觉与社会参与，作为安排养老和护理服务的依据。",
        "eligibility": _lines(
            "申请居家养老无偿服务、入住养老机构、特困人员照料护理等需要评估的老年人；",
            "身体状况明显变化的老人可以申请重新评估。",
        ),
        "materials": _lines(
            "老人的身份证、户口簿",
            "近期病历、诊断证明和正在服用的药物清单",
            "残疾证（有的请带上）",
            "请熟悉老人日常情况的家属或照护人陪同",
        ),
        "steps": _lines(
            "向所在社区或街道养老服务窗口提出评估申请。",
            "预约时间，评估员上门或在养老服务站评估，家属陪同。",
            "评估共26项指标，结果分为能力完好、轻度受损、中度受损、重度受损、完全丧失5个等级。",
            "评估结果告诉老人和家属，并用于确定服务项目。",
            "一般每12个月复评一次；身体状况变化时可以随时申请复评。",
        ),
        "fee": "免费",
        "place": f"所在社区服务大厅；或{SUBDISTRICT_HALL}养老服务窗口",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_ELDERCARE,
        "keywords": "能力评估 失能评估 失能等级 自理能力 护理等级 养老评估 失智 长期护理",
    },
    # 卫生健康 ------------------------------------------------------------------------------
    {
        "slug": "jiating-yisheng-qianyue",
        "title": "家庭医生签约",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 10,
        "summary": "居民可以和社区家庭医生团队签订服务协议，由固定的团队为您和家人提供"
        "基本医疗、公共卫生和健康管理服务，一次签约一年。",
        "eligibility": _lines(
            "辖区常住居民（居住满半年，户籍和非户籍都可以，含流动人口）。",
            "优先为老年人、孕产妇、儿童、残疾人，高血压、糖尿病、结核病等慢性病患者"
            "和严重精神障碍患者签约，逐步扩大到普通人群。",
            "同一时间每位居民只能签约一个家庭医生团队；期满可以续约，也可以改签其他团队。",
            "家庭医生团队由家庭医生、社区护士、公共卫生医师组成，部分团队有二级以上医院的医师参加。",
        ),
        "materials": _lines(
            "本人身份证或户口簿（儿童带户口簿或出生医学证明）",
            "医保卡（社保卡）",
            "流动人口带居住证",
            "以前的病历、体检报告和正在服用的药物（有的请带上）",
        ),
        "steps": _lines(
            "到社区卫生服务中心（站），或在家庭医生上门服务时提出签约。",
            "选择家庭医生团队，了解基础服务和个性化服务包的内容。",
            "签订一年期服务协议，记下家庭医生的联系电话。",
            "按约定接受健康评估、随访、预约转诊等服务。",
            "到期前约30天，家庭医生会提醒您续约。",
        ),
        "fee": "基础签约服务中的基本公共卫生服务免费；个性化服务包的费用由医保基金、"
        "签约居民和公共卫生经费按规定分担，以社区卫生服务中心公示为准",
        "place": HEALTH_CENTRE,
        "opening_hours": HEALTH_HOURS,
        "contact": PHONE_HEALTH,
        "keywords": "家庭医生 家医 签约 家医签约 签约医生 全科医生 健康管理 续约",
    },
    {
        "slug": "fenshiduan-yuyue",
        "title": "分时段预约就诊",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 20,
        "summary": "社区卫生服务中心实行分时段预约，按预约的时间段来看病，少排队、少等候。"
        "慢性病复诊、预防接种、儿童保健、孕产妇保健优先开放预约。",
        "eligibility": _lines(
            "所有居民都可以预约。",
            "每个时段名额有限，约满为止；不能按时来的请提前取消。",
        ),
        "materials": _lines(
            "本人身份证或医保卡（社保卡）",
            "预约成功的短信或预约号",
            "复诊的带上病历和正在服用的药物",
        ),
        "steps": _lines(
            "打电话或到服务中心窗口预约，选择科室、医生、日期和时间段"
            "（开通网上预约后也可以在本网站预约）。",
            "在预约时段开始前到达，到窗口或自助机签到。",
            "按叫号就诊。",
            "不能按时就诊的，请提前取消预约，把号源留给别人。",
        ),
        "fee": "预约免费；诊疗费用按医保规定结算",
        "place": HEALTH_CENTRE,
        "opening_hours": HEALTH_HOURS,
        "contact": PHONE_HEALTH,
        "keywords": "预约 挂号 预约挂号 预约看病 门诊 分时段 排队 就诊 复诊 看病",
    },
    {
        "slug": "manxingbing-suifang",
        "title": "慢性病随访（高血压、2型糖尿病）",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 30,
        "summary": "35岁以上的高血压和2型糖尿病患者可以纳入社区慢性病管理，由家庭医生免费随访，"
        "每年至少4次面对面随访和1次较全面的健康检查。",
        "eligibility": _lines(
            "辖区常住居民（含流动人口）中35周岁及以上、确诊原发性高血压或2型糖尿病的患者。",
            "35周岁以上的居民每年第一次到社区看病时免费量一次血压；"
            "糖尿病高危人群每年至少测一次空腹血糖。",
        ),
        "materials": _lines(
            "身份证或医保卡",
            "医院诊断证明或病历",
            "正在服用的药物或药盒",
            "在家自测的血压、血糖记录",
        ),
        "steps": _lines(
            "到社区卫生服务中心或向家庭医生登记，建立慢性病管理档案。",
            "一般每季度随访一次（门诊或上门，见不到面时电话随访）：测血压或空腹血糖，"
            "了解用药、饮食、运动情况。",
            "糖尿病患者每年免费测4次空腹血糖。",
            "控制不满意或出现药物不良反应的，2周内再随访；连续两次控制不满意的，建议转诊到上级医院。",
            "血压、血糖出现危急情况的，先处理再紧急转诊，医生在2周内跟踪。",
            "每年做1次较全面的健康检查。",
        ),
        "fee": "免费（国家基本公共卫生服务项目）",
        "place": HEALTH_CENTRE,
        "opening_hours": HEALTH_HOURS,
        "contact": PHONE_HEALTH,
        "keywords": "慢性病 慢病 慢病管理 高血压 糖尿病 血压 血糖 随访 三高",
    },
    {
        "slug": "yufang-jiezhong",
        "title": "儿童预防接种",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 40,
        "summary": "按国家免疫规划疫苗儿童免疫程序（2021年版）为适龄儿童免费接种乙肝、卡介苗、"
        "脊灰、百白破、麻腮风、乙脑、流脑、甲肝等疫苗。",
        "eligibility": _lines(
            "辖区内居住的适龄儿童，户籍和非户籍儿童（含流动人口子女）同等享受。",
            "新生儿由家长办理预防接种证；从外地迁入的儿童，带接种证到接种门诊登记。",
            "自2025年1月1日起，百白破疫苗改为2、4、6、18月龄和6周岁各接种1剂。",
        ),
        "materials": _lines(
            "儿童预防接种证",
            "首次建证带出生医学证明或户口簿",
            "监护人身份证",
            "孩子近期生病、过敏的，请带上病历并告诉医生",
        ),
        "steps": _lines(
            "按接种证上约好的日期，或提前打电话预约，带孩子到预防接种门诊。",
            "先体检、后接种：医生询问健康情况，监护人签字知情同意。",
            "接种后在留观室观察30分钟，没有异常再离开。",
            "约好下一针的时间，记在接种证上。",
            "错过接种时间的，请尽快联系接种门诊补种。",
        ),
        "fee": "国家免疫规划疫苗免费；非免疫规划疫苗自愿自费",
        "place": "潘火街道社区卫生服务中心预防接种门诊",
        "opening_hours": "周一至周五 8:00–11:30（具体接种日以社区卫生服务中心公告为准）",
        "contact": PHONE_VACCINATION,
        "keywords": "预防接种 打疫苗 疫苗 接种 打预防针 免疫规划 接种证 儿童保健 百白破 乙肝疫苗",
    },
    {
        "slug": "laonianren-tijian",
        "title": "65岁以上老年人免费体检",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 50,
        "summary": "辖区65周岁及以上常住居民每年可以免费做一次健康体检，"
        "包括健康状况评估、体格检查、化验检查和健康指导。",
        "eligibility": _lines(
            "辖区内65周岁及以上的常住居民（居住满半年，户籍和非户籍都可以）。",
            "每年一次。",
        ),
        "materials": _lines(
            "身份证或医保卡",
            "上一年的体检报告（有的请带上）",
            "正在服用的药物清单",
        ),
        "steps": _lines(
            "打电话预约，或按社区通知的时间，早上空腹到社区卫生服务中心（前一天晚饭后不再进食）。",
            "填写健康状况问卷，量血压、身高、体重、腰围，做体格检查。",
            "抽血化验（血常规、肝功能、肾功能、空腹血糖、血脂），做尿常规、心电图和腹部B超。",
            "同时做中医体质辨识和生活自理能力评估。",
            "报告出来后社区通知领取，医生讲解结果；发现高血压、糖尿病的纳入慢性病管理，"
            "其他异常的建议复查或转诊。",
        ),
        "fee": "免费（国家基本公共卫生服务项目）",
        "place": HEALTH_CENTRE,
        "opening_hours": HEALTH_HOURS,
        "contact": PHONE_HEALTH,
        "keywords": "体检 老年人体检 免费体检 65岁 健康检查 老年人健康管理 抽血 健康体检",
    },
    {
        "slug": "jumin-jiankang-dangan",
        "title": "居民健康档案",
        "category": Category.HEALTH,
        "app": PortalApp.HEALTH,
        "sort_order": 60,
        "summary": "社区卫生服务中心为辖区常住居民免费建立健康档案，记录基本信息、体检、"
        "慢性病管理和就诊情况，本人可以查询。",
        "eligibility": _lines(
            "辖区常住居民（居住满半年，户籍和非户籍都可以，含流动人口）。",
            "0–6岁儿童、孕产妇、老年人、慢性病和严重精神障碍患者等重点人群优先建档。",
            "健康档案终身保存、严格保密，不会出售或用于商业用途。",
        ),
        "materials": _lines(
            "身份证（儿童带户口簿或出生医学证明）",
            "医保卡",
            "流动人口带居住证",
            "以前的病历、体检报告（有的请带上）",
        ),
        "steps": _lines(
            "到社区卫生服务中心（站），或在家庭医生上门、体检时提出建档。",
            "填写个人基本信息表，医生询问既往病史、家族史和生活习惯。",
            "建档后获得17位健康档案编号。",
            "以后每次体检、随访、就诊的记录都会归入档案。",
            "本人带身份证到服务中心可以查询自己的健康档案。",
        ),
        "fee": "免费",
        "place": HEALTH_CENTRE,
        "opening_hours": HEALTH_HOURS,
        "contact": PHONE_HEALTH,
        "keywords": "健康档案 电子健康档案 建档 档案查询 健康记录 病历",
    },
    # 党建与共青团 ---------------------------------------------------------------------------
    {
        "slug": "zhuti-dangri",
        "title": "党员活动（每月主题党日）",
        "category": Category.PARTY_LEAGUE,
        "app": PortalApp.PARTYWORK,
        "sort_order": 10,
        "summary": "社区党组织每月固定一天开展主题党日，集中学习、过组织生活、民主议事和志愿服务。"
        "全年安排见下面的办理步骤。",
        "eligibility": _lines(
            "社区党组织的党员；",
            "到社区报到的在职党员和登记的流动党员；",
            "居民群众可以参加其中的志愿服务和公开活动。",
        ),
        "materials": _lines(
            "首次参加的在职党员：社区报到证明",
            "流动党员：流动党员活动证或组织关系证明",
        ),
        "steps": _lines(
            "留意社区党组织的通知，了解当月主题党日的时间和地点。",
            "1月：春节慰问老党员",
            "2月：党小组成立大会",
            "3月：党员志愿者参加植树",
            "4月：党员领导干部下基层讲党课",
            "5月：“关心青年成长”座谈会",
            "6月：“一名党员、一面旗帜”社区一日志愿者",
            "7月：“重温入党誓词、牢记党的宗旨”集体宣誓",
            "8月：“爱心在行动”社区奉献日",
            "9月：纪录片观影",
            "10月：“中国梦，我的梦”茶话会",
            "11月：“喜看家乡变化，我来建言献策”参观园区",
            "12月：“寻找身边的优秀党员”评选",
            "按时参加并签到；参加志愿服务的记录服务时长。",
        ),
        "fee": "免费",
        "place": "各社区党群服务中心；潘火街道党群服务中心",
        "opening_hours": "每月主题党日的具体时间以社区党组织通知为准",
        "contact": PHONE_PARTY,
        "keywords": "主题党日 党日活动 党员活动 组织生活 党课 在职党员报到 流动党员 党支部 党建",
    },
    {
        "slug": "dangyuan-shidayuan",
        "title": "党员“十大员”志愿岗认领",
        "category": Category.PARTY_LEAGUE,
        "app": PortalApp.PARTYWORK,
        "sort_order": 20,
        "summary": "党员按自己的特长认领“十大员”志愿岗位，在环境卫生、帮扶困难群众、"
        "调解纠纷、法律宣传等方面带头为居民服务。",
        "eligibility": _lines(
            "社区党员和到社区报到的在职党员。",
            "可以认领的岗位：环境卫生监督员、困难群众帮扶员、文艺活动组织员、矛盾纠纷调解员、"
            "法律政策宣传员、创业就业示范员、文明新风带动员、少年成长辅导员、家庭美德弘扬员、"
            "社会治安维护员。",
        ),
        "materials": _lines("本人身份证（首次登记时）"),
        "steps": _lines(
            "向社区党组织报名，选择一至两个岗位。",
            "社区党组织统一安排，公布各岗位的党员名单和联系方式。",
            "按岗位开展服务，做了什么记入服务记录。",
            "年底结合“寻找身边的优秀党员”评选进行评议。",
        ),
        "fee": "免费",
        "place": "各社区党群服务中心",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_PARTY,
        "keywords": "十大员 党员志愿 志愿岗 党员认领 帮扶员 调解员 宣传员 党员先锋",
    },
    {
        "slug": "tuanzhibu-huodong",
        "title": "社区团支部活动",
        "category": Category.PARTY_LEAGUE,
        "app": PortalApp.PARTYWORK,
        "sort_order": 30,
        "summary": "社区团支部组织团员和青少年参加学习、志愿服务和文体活动，"
        "如5月的青少年法治课、“六一”绘画征文比赛。",
        "eligibility": _lines(
            "社区团员、青年和在校中小学生；",
            "未成年人参加活动需要家长同意。",
            "今年安排：5月邀请关工委、环保部门、派出所等单位为学生上法治课；“六一”前后举办绘画、征文比赛"
            "或自编节目演出。",
        ),
        "materials": _lines(
            "团员证或学生证（有的请带上）",
            "未成年人外出活动：家长同意书",
        ),
        "steps": _lines(
            "留意社区团支部的通知或社区公告栏。",
            "向社区团支部报名，留下联系电话。",
            "按时参加活动并签到。",
            "参加志愿服务的，记录服务时长。",
        ),
        "fee": "免费",
        "place": "各社区党群服务中心（社区团支部）",
        "opening_hours": "活动时间以社区团支部通知为准",
        "contact": PHONE_LEAGUE,
        "keywords": "团支部 共青团 团员 青年 青少年 法治课 六一 儿童节 绘画比赛 征文 志愿服务",
    },
    # 社区教育 ------------------------------------------------------------------------------
    {
        "slug": "shequ-xueyuan-baoming",
        "title": "社区学院课程报名",
        "category": Category.EDUCATION,
        "app": PortalApp.EDUCATION,
        "sort_order": 10,
        "summary": "社区学院面向居民开设计算机、电子商务、汽车驾驶与维修、旅游服务、会计、"
        "电子电工等技能课程，以及健康、法律、科普和老年教育课程。",
        "eligibility": _lines(
            "本街道居民都可以报名。",
            "老年人、青少年、失业人员、失地农民、残疾人有专门的课程和帮扶。",
            "每班名额有限，按报名先后录取。",
        ),
        "materials": _lines(
            "身份证",
            "一寸照片1张（技能班、考证班需要）",
            "失业人员带失业登记证明，残疾人带残疾证（享受优惠时需要）",
        ),
        "steps": _lines(
            "查看社区学院或社区公告栏的开课通知。",
            "到社区学院或所在社区服务大厅报名，选择课程和班次。",
            "按通知的时间上课，签到记考勤。",
            "完成课程、考核合格的，发给结业证书。",
        ),
        "fee": "公益课程免费；部分技能和考证课程按开课通知公布的标准收费",
        "place": "潘火街道社区学院；各社区服务中心教学点",
        "opening_hours": f"报名：{OFFICE_HOURS}",
        "contact": PHONE_COLLEGE,
        "keywords": "社区学院 社区教育 培训 报名 课程 电脑 计算机 电子商务 网店 汽车维修 学车 "
        "旅游 会计 电工 老年大学",
    },
    {
        "slug": "nongmin-shiyong-jishu",
        "title": "农民实用技术培训",
        "category": Category.EDUCATION,
        "app": PortalApp.EDUCATION,
        "sort_order": 20,
        "summary": "为农民（特别是困难户）免费开展种植、养殖、农产品销售等实用技术培训，帮助增收。",
        "eligibility": _lines(
            "本街道农村户籍居民和从事农业生产的人员；",
            "困难户优先。",
        ),
        "materials": _lines("身份证", "联系电话"),
        "steps": _lines(
            "关注社区公告栏和本网站为农服务专栏的培训通知。",
            "到所在社区或社区学院报名。",
            "按时参加培训（课堂讲授加现场指导），签到记入培训台账。",
            "培训后有问题，可以继续向授课老师和技术员咨询。",
        ),
        "fee": "免费",
        "place": "潘火街道社区学院；各社区服务中心教学点",
        "opening_hours": "培训时间以培训通知为准",
        "contact": PHONE_COLLEGE,
        "keywords": "农民培训 实用技术 种植 养殖 农业技术 农技 致富 技术培训 为农服务",
    },
    {
        "slug": "nongcun-laodongli-zhuanyi",
        "title": "农村劳动力转移培训",
        "category": Category.EDUCATION,
        "app": PortalApp.EDUCATION,
        "sort_order": 30,
        "summary": "为想外出务工或转岗就业的农村劳动力免费提供职业技能培训和就业信息，"
        "提升就业能力。",
        "eligibility": _lines(
            "农村户籍、有劳动能力和就业意愿的劳动者；",
            "失地农民、困难家庭成员优先。",
        ),
        "materials": _lines(
            "身份证",
            "户口簿",
            "一寸照片2张",
            "学历证明（有的请带上）",
        ),
        "steps": _lines(
            "到社区学院或所在社区报名，登记就业意向。",
            "按意向选择培训项目，如电工、家政、餐饮、汽车维修等。",
            "参加培训和考核。",
            "考核合格发给培训证书，并推荐就业岗位。",
        ),
        "fee": "免费",
        "place": "潘火街道社区学院",
        "opening_hours": f"报名：{OFFICE_HOURS}",
        "contact": PHONE_COLLEGE,
        "keywords": "劳动力转移 转移培训 外出务工 就业培训 技能培训 失地农民 找工作 再就业",
    },
    {
        "slug": "chengren-xueli",
        "title": "成人学历教育报名",
        "category": Category.EDUCATION,
        "app": PortalApp.EDUCATION,
        "sort_order": 40,
        "summary": "社区学院与高校合作开展开放教育、网络教育等业余学历教育，"
        "在职人员可以边工作边学习，取得专科或本科学历。",
        "eligibility": _lines(
            "有高中（中专）及以上学历的，可以报读专科；有专科及以上学历的，可以报读专升本。",
            "具体条件以合作高校当年的招生简章为准。",
        ),
        "materials": _lines(
            "身份证",
            "最高学历毕业证书原件和复印件",
            "近期免冠证件照（电子版）",
        ),
        "steps": _lines(
            "查看社区学院发布的招生简章，咨询专业和学习方式。",
            "报名并提交材料。",
            "参加入学测试（有的专业需要）。",
            "注册学籍后按要求网上学习、参加面授辅导和考试。",
            "修满学分、考试合格的，由高校发给毕业证书。",
        ),
        "fee": "学费按合作高校公布的标准收取",
        "place": "潘火街道社区学院",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_COLLEGE,
        "keywords": "成人学历 学历提升 专升本 开放大学 电大 网络教育 远程教育 继续教育 文凭",
    },
    # 社区事务 ------------------------------------------------------------------------------
    {
        "slug": "juwu-jiandu",
        "title": "社区居务监督",
        "category": Category.COMMUNITY,
        "app": PortalApp.PORTAL,
        "sort_order": 10,
        "summary": "各社区设有居务监督委员会，监督居务公开、财务收支和重大事项决策。"
        "居民对居务、财务公开有疑问的，可以向居务监督委员会反映。",
        "eligibility": _lines("本社区居民都可以反映问题、提出意见建议。"),
        "materials": _lines(
            "本人身份证（实名反映便于告诉您处理结果；也可以匿名反映）",
            "相关的材料或照片（有的请带上）",
        ),
        "steps": _lines(
            "到社区服务大厅找居务监督委员会成员，或打社区电话、投社区意见箱。",
            "居务监督委员会登记问题，向居委会了解核实。",
            "核实后答复反映人，并在社区公开栏公开处理情况。",
            "对答复不满意的，可以向街道社区管理科反映。",
        ),
        "fee": "免费",
        "place": "所在社区服务大厅",
        "opening_hours": OFFICE_HOURS,
        "contact": f"所在社区居委会电话，或{PHONE_COMMUNITY_AFFAIRS}",
        "keywords": "居务监督 居监会 居务公开 财务公开 监督 意见建议 居委会 民主监督",
    },
    {
        "slug": "wuye-tousu",
        "title": "物业服务投诉与建议",
        "category": Category.COMMUNITY,
        "app": PortalApp.PORTAL,
        "sort_order": 20,
        "summary": "对小区物业服务（卫生、安保、维修、停车、绿化等）有意见，可以先找物业，"
        "也可以向社区或街道投诉；街道每年两次考核物业服务并调查居民满意度。",
        "eligibility": _lines("本街道各小区的业主和住户。"),
        "materials": _lines(
            "身份证",
            "问题的照片、视频或书面说明",
            "和物业沟通的记录（有的请带上）",
        ),
        "steps": _lines(
            "先向小区物业服务中心反映，保留沟通记录。",
            "物业没有处理或处理不满意的，向所在社区居委会或业主委员会反映。",
            "社区协调物业整改；仍解决不了的，报街道社区管理科。",
            "街道督促物业整改，并答复投诉人。",
            "街道每年两次从工作执行力、财务管理、房屋设施、公共秩序、社会治安、消防安全、"
            "环境卫生、满意度8个方面考核物业，居民投诉和满意度调查结果计入考核。",
        ),
        "fee": "免费",
        "place": "所在社区服务大厅；潘火街道社区管理科（街道便民服务中心）",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_COMMUNITY_AFFAIRS,
        "keywords": "物业 投诉 物业投诉 物业服务 保安 保洁 电梯 维修 停车 绿化 满意度 业委会",
    },
    {
        "slug": "yezhu-weiyuanhui",
        "title": "业主委员会成立与换届指导",
        "category": Category.COMMUNITY,
        "app": PortalApp.PORTAL,
        "sort_order": 30,
        "summary": "小区业主筹备成立业主委员会或换届选举的，街道和社区全程指导和监督。",
        "eligibility": _lines(
            "符合成立条件的住宅小区业主（条件按《物业管理条例》和本地规定）。",
        ),
        "materials": _lines(
            "业主联名申请书或筹备组申请书",
            "筹备组成员名单和身份证复印件",
            "小区房屋和业主情况（可向物业或开发建设单位调取）",
        ),
        "steps": _lines(
            "业主向社区居委会提出筹备申请。",
            "街道、社区指导成立筹备组。",
            "筹备组拟定选举办法和管理规约草案，并在小区公示。",
            "召开业主大会，选举业主委员会委员。",
            "公告选举结果，并到街道备案。",
        ),
        "fee": "免费",
        "place": "所在社区服务大厅；潘火街道社区管理科（街道便民服务中心）",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_COMMUNITY_AFFAIRS,
        "keywords": "业主委员会 业委会 业主大会 换届 选举 筹备组 物业",
    },
    {
        "slug": "shequ-shehui-zuzhi-beian",
        "title": "社区社会组织备案",
        "category": Category.COMMUNITY,
        "app": PortalApp.PORTAL,
        "sort_order": 40,
        "summary": "居民自发成立的文体、志愿服务、养老助残、公益服务等社区社会组织，"
        "可以在社区和街道备案，获得场地、培训等支持。",
        "eligibility": _lines(
            "在本街道开展活动的社区社会组织，有负责人、有固定成员和经常性活动。",
        ),
        "materials": _lines(
            "社区社会组织备案申请表",
            "组织章程或活动规则",
            "负责人身份证",
            "成员名单",
            "活动场所说明",
        ),
        "steps": _lines(
            "向所在社区提出备案申请。",
            "社区初审后报街道。",
            "街道审核后备案，发给备案证明。",
            "每年向社区报送活动情况。",
        ),
        "fee": "免费",
        "place": "所在社区服务大厅；潘火街道社区管理科（街道便民服务中心）",
        "opening_hours": OFFICE_HOURS,
        "contact": PHONE_COMMUNITY_AFFAIRS,
        "keywords": "社会组织 社区社会组织 备案 民间组织 志愿队 文体队 兴趣小组 协会",
    },
)

#: Fields an entry gets when its plan leaves them out.
# ``online_path`` is left to the apps that own the pages (their demo sets it): a plan here
# would blank it on every run.
_DEFAULTS = {"status": Status.ACTIVE, "status_note": ""}


def planned_services() -> list[dict[str, Any]]:
    """Every demo entry as the field values it should have."""
    return [{**_DEFAULTS, **spec} for spec in SERVICES]


def seed_services(log: Log | None = None) -> int:
    """Create the demo guide entries; return how many were created.

    Idempotent: an entry whose slug exists is updated only where it differs from the plan
    (so a second run creates nothing and writes no history), through ``update_or_create``.
    """
    plans = planned_services()
    stored = {
        entry.slug: entry
        for entry in ServiceEntry.objects.filter(slug__in=[p["slug"] for p in plans])
    }
    created = updated = 0
    with transaction.atomic():
        for plan in plans:
            slug = plan["slug"]
            values = {name: value for name, value in plan.items() if name != "slug"}
            entry = stored.get(slug)
            if entry is not None and all(getattr(entry, k) == v for k, v in values.items()):
                continue
            _, was_created = ServiceEntry.objects.update_or_create(slug=slug, defaults=values)
            created += was_created
            updated += not was_created
    if log:
        log(
            f"service guide: {created} created, {updated} updated, "
            f"{len(plans) - created - updated} unchanged"
        )
    return created
