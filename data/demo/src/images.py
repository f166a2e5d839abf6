"""Small real PNG images for the demo documents, drawn with shapes and a
3x5 digit font and encoded with zlib + struct (no third-party code).

make(kind, year, data) draws one picture, writes it to BLOB_DIR/<sha256>
and returns (sha256, caption).
"""

import hashlib
import os
import struct
import zlib

from common import rng

BLOB_DIR = None          # set by make_demo.py
WRITTEN = {}             # sha256 -> caption, for the checker

WHITE = (255, 255, 255)
INK = (60, 60, 60)
GRID = (225, 228, 232)
RED = (196, 40, 40)
BLUE = (40, 96, 170)
GREEN = (70, 150, 80)
WATER = (150, 195, 235)
ROAD = (200, 200, 200)
FIELD = (236, 242, 220)
TOWN = (250, 236, 210)

_DIGITS = {
    "0": ["111", "101", "101", "101", "111"], "1": ["010", "110", "010", "010", "111"],
    "2": ["111", "001", "111", "100", "111"], "3": ["111", "001", "111", "001", "111"],
    "4": ["101", "101", "111", "001", "001"], "5": ["111", "100", "111", "001", "111"],
    "6": ["111", "100", "111", "101", "111"], "7": ["111", "001", "010", "010", "010"],
    "8": ["111", "101", "111", "101", "111"], "9": ["111", "101", "111", "001", "111"],
    ".": ["000", "000", "000", "000", "010"], "-": ["000", "000", "111", "000", "000"],
}


class Canvas:
    def __init__(self, w, h, bg=WHITE):
        self.w, self.h = w, h
        self.px = bytearray(bytes(bg) * (w * h))

    def rect(self, x0, y0, x1, y1, c):
        x0, x1 = max(0, min(x0, x1)), min(self.w, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.h, max(y0, y1))
        row = bytes(c) * (x1 - x0)
        for y in range(y0, y1):
            i = (y * self.w + x0) * 3
            self.px[i:i + len(row)] = row

    def line(self, x0, y0, x1, y1, c, t=1):
        n = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in range(n + 1):
            x = x0 + (x1 - x0) * k // n
            y = y0 + (y1 - y0) * k // n
            self.rect(x - t // 2, y - t // 2, x - t // 2 + t, y - t // 2 + t, c)

    def disc(self, cx, cy, r, c):
        for y in range(cy - r, cy + r + 1):
            for x in range(cx - r, cx + r + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r and 0 <= x < self.w and 0 <= y < self.h:
                    i = (y * self.w + x) * 3
                    self.px[i:i + 3] = bytes(c)

    def polygon(self, pts, c, hatch=0):
        ys = [p[1] for p in pts]
        for y in range(max(0, min(ys)), min(self.h, max(ys) + 1)):
            xs = []
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                if (y0 <= y < y1) or (y1 <= y < y0):
                    xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
            xs.sort()
            for a, b in zip(xs[0::2], xs[1::2]):
                for x in range(int(a), int(b) + 1):
                    if hatch and (x + y) % hatch > 1:
                        continue
                    if 0 <= x < self.w:
                        i = (y * self.w + x) * 3
                        self.px[i:i + 3] = bytes(c)

    def text(self, x, y, s, c=INK, scale=2):
        for ch in s:
            glyph = _DIGITS.get(ch)
            if glyph:
                for gy, row in enumerate(glyph):
                    for gx, bit in enumerate(row):
                        if bit == "1":
                            self.rect(x + gx * scale, y + gy * scale, x + (gx + 1) * scale, y + (gy + 1) * scale, c)
            x += 4 * scale

    def png(self):
        raw = bytearray()
        stride = self.w * 3
        for y in range(self.h):
            raw.append(0)
            raw += self.px[y * stride:(y + 1) * stride]

        def chunk(tag, data):
            return (struct.pack(">I", len(data)) + tag + data +
                    struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def bar_chart(values, labels, color, w=640, h=360, highlight=None):
    cv = Canvas(w, h)
    left, right, top, bottom = 50, w - 20, 20, h - 40
    vmax = max(values) * 1.15
    for k in range(5):
        y = bottom - (bottom - top) * k // 4
        cv.line(left, y, right, y, GRID)
    cv.line(left, top, left, bottom, INK, 2)
    cv.line(left, bottom, right, bottom, INK, 2)
    slot = (right - left) // len(values)
    for i, v in enumerate(values):
        x0 = left + i * slot + slot // 5
        x1 = left + (i + 1) * slot - slot // 5
        y0 = bottom - int((bottom - top) * v / vmax)
        cv.rect(x0, y0, x1, bottom, RED if highlight == i else color)
        shown = ("%d" % v) if float(v).is_integer() or v >= 100 else ("%.1f" % v)
        cv.text(x0 + (x1 - x0) // 2 - len(shown) * 4 + 1, y0 - 16, shown, INK, 2)
        label = labels[i]
        cv.text(x0 + (x1 - x0) // 2 - len(label) * 4, bottom + 10, label, INK, 2)
    return cv


def _map_base(w, h, key):
    cv = Canvas(w, h, FIELD)
    r = rng("map", key)
    cv.polygon([(0, int(h * 0.72)), (w, int(h * 0.58)), (w, int(h * 0.66)), (0, int(h * 0.80))], WATER)
    cv.rect(0, h // 2 - 6, w, h // 2 + 6, ROAD)
    cv.rect(w // 3 - 6, 0, w // 3 + 6, h, ROAD)
    cv.rect(2 * w // 3 - 5, 0, 2 * w // 3 + 5, int(h * 0.62), ROAD)
    for _ in range(14):
        x, y = r.randint(10, w - 60), r.randint(10, h // 2 - 50)
        cv.rect(x, y, x + r.randint(20, 50), y + r.randint(15, 35), TOWN)
    return cv


def _save(data, caption):
    sha = hashlib.sha256(data).hexdigest()
    if BLOB_DIR:
        path = os.path.join(BLOB_DIR, sha)
        with open(path, "wb") as f:
            f.write(data)
    WRITTEN[sha] = caption
    return sha, caption


def make(kind, year, data=None):
    if kind == "air":
        r = rng("air", year)
        base = [14, 15, 19, 21, 20, 22, 24, 25, 23, 20, 16, 12]
        good = [min(31, b + (year - 2019) + r.randint(-2, 2)) for b in base]
        cv = bar_chart(good, [str(m) for m in range(1, 13)], GREEN, highlight=good.index(max(good)))
        return _save(cv.png(), "%d年示范县各月空气质量优良天数（单位：天，横轴为月份）" % (year - 1))
    if kind == "zhengshou":
        cv = _map_base(640, 400, kind)
        cv.polygon([(250, 60), (400, 50), (420, 180), (260, 190)], RED, hatch=6)
        cv.line(250, 60, 400, 50, RED, 3)
        cv.line(400, 50, 420, 180, RED, 3)
        cv.line(420, 180, 260, 190, RED, 3)
        cv.line(260, 190, 250, 60, RED, 3)
        return _save(cv.png(), "老城区东关片区棚户区改造项目房屋征收范围示意图（红色斜线区域为征收范围，以实地勘测为准）")
    if kind == "culture":
        cv = _map_base(640, 400, kind + str(year))
        pts = [(120, 90), (230, 150), (300, 260), (480, 120), (560, 300), (90, 300), (400, 330), (330, 80)]
        for i, (x, y) in enumerate(pts):
            cv.disc(x, y, 12 if i < 3 else 8, BLUE if i < 3 else GREEN)
        return _save(cv.png(), "示范县公共文化场馆分布示意图（蓝色为县图书馆、文化馆、博物馆，绿色为乡镇综合文化站）")
    if kind == "project":
        r = rng("project", year)
        cv = _map_base(640, 400, kind + str(year))
        x, y = r.randint(380, 460), r.randint(40, 80)
        cv.rect(x, y, x + 120, y + 100, BLUE)
        cv.line(520, 212, 636, 200 - r.randint(0, 10), RED, 8)
        cv.disc(r.randint(80, 560), r.randint(340, 380), 14, GREEN)
        names = [n.replace("示范县", "", 1) for n in data]
        return _save(cv.png(), "%d年重大建设项目位置示意图（蓝色为%s，红色为%s，绿色为%s）" % (year, names[0], names[1], names[2]))
    if kind == "budget":
        values, labels, caption = data
        cv = bar_chart(values, labels, BLUE, highlight=values.index(max(values)))
        return _save(cv.png(), caption)
    if kind == "trend":
        values, labels, caption = data
        cv = bar_chart(values, labels, BLUE, highlight=len(values) - 1)
        return _save(cv.png(), caption)
    raise ValueError(kind)
