#!/usr/bin/env python3
"""Drives Weiquan as it was before the typed records (commit 2e79b8a, schema V11) through its REST API, so that
its database holds every kind of work a case could record as JSON in task_record.data: mediation sessions with
written and oral agreements and a termination, referrals (accepted and done, rejected, revoked, one still waiting,
one on a case later withdrawn), the urgent path of HIGH-danger domestic-violence cases (safety plan, police and
shelter referral, protection orders applied for, granted and refused, one declined), a mandatory report, a written
reply, closure requests (one sent back and then approved, one LOST_CONTACT with documented attempts, one pending at
a withdrawal), extensions (approved, refused, one waiting, one lapsed), follow-up visits (satisfied, unreachable, one
with the problem back that reopens the case, one still due), a reopening after a closure audit, chases and reminders
with their notes, a transfer, and a ledger import.

Timers that would fall due days later (follow-up visits after 30 days, chases, reminders) are moved to "now" in the
engine's job table, exactly as if the time had passed, and the script waits for the job executor to fire them.

Python 3 standard library only; `psql` on the PATH for the timer moves. See README.md next to it for the whole recipe.

    python3 drive_old_app.py --base http://127.0.0.1:18311 --db weiquan_h11m_old
"""
import argparse
import datetime as dt
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "weiquan-demo-2026"
BEIJING = dt.timezone(dt.timedelta(hours=8))

args = None
tokens = {}


def now(minus_minutes=0):
    return (dt.datetime.now(BEIJING) - dt.timedelta(minutes=minus_minutes)).replace(microsecond=0).isoformat()


def today():
    return dt.datetime.now(BEIJING).date()


def call(method, path, user, body=None, content_type="application/json", expect=(200, 201, 204)):
    data = None
    headers = {"Authorization": "Bearer " + token(user)}
    if body is not None:
        data = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")
        headers["Content-Type"] = content_type
    request = urllib.request.Request(args.base + "/api/" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8")
    if status not in expect:
        raise SystemExit(f"{method} {path} as {user}: HTTP {status}\n{text}")
    return json.loads(text) if text else None


def token(user):
    if user not in tokens:
        request = urllib.request.Request(args.base + "/api/auth/token", method="POST",
                                         data=json.dumps({"username": user, "password": PASSWORD}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            tokens[user] = json.loads(response.read())["token"]
    return tokens[user]


def psql(sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "weiquan", "-d", args.db, "-v", "ON_ERROR_STOP=1",
                           "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------- intake and acceptance

def register(station, channel, category, summary, complainant, phone, flags=(), others=()):
    contact = call("POST", "contacts", "jiedai" if station == "QX-0101" else "hexi", {
        "stationCode": station, "channel": channel, "receivedAt": now(90), "summary": summary,
        "petitionType": "CLAIM", "primaryCategory": category, "otherCategories": list(others), "flags": list(flags),
        "parties": [{"role": "COMPLAINANT", "name": complainant, "gender": "FEMALE",
                     "phones": [{"number": phone, "safeToContact": True}]},
                    {"role": "RESPONDENT", "name": "吕某", "gender": "MALE", "relation": "丈夫"}],
        "confirmedNew": True})
    return contact["id"]


def accept(contact_id, supervisor="zhuren"):
    return call("POST", f"contacts/{contact_id}/decision", supervisor, {"decision": "ACCEPTED"})["caseNumber"]


def open_tasks(number, user="xianfulian"):
    return call("GET", f"cases/{number}", user)["openTasks"]


def task(number, key, user="xianfulian", wait=90):
    """The open task of the case with this key, waiting for a timer to fire it when needed."""
    deadline = time.time() + wait
    while True:
        found = [t for t in open_tasks(number, user) if t["key"] == key]
        if found:
            return found[0]["id"]
        if time.time() > deadline:
            raise SystemExit(f"{number}: no open {key} after {wait} s; open: "
                             + ", ".join(t["key"] for t in open_tasks(number, user)))
        time.sleep(3)


def complete(number, key, user, form, wait=90):
    for attempt in range(5):
        task_id = task(number, key, wait=wait)
        # 409 when the job executor fired one of the process's timers at the same moment: try again
        if call("POST", f"tasks/{task_id}/completion", user, form, expect=(204, 409)) is None:
            break
        time.sleep(5)
    else:
        raise SystemExit(f"{number} {key}: still in conflict after 5 attempts")
    print(f"  {number} {key} by {user}: {json.dumps(form, ensure_ascii=False)[:100]}")
    return task_id


def fire(business_key_like, *timers):
    """Lets the named timers of the case's (or referral's) processes fall due now, as if the days had passed."""
    moved = psql("UPDATE act_ru_job j SET duedate_ = (now() AT TIME ZONE 'UTC') - interval '1 minute', "
                 "lock_owner_ = NULL, lock_exp_time_ = NULL FROM act_ru_jobdef d, act_ru_execution e "
                 "WHERE j.job_def_id_ = d.id_ AND j.process_instance_id_ = e.id_ AND e.id_ = e.proc_inst_id_ "
                 f"AND e.business_key_ LIKE '{business_key_like}' AND d.act_id_ IN ("
                 + ", ".join(f"'{t}'" for t in timers) + ") RETURNING j.id_")
    if not moved:
        raise SystemExit(f"no timer {timers} waits in {business_key_like}")


def mediator(number, who="tiaojie", supervisor="zhuren"):
    complete(number, "Task_AssignMediator", supervisor, {"mediator": who})


def answers(*yes):
    return {"answers": {f"Q{i}": (f"Q{i}" in yes) for i in range(1, 12)}}


def session(number, outcome, who="tiaojie", **more):
    form = {"heldAt": now(20), "attendees": "申请人、被申请人、调解员" + who, "notes": "双方陈述了各自意见",
            "outcome": outcome}
    form.update(more)
    complete(number, "Task_HoldMediationSession", who, form)


def closure(number, reason, who="tiaojie", **more):
    form = {"step": "REQUEST_CLOSURE", "closureReason": reason}
    form.update(more)
    complete(number, "Task_HandleCase", who, form)


def approve(number, key="Task_ApproveClosure", supervisor="zhuren", approved=True, comment=None):
    form = {"approved": approved}
    if comment:
        form["comment"] = comment
    complete(number, key, supervisor, form)


def refer(number, agency, who="tiaojie", days=7):
    return call("POST", f"cases/{number}/referrals", who, {"agencyCode": agency, "consent": True, "answerDays": days})


# ---------------------------------------------------------------- the cases

def written_agreement_followed_up_satisfied():
    number = accept(register("QX-0101", "VISIT", "MARRIAGE_DISPUTE", "来访：夫妻因家务分担长期争吵，要求调解",
                             "柏秀兰", "13900000101"))
    print("A written agreement, judicial-confirmation reminder, follow-up satisfied:", number)
    mediator(number)
    complete(number, "Task_HandleCase", "tiaojie", {"step": "MEDIATE"})
    session(number, "CONTINUE", nextStep="下周再约双方面谈")
    session(number, "WRITTEN_AGREEMENT", agreementTerms="一、双方共同分担家务；二、男方每月支付家用3000元。")
    fire(number, "Timer_JudicialConfirmationReminder")
    complete(number, "Task_RemindJudicialConfirmation", "tiaojie", {"note": "已电话提醒双方共同申请司法确认"})
    closure(number, "MEDIATED_WRITTEN", closureNote="已签订调解协议书")
    approve(number)
    fire(number, "Timer_FollowUpDue")
    complete(number, "Task_FollowUpVisit", "tiaojie", {"result": "SATISFIED", "problemBack": False})
    return number


def oral_agreement_sent_back_extended_reopened():
    number = accept(register("QX-0101", "PHONE", "DIVORCE_PROPERTY", "来电：离婚后财产分割有争议，要求调解",
                             "苗红梅", "13900000102"))
    print("B extension approved, oral agreement, closure sent back then approved, problem back, reopened (no second extension):", number)
    mediator(number)
    call("POST", f"cases/{number}/extension", "tiaojie", {"days": 15, "reason": "双方需补充提交财产清单"})
    approve(number, "Task_ApproveExtension")
    complete(number, "Task_HandleCase", "tiaojie", {"step": "MEDIATE"})
    session(number, "ORAL_AGREEMENT", agreementTerms="房屋归女方，女方补偿男方十万元")
    closure(number, "MEDIATED_ORAL")
    approve(number, approved=False, comment="请补充口头协议的履行期限")
    closure(number, "MEDIATED_ORAL", closureNote="已补充：三个月内履行")
    approve(number)
    fire(number, "Timer_FollowUpDue")
    complete(number, "Task_FollowUpVisit", "tiaojie", {"result": "NOT_SATISFIED", "problemBack": True})
    # the second round; its extension is refused by the old code ("already extended once"), the defect of issue 11
    task(number, "Task_HandleCase")
    call("POST", f"cases/{number}/extension", "tiaojie", {"days": 20, "reason": "重新办理需再次调解"}, expect=(409,))
    return number


def terminated_with_referrals():
    number = accept(register("QX-0101", "VISIT", "ELDER_SUPPORT", "来访：子女拒绝赡养老人，要求帮助",
                             "廉桂英", "13900000103"))
    print("C mediation terminated, referrals done / rejected / revoked, follow-up unreachable:", number)
    mediator(number)
    complete(number, "Task_HandleCase", "tiaojie", {"step": "MEDIATE"})
    session(number, "TERMINATED", routesExplained="告知可向法院起诉要求支付赡养费，可申请法律援助")
    refer(number, "QX-FLYZ")
    # answers are due after 7, 10 and 15 days: the inbox lists R1, R2, R3 in that order
    refer(number, "QX-FY", days=10)
    refer(number, "QX-SFS-CG", days=15)
    complete(number, "Task_AwaitReferralAnswer", "tiaojie", {"answer": "ACCEPTED"})
    complete(number, "Task_RecordReferralOutcome", "tiaojie", {"outcome": "法律援助中心已指派律师代理起诉"})
    complete(number, "Task_AwaitReferralAnswer", "tiaojie", {"answer": "REJECTED"})
    call("POST", f"cases/{number}/referrals/3/revocation", "tiaojie", {"reason": "当事人撤回对司法所转介的同意"})
    closure(number, "MEDIATION_FAILED_ADVISED")
    approve(number)
    fire(number, "Timer_FollowUpDue")
    complete(number, "Task_FollowUpVisit", "tiaojie", {"result": "UNREACHABLE", "problemBack": False})
    return number


def urgent_path_granted_order_referral_waiting():
    number = accept(register("QX-0201", "VISIT", "DOMESTIC_VIOLENCE", "来访：丈夫持刀威胁，本人不敢回家",
                             "蔺晓燕", "13900000104"), supervisor="xianfulian")
    print("D HIGH danger: safety plan, police and shelter, order granted, renewal reminder, referral waiting:", number)
    complete(number, "Task_AssessRisk", "hexi", answers("Q1", "Q3", "Q4"))
    complete(number, "Task_MakeSafetyPlan", "hexi", {"plan": "暂住娘家；约定紧急联系暗号；随身携带证件和手机"})
    complete(number, "Task_ReferToPoliceOrShelter", "hexi", {"agency": "BOTH", "consent": True})
    complete(number, "Task_OfferProtectionOrder", "hexi", {"applied": True, "urgent": True, "appliedAt": now(30)})
    fire(number, "Timer_ProtectionOrderRulingDue")
    complete(number, "Task_ChaseProtectionOrderRuling", "xianfulian", {"note": "已电话询问法院立案庭，今日内裁定"})
    expires = today() + dt.timedelta(days=150)
    complete(number, "Task_RecordProtectionOrderRuling", "hexi",
             {"granted": True, "ruledAt": now(5), "expiresOn": expires.isoformat()})
    fire(number, "Timer_ProtectionOrderRenewal")
    complete(number, "Task_RemindProtectionOrderRenewal", "hexi", {"note": "已提醒当事人保护令到期前可申请延长"})
    mediator(number, "hexi", "xianfulian")
    refer(number, "QX-GA-HX", who="hexi", days=3)
    fire(number + "/R%", "Timer_ReferralAnswerDue")
    complete(number, "Task_ChaseReferral", "xianfulian", {"note": "已致电派出所督促答复"})
    return number


def urgent_path_declined_order():
    number = accept(register("QX-0101", "HOTLINE", "DOMESTIC_VIOLENCE", "12338热线：丈夫掐脖子，本人害怕",
                             "宓小琴", "13900000105"))
    print("D2 HIGH danger: police referral, protection order declined, urgent action chased:", number)
    complete(number, "Task_AssessRisk", "tiaojie", answers("Q2"))
    fire(number, "Timer_UrgentActionDue")
    complete(number, "Task_ChaseUrgentAction", "zhuren", {"note": "已督促调解员当日完成紧急保护措施"})
    complete(number, "Task_MakeSafetyPlan", "tiaojie", {"plan": "告知报警电话和庇护站地址"})
    complete(number, "Task_ReferToPoliceOrShelter", "tiaojie", {"agency": "POLICE", "consent": True})
    complete(number, "Task_OfferProtectionOrder", "tiaojie", {"applied": False})
    mediator(number)
    return number


def order_refused_shelter():
    number = accept(register("QX-0101", "VISIT", "DOMESTIC_VIOLENCE", "来访：前夫多次上门殴打",
                             "郦春花", "13900000106"))
    print("G HIGH danger: shelter referral, order applied and refused, extension waiting:", number)
    complete(number, "Task_AssessRisk", "tiaojie", answers("Q4", "Q5", "Q6", "Q10", "Q11"))
    complete(number, "Task_MakeSafetyPlan", "tiaojie", {"plan": "入住临时庇护场所"})
    complete(number, "Task_ReferToPoliceOrShelter", "tiaojie", {"agency": "SHELTER", "consent": True})
    complete(number, "Task_OfferProtectionOrder", "tiaojie", {"applied": True, "urgent": False, "appliedAt": now(40)})
    complete(number, "Task_RecordProtectionOrderRuling", "tiaojie", {"granted": False, "ruledAt": now(3)})
    mediator(number)
    complete(number, "Task_HandleCase", "tiaojie", {"step": "MEDIATE"})
    call("POST", f"cases/{number}/extension", "tiaojie", {"days": 20, "reason": "当事人住院治疗，调解暂缓"})
    task(number, "Task_ApproveExtension")
    return number


def mandatory_report_reply_lost_contact():
    number = accept(register("QX-0101", "LETTER", "DOMESTIC_VIOLENCE", "来信：继父殴打未成年女儿",
                             "伏秋菊", "13900000107", flags=("minorInvolved",)))
    print("E mandatory report (chased), MEDIUM danger, written reply, LOST_CONTACT closure, follow-up due:", number)
    fire(number, "Timer_MandatoryReportDue")
    complete(number, "Task_ChaseMandatoryReport", "zhuren", {"note": "已督促接待员立即向派出所报告"})
    complete(number, "Task_RecordMandatoryReport", "jiedai",
             {"reportedTo": "清溪县公安局城关派出所", "reportedAt": now(60), "method": "PHONE"})
    complete(number, "Task_AssessRisk", "tiaojie", answers("Q4", "Q5"))
    mediator(number)
    complete(number, "Task_HandleCase", "tiaojie", {"step": "WRITTEN_REPLY"})
    complete(number, "Task_WriteReply", "tiaojie",
             {"sentOn": today().isoformat(), "form": "LETTER", "summary": "已书面答复：已向公安机关报告并转介"})
    closure(number, "LOST_CONTACT", closureNote="三次联系未果", contactAttempts=[
        {"note": "12月1日电话无人接听"},
        {"date": (today() - dt.timedelta(days=2)).isoformat(), "how": "VISIT", "note": "上门未遇"},
        {"note": "12月4日短信未回复"}])
    approve(number)
    return number


def referral_then_withdrawn():
    number = accept(register("QX-0101", "VISIT", "INHERITANCE", "来访：兄弟拒绝分割父母遗产",
                             "晏玉珍", "13900000108"))
    print("F referral waiting, extension waiting, closure waiting, then withdrawn:", number)
    mediator(number)
    refer(number, "QX-FLYZ")
    call("POST", f"cases/{number}/extension", "tiaojie", {"days": 10, "reason": "等待法律援助中心答复"})
    closure(number, "EXPLAINED", closureNote="已解释继承法有关规定")
    call("POST", f"cases/{number}/withdrawal", "tiaojie", {"reason": "当事人来电表示已与兄弟协商解决"})
    return number


def closed_then_reopened_by_audit():
    number = accept(register("QX-0101", "ONLINE", "EMPLOYMENT_DISCRIMINATION", "网上留言：单位因怀孕辞退本人",
                             "屈丽娟", "13900000109"))
    print("H closed as EXPLAINED, extension refused, audit fails it and reopens:", number)
    mediator(number)
    call("POST", f"cases/{number}/extension", "tiaojie", {"days": 30, "reason": "等待劳动仲裁结果"})
    approve(number, "Task_ApproveExtension", approved=False, comment="无需延期，可先行答复")
    closure(number, "EXPLAINED", closureNote="已告知劳动仲裁途径")
    approve(number)
    audit = call("POST", "audits", "zhuren", {"stationCode": "QX-0101", "from": today().isoformat(),
                                               "to": (today() + dt.timedelta(days=1)).isoformat(), "size": 20,
                                               "seed": 42})
    call("POST", f"audits/{audit['id']}/cases/{number}/review", "zhuren",
         {"evidencePresent": False, "reasonConsistent": False, "followUpDone": False, "personSatisfied": False,
          "comment": "未见劳动仲裁告知书", "reopen": True})
    mediator(number)
    task(number, "Task_HandleCase")
    return number


def demo_cases():
    """Cases of the demo data, accepted weeks ago: overdue chases and warnings, a late extension, a transfer."""
    rows = psql("SELECT c.number FROM case_file c JOIN station s ON s.id = c.station_id WHERE s.code = 'QX-0101' "
                "AND c.status = 'OPEN' AND c.primary_category <> 'DOMESTIC_VIOLENCE' AND (SELECT COUNT(*) FROM "
                "act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = c.number) = 1 "
                "ORDER BY c.accepted_at LIMIT 3").split()
    print("J demo cases:", rows)
    first, second, third = rows
    mediator(first)  # handling starts long after its 60 days: the warning and the chase fire at once
    complete(first, "Task_ChaseOverdueCase", "zhuren", {"note": "已约谈调解员，本周内办结"})
    complete(first, "Task_HandlingDeadlineWarning", "tiaojie", {"note": "已知悉，正在办理"})
    call("POST", f"cases/{first}/extension", "tiaojie", {"days": 30, "reason": "期限已过，当事人仍在外地"})
    approve(first, "Task_ApproveExtension", approved=True)
    mediator(second)
    complete(second, "Task_HandleCase", "tiaojie", {"step": "MEDIATE"})
    session(second, "REFUSED", routesExplained="被申请人拒绝调解，告知可向法院起诉")
    closure(second, "MEDIATION_FAILED_ADVISED")
    approve(second)
    call("POST", f"cases/{third}/transfer", "zhuren", {"toStationCode": "QX-0102", "reason": "当事人已搬至东门村"})
    return rows


LEDGER = """station_code,received_date,channel,category,petition_type,complainant_name,complainant_phone,respondent_name,accepted_date,mediation_outcome,closed_date,closure_reason,follow_up_result
QX-0101,2025-03-02,VISIT,MARRIAGE_DISPUTE,CLAIM,台账甲,13900000201,台账乙,2025-03-03,WRITTEN_AGREEMENT,2025-04-10,MEDIATED_WRITTEN,SATISFIED
QX-0101,2025-03-05,LETTER,INHERITANCE,CLAIM,台账丙,,台账丁,2025-03-06,,2025-03-20,WITHDRAWN,
QX-0101,2025-05-08,PHONE,DIVORCE_PROPERTY,CLAIM,台账戊,13900000203,,2025-05-09,ORAL_AGREEMENT,2025-06-01,MEDIATED_ORAL,
QX-0101,2025-07-01,VISIT,ELDER_SUPPORT,CLAIM,台账己,,台账庚,2025-07-02,TERMINATED,,,
QX-0101,2025-08-11,VISIT,RURAL_LAND_RIGHTS,CLAIM,台账辛,,,2025-08-12,,2025-09-01,EXPLAINED,
"""


def ledger():
    print("I ledger import")
    result = call("POST", "ledger", "zhuren", LEDGER, content_type="text/csv")
    print("  ", result)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:18311")
    parser.add_argument("--db", default="weiquan_h11m_old")
    args = parser.parse_args()
    done = [written_agreement_followed_up_satisfied(), oral_agreement_sent_back_extended_reopened(),
            terminated_with_referrals(), urgent_path_granted_order_referral_waiting(), urgent_path_declined_order(),
            order_refused_shelter(), mandatory_report_reply_lost_contact(), referral_then_withdrawn(),
            closed_then_reopened_by_audit()]
    done += demo_cases()
    ledger()
    print("cases driven:", " ".join(done))


if __name__ == "__main__":
    sys.exit(main())
