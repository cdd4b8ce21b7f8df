#!/usr/bin/env python3
"""Writes seeds/demo/contacts.csv: about 200 invented contacts of the demo county 清溪县.

Rerun it from the project root after changing it (Python 3, standard library only):

    python3 seeds/demo/generate.py

The random seed is fixed, so the same script writes the same file, byte for byte. The file is loaded
by org.weiquan.demo.DemoData when Weiquan runs in demo mode (WEIQUAN_DEMO=true), once per database:
a changed file is not loaded into a database that already holds contacts (delete ./data to start
afresh).

Everything here is invented. Names are common surnames with common given names; phone numbers
have 0000 in the middle (138 0000 1234) so that they are recognisably made up; there are no
identity numbers and no addresses. Dates are as of AS_OF (2026-11-27): the loader moves them by
the whole days between AS_OF and the day it runs, so the demo always covers the last 18 months.

Columns: received_at, station_code, channel, petition_type, primary_category, other_categories
(;-separated), flags (;-separated), summary, complainant_name, complainant_gender,
complainant_birth_year, complainant_phone, complainant_phone_safe, respondent_name,
respondent_relation, decision (empty: still awaiting review), decision_reason, referred_to,
days_to_decision, acknowledged, repeat_of_row (1-based data row of an earlier contact by the same
person on the same matter); for accepted cases: handling (CLOSED, OVERDUE: still open past its deadline,
NEW: awaiting its first step, FOLLOW_UP_DUE: closed and its follow-up visit due, or a stage of live work:
MEDIATOR_ASSIGNED, MEDIATING, CLOSURE_REQUESTED, REFERRED), days_to_close (closure date − acceptance date),
closure_reason, follow_up (the follow-up visit's result, when it was due).
"""

import csv
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261127
CST = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 11, 27, tzinfo=CST)
START = datetime(2025, 5, 27, tzinfo=CST)  # 18 months before AS_OF
PENDING_WINDOW = timedelta(days=20)  # undecided contacts were received in the last 20 days
ROWS = 200
HERE = Path(__file__).resolve().parent
OUT = HERE / "contacts.csv"
STATIONS = HERE.parent / "stations.csv"

# exact counts, so that the shares stay put: 55 % / 25 % / 8 % / 5 % / 7 %
OUTCOMES = (["ACCEPTED"] * 110 + ["CONSULTATION_ANSWERED"] * 50 + ["NOT_ACCEPTED"] * 16
            + ["TRANSFERRED"] * 10 + [""] * 14)
REPEATS = 10  # about 5 % of the rows are a repeat visit of an earlier one

# How the accepted cases were handled (columns handling, days_to_close, closure_reason, follow_up), so that the
# network looks like a federation's report: most cases closed within their 60 days, a few late, a few still open
# past their deadline, follow-up visits done, and a handful of recent cases at each stage of live work. The
# loader brings the closed ones in as they happened and drives the live ones through the process engine.
LIVE_STAGES = ["MEDIATING", "CLOSURE_REQUESTED", "REFERRED", "MEDIATOR_ASSIGNED"] * 2 + ["MEDIATING"]
LIVE_WINDOW = timedelta(days=40)  # live cases were accepted in the last 40 days
FOLLOW_UPS_DUE = 3  # closed five to seven weeks ago, their follow-up visit due now
OVERDUE = 3  # still open months after acceptance
LATE_SHARE = 0.05  # closed, but after the 60 days
# live cases are handled by the demo users of the two community stations, in categories without urgent duties
LIVE_STATIONS = ("QX-0101", "QX-0201")
LIVE_CATEGORIES = ("MARRIAGE_DISPUTE", "DIVORCE_PROPERTY", "CHILD_CUSTODY_SUPPORT", "ELDER_SUPPORT", "INHERITANCE")
FOLLOWED_UP = ("DOMESTIC_VIOLENCE",) + LIVE_CATEGORIES  # FollowUpPolicy.FOLLOWED_UP
DISPUTES = LIVE_CATEGORIES + ("RURAL_LAND_RIGHTS", "EMPLOYMENT_DISCRIMINATION")
FOLLOW_UP_DAYS = 30

CHANNELS = {"VISIT": 30, "PHONE": 17, "HOTLINE": 17, "LETTER": 6, "ONLINE": 7, "COMPLAINT_BOX": 2,
            "JUDICIAL_OFFICE": 3, "TRANSFER": 4, "AGENCY_REFERRAL": 4, "MANDATORY_REPORT": 0,
            "SCREENING": 4, "MEDIA": 2}
CATEGORIES = {"DOMESTIC_VIOLENCE": 26, "MARRIAGE_DISPUTE": 20, "DIVORCE_PROPERTY": 9,
              "CHILD_CUSTODY_SUPPORT": 8, "ELDER_SUPPORT": 6, "RURAL_LAND_RIGHTS": 6,
              "EMPLOYMENT_DISCRIMINATION": 4, "SEXUAL_HARASSMENT": 3, "SEXUAL_ASSAULT": 2, "TRAFFICKING": 1,
              "LEFT_BEHIND_CHILD": 4, "PRIVACY_ONLINE_HARM": 3, "INHERITANCE": 4, "HARDSHIP_ASSISTANCE": 3,
              "OTHER": 3}
# other categories that often come with a primary one
COMPANIONS = {"DOMESTIC_VIOLENCE": ["MARRIAGE_DISPUTE", "CHILD_CUSTODY_SUPPORT"],
              "MARRIAGE_DISPUTE": ["DIVORCE_PROPERTY", "CHILD_CUSTODY_SUPPORT"],
              "DIVORCE_PROPERTY": ["CHILD_CUSTODY_SUPPORT", "MARRIAGE_DISPUTE"],
              "CHILD_CUSTODY_SUPPORT": ["DIVORCE_PROPERTY"],
              "ELDER_SUPPORT": ["HARDSHIP_ASSISTANCE", "INHERITANCE"],
              "RURAL_LAND_RIGHTS": ["INHERITANCE"],
              "SEXUAL_HARASSMENT": ["EMPLOYMENT_DISCRIMINATION", "PRIVACY_ONLINE_HARM"],
              "LEFT_BEHIND_CHILD": ["HARDSHIP_ASSISTANCE"],
              "PRIVACY_ONLINE_HARM": ["SEXUAL_HARASSMENT"],
              "HARDSHIP_ASSISTANCE": ["OTHER"]}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹彭蔡潘田董袁于余叶蒋杜苏魏程"
            "吕丁沈任姚卢傅钟姜崔谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤")
FEMALE = {"old": "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 翠花 金凤 玉梅 素芬 月娥 春兰 桂香 冬梅 秀珍 桂芳 兰英".split(),
          "mid": "丽 红梅 海燕 丽娟 春燕 艳 晓红 丽华 美玲 彩霞 慧 静 芳 小燕 雪梅 红霞 玉洁 春梅 秀芳 丽萍".split(),
          "young": "婷 婷婷 欣 佳 倩 梦瑶 思雨 佳怡 雪 颖 晓雯 丹丹 莉 琳 欣怡 雨欣 子涵 诗琪 晓燕 敏".split()}
MALE = {"old": "建国 国庆 德明 永福 长生 福贵 有才 卫国 德胜 金山 根生 光明".split(),
        "mid": "志强 伟 强 军 勇 磊 涛 斌 刚 海波 建军 大军 小军 红兵 文杰 建平 国平 立新".split(),
        "young": "浩 俊杰 宇 鹏 浩然 子豪 晨 帅 凯 博文 鑫 超".split()}
COMPANIES = ["清溪县宏达服装有限公司", "清溪县绿源食品厂", "清溪县新世纪商贸有限公司", "清溪县华美电子有限公司",
             "清溪县顺通物流有限公司", "清溪县阳光酒店管理有限公司"]
MOBILE_PREFIXES = ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                   "178", "182", "183", "187", "188", "198", "130", "131", "155", "156", "185", "186",
                   "133", "153", "177", "180", "189", "199"]

# respondent relations per category, with weights; None means no respondent
RELATIONS = {"DOMESTIC_VIOLENCE": [("丈夫", 12), ("前夫", 3), ("同居男友", 2), ("儿子", 1), ("公公", 1)],
             "MARRIAGE_DISPUTE": [("丈夫", 10), ("婆婆", 3)],
             "DIVORCE_PROPERTY": [("前夫", 6), ("丈夫", 3)],
             "CHILD_CUSTODY_SUPPORT": [("前夫", 8), ("丈夫", 2)],
             "ELDER_SUPPORT": [("儿子", 6), ("女儿", 2), ("儿媳", 2)],
             "RURAL_LAND_RIGHTS": [("村民委员会", 5), ("哥哥", 1)],
             "EMPLOYMENT_DISCRIMINATION": [("用人单位", 1)],
             "SEXUAL_HARASSMENT": [("上司", 3), ("同事", 2)],
             "SEXUAL_ASSAULT": [("邻居", 2), ("熟人", 2)],
             "TRAFFICKING": [(None, 1)],
             "LEFT_BEHIND_CHILD": [(None, 3), ("父亲", 1)],
             "PRIVACY_ONLINE_HARM": [("前男友", 3), ("网友", 1)],
             "INHERITANCE": [("哥哥", 3), ("弟弟", 2), ("继子", 1)],
             "HARDSHIP_ASSISTANCE": [(None, 1)],
             "OTHER": [("邻居", 3), (None, 1)]}
MALE_RELATIONS = {"丈夫", "前夫", "同居男友", "儿子", "公公", "哥哥", "弟弟", "继子", "父亲", "前男友"}
FEMALE_RELATIONS = {"婆婆", "女儿", "儿媳"}

# what the person said, by category; {rel} is the respondent's relation
SUMMARIES = {
    "DOMESTIC_VIOLENCE": ["{rel}酒后多次殴打本人，近日又动手致手臂淤青，要求帮助制止家暴",
                          "{rel}长期辱骂、威胁本人，不让本人与娘家联系，本人感到害怕",
                          "{rel}因琐事将本人推倒在地，孩子在场受到惊吓，询问如何申请人身安全保护令",
                          "遭{rel}殴打后暂住娘家，{rel}多次上门威胁，要求帮助",
                          "{rel}控制家庭收入并经常打骂本人，本人想离婚但担心遭报复"],
    "MARRIAGE_DISPUTE": ["与{rel}因家庭琐事长期争吵，感情不和，想了解离婚程序",
                         "{rel}长期在外不回家，不承担家庭责任，要求调解",
                         "{rel}有婚外情，夫妻关系紧张，希望妇联帮助调解",
                         "与{rel}因带孩子和家务分担矛盾激化，要求调解"],
    "DIVORCE_PROPERTY": ["离婚时共同房产未分割，{rel}拒绝协商，要求帮助",
                         "与{rel}协议离婚后，{rel}不履行财产分割约定",
                         "离婚过程中{rel}转移夫妻共同存款，询问如何维权"],
    "CHILD_CUSTODY_SUPPORT": ["离婚后{rel}拖欠孩子抚养费一年多，要求帮助追讨",
                              "{rel}离婚后不让本人探望孩子，要求协调探望",
                              "与{rel}争夺孩子抚养权，询问法律规定"],
    "ELDER_SUPPORT": ["{rel}不履行赡养义务，本人年老多病无人照顾，要求调解",
                      "几个子女相互推诿赡养责任，本人生活困难，要求帮助",
                      "{rel}占用本人住房且不给生活费，要求帮助"],
    "RURAL_LAND_RIGHTS": ["出嫁后户口未迁出，村里不分给本人土地征收补偿款，要求帮助",
                          "离婚后在村里的承包地被收回，要求维护土地承包权益",
                          "外嫁女反映未能享受村集体经济组织分红，要求解决"],
    "EMPLOYMENT_DISCRIMINATION": ["怀孕后被{rel}以岗位调整为由辞退，要求维权",
                                  "{rel}招聘时只招男性，本人应聘被拒，认为受到性别歧视",
                                  "产假期间{rel}停发工资，要求帮助协调"],
    "SEXUAL_HARASSMENT": ["在单位多次遭{rel}言语骚扰和不当触碰，要求帮助",
                          "{rel}频繁发送骚扰信息，本人不堪其扰，要求单位处理"],
    "SEXUAL_ASSAULT": ["女儿疑遭{rel}猥亵，家长要求帮助并报警",
                       "本人遭{rel}性侵，已向派出所报案，需要心理疏导和法律援助"],
    "TRAFFICKING": ["女儿外出务工后失联，疑被以介绍婚姻为名拐卖",
                    "有人以高薪招工为名诱骗本村年轻女性外出，请求核查"],
    "LEFT_BEHIND_CHILD": ["孩子父母在外务工，孙女由本人照看，孩子近期厌学、情绪低落",
                          "留守儿童长期无人监护，生活困难，请求帮助"],
    "PRIVACY_ONLINE_HARM": ["{rel}在网上散布本人私密照片，要求帮助删除并追究责任",
                            "本人信息被人发到网络群里并遭辱骂，要求帮助"],
    "INHERITANCE": ["父亲去世后{rel}拒绝分给本人遗产，称出嫁女无继承权",
                    "母亲留下的房屋被{rel}独占，要求依法继承"],
    "HARDSHIP_ASSISTANCE": ["单亲母亲，孩子患病，家庭生活困难，申请帮扶",
                            "丈夫去世后独自抚养两个孩子，无稳定收入，请求帮助",
                            "本人患重病失去劳动能力，请求困难帮扶"],
    "OTHER": ["与{rel}因宅基地界线发生纠纷，要求调解",
              "询问妇女权益保障法的相关规定",
              "与{rel}因排水沟堵塞多次争吵，要求调解"],
}
# where the respondent's relation changes the story
RELATION_SUMMARIES = {
    ("DOMESTIC_VIOLENCE", "前夫"): ["离婚后{rel}仍多次上门纠缠、殴打本人，要求帮助",
                                   "{rel}离婚后经常打电话威胁本人和孩子，本人感到害怕"],
    ("DOMESTIC_VIOLENCE", "同居男友"): ["{rel}多次殴打本人，本人提出分手后遭其威胁",
                                     "{rel}酒后多次殴打本人，近日又动手致手臂淤青，要求帮助制止家暴"],
    ("DOMESTIC_VIOLENCE", "公公"): ["{rel}酒后多次殴打本人，近日又动手致手臂淤青，要求帮助制止家暴",
                                   "{rel}长期辱骂、威胁本人，本人感到害怕"],
    ("DOMESTIC_VIOLENCE", "儿子"): ["{rel}多次打骂本人并索要养老钱，本人不敢回家",
                                   "{rel}酒后推搡本人致摔伤，要求帮助"],
    ("MARRIAGE_DISPUTE", "婆婆"): ["与婆婆因带孩子和家务分担矛盾激化，要求调解",
                                  "婆婆经常干涉小家庭生活，家庭矛盾突出，要求调解"],
    ("DIVORCE_PROPERTY", "丈夫"): ["诉讼离婚期间{rel}转移夫妻共同存款，询问如何维权",
                                  "准备离婚，{rel}不同意分割共同房产，要求帮助"],
    ("CHILD_CUSTODY_SUPPORT", "丈夫"): ["与{rel}分居后争夺孩子抚养权，询问法律规定",
                                      "{rel}分居后不支付孩子生活费，要求帮助"],
    ("RURAL_LAND_RIGHTS", "哥哥"): ["父母的承包地被{rel}全部占用，本人离婚回村后无地可种"],
    ("INHERITANCE", "继子"): ["丈夫去世后{rel}独占房屋，不让本人居住，要求依法继承"],
}


def summary_text(rng, category, relation):
    return rng.choice(RELATION_SUMMARIES.get((category, relation)) or SUMMARIES[category])


SUGGESTIONS = ["建议在村里设立妇女儿童活动场所", "建议增加农村妇女“两癌”免费筛查名额",
               "建议在社区公布妇女维权热线和值班时间"]
MANDATORY_REPORTS = {"DOMESTIC_VIOLENCE": "学校报告学生身上多处伤痕，疑长期遭{rel}打骂",
                     "SEXUAL_ASSAULT": "医院报告未成年患者疑遭{rel}性侵",
                     "LEFT_BEHIND_CHILD": "村委会报告留守儿童长期无人照管",
                     "TRAFFICKING": "学校报告一名女生辍学后去向不明，疑被带往外地"}
PREFIX = {"VISIT": "来访：", "PHONE": "来电：", "HOTLINE": "12338热线：", "LETTER": "来信：", "ONLINE": "网上留言：",
          "COMPLAINT_BOX": "意见箱来信：", "JUDICIAL_OFFICE": "司法所投诉站转来：", "TRANSFER": "县妇联交办：",
          "AGENCY_REFERRAL": "派出所转介：", "MANDATORY_REPORT": "强制报告：", "SCREENING": "矛盾纠纷排查发现：",
          "MEDIA": "网络舆情："}

ANSWERS = {"DOMESTIC_VIOLENCE": "已解答反家庭暴力法相关规定，告知报警、告诫书和人身安全保护令的申请途径",
           "MARRIAGE_DISPUTE": "已解答登记离婚和诉讼离婚的程序",
           "DIVORCE_PROPERTY": "已解答夫妻共同财产分割的法律规定",
           "CHILD_CUSTODY_SUPPORT": "已解答抚养费标准和探望权的法律规定",
           "ELDER_SUPPORT": "已解答子女赡养义务的法律规定，建议先由村委会调解",
           "RURAL_LAND_RIGHTS": "已解答农村土地承包法关于妇女土地权益的规定",
           "EMPLOYMENT_DISCRIMINATION": "已解答女职工劳动保护特别规定和劳动仲裁途径",
           "SEXUAL_HARASSMENT": "已解答妇女权益保障法关于性骚扰的规定和用人单位的责任",
           "SEXUAL_ASSAULT": "已告知报案和法律援助途径",
           "TRAFFICKING": "已告知报警途径和派出所联系方式",
           "LEFT_BEHIND_CHILD": "已告知留守儿童关爱服务和学校心理辅导资源",
           "PRIVACY_ONLINE_HARM": "已解答个人信息保护规定和网络侵权投诉途径",
           "INHERITANCE": "已解答民法典关于男女平等继承权的规定",
           "HARDSHIP_ASSISTANCE": "已告知临时救助和低保的申请条件及办理地点",
           "OTHER": "已当场解答相关政策"}
COURT = "清溪县人民法院"
NOT_ACCEPTED = {"litigation": ("双方已进入诉讼程序，由法院依法处理", COURT),
                "labour": ("属劳动争议，应申请劳动人事争议仲裁", "清溪县劳动人事争议仲裁委员会"),
                "land": ("涉及土地承包经营权确认，属行政机关职责", "清溪县农业农村局"),
                "mediated": ("已由村人民调解委员会调解并达成协议", "所在村人民调解委员会"),
                "civil": ("属一般民事纠纷，不涉及妇女儿童合法权益", COURT)}


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def read_stations():
    stations = {}
    with STATIONS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if len(row["code"]) == 7:  # QX-01xx, QX-02xx: the stations that receive people
                stations[row["code"]] = row["name"]
    return stations


def station_weights(stations):
    # the two community stations receive most people; the village rooms share the rest
    return {code: (30 if code.endswith("01") else 2) for code in stations}


def generation(birth_year):
    return "old" if birth_year < 1966 else "mid" if birth_year < 1986 else "young"


def person(rng, male, birth_year, surname=None):
    given = rng.choice((MALE if male else FEMALE)[generation(birth_year)])
    return (surname or rng.choice(SURNAMES)) + given


class Phones:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def new(self):
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + "0000" + "%04d" % self.rng.randrange(10000)
            if number not in self.used:
                self.used.add(number)
                return number


def birth_year_for(rng, category, male):
    if category == "ELDER_SUPPORT":
        return rng.randint(1938, 1958)
    if category == "LEFT_BEHIND_CHILD":
        return rng.randint(1950, 1966)  # the grandparent who looks after the child
    if category in ("EMPLOYMENT_DISCRIMINATION", "SEXUAL_HARASSMENT", "PRIVACY_ONLINE_HARM"):
        return rng.randint(1986, 2005)
    if category == "HARDSHIP_ASSISTANCE":
        return rng.randint(1960, 1995)
    return rng.randint(1962, 2003)


def flags_for(rng, category, birth_year, outcome):
    flags = []
    minor = {"LEFT_BEHIND_CHILD": 1.0, "CHILD_CUSTODY_SUPPORT": 0.7, "SEXUAL_ASSAULT": 0.6, "TRAFFICKING": 0.5,
             "DOMESTIC_VIOLENCE": 0.3, "HARDSHIP_ASSISTANCE": 0.4}.get(category, 0.03)
    if rng.random() < minor:
        flags.append("minorInvolved")
    if rng.random() < 0.015:
        flags.append("withoutCapacity")
    if rng.random() < 0.05:
        flags.append("disability")
    if birth_year is not None and birth_year <= 1961:
        flags.append("elderly")
    if category in ("DOMESTIC_VIOLENCE", "EMPLOYMENT_DISCRIMINATION", "MARRIAGE_DISPUTE") \
            and birth_year is not None and birth_year >= 1985 and rng.random() < 0.08:
        flags.append("pregnant")
    if category == "RURAL_LAND_RIGHTS" and rng.random() < 0.35 or category == "OTHER" and rng.random() < 0.05:
        flags.append("groupVisit")
    return flags


def channel_for(rng, category, flags):
    weights = dict(CHANNELS)
    if category in ("SEXUAL_ASSAULT", "LEFT_BEHIND_CHILD", "TRAFFICKING") \
            or category == "DOMESTIC_VIOLENCE" and "minorInvolved" in flags:
        weights["MANDATORY_REPORT"] = 12
        weights["AGENCY_REFERRAL"] = 10
    if category == "DOMESTIC_VIOLENCE":
        weights["AGENCY_REFERRAL"] = max(weights["AGENCY_REFERRAL"], 8)
    if category == "PRIVACY_ONLINE_HARM":
        weights["ONLINE"] = 25
        weights["MEDIA"] = 10
    if category == "RURAL_LAND_RIGHTS":
        weights["LETTER"] = 12
        weights["TRANSFER"] = 10
        weights["SCREENING"] = 8
    if category == "LEFT_BEHIND_CHILD":
        weights["SCREENING"] = 20
    if category in ("MARRIAGE_DISPUTE", "OTHER", "ELDER_SUPPORT"):
        weights["JUDICIAL_OFFICE"] = 8
        weights["COMPLAINT_BOX"] = 4
    return weighted(rng, weights)


def received_time(rng, day, channel):
    if channel in ("HOTLINE", "PHONE", "ONLINE", "MEDIA"):
        minutes = rng.randint(7 * 60 + 30, 21 * 60)
    else:
        minutes = rng.randint(8 * 60 + 30, 17 * 60)
    return day.replace(hour=minutes // 60, minute=minutes % 60)


def random_day(rng, first, last):
    """A day between first and last, fewer contacts on weekends and a few more as the network grows."""
    span = (last - first).days
    while True:
        day = first + timedelta(days=rng.randint(0, span))
        growth = 0.6 + 0.4 * (day - START).days / (AS_OF - START).days
        weekend = 0.35 if day.weekday() >= 5 else 1.0
        if rng.random() < growth * weekend:
            return day


def days_to_decision(rng, outcome):
    if outcome == "CONSULTATION_ANSWERED":
        return 0 if rng.random() < 0.8 else rng.randint(1, 3)
    if outcome == "ACCEPTED":
        return min(14, int(rng.triangular(0, 14, 3)))
    if outcome == "NOT_ACCEPTED":
        return rng.randint(0, 10)
    return rng.randint(1, 7)  # TRANSFERRED


def police_for(station):
    return "清溪县公安局城关派出所" if station.startswith("QX-01") else "清溪县公安局河西派出所"


def decision_texts(rng, outcome, category, station):
    if outcome == "CONSULTATION_ANSWERED":
        return ANSWERS[category], ""
    if outcome == "NOT_ACCEPTED":
        key = {"EMPLOYMENT_DISCRIMINATION": "labour", "RURAL_LAND_RIGHTS": "land"}.get(category)
        if key is None:
            key = rng.choice(["litigation", "mediated", "civil"] if category in ("OTHER", "ELDER_SUPPORT")
                             else ["litigation", "litigation", "mediated"])
        return NOT_ACCEPTED[key]
    if outcome == "TRANSFERRED":
        if category in ("DOMESTIC_VIOLENCE", "SEXUAL_ASSAULT", "TRAFFICKING", "PRIVACY_ONLINE_HARM"):
            return "涉嫌违法犯罪，转公安机关依法处理", police_for(station)
        if category == "EMPLOYMENT_DISCRIMINATION":
            return "属劳动保障监察事项，转人社部门处理", "清溪县人力资源和社会保障局"
        if category in ("HARDSHIP_ASSISTANCE", "LEFT_BEHIND_CHILD"):
            return "属社会救助事项，转民政部门办理", "清溪县民政局"
        if category == "RURAL_LAND_RIGHTS":
            return "属乡镇人民政府职责，转其处理", ("城关街道办事处" if station.startswith("QX-01") else "河西镇人民政府")
        return "当事人需要代理诉讼，转法律援助中心", "清溪县法律援助中心"
    return "", ""


def acknowledged_for(rng, outcome):
    share = {"ACCEPTED": 0.9, "NOT_ACCEPTED": 0.85, "TRANSFERRED": 0.85, "CONSULTATION_ANSWERED": 0.15, "": 0.5}
    return rng.random() < share[outcome]


def petition_type_for(rng, category, outcome, summary_is_suggestion):
    if summary_is_suggestion:
        return "SUGGESTION"
    if outcome == "CONSULTATION_ANSWERED" and rng.random() < 0.7:
        return ""
    if rng.random() < 0.08:
        return ""
    accusation = {"DOMESTIC_VIOLENCE": 0.4, "SEXUAL_HARASSMENT": 0.7, "SEXUAL_ASSAULT": 0.8, "TRAFFICKING": 0.8,
                  "PRIVACY_ONLINE_HARM": 0.5}.get(category, 0.0)
    return "ACCUSATION" if rng.random() < accusation else "CLAIM"


def make_row(rng, phones, stations, outcome, category):
    station = weighted(rng, station_weights(stations))
    male = (category in ("ELDER_SUPPORT", "LEFT_BEHIND_CHILD") and rng.random() < 0.3) \
        or (category == "OTHER" and rng.random() < 0.3)
    birth_year = birth_year_for(rng, category, male)
    flags = flags_for(rng, category, birth_year, outcome)
    channel = channel_for(rng, category, flags)
    if channel == "MANDATORY_REPORT" and "minorInvolved" not in flags:
        flags.insert(0, "minorInvolved")
    relation = weighted(rng, dict(RELATIONS[category]))
    if relation in ("儿子", "继子") and category == "DOMESTIC_VIOLENCE" and birth_year > 1972:
        relation = "丈夫"  # a son old enough to be the one who hits
    respondent = ""
    if relation == "用人单位":
        respondent = rng.choice(COMPANIES)
    elif relation == "村民委员会":
        respondent = stations[station].replace("妇女儿童维权服务室", "").replace("妇女维权站", "") + "村民委员会"
        respondent = respondent.replace("社区村民委员会", "社区居民委员会")
    elif relation is not None:
        respondent_male = relation in MALE_RELATIONS or relation not in FEMALE_RELATIONS and rng.random() < 0.9
        if relation in ("儿子", "女儿", "儿媳", "继子"):
            respondent_born = birth_year + 26
        elif relation in ("公公", "婆婆", "父亲"):
            respondent_born = birth_year - 27 if relation != "父亲" else birth_year + 26
        else:
            respondent_born = birth_year + rng.randint(-4, 6)
        respondent = person(rng, respondent_male, max(1935, respondent_born))
    suggestion = category == "OTHER" and rng.random() < 0.3
    if suggestion:
        text = rng.choice(SUGGESTIONS)
        relation, respondent = None, ""
    elif channel == "MANDATORY_REPORT" and category in MANDATORY_REPORTS:
        text = MANDATORY_REPORTS[category]
    else:
        text = summary_text(rng, category, relation)
    if "{rel}" in text and relation is None:
        relation, respondent = "邻居", person(rng, True, birth_year)
    summary = PREFIX[channel] + text.format(rel=relation or "")
    others = []
    if category in COMPANIONS and rng.random() < 0.3:
        others.append(rng.choice(COMPANIONS[category]))
    anonymous = channel in ("COMPLAINT_BOX", "MEDIA") and rng.random() < 0.5 or rng.random() < 0.03
    phone = "" if anonymous else phones.new()
    unsafe_share = 0.4 if category in ("DOMESTIC_VIOLENCE", "SEXUAL_ASSAULT", "PRIVACY_ONLINE_HARM") else 0.08
    reason, referred = decision_texts(rng, outcome, category, station)
    return {"received_at": None, "station_code": station, "channel": channel,
            "petition_type": petition_type_for(rng, category, outcome, suggestion),
            "primary_category": category, "other_categories": ";".join(others), "flags": ";".join(flags),
            "summary": summary,
            "complainant_name": person(rng, male, birth_year),
            "complainant_gender": "MALE" if male else "FEMALE",
            "complainant_birth_year": "" if rng.random() < 0.08 else str(birth_year),
            "complainant_phone": phone,
            "complainant_phone_safe": "" if not phone else ("false" if rng.random() < unsafe_share else "true"),
            "respondent_name": respondent, "respondent_relation": relation or "",
            "decision": outcome, "decision_reason": reason, "referred_to": referred,
            "days_to_decision": "" if not outcome else str(days_to_decision(rng, outcome)),
            "acknowledged": "true" if acknowledged_for(rng, outcome) else "false",
            "repeat_of_row": "", "handling": "", "days_to_close": "", "closure_reason": "", "follow_up": ""}


def spread_over_time(rng, rows):
    """Gives every row its receipt time: undecided ones in the last 20 days, the rest before their decision."""
    for row in rows:
        wait = int(row["days_to_decision"] or 0)
        if row["handling"] in LIVE_STAGES:
            day = random_day(rng, AS_OF - LIVE_WINDOW - timedelta(days=wait), AS_OF - timedelta(days=wait + 3))
        elif row["handling"] == "FOLLOW_UP_DUE":
            day = random_day(rng, AS_OF - timedelta(days=75 + wait), AS_OF - timedelta(days=55 + wait))
        elif not row["decision"]:
            day = random_day(rng, AS_OF - PENDING_WINDOW, AS_OF - timedelta(days=1))
        else:
            wait = int(row["days_to_decision"])
            day = random_day(rng, START, AS_OF - timedelta(days=wait + 1))
        row["received_at"] = received_time(rng, day, row["channel"])


def link_repeats(rng, rows):
    """Makes REPEATS rows repeat visits of earlier ones: same person, phone, respondent, matter and station."""
    candidates = [i for i in range(30, len(rows))]
    rng.shuffle(candidates)
    linked = 0
    targets = set()
    for i in candidates:
        if linked == REPEATS:
            break
        if i in targets:
            continue  # others already repeat this row's person: it keeps its own
        later = rows[i]
        earlier_choices = [j for j in range(i) if rows[j]["complainant_phone"] and not rows[j]["repeat_of_row"]
                           and timedelta(days=7) < later["received_at"] - rows[j]["received_at"] < timedelta(days=300)
                           and rows[j]["primary_category"] not in ("OTHER", "HARDSHIP_ASSISTANCE")]
        if not earlier_choices or later["channel"] in ("MANDATORY_REPORT", "SCREENING", "MEDIA") or later["handling"]:
            continue
        j = rng.choice(earlier_choices)
        earlier = rows[j]
        for field in ("station_code", "primary_category", "other_categories", "petition_type",
                      "complainant_name", "complainant_gender", "complainant_birth_year", "complainant_phone",
                      "complainant_phone_safe", "respondent_name", "respondent_relation"):
            later[field] = earlier[field]
        flags = [f for f in earlier["flags"].split(";") if f and f != "groupVisit"]
        later["flags"] = ";".join(flags)
        text = summary_text(rng, earlier["primary_category"], earlier["respondent_relation"] or None)
        text = text.format(rel=earlier["respondent_relation"] or "邻居")
        later["summary"] = PREFIX[later["channel"]] + "再次反映：" + text
        if later["decision"] == "CONSULTATION_ANSWERED":
            later["decision_reason"] = ANSWERS[later["primary_category"]]
        elif later["decision"] in ("NOT_ACCEPTED", "TRANSFERRED"):
            later["decision_reason"], later["referred_to"] = decision_texts(
                rng, later["decision"], later["primary_category"], later["station_code"])
        later["repeat_of_row"] = str(j + 1)
        targets.add(j)
        linked += 1
    if linked != REPEATS:
        raise SystemExit("could only link %d repeat visits" % linked)


def live_eligible(row):
    return (row["decision"] == "ACCEPTED" and row["station_code"] in LIVE_STATIONS
            and row["primary_category"] in LIVE_CATEGORIES and "DOMESTIC_VIOLENCE" not in row["other_categories"]
            and "SEXUAL_HARASSMENT" not in row["other_categories"] and row["channel"] != "LETTER"
            and "minorInvolved" not in row["flags"] and "withoutCapacity" not in row["flags"])


def choose_live(rows):
    """Marks the cases of live work and those whose follow-up visit is due (before their dates are drawn)."""
    eligible = [r for r in rows if live_eligible(r)]
    for row, stage in zip(eligible, LIVE_STAGES + ["FOLLOW_UP_DUE"] * FOLLOW_UPS_DUE):
        row["handling"] = stage


def closure_reason_for(rng, category):
    if category in DISPUTES:
        return weighted(rng, {"MEDIATED_WRITTEN": 40, "MEDIATED_ORAL": 25, "MEDIATION_FAILED_ADVISED": 8,
                              "EXPLAINED": 12, "IN_LITIGATION": 8, "CLAIM_SUPPORTED": 7})
    if category in ("DOMESTIC_VIOLENCE", "SEXUAL_ASSAULT", "TRAFFICKING", "SEXUAL_HARASSMENT"):
        return weighted(rng, {"REFERRAL_COMPLETED": 45, "MEDIATED_WRITTEN": 15, "EXPLAINED": 20, "IN_LITIGATION": 20})
    return weighted(rng, {"CLAIM_SUPPORTED": 35, "EXPLAINED": 40, "REFERRAL_COMPLETED": 25})


def plan_handling(rng, rows):
    """Says how each accepted case was handled up to AS_OF."""
    overdue = 0
    for row in rows:
        if row["decision"] != "ACCEPTED":
            continue
        accepted = row["received_at"] + timedelta(days=int(row["days_to_decision"]))
        age = (AS_OF - accepted).days
        category = row["primary_category"]
        if row["handling"] in LIVE_STAGES:
            continue
        if row["handling"] == "FOLLOW_UP_DUE":
            row["days_to_close"] = str(rng.randint(10, age - FOLLOW_UP_DAYS - 3))
            row["closure_reason"] = weighted(rng, {"MEDIATED_WRITTEN": 1, "MEDIATED_ORAL": 1})  # mediated live
            continue
        if overdue < OVERDUE and 75 <= age <= 300 and rng.random() < 0.1:
            row["handling"] = "OVERDUE"
            overdue += 1
            continue
        longest = age - 1 - (FOLLOW_UP_DAYS + 1 if category in FOLLOWED_UP else 0)
        if age <= 12 or longest < 5:
            row["handling"] = "NEW"
            continue
        days = rng.randint(61, 80) if rng.random() < LATE_SHARE else int(rng.triangular(5, 58, 24))
        row["handling"] = "CLOSED"
        row["days_to_close"] = str(min(days, longest))
        row["closure_reason"] = closure_reason_for(rng, category)
        if category in FOLLOWED_UP:
            row["follow_up"] = weighted(rng, {"SATISFIED": 84, "NOT_SATISFIED": 7, "UNREACHABLE": 9})
    if overdue != OVERDUE:
        raise SystemExit("could only leave %d cases overdue" % overdue)


def main():
    rng = random.Random(SEED)
    stations = read_stations()
    phones = Phones(rng)
    outcomes = list(OUTCOMES)
    rng.shuffle(outcomes)
    # every category and (below) every channel at least twice; the rest by weight
    categories = [c for c in CATEGORIES for _ in range(2)]
    categories += [weighted(rng, CATEGORIES) for _ in range(ROWS - len(categories))]
    rng.shuffle(categories)
    rows = [make_row(rng, phones, stations, outcome, category) for outcome, category in zip(outcomes, categories)]
    for channel in CHANNELS:
        while sum(r["channel"] == channel for r in rows) < 2:
            pool = [r for r in rows if channel != "MANDATORY_REPORT" or "minorInvolved" in r["flags"]]
            row = rng.choice([r for r in pool if sum(x["channel"] == r["channel"] for x in rows) > 3])
            row["summary"] = PREFIX[channel] + row["summary"].split("：", 1)[1]
            row["channel"] = channel
    choose_live(rows)
    spread_over_time(rng, rows)
    rows.sort(key=lambda r: r["received_at"])
    link_repeats(rng, rows)
    plan_handling(random.Random(SEED + 1), rows)
    for row in rows:
        row["received_at"] = row["received_at"].isoformat(timespec="seconds")
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print("wrote %d contacts to %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
