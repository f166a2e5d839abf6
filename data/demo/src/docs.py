"""Assembles the domain documents (notices, announcements, normative
documents, reports, interpretations) from the hand-written material.

Documents are built without ids; make_demo.py sorts them, numbers them
(id, 文号, 索引号) and resolves `interprets` afterwards.
"""

import datetime

import agencies as A
from common import (cn_date, cn_num, contact_name, contact_phone, dated, figures,
                    iso, publish_after, rng)
import images
import material_a
import material_b
import material_c

MATERIAL = {}
for _m in (material_a.M, material_b.M, material_c.M):
    MATERIAL.update(_m)

DOMAIN_NAME = {d[0]: d[1] for d in A.DOMAINS}
DOMAIN_LEAD = {d[0]: d[2][0] for d in A.DOMAINS}

GOV = "示范县人民政府"
GOV_OFFICE = "示范县人民政府办公室"
TO_ALL = "各乡镇人民政府，县人民政府各部门："
TO_DEPT = "各乡镇人民政府，县直有关单位："

SAFEGUARDS = [
    ("加强组织领导", "各乡镇、各有关单位要把{dn}工作列入重要议事日程，主要负责同志亲自抓，明确分管领导和具体经办人员，确保各项任务落到实处"),
    ("强化信息公开", "严格落实{dn}领域基层政务公开标准目录要求，政策文件、办事指南和工作结果在县政府门户网站“{dn}”专栏及时公开，同步在政务服务大厅、便民服务中心和村务公开栏公开"),
    ("加强督导检查", "{org}将适时组织督导检查，对工作推进不力、群众反映强烈的单位予以通报，并纳入年度目标考核"),
    ("做好政策宣传", "充分利用广播电视、政务新媒体、村级“大喇叭”和政府信息查阅点等渠道宣传政策，提高群众知晓率和参与度"),
    ("严肃工作纪律", "严禁优亲厚友、弄虚作假，对违规违纪行为依法依规严肃处理。监督举报电话：{phone}"),
    ("及时报送情况", "各单位要明确一名信息员，于每季度末月25日前将工作进展情况加盖公章报送{org}"),
]


class Doc(dict):
    """A document record under construction; extra keys start with '_'."""


def _fmt(text, ctx):
    return text.format_map(ctx)


def _ctx(did, year, extra=None):
    m = MATERIAL[did]
    ctx = figures(m.get("figs", {}), year)
    ctx.update(y=year, y1=year + 1, y0=year - 1, county="示范县", dn=DOMAIN_NAME[did])
    if extra:
        ctx.update(extra)
    return ctx


def _issuer(did, spec):
    return spec.get("issuer") or DOMAIN_LEAD[did]


def _sign(issuer, day):
    return [{"p": A.full_name(issuer)}, {"p": cn_date(day)}]


def _contact(issuer, key, year):
    return {"p": "联系人：%s，联系电话：%s。" % (contact_name(issuer, year), contact_phone(A.phone(issuer), key))}


def _kind_of(title):
    for suffix, kind in (("通知", "通知"), ("通告", "通告"), ("决定", "决定"), ("意见", "意见"),
                         ("公告", "公告"), ("公示", "公告"), ("公报", "公告"), ("预告", "公告")):
        if title.endswith(suffix) or title.split("（")[0].endswith(suffix):
            return kind
    return "通知"


def _subject(title):
    """The matter of a title: '……关于做好X工作的通知' -> '做好X工作'."""
    s = title.split("关于", 1)[-1]
    for suffix in ("的通知", "的通告", "的决定", "的实施意见", "的意见"):
        if s.endswith(suffix):
            return s[: -len(suffix)]
    return s


def _pick(pool, n, key, year=None):
    """n items of the pool in their order; a task (head, text, since) is only
    used from the year `since` on (no "双减" in a 2019 notice)."""
    usable = [t for t in pool if year is None or len(t) < 3 or t[2] <= year]
    r = rng("pick", key)
    idx = sorted(r.sample(range(len(usable)), min(n, len(usable))))
    return [usable[i][:2] for i in idx]


def _new(did, issuer, title, kind, written, published, topic, summary, body, **extra):
    d = Doc(type="document", op="upsert", title=title, issuer=issuer, topic=topic,
            written_on=iso(written), published_on=iso(published), validity="有效",
            disclosure="主动公开", domain=did, kind=kind, summary=summary, body=body)
    d.update(extra)
    return d


# ---------------------------------------------------------------- notices
def _follow_up(title, year):
    """The title of a later notice on a matter already announced: a
    补充通知, or the same matter taken 进一步."""
    if title.endswith("的通知"):
        return title[:-3] + "的补充通知"
    if "关于进一步" not in title:
        return title.replace("关于", "关于进一步", 1)
    return title.replace("关于", "关于%d年" % year, 1)


def notice(did, spec, year, n, seen=None):
    m = MATERIAL[did]
    issuer = _issuer(did, spec)
    ctx = _ctx(did, year)
    title = _fmt(spec["t"], ctx)
    supplement = seen is not None and title in seen
    if supplement:
        title = _follow_up(title, year)
    if seen is not None:
        seen.add(title)
    key = (did, "notice", title)
    written = dated(key, year, spec.get("m", 3))
    published = publish_after(key, written)
    kind = _kind_of(title)
    org = A.full_name(issuer)
    # A county-government notice is followed up by the 督查室 and the lead unit, not by "示范县人民政府".
    by_gov = issuer in (GOV, GOV_OFFICE)
    lead = A.full_name(DOMAIN_LEAD[did]) if by_gov and DOMAIN_LEAD[did] != "县政府办" else org
    ctx.update(org="县政府督查室" if by_gov else org, phone=A.phone(issuer))
    to = spec.get("to") or (TO_ALL if issuer in (GOV, GOV_OFFICE) else TO_DEPT)
    aim = _fmt(spec["aim"], ctx)
    basis = spec.get("basis", m["basis"])
    body = []
    if kind == "通告":
        body.append({"p": "为%s，根据%s等有关规定，现将有关事项通告如下：" % (aim, basis)})
    elif kind == "决定":
        body.append({"p": "为%s，根据%s等有关规定，经县人民政府研究，作出如下决定：" % (aim, basis)})
    else:
        body.append({"p": to})
        verb = "提出如下实施意见" if kind == "意见" else ("现就有关事项补充通知如下" if supplement else "现就有关事项通知如下")
        body.append({"p": "为%s，根据%s等有关规定，结合我县实际，%s：" % (aim, basis, verb)})
    if spec.get("img"):
        sha, caption = images.make(spec["img"], year)
        body.append({"img": sha, "caption": caption})
    tasks = spec.get("tasks") or _pick(m["tasks"], 4 + (year + n) % 2, key, year)
    guards = _pick(SAFEGUARDS, 3 + year % 2, key + ("guards",))
    if kind == "决定":
        body.extend({"p": _fmt(p, ctx)} for p in spec["decision"])
        body.append({"p": "被征收人对本决定不服的，可以自本决定公告之日起60日内向上一级人民政府申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼。"})
    else:
        body.append({"h": "一、总体要求"})
        goal = _guiding(year) + spec.get("goal", m["goal"]) + "。"
        if spec.get("fig"):
            goal += _fmt(spec["fig"], ctx)
        body.append({"p": goal})
        body.append({"h": "二、主要任务"})
        for i, (head, text) in enumerate(tasks, 1):
            body.append({"p": "（%s）%s。%s。" % (cn_num(i), head, text)})
        section = 3
        if kind == "通知" and not supplement and rng("phases", key).random() < 0.6:
            body.append({"h": "三、时间安排"})
            body.extend({"p": p} for p in _phases(written, DOMAIN_NAME[did], lead))
            section = 4
        body.append({"h": "%s、保障措施" % cn_num(section)})
        for i, (head, text) in enumerate(guards, 1):
            body.append({"p": "（%s）%s。%s。" % (cn_num(i), head, _fmt(text, ctx))})
    body.append(_contact(issuer, key, year))
    body.extend(_sign(issuer, written))
    if kind == "决定":
        summary = "%s决定%s。" % (org, _subject(title).replace("房屋征收", "实施房屋征收"))
    elif kind == "通告":
        summary = "%s通告%s有关事项。" % (org, _subject(title))
    else:
        summary = "%s就%s作出部署，明确了总体要求、主要任务和保障措施。" % (org, _subject(title))
    if spec.get("fig"):
        first = _fmt(spec["fig"], ctx).split("。")[0]
        if len(first) <= 70:
            summary += first + "。"
    doc = _new(did, issuer, title, kind, written, published, m["topic"], summary, body)
    if spec.get("expired"):
        doc["validity"] = "失效"
    doc["_numbered"] = True
    return doc


def _phases(written, dname, org):
    """The usual three stages of a work notice, dated from the notice."""
    def month(k):
        m = written.month + k
        return (written.year + (m - 1) // 12, (m - 1) % 12 + 1)
    y1, m1 = month(0)
    y2, m2 = month(1)
    y3, m3 = month(4)
    y4, m4 = month(5)
    same = lambda y: "" if y == written.year else "%d年" % y
    return ["（一）动员部署阶段（%s%d月底前）。各乡镇、各有关单位结合实际制定具体工作方案，明确责任领导和经办人员，通过公开栏、政务新媒体等渠道开展政策宣传。" % (same(y1), m1),
            "（二）组织实施阶段（%s%d月至%s%d月）。按照职责分工全面推进各项任务，%s建立工作台账，实行周调度、月通报，发现问题及时整改。" % (same(y2), m2, same(y3), m3, org),
            "（三）总结提升阶段（%s%d月底前）。各单位对照任务清单开展自查，形成书面总结报送%s；%s领域相关工作结果按规定在县政府门户网站公开。" % (same(y4), m4, org, dname)]


def _guiding(year):
    congress = "党的十九大和十九届历次全会精神" if year < 2023 else "党的二十大和二十届历次全会精神"
    return "以习近平新时代中国特色社会主义思想为指导，全面贯彻%s，" % congress


def _numbered_paragraphs(items, start=1):
    out = []
    for i, (head, text) in enumerate(items, start):
        out.append({"p": "%s、%s。%s。" % (cn_num(i), head, text)})
    return out


# ---------------------------------------------------------- announcements
def announcement(did, spec, year, n):
    m = MATERIAL[did]
    issuer = _issuer(did, spec)
    month = spec.get("m", 6)
    # A 季度 report covers the quarter just ended; a 批前 notice the current one.
    quarter = (month - 1) // 3 + 1 if "批前" in spec["t"] else max(1, (month - 1) // 3)
    ctx = _ctx(did, year, dict(q=cn_num(quarter) if "季度" in spec["t"] else str(n + 1), mon=month,
                               p=A.doc_prefix(issuer), n1=3 + n, n2=7 + n, n3=12 + n))
    if "期" in spec["t"] or "号）" in spec["t"] or "批" in spec["t"]:
        ctx["q"] = str(quarter)
    ctx.update(spec.get("per_year", {}).get(year, {}))
    title = _fmt(spec["t"], ctx)
    key = (did, "ann", title)
    written = dated(key, year, month, *spec.get("days", (3, 26)))
    published = publish_after(key, written, 0, 2)
    body = [{"p": _fmt(spec["lead"], ctx)}]
    items = spec["items_by_year"][year] if "items_by_year" in spec else spec["items"]
    if spec.get("img"):
        sha, caption = images.make(spec["img"], year, [_fmt(s, ctx).split("，")[0] for s in items])
        body.append({"img": sha, "caption": caption})
    for i, item in enumerate(items, 1):
        body.append({"p": "%s、%s" % (cn_num(i), _fmt(item, ctx))})
    closing = "特此公示。" if title.endswith("公示") else ("特此公告。" if "公告" in title else None)
    if closing:
        body.append({"p": closing})
    body.extend(_sign(issuer, written))
    # The abstract says what is announced, not "现将……公告如下".
    facts = [_fmt(item, ctx) for item in items[:2]]
    summary = facts[0] if len(facts[0]) >= 40 or len(facts) < 2 else facts[0] + facts[1]
    if len(summary) > 110:
        summary = summary[:summary.rfind("，", 0, 100)] + "。"
    kind = "公告"
    return _new(did, issuer, title, kind, written, published, m["topic"], summary, body)


# ------------------------------------------------------- normative documents
def _self_ref(name):
    base = name.split("（")[0]
    for word in ("细则", "规定", "标准", "基准", "方案", "预案", "规程"):
        if base.endswith(word):
            return "本" + word
    return "本办法"


def normative(did, revision=False):
    m = MATERIAL[did]
    spec = m["norm"]
    issuer = spec["issuer"]
    year = spec["renewed"] if revision else spec["year"]
    name = spec["t"] + ("（%d年修订）" % year if revision else "")
    org = A.full_name(issuer)
    title = "%s关于印发%s的通知" % (org, name) if issuer in (GOV, GOV_OFFICE) else "%s关于印发《%s》的通知" % (org, name)
    key = (did, "norm", year)
    written = dated(key, year, spec.get("m", 6))
    published = publish_after(key, written, 1, 6)
    effective = written + datetime.timedelta(days=30)
    body = []
    if issuer in (GOV, GOV_OFFICE):
        body.append({"p": TO_ALL})
        meeting = 10 + rng("meeting", key).randint(1, 40)
        body.append({"p": "《%s》已经县人民政府第%d次常务会议研究通过，现印发给你们，请认真贯彻执行。" % (name, meeting)})
    else:
        body.append({"p": TO_DEPT})
        body.append({"p": "现将《%s》印发给你们，请结合实际认真贯彻执行。" % name})
    if revision:
        body.append({"p": "%d年印发的《%s》同时废止。" % (spec["year"], spec["t"])})
    body.extend(_sign(issuer, written))
    body.append({"h": name})
    arts = [("目的依据", spec["bg"])] + list(spec["arts"])
    for i, (_topic, text) in enumerate(arts, 1):
        body.append({"p": "第%s条　%s" % (cn_num(i), text)})
    n = len(arts)
    lead = DOMAIN_LEAD[did] if issuer in (GOV, GOV_OFFICE) else issuer
    me = _self_ref(name)
    body.append({"p": "第%s条　%s由%s负责解释。" % (cn_num(n + 1), me, A.full_name(lead))})
    valid = 5 if revision else spec["valid"]
    until = effective.replace(year=effective.year + valid)
    body.append({"p": "第%s条　%s自%s起施行，有效期%s年。" % (cn_num(n + 2), me, cn_date(effective), cn_num(valid))})
    summary = "%s印发《%s》，共%s条，%s" % (org, name, cn_num(n + 2), spec["bg"].split("，")[0].replace("为", "旨在", 1) + "。")
    doc = _new(did, issuer, title, "规范性文件", written, published, m["topic"], summary, body)
    if until < datetime.date(2026, 11, 28):
        doc["validity"] = "失效"
    doc["_name"] = name
    doc["_until"] = until
    doc["_valid"] = valid
    doc["_arts"] = arts
    doc["_effective"] = effective
    doc["_lead"] = lead
    return doc


def interpretation(did, target):
    m = MATERIAL[did]
    spec = m["norm"]
    lead = target["_lead"]
    name = target["_name"]
    written = datetime.date.fromisoformat(target["published_on"])
    published = publish_after((did, "interp", name), written, 0, 3)
    arts = target["_arts"]
    body = [{"h": "一、制定背景"}]
    body.append({"p": spec["bg"].replace("制定本办法", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本细则", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本规定", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本标准", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本基准", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本方案", "%s起草了《%s》" % (A.full_name(lead), name))
                 .replace("制定本预案", "%s起草了《%s》" % (A.full_name(lead), name))
                 + "文件经征求各乡镇和有关部门意见、合法性审查后，于%s印发。" % cn_date(datetime.date.fromisoformat(target["written_on"]))})
    body.append({"h": "二、主要内容"})
    body.append({"p": "文件共%s条，重点明确了以下内容：" % cn_num(len(arts) + 2)})
    for i, k in enumerate(spec["key"], 1):
        topic, text = arts[k + 1]
        body.append({"p": "（%s）关于%s。第%s条规定：%s" % (cn_num(i), topic, cn_num(k + 2), text)})
    body.append({"h": "三、施行时间"})
    body.append({"p": "文件自%s起施行，有效期%s年。" % (cn_date(target["_effective"]), cn_num(target["_valid"]))})
    body.append({"h": "四、政策咨询"})
    body.append({"p": "如对文件内容有疑问，可在工作日到%s咨询，地址：%s，电话：%s。也可到县政务服务中心政府信息查阅点查阅文件全文。"
                 % (A.full_name(lead), A.BY_NAME[lead][5], A.phone(lead))})
    title = "《%s》政策解读" % name
    summary = "对《%s》的制定背景、主要内容和施行时间进行解读。" % name
    doc = _new(did, lead, title, "解读", written, published, m["topic"], summary, body)
    doc["_interprets"] = [target]
    return doc


# ----------------------------------------------------------------- reports
def report(did, year):
    m = MATERIAL[did]
    spec = m["report"]
    issuer = spec.get("issuer") or DOMAIN_LEAD[did]
    org = A.full_name(issuer)
    ctx = _ctx(did, year, dict(org=org))
    title = _fmt(spec["t"], ctx)
    key = (did, "report", year)
    written = dated(key, year + 1, 1 + year % 3, 5, 25)
    published = publish_after(key, written, 1, 7)
    body = [{"p": "%d年，%s在县委、县人民政府的坚强领导下，认真贯彻落实上级关于%s工作的决策部署，%s。现将有关情况报告如下："
                  % (year, org, DOMAIN_NAME[did], m["goal"].split("，")[0])}]
    body.append({"h": "一、主要工作成效"})
    for i, item in enumerate(spec["done"], 1):
        body.append({"p": "（%s）%s" % (cn_num(i), _fmt(item, ctx))})
    # Two of the domain's standing measures, reported as done this year.
    picks = _pick(m["tasks"], 3, key + ("done",), year)
    for i, (head, text) in enumerate(picks[:2], len(spec["done"]) + 1):
        body.append({"p": "（%s）%s。%s。" % (cn_num(i), head, text)})
    body.append({"h": "二、存在的问题"})
    body.append({"p": "".join("%s是%s" % ("一二三四"[i], _fmt(t, ctx)) for i, t in enumerate(spec["issues"]))
                 .replace("。二是", "；二是").replace("。三是", "；三是")})
    body.append({"h": "三、%d年工作打算" % (year + 1)})
    for i, item in enumerate(spec["next"], 1):
        body.append({"p": "（%s）%s" % (cn_num(i), _fmt(item, ctx))})
    body.append({"p": "同时，%s将继续%s，推动%s工作再上新台阶。" % (org, picks[2][0], DOMAIN_NAME[did])})
    body.extend(_sign(issuer, written))
    summary = "总结%d年%s工作：%s" % (year, DOMAIN_NAME[did], _fmt(spec["done"][0], ctx))
    return _new(did, issuer, title, "报告", written, published, m["topic"], summary, body)


# ------------------------------------------------------- on-request records
ON_REQUEST = [
    ("d01", "县发展改革委", 2021, "示范县发展和改革委员会关于产业集聚区标准化厂房三期项目可行性研究报告的批复"),
    ("d02", "县政府办", 2022, "关于城区供水管网改造工程招标投诉处理情况的报告"),
    ("d12", "县自然资源局", 2022, "关于城关镇东关村征地补偿费用支付明细的报告"),
    ("d15", "县房管局", 2020, "示范县老城区东关片区房屋征收分户评估结果汇总表"),
    ("d16", "县住建局", 2023, "关于2023年度农村危房改造竣工验收档案的报告"),
    ("d22", "县应急管理局", 2024, "关于2024年度危险化学品经营许可核发档案的说明"),
    ("d25", "县税务局", 2022, "关于2022年度重点税源企业纳税评估工作的报告"),
    ("d26", "县扶贫办", 2022, "示范县2022年度防返贫监测对象帮扶措施台账"),
]


def on_request(did, issuer, year, title):
    key = (did, "onreq", title)
    written = dated(key, year, 5 + len(title) % 6)
    published = publish_after(key, written, 3, 10)
    org = A.full_name(issuer)
    body = [{"p": "本信息属于依申请公开的政府信息，内容涉及具体项目或者个人的明细资料，未在网站全文公开。"},
            {"p": "公民、法人或者其他组织需要获取本信息的，可以依照《中华人民共和国政府信息公开条例》第二十七条的规定，向%s提出政府信息公开申请；"
                  "也可以在县政务服务中心一楼政府信息查阅点填写申请单。行政机关收到申请之日起20个工作日内予以答复。" % org},
            {"p": "受理机构：%s，地址：%s，电话：%s。" % (org, A.BY_NAME[issuer][5], A.phone(issuer))}]
    summary = "依申请公开信息：%s。" % title
    doc = _new(did, issuer, title, "报告" if title.endswith(("报告", "说明")) else ("批复" if title.endswith("批复") else "报告"),
               written, published, MATERIAL[did]["topic"], summary, body)
    doc["disclosure"] = "依申请公开"
    return doc


def domain_documents(did):
    """All documents of one domain (d08 is handled by budget.py)."""
    m = MATERIAL[did]
    docs = []
    seen = set()
    for n, spec in enumerate(m["notices"]):
        for y in spec["years"]:
            docs.append(notice(did, spec, y, n, seen))
    for n, spec in enumerate(m["anns"]):
        for y in spec["years"]:
            docs.append(announcement(did, spec, y, n))
    norm = normative(did)
    docs.append(norm)
    target = norm
    if m["norm"].get("renewed"):
        rev = normative(did, revision=True)
        norm["validity"] = "废止"
        norm["_repealed_in"] = m["norm"]["renewed"]
        docs.append(rev)
        target = rev
    docs.append(interpretation(did, target))
    for y in m["report"]["years"]:
        docs.append(report(did, y))
    for odid, issuer, year, title in ON_REQUEST:
        if odid == did:
            docs.append(on_request(did, issuer, year, title))
    return docs
