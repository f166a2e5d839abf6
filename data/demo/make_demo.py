#!/usr/bin/env python3
"""Regenerates the demo county data (示范县, fictional) in data/demo/.

    python3 data/demo/make_demo.py          # write *.ndjson and blobs/, then check
    python3 data/demo/make_demo.py --check  # only check what is on disk

Deterministic and stdlib only: the same sources give the same bytes.  The
hand-written material is in src/; this file numbers the documents (id, 文号,
索引号, url), writes the record files and runs the checker (check_demo.py),
which asserts the counts and references issue 3 asks for and prints them.
"""

import json
import os
import shutil
import sys

sys.dont_write_bytecode = True  # keep src/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

import agencies as A          # noqa: E402
import budget                 # noqa: E402
import catalog                # noqa: E402
import check_demo             # noqa: E402
import docs                   # noqa: E402
import general                # noqa: E402
import guides                 # noqa: E402
import images                 # noqa: E402

FILES = {
    "01-domains-agencies.ndjson": lambda recs: recs["domain"] + recs["agency"],
    "02-catalog.ndjson": lambda recs: recs["catalog_item"],
    "03-documents.ndjson": lambda recs: recs["document"],
    "04-guides-consultations.ndjson": lambda recs: recs["service_guide"] + recs["consultation"],
    "05-kiosk-portal.ndjson": lambda recs: recs["kiosk"],
}

NUMBERED_KINDS = {"通知", "通告", "决定", "意见", "规范性文件"}
DOMAIN_PATH = {d[0]: d[4] for d in A.DOMAINS}


def doc_prefix(doc):
    if "_docno" in doc:
        return doc["_docno"][0]
    if doc["kind"] not in NUMBERED_KINDS:
        return None
    return A.doc_prefix(doc["issuer"]) or None


def number_documents(all_docs):
    """Sorts by publication, then assigns id, 文号, 索引号 and url."""
    all_docs.sort(key=lambda d: (d["published_on"], d["written_on"], d["title"]))
    per_year = {}
    for d in all_docs:
        year = int(d["published_on"][:4])
        per_year[year] = per_year.get(year, 0) + 1
        d["id"] = "sf-%d-%04d" % (year, per_year[year])
    # 文号: numbered per prefix and year of writing, in order of writing;
    # fixed numbers (the 2020 plan's 示政办〔2020〕10号) are reserved first.
    reserved = {d["_docno_fixed"] for d in all_docs if "_docno_fixed" in d}
    counters = {}
    for d in sorted(all_docs, key=lambda d: (d["written_on"], d["id"])):
        if "_docno_fixed" in d:
            d["doc_no"] = d["_docno_fixed"]
            continue
        prefix = doc_prefix(d)
        if not prefix:
            continue
        year = int(d["written_on"][:4])
        n = counters.get((prefix, year), 0)
        while True:
            n += 1
            candidate = "%s〔%d〕%d号" % (prefix, year, n)
            if candidate not in reserved:
                break
        counters[(prefix, year)] = n
        d["doc_no"] = candidate
    # 索引号: the issuer's 9-digit code / year of publication - sequence.
    seqs = {}
    for d in all_docs:
        code = A.index_code(d["issuer"])
        year = d["published_on"][:4]
        seqs[(code, year)] = seqs.get((code, year), 0) + 1
        d["index_no"] = "%s/%s-%05d" % (code, year, seqs[(code, year)])
        path = DOMAIN_PATH.get(d.get("domain"), "zfxxgk")
        day = d["published_on"].replace("-", "")
        d["url"] = "%szwgk/%s/%s/t%s_%s.html" % (A.PORTAL, path, day[:6], day, d["id"].split("-", 1)[1].replace("-", ""))
    for d in all_docs:
        if "_interprets" in d:
            d["interprets"] = [t["id"] for t in d["_interprets"]]


GENERIC = {"信息", "情况", "结果", "公开", "管理", "服务", "政策", "示范", "范县", "工作", "有关",
           "城乡", "乡居", "居民", "一般", "般公", "公共", "共预", "参保", "保缴", "缴费"}


def _bigrams(text):
    return {text[i:i + 2] for i in range(len(text) - 1)} - GENERIC


def link_catalog(all_docs, items):
    """Links a document to the catalogue entries it fulfils: those of its
    domain whose 二级事项 shares at least two words (bigrams) with its title,
    not counting the words of the domain's own name (every title has them)."""
    names = {d[0]: _bigrams(d[1]) for d in A.DOMAINS}
    by_domain = {}
    for item in items:
        words = _bigrams(item["level2"]) - names[item["domain"]]
        by_domain.setdefault(item["domain"], []).append((item["id"], words))
    for d in all_docs:
        title = _bigrams(d["title"])
        links = [iid for iid, words in by_domain.get(d.get("domain"), []) if len(words & title) >= 2]
        if links:
            d["catalog_items"] = links


def clean(doc):
    out = {k: v for k, v in doc.items() if not k.startswith("_")}
    order = ["type", "op", "id", "title", "index_no", "doc_no", "issuer", "topic", "written_on",
             "published_on", "validity", "disclosure", "domain", "kind", "summary", "interprets", "catalog_items",
             "url", "body"]
    return {k: out[k] for k in order if k in out} | {k: v for k, v in out.items() if k not in order}


def build():
    blob_dir = os.path.join(HERE, "blobs")
    if os.path.isdir(blob_dir):
        shutil.rmtree(blob_dir)
    os.makedirs(blob_dir)
    images.BLOB_DIR = blob_dir
    domain_docs = []
    for did, *_rest in A.DOMAINS:
        domain_docs += budget.budget_documents() if did == "d08" else docs.domain_documents(did)
    all_docs = domain_docs + general.general_documents(domain_docs)
    number_documents(all_docs)
    items = catalog.catalog_records()
    link_catalog(all_docs, items)
    recs = {
        "domain": A.domain_records(),
        "agency": A.agency_records(),
        "catalog_item": items,
        "document": [clean(d) for d in sorted(all_docs, key=lambda d: d["id"])],
        "service_guide": guides.guide_records(),
        "consultation": guides.consultation_records(),
        "kiosk": guides.kiosk_records(),
    }
    for name, pick in FILES.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            for rec in pick(recs):
                f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


def main(argv):
    if "--check" not in argv:
        build()
    counts = check_demo.check(HERE)
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        print("%-*s  %s" % (width, key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
