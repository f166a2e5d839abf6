"""Shared helpers: deterministic randomness, dates, figures, names."""

import datetime
import hashlib
import random

LAST_DAY = datetime.date(2026, 11, 25)  # nothing in the demo is published later


def rng(*key):
    """A random.Random seeded from the key, so every record is reproducible."""
    digest = hashlib.sha256("|".join(str(k) for k in key).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def cn_date(d):
    return "%d年%d月%d日" % (d.year, d.month, d.day)


def iso(d):
    return d.isoformat()


def clamp(d):
    return min(d, LAST_DAY)


def dated(key, year, month, lo=3, hi=26):
    r = rng("date", key)
    d = datetime.date(year, month, r.randint(lo, hi))
    return clamp(d)


def publish_after(key, written, lo=0, hi=5):
    r = rng("pub", key)
    return clamp(written + datetime.timedelta(days=r.randint(lo, hi)))


def _decimals(x):
    s = repr(float(x))
    if "e" in s:
        return 0
    frac = s.split(".")[1].rstrip("0")
    return len(frac)


def figure(spec, year):
    base, step = spec
    v = base + step * (year - 2019)
    if isinstance(base, int) and isinstance(step, int):
        return str(max(v, 0))
    nd = max(_decimals(base), _decimals(step), 1)
    text = ("%%.%df" % nd) % max(v, 0.0)
    return text.rstrip("0").rstrip(".") if "." in text else text


def figures(figs, year):
    return {k: figure(v, year) for k, v in figs.items()}


_SUR = "王李张刘陈杨赵黄周吴郭孙马朱胡林何高罗郑"
_GIVEN = ["志强", "晓燕", "建国", "红梅", "俊峰", "丽娟", "海涛", "文静", "国庆", "雪芳",
          "明辉", "春霞", "振华", "玉兰", "卫东", "晓光", "新民", "慧敏", "永刚", "亚楠"]


def contact_name(agency, year):
    r = rng("contact", agency, year // 3)
    return r.choice(_SUR) + r.choice(_GIVEN)


def contact_phone(base_phone, key):
    r = rng("phone", key)
    head, tail = base_phone.split("-")
    return "%s-%s%d" % (head, tail[:-1], r.randint(2, 9))


CN_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
          "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]


def cn_num(n):
    if n <= 20:
        return CN_NUM[n]
    tens, ones = divmod(n, 10)
    return CN_NUM[tens] + "十" + (CN_NUM[ones] if ones else "")
