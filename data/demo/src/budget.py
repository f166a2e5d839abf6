"""财政预决算 (d08): county budgets and final accounts with tables and
charts, department and township budgets, the yearly disclosure notice and
interpretations.  Figures are invented but add up (every total is the sum of
its rows)."""

import datetime

import agencies as A
from common import cn_date, cn_num, contact_name, contact_phone, dated, iso, publish_after, rng
from docs import Doc
import images

DID = "d08"
TOPIC = "财政、金融、审计\\财政"
FIN = "县财政局"

REVENUE_TAX = [("增值税", 0.30), ("企业所得税", 0.09), ("个人所得税", 0.025), ("资源税", 0.01),
               ("城市维护建设税", 0.06), ("房产税", 0.035), ("印花税", 0.015), ("城镇土地使用税", 0.045),
               ("土地增值税", 0.05), ("车船税", 0.012), ("耕地占用税", 0.03), ("契税", 0.07), ("环境保护税", 0.003)]
REVENUE_NONTAX = [("专项收入", 0.10), ("行政事业性收费收入", 0.04), ("罚没收入", 0.03),
                  ("国有资源（资产）有偿使用收入", 0.075)]
SPEND = [("一般公共服务支出", 0.085), ("公共安全支出", 0.040), ("教育支出", 0.225), ("科学技术支出", 0.012),
         ("文化旅游体育与传媒支出", 0.011), ("社会保障和就业支出", 0.150), ("卫生健康支出", 0.118),
         ("节能环保支出", 0.030), ("城乡社区支出", 0.082), ("农林水支出", 0.142), ("交通运输支出", 0.030),
         ("住房保障支出", 0.035), ("灾害防治及应急管理支出", 0.008), ("其他支出", 0.032)]


def _scale(items, total, key):
    r = rng("budget", key)
    raw = [(name, share * (1 + r.uniform(-0.06, 0.06))) for name, share in items]
    s = sum(v for _, v in raw)
    vals = [(name, round(total * v / s)) for name, v in raw]
    diff = total - sum(v for _, v in vals)
    vals[0] = (vals[0][0], vals[0][1] + diff)
    return vals


def revenue_total(year, final):
    base = 98600 * (1.052 ** (year - 2019))
    if year == 2020:
        base *= 0.97
    return int(round(base * (1.012 if final else 1.0), -1))


def spend_total(year, final):
    base = 426000 * (1.046 ** (year - 2019))
    return int(round(base * (1.035 if final else 1.0), -1))


def _money(v):
    return "{:,}".format(v)


def _table(rows, head):
    total = sum(v for _, v in rows)
    return [head] + [[n, _money(v)] for n, v in rows] + [["合计", _money(total)]]


def _three_public(year, final):
    r = rng("sangong", year, final)
    travel = 12 + r.randint(0, 6) if year not in (2020, 2021, 2022) else 2 + r.randint(0, 3)
    car_buy = r.choice([0, 0, 45, 60])
    car_run = 520 - 18 * (year - 2019) + r.randint(-10, 10)
    meals = 160 - 9 * (year - 2019) + r.randint(-5, 5)
    rows = [("因公出国（境）费", travel), ("公务用车购置费", car_buy), ("公务用车运行维护费", car_run), ("公务接待费", meals)]
    return rows


def county_budget(year):
    rev = revenue_total(year, False)
    spend = spend_total(year, False)
    tax = int(rev * 0.68)
    tax_rows = _scale(REVENUE_TAX, tax, ("tax", year))
    nontax_rows = _scale(REVENUE_NONTAX, rev - tax, ("nontax", year))
    spend_rows = _scale(SPEND, spend, ("spend", year))
    written = dated(("budget", year), year, 2, 10, 24)
    published = publish_after(("budget", year), written, 3, 12)
    title = "示范县%d年一般公共预算和政府性基金预算公开" % year
    body = [{"p": "根据《中华人民共和国预算法》和《地方预决算公开操作规程》，经示范县第%s届人民代表大会第%s次会议审查批准，现将示范县%d年财政预算公开如下："
                  % (cn_num(16 + (year - 2017) // 5), cn_num((year - 2017) % 5 + 1), year)}]
    body.append({"h": "一、一般公共预算收入"})
    body.append({"p": "%d年全县一般公共预算收入预期%s万元，比上年执行数增长%.1f%%。其中：税收收入%s万元，非税收入%s万元。"
                 % (year, _money(rev), 5.2 if year != 2020 else -3.0, _money(tax), _money(rev - tax))})
    body.append({"table": _table(tax_rows + nontax_rows, ["项目", "预算数（万元）"])})
    body.append({"h": "二、一般公共预算支出"})
    body.append({"p": "加上上级转移支付、债券转贷收入和上年结转等，%d年全县一般公共预算支出安排%s万元。支出重点向教育、社会保障、卫生健康和农林水等民生领域倾斜，民生支出占比保持在80%%以上。"
                 % (year, _money(spend))})
    body.append({"table": _table(spend_rows, ["功能分类", "预算数（万元）"])})
    if year in (2022, 2024, 2026):
        top = sorted(spend_rows, key=lambda kv: -kv[1])[:6]
        values = [round(v / 10000, 1) for _, v in top]
        labels = [str(i + 1) for i in range(len(top))]
        caption = "%d年一般公共预算主要支出项目（单位：亿元）：%s" % (
            year, "；".join("%d.%s" % (i + 1, n) for i, (n, _) in enumerate(top)))
        sha, cap = images.make("budget", year, (values, labels, caption))
        body.append({"img": sha, "caption": cap})
    body.append({"h": "三、“三公”经费预算"})
    tp = _three_public(year, False)
    body.append({"p": "%d年县本级“三公”经费预算%s万元，严格落实过紧日子要求，较上年只减不增。" % (year, _money(sum(v for _, v in tp)))})
    body.append({"table": _table(tp, ["项目", "预算数（万元）"])})
    fund = int(rev * 0.55)
    body.append({"h": "四、政府性基金预算"})
    body.append({"p": "%d年全县政府性基金预算收入%s万元，主要为国有土地使用权出让收入；政府性基金预算支出按照以收定支的原则安排。" % (year, _money(fund))})
    body.append({"h": "五、政府债务情况"})
    debt = int(152000 * (1.09 ** (year - 2019)))
    body.append({"p": "截至%d年底，全县政府债务余额%s万元，在上级核定的限额以内，债务风险总体可控。" % (year - 1, _money(debt))})
    body.append({"p": "附：预算公开表格（以上表格为摘要，完整表格可在县财政局政府信息查阅点查阅）。"})
    body += [{"p": "示范县财政局"}, {"p": cn_date(written)}]
    summary = "%d年全县一般公共预算收入预期%s万元，一般公共预算支出安排%s万元。" % (year, _money(rev), _money(spend))
    return Doc(type="document", op="upsert", title=title, issuer=FIN, topic=TOPIC, written_on=iso(written),
               published_on=iso(published), validity="有效", disclosure="主动公开", domain=DID, kind="预算",
               summary=summary, body=body, _docno=("示财预", year))


def county_final(year):
    rev = revenue_total(year, True)
    spend = spend_total(year, True)
    tax = int(rev * 0.675)
    written = dated(("final", year), year + 1, 8, 5, 25)
    published = publish_after(("final", year), written, 3, 15)
    title = "示范县%d年财政决算公开" % year
    body = [{"p": "经示范县人民代表大会常务委员会第%s次会议审查批准，现将示范县%d年财政决算公开如下：" % (cn_num(10 + year % 20), year)}]
    body.append({"h": "一、一般公共预算收支决算"})
    body.append({"p": "%d年全县一般公共预算收入完成%s万元，为调整预算的%.1f%%，其中税收收入%s万元，税收占比%.1f%%；一般公共预算支出完成%s万元。"
                 % (year, _money(rev), 101.2, _money(tax), tax * 100.0 / rev, _money(spend))})
    body.append({"table": _table(_scale(SPEND, spend, ("final-spend", year)), ["功能分类", "决算数（万元）"])})
    if year == 2025:
        values = [round(revenue_total(y, True) / 10000, 1) for y in range(2019, 2026)]
        labels = [str(y) for y in range(2019, 2026)]
        sha, cap = images.make("trend", year, (values, labels, "2019—2025年示范县一般公共预算收入决算数（单位：亿元）"))
        body.append({"img": sha, "caption": cap})
    body.append({"h": "二、转移支付情况"})
    body.append({"p": "%d年全县共收到上级转移支付补助%s万元，其中一般性转移支付%s万元、专项转移支付%s万元。"
                 % (year, _money(spend - rev), _money(int((spend - rev) * 0.83)), _money(spend - rev - int((spend - rev) * 0.83)))})
    body.append({"h": "三、“三公”经费决算"})
    tp = _three_public(year, True)
    body.append({"table": _table(tp, ["项目", "决算数（万元）"])})
    body.append({"p": "“三公”经费决算数较预算有所减少，主要是严格控制公务接待和公务用车支出。"})
    body.append({"h": "四、政府债务情况"})
    debt = int(152000 * (1.09 ** (year - 2018)))
    general_debt = int(61000 * (1.05 ** (year - 2018)))
    body.append({"p": "截至%d年底，全县政府债务余额%s万元，其中一般债务%s万元、专项债务%s万元。"
                 % (year, _money(debt), _money(general_debt), _money(debt - general_debt))})
    body += [{"p": "示范县财政局"}, {"p": cn_date(written)}]
    summary = "%d年全县一般公共预算收入完成%s万元，一般公共预算支出完成%s万元。" % (year, _money(rev), _money(spend))
    return Doc(type="document", op="upsert", title=title, issuer=FIN, topic=TOPIC, written_on=iso(written),
               published_on=iso(published), validity="有效", disclosure="主动公开", domain=DID, kind="决算",
               summary=summary, body=body)


DEPTS = [("县教育局", 2022, 185000), ("县民政局", 2024, 21600), ("县卫生健康委", 2026, 46800),
         ("县人力资源社会保障局", 2023, 9800)]


def department_budget(agency, year, total):
    r = rng("dept", agency, year)
    basic = int(total * r.uniform(0.55, 0.7))
    project = total - basic
    written = dated(("dept", agency, year), year, 3, 5, 28)
    published = publish_after(("dept", agency, year), written, 2, 9)
    org = A.full_name(agency)
    title = "%s%d年部门预算公开" % (org, year)
    body = [{"h": "第一部分　部门概况"},
            {"p": "%s是县人民政府工作部门，内设股室和所属单位的预算纳入本部门预算汇编。" % org},
            {"h": "第二部分　部门预算情况说明"},
            {"p": "%d年部门收入预算%s万元，全部为一般公共预算财政拨款；支出预算%s万元，其中基本支出%s万元、项目支出%s万元。"
                  % (year, _money(total), _money(total), _money(basic), _money(project))},
            {"table": [["项目", "预算数（万元）"], ["基本支出", _money(basic)], ["项目支出", _money(project)], ["合计", _money(total)]]},
            {"p": "机关运行经费预算%s万元，政府采购预算%s万元。" % (_money(int(total * 0.012)), _money(int(total * 0.04)))},
            {"h": "第三部分　名词解释"},
            {"p": "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"},
            {"p": org}, {"p": cn_date(written)}]
    return Doc(type="document", op="upsert", title=title, issuer=agency, topic=TOPIC, written_on=iso(written),
               published_on=iso(published), validity="有效", disclosure="主动公开", domain=DID, kind="预算",
               summary="%s%d年部门预算收支总额%s万元。" % (org, year, _money(total)), body=body)


def township_budget(town, year):
    r = rng("town", town, year)
    total = 1800 + r.randint(0, 900) + 60 * (year - 2019)
    rows = [("一般公共服务支出", int(total * 0.38)), ("公共安全支出", int(total * 0.04)), ("社会保障和就业支出", int(total * 0.16)),
            ("城乡社区支出", int(total * 0.14)), ("农林水支出", int(total * 0.22))]
    rows.append(("其他支出", total - sum(v for _, v in rows)))
    written = dated(("town", town, year), year, 3, 10, 28)
    published = publish_after(("town", town, year), written, 1, 6)
    org = A.full_name(town)
    body = [{"p": "经%s第%s届人民代表大会第%s次会议审议通过，现将%s%d年财政预算公开如下：" % (town.replace("人民政府", ""), cn_num(7 + (year - 2021) // 5), cn_num(year % 5 + 1), town.replace("人民政府", ""), year)},
            {"table": _table(rows, ["功能分类", "预算数（万元）"])},
            {"p": "乡镇预算支出重点保障村级组织运转、农村人居环境整治和基层社会治理。"},
            {"p": org}, {"p": cn_date(written)}]
    return Doc(type="document", op="upsert", title="%s%d年财政预算公开" % (town.replace("人民政府", ""), year), issuer=town, topic=TOPIC,
               written_on=iso(written), published_on=iso(published), validity="有效", disclosure="主动公开", domain=DID,
               kind="预算", summary="%s%d年一般公共预算支出%s万元。" % (org, year, _money(total)), body=body)


def disclosure_notice(year):
    written = dated(("finotice", year), year, 2, 3, 15)
    published = publish_after(("finotice", year), written)
    title = "示范县财政局关于做好%d年预决算公开工作的通知" % year
    body = [{"p": "县直各预算单位，各乡镇人民政府："},
            {"p": "为深入贯彻《中华人民共和国预算法》，推进预决算公开常态化、规范化，现就做好%d年预决算公开工作通知如下：" % year},
            {"h": "一、公开范围"},
            {"p": "除涉密单位外，使用财政资金的县直部门和单位均应公开本部门预决算，乡镇人民政府应当公开本级财政预决算。"},
            {"h": "二、公开时间"},
            {"p": "部门预算在县财政局批复后20日内公开，部门决算在批复后20日内公开；政府预决算在本级人民代表大会或者其常务委员会批准后20日内公开。"},
            {"h": "三、公开内容"},
            {"p": "部门预决算公开收支总表、财政拨款收支总表、一般公共预算支出表、“三公”经费支出表等9张表格，并对“三公”经费增减变化原因、机关运行经费、政府采购、绩效目标等作出说明。"},
            {"h": "四、公开方式"},
            {"p": "预决算统一在县政府门户网站“财政预决算”专栏集中公开，同时在县政府信息查阅点提供纸质文本，公开后不得随意撤回。"},
            {"h": "五、工作要求"},
            {"p": "县财政局将对公开情况开展检查，检查结果纳入县直单位年度目标考核。"},
            {"p": "联系人：%s，联系电话：%s。" % (contact_name(FIN, year), contact_phone(A.phone(FIN), ("fin", year)))},
            {"p": "示范县财政局"}, {"p": cn_date(written)}]
    return Doc(type="document", op="upsert", title=title, issuer=FIN, topic=TOPIC, written_on=iso(written),
               published_on=iso(published), validity="有效" if year >= 2023 else "失效", disclosure="主动公开", domain=DID,
               kind="通知", summary="部署%d年全县预决算公开工作，明确公开范围、时间、内容和方式。" % year, body=body,
               _docno=("示财预", year))


def budget_interpretation(target, year):
    written = datetime.date.fromisoformat(target["published_on"])
    published = publish_after(("binterp", year), written, 0, 2)
    body = [{"h": "一、收入预算有哪些特点"},
            {"p": target["summary"] + "收入预算安排与经济社会发展目标相适应，税收收入占比保持在六成以上。"},
            {"h": "二、钱主要花在哪里"},
            {"p": "支出预算坚持保基本民生、保工资、保运转，教育、社会保障和就业、卫生健康、农林水四项支出合计占一般公共预算支出的六成左右。"},
            {"h": "三、“三公”经费为何只减不增"},
            {"p": "按照党政机关习惯过紧日子的要求，严控一般性支出，“三公”经费预算继续压减，节约的资金用于民生保障。"},
            {"h": "四、在哪里查看完整预算"},
            {"p": "预算全文和表格在县政府门户网站“财政预决算”专栏公开，也可在县政务服务中心和县档案馆的政府信息查阅点查阅。"}]
    return Doc(type="document", op="upsert", title="图解示范县%d年财政预算" % year, issuer=FIN, topic=TOPIC,
               written_on=iso(written), published_on=iso(published), validity="有效", disclosure="主动公开", domain=DID,
               kind="解读", summary="用问答的方式解读示范县%d年财政预算收支安排。" % year, body=body, _interprets=[target])


def budget_documents():
    docs = []
    budgets = {}
    for y in range(2019, 2027):
        budgets[y] = county_budget(y)
        docs.append(budgets[y])
    for y in range(2019, 2026):
        docs.append(county_final(y))
    for agency, year, total in DEPTS:
        docs.append(department_budget(agency, year, total))
    for town, year in (("城关镇人民政府", 2023), ("枣林镇人民政府", 2024), ("南湖乡人民政府", 2025), ("石桥乡人民政府", 2026)):
        docs.append(township_budget(town, year))
    for y in (2019, 2021, 2023, 2025):
        docs.append(disclosure_notice(y))
    for y in (2022, 2024, 2025, 2026):
        docs.append(budget_interpretation(budgets[y], y))
    return docs
