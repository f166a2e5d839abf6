"""Checks the generated demo records against issue 3 and the record format.

Reads the *.ndjson files back from disk (not the generator's objects), so it
checks what is committed.  Every failed expectation raises CheckError with
what was wrong; check() returns the counts it measured.
"""

import base64
import datetime
import glob
import hashlib
import json
import os
import re
import struct
import zlib


class CheckError(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise CheckError(message)


# The list, written out again on purpose (not imported from the generator).
_B = "县工信局、县民政局、县财政局、县自然资源局、县生态环境局、县住建局、县交通运输局、县水利局、县农业农村局、县应急管理局、县林业局"
_C = "县自然资源局、县住建局、县房管局、县住房公积金中心"
EXPECTED_DOMAINS = [
    ("重大建设项目", "县发展改革委", _B), ("公共资源交易", "县政府办", "县财政局、县住建局、县行政服务中心"),
    ("义务教育", "县教育局", ""), ("户籍管理", "县公安局", ""), ("社会救助", "县民政局", ""), ("养老服务", "县民政局", ""),
    ("公共法律服务", "县司法局", ""), ("财政预决算", "县财政局", ""), ("就业", "县人力资源社会保障局", ""),
    ("社会保险", "县人力资源社会保障局", ""), ("城乡规划", "县自然资源局", ""), ("农村集体土地征收", "县自然资源局", ""),
    ("生态环境", "县生态环境局", ""), ("保障性住房", "县住建局", "县房管局"), ("国有土地上房屋征收", "县住建局", "县房管局"),
    ("农村危房改造", "县住建局", "县房管局"), ("市政服务", "县城市管理局", _C), ("城市综合执法", "县城市管理局", _C),
    ("涉农补贴", "县农业农村局", "县农机局"), ("公共文化服务", "县文广旅体局", ""), ("卫生健康", "县卫生健康委", ""),
    ("安全生产", "县应急管理局", ""), ("救灾", "县应急管理局", ""), ("食品药品监管", "县市场监管局", ""),
    ("税收管理", "县税务局", ""), ("扶贫", "县扶贫办", ""),
]
TODAY = datetime.date(2026, 11, 28)
DATE_FIELDS = ("written_on", "published_on", "opens_on", "closes_on")
INDEX_RE = re.compile(r"^\d{9}/(20\d\d)-\d{5}$")
DOCNO_RE = re.compile(r"^示[\u4e00-\u9fff]{1,5}〔(20\d\d)〕\d{1,3}号$|^[\u4e00-\u9fff]政〔(20\d\d)〕\d{1,3}号$")
EIGHT = ("content", "basis", "time_limit", "subject", "channels", "audience", "mode", "tiers")


def load(folder):
    recs = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.ndjson"))):
        with open(path, "rb") as f:
            data = f.read()
        expect(not data.startswith(b"\xef\xbb\xbf"), "%s starts with a BOM" % path)
        for n, raw in enumerate(data.decode("utf-8").split("\n"), 1):
            if not raw:
                continue
            where = "%s:%d" % (os.path.basename(path), n)
            rec = json.loads(raw)
            expect(raw == json.dumps(rec, ensure_ascii=False, separators=(",", ":")), where + ": not compact UTF-8 JSON")
            for key in ("type", "op", "id"):
                expect(isinstance(rec.get(key), str) and rec[key], "%s: missing %s" % (where, key))
            expect(rec["op"] == "upsert", where + ": op is not upsert")
            byid = recs.setdefault(rec["type"], {})
            expect(rec["id"] not in byid, "%s: duplicate %s id %s" % (where, rec["type"], rec["id"]))
            for field in DATE_FIELDS:
                if field in rec:
                    datetime.date.fromisoformat(rec[field])
                    expect(re.match(r"^\d{4}-\d\d-\d\d$", rec[field]), "%s: bad date %s" % (where, rec[field]))
            byid[rec["id"]] = rec
    return recs


def png_ok(data):
    """Decodes a PNG far enough to know it is whole: signature, CRCs, IHDR, IDAT size."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(tag + body) & 0xFFFFFFFF != crc:
            return False
        if tag == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
        if tag == b"IEND":
            break
    if not ihdr or ihdr[2] != 8 or ihdr[3] != 2:
        return False
    w, h = ihdr[0], ihdr[1]
    return len(zlib.decompress(idat)) == h * (1 + 3 * w)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


def text_of(block):
    return block.get("p") or block.get("h") or ""


def check(folder):
    recs = load(folder)
    counts = {}
    domains = sorted(recs["domain"].values(), key=lambda d: d["seq"])
    expect(len(domains) == 26, "want 26 domains, have %d" % len(domains))
    for i, (d, (name, lead, partners)) in enumerate(zip(domains, EXPECTED_DOMAINS), 1):
        expect(d["id"] == "d%02d" % i and d["seq"] == i and d["name"] == name, "domain %d is %s" % (i, d))
        expect(d["lead_units"] == [lead], "%s lead units %s" % (name, d["lead_units"]))
        expect(d.get("partner_units", []) == ([p for p in partners.split("、")] if partners else []),
               "%s partner units %s" % (name, d.get("partner_units")))
    agencies = {a["name"]: a for a in recs["agency"].values()}
    expect(len(agencies) == len(recs["agency"]), "agency names are not unique")
    for a in agencies.values():
        expect(a["kind"] in ("county", "department", "township", "village"), "agency kind %s" % a["kind"])
        expect(a["phone"].startswith("0393-555") and "示范县" in a["address"] and a["hours"], "agency contact %s" % a["name"])
        expect(isinstance(a["accepts_requests"], bool), "accepts_requests of %s" % a["name"])
    kinds = [a["kind"] for a in agencies.values()]
    expect(kinds.count("township") >= 5 and kinds.count("village") >= 3, "townships/villages too few")
    expect("示范县人民政府办公室" in agencies, "no county government office")
    for d in domains:
        for unit in d["lead_units"] + d.get("partner_units", []):
            expect(unit in agencies, "unit %s of %s has no agency record" % (unit, d["name"]))
    counts["domains"] = len(domains)
    counts["agencies"] = len(agencies)
    counts["townships / villages"] = "%d / %d" % (kinds.count("township"), kinds.count("village"))

    per_domain = {}
    for c in recs["catalog_item"].values():
        expect(c["domain"] in recs["domain"], "catalog item %s: domain %s" % (c["id"], c["domain"]))
        expect(c.get("level1") and c.get("level2"), "catalog item %s: levels" % c["id"])
        for field in EIGHT:
            expect(c.get(field), "catalog item %s: %s empty" % (c["id"], field))
        expect(c["audience"] in ("全社会", "特定群体") and c["mode"] in ("主动", "依申请"), "catalog item %s enums" % c["id"])
        expect(set(c["tiers"]) <= {"县级", "乡级", "村级"} and all(isinstance(x, str) and x for x in c["channels"]),
               "catalog item %s lists" % c["id"])
        per_domain[c["domain"]] = per_domain.get(c["domain"], 0) + 1
    expect(len(per_domain) == 26 and min(per_domain.values()) >= 3, "catalogue items per domain: %s" % per_domain)
    counts["catalog items"] = "%d (min %d per domain)" % (len(recs["catalog_item"]), min(per_domain.values()))

    counts.update(check_documents(recs, agencies, folder))

    guides = recs["service_guide"].values()
    for g in guides:
        for field in ("name", "agency", "basis", "time_limit", "fee", "place", "hours", "phone", "url"):
            expect(isinstance(g.get(field), str) and g[field], "guide %s: %s" % (g["id"], field))
        for field in ("conditions", "materials", "steps"):
            expect(isinstance(g.get(field), list) and g[field] and all(g[field]), "guide %s: %s" % (g["id"], field))
        expect(g["agency"] in agencies, "guide %s: agency %s" % (g["id"], g["agency"]))
        expect(g.get("domain") is None or g["domain"] in recs["domain"], "guide %s: domain" % g["id"])
    expect(len(guides) >= 20, "want 20 service guides, have %d" % len(guides))
    counts["service guides"] = len(guides)
    cons = recs["consultation"].values()
    for c in cons:
        expect(c["agency"] in agencies and c["body"] and c["respond"] and c["opens_on"] <= c["closes_on"], "consultation %s" % c["id"])
    expect(len(cons) >= 3, "want 3 consultations")
    expect(any(c["closes_on"] >= "2030-01-01" for c in cons), "no consultation open until a far-future date")
    counts["consultations"] = "%d (open now: %d)" % (len(cons), sum(1 for c in cons if c["opens_on"] <= TODAY.isoformat() <= c["closes_on"]))
    kiosks = list(recs["kiosk"].values())
    expect(len(kiosks) == 1 and len(base64.b64decode(kiosks[0]["pubkey"], validate=True)) == 32 and kiosks[0]["site"], "kiosk record")
    portal = recs.get("portal", {}).get("portal")
    expect(portal and portal["demo"] is True and "演示数据" in portal["notice"] and portal["county"] == "示范县", "portal record")
    counts["kiosk / portal"] = "%d / %d" % (len(kiosks), len(recs["portal"]))
    return counts


def check_documents(recs, agencies, folder):
    docs = recs["document"]
    counts = {}
    expect(len(docs) >= 300, "want 300 documents, have %d" % len(docs))
    by_domain, by_year, kinds, validity, bodies = {}, {}, {}, {}, set()
    images, interps, tables = set(), 0, 0
    for d in docs.values():
        where = "document %s" % d["id"]
        for field in ("title", "index_no", "issuer", "topic", "written_on", "published_on", "validity",
                      "disclosure", "kind", "summary", "url", "body"):
            expect(d.get(field), "%s: %s missing" % (where, field))
        expect(d["written_on"] <= d["published_on"] <= TODAY.isoformat(), where + ": dates")
        expect(d["issuer"] in agencies, "%s: issuer %s is not an agency" % (where, d["issuer"]))
        m = INDEX_RE.match(d["index_no"])
        expect(m and m.group(1) == d["published_on"][:4], "%s: index_no %s" % (where, d["index_no"]))
        if "doc_no" in d:
            m = DOCNO_RE.match(d["doc_no"])
            expect(m and (m.group(1) or m.group(2)) == d["written_on"][:4], "%s: doc_no %s" % (where, d["doc_no"]))
        expect(d["url"].startswith("https://www.shifan.gov.cn.example/"), where + ": url")
        expect(d["validity"] in ("有效", "失效", "废止") and d["disclosure"] in ("主动公开", "依申请公开"), where + ": enums")
        expect(d.get("domain") is None or d["domain"] in recs["domain"], where + ": domain")
        for item in d.get("catalog_items", []):
            expect(item in recs["catalog_item"] and recs["catalog_item"][item]["domain"] == d.get("domain"),
                   "%s: catalog item %s" % (where, item))
        flat = json.dumps(d, ensure_ascii=False)
        expect("测试" not in d["title"] and "lorem" not in flat.lower(), where + ": placeholder text")
        expect(not any(re.search(r"[{}]|None|nan\b|示范县(元|人(?![民力口]))", s) for s in strings(d)), where + ": unfilled placeholder")
        key = json.dumps(d["body"], ensure_ascii=False, sort_keys=True)
        expect(key not in bodies, where + ": body repeats another document's body")
        bodies.add(key)
        for b in d["body"]:
            expect(len(b) in (1, 2) and (set(b) <= {"h", "p", "table"} or set(b) == {"img", "caption"}), where + ": block %s" % b)
            if "table" in b:
                tables += 1
                expect(len(b["table"]) >= 2 and all(isinstance(c, str) for row in b["table"] for c in row), where + ": table")
            if "img" in b:
                images.add(b["img"])
                path = os.path.join(folder, "blobs", b["img"])
                expect(os.path.isfile(path), "%s: blob %s missing" % (where, b["img"]))
                data = open(path, "rb").read()
                expect(hashlib.sha256(data).hexdigest() == b["img"] and png_ok(data), where + ": blob is not that PNG")
                expect(b["caption"], where + ": image caption")
        if d["kind"] == "解读":
            interps += 1
            expect(d.get("interprets") and all(t in docs and t != d["id"] for t in d["interprets"]), where + ": interprets")
        if d.get("domain"):
            by_domain[d["domain"]] = by_domain.get(d["domain"], 0) + 1
        by_year[d["published_on"][:4]] = by_year.get(d["published_on"][:4], 0) + 1
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
        validity[d["validity"]] = validity.get(d["validity"], 0) + 1
    expect(len(by_domain) == 26 and min(by_domain.values()) >= 8, "documents per domain: %s" % by_domain)
    titles = [d["title"] for d in docs.values()]
    expect(len(set(titles)) == len(titles), "two documents share a title")
    expect(all(by_year.get(str(y), 0) >= 10 for y in range(2019, 2027)), "documents per year: %s" % by_year)
    for kind in ("通知", "公告", "规范性文件", "报告", "预算", "决算", "指南"):
        expect(kinds.get(kind), "no document of kind %s" % kind)
    annual = sorted(re.search(r"(20\d\d)年", d["title"]).group(1) for d in docs.values() if d["kind"] == "年报")
    expect(annual == [str(y) for y in range(2019, 2026)], "annual reports: %s" % annual)
    expect(interps >= 20, "want 20 interpretations, have %d" % interps)
    docs_with_img = sum(1 for d in docs.values() if any("img" in b for b in d["body"]))
    expect(docs_with_img >= 5, "want 5 documents with images, have %d" % docs_with_img)
    expect(validity.get("失效") and validity.get("废止"), "no 失效/废止 documents")
    on_request = sum(1 for d in docs.values() if d["disclosure"] == "依申请公开")
    blobs = set(os.listdir(os.path.join(folder, "blobs")))
    expect(blobs == images, "blobs/ holds files no document uses, or misses some")
    counts["documents"] = len(docs)
    counts["documents per year"] = " ".join("%s:%d" % kv for kv in sorted(by_year.items()))
    counts["documents per domain (min/max)"] = "%d / %d" % (min(by_domain.values()), max(by_domain.values()))
    counts["kinds"] = " ".join("%s:%d" % kv for kv in sorted(kinds.items(), key=lambda kv: -kv[1]))
    counts["validity"] = " ".join("%s:%d" % kv for kv in sorted(validity.items()))
    counts["依申请公开"] = on_request
    counts["documents linked to catalogue items"] = sum(1 for d in docs.values() if d.get("catalog_items"))
    counts["interpretations"] = interps
    counts["table blocks"] = tables
    counts["documents with images / blobs"] = "%d / %d" % (docs_with_img, len(images))
    return counts
