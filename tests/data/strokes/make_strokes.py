#!/usr/bin/env python3
"""Writes tests/data/strokes/<character>.json from hand-written key points.

Each stroke below was written by hand from the character's standard stroke
order (GB 13000.1 order as taught in primary school) and shape, in a
0..1000 square, y growing downwards, each stroke in the direction a finger
draws it. The key points are the stroke's corners and the bends of its
curves; a finger reports many points per stroke, so each segment is
densified to points about 25 units apart, as a pointer drag would be.

  python3 tests/data/strokes/make_strokes.py            # rewrite the JSON
  python3 tests/data/strokes/make_strokes.py --png DIR  # also draw each one

It also writes wrong_order/<character>-<n>.json: the same drawings with
their strokes in a common wrong order (WRONG_ORDERS), "order" naming it.
"""
import json, math, os, struct, sys, zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# character -> strokes, each a list of (x, y) key points
KEY_POINTS = {
    "十": [[(150, 500), (850, 500)],                     # 横
          [(500, 120), (500, 900)]],                     # 竖
    "王": [[(220, 200), (780, 200)],                     # 横
          [(260, 500), (740, 500)],                      # 横
          [(500, 200), (500, 820)],                      # 竖
          [(150, 830), (850, 830)]],                     # 横 (提)
    "口": [[(250, 250), (250, 780)],                     # 竖
          [(250, 250), (750, 250), (750, 780)],          # 横折
          [(250, 760), (750, 760)]],                     # 横
    "日": [[(280, 120), (280, 880)],                     # 竖
          [(280, 120), (720, 120), (720, 880)],          # 横折
          [(280, 500), (720, 500)],                      # 横
          [(280, 870), (720, 870)]],                     # 横
    "田": [[(200, 180), (200, 820)],                     # 竖
          [(200, 180), (800, 180), (800, 820)],          # 横折
          [(200, 500), (800, 500)],                      # 横
          [(500, 180), (500, 820)],                      # 竖
          [(200, 810), (800, 810)]],                     # 横
    "中": [[(230, 300), (230, 650)],                     # 竖
          [(230, 300), (770, 300), (770, 650)],          # 横折
          [(230, 640), (770, 640)],                      # 横
          [(500, 80), (500, 950)]],                      # 竖
    "山": [[(500, 150), (500, 800)],                     # 竖
          [(220, 380), (220, 800), (780, 800)],          # 竖折
          [(780, 380), (780, 800)]],                     # 竖
    "人": [[(480, 120), (460, 450), (360, 700), (150, 880)],   # 撇
          [(470, 420), (600, 660), (850, 880)]],             # 捺
    "大": [[(150, 380), (850, 380)],                           # 横
          [(500, 100), (480, 450), (380, 700), (150, 900)],   # 撇
          [(510, 450), (650, 700), (870, 900)]],              # 捺
    "木": [[(150, 330), (850, 330)],                           # 横
          [(500, 100), (500, 930)],                           # 竖
          [(490, 350), (350, 600), (130, 780)],               # 撇
          [(510, 350), (650, 580), (870, 760)]],              # 点 (捺)
    "户": [[(450, 80), (530, 190)],                            # 点
          [(230, 280), (760, 280), (760, 520)],               # 横折
          [(230, 520), (760, 520)],                           # 横
          [(230, 280), (230, 600), (180, 780), (90, 920)]],   # 撇
    "医": [[(180, 150), (830, 150)],                           # 横
          [(420, 230), (340, 400)],                           # 撇
          [(380, 340), (720, 340)],                           # 横
          [(300, 530), (780, 530)],                           # 横
          [(540, 350), (510, 620), (320, 780)],               # 撇
          [(560, 640), (720, 760)],                           # 点
          [(180, 150), (180, 870), (850, 870)]],              # 竖折
    "低": [[(330, 100), (130, 450)],                           # 撇
          [(240, 320), (240, 930)],                           # 竖
          [(800, 130), (480, 220)],                           # 平撇
          [(480, 220), (480, 720), (580, 660)],               # 竖提
          [(480, 440), (880, 440)],                           # 横
          [(600, 140), (660, 480), (770, 740), (900, 890), (910, 790)],  # 斜钩
          [(600, 820), (680, 900)]],                          # 点
    "保": [[(300, 100), (110, 450)],                           # 撇
          [(220, 320), (220, 930)],                           # 竖
          [(420, 120), (420, 420)],                           # 竖
          [(420, 120), (820, 120), (820, 420)],               # 横折
          [(420, 410), (820, 410)],                           # 横
          [(350, 560), (900, 560)],                           # 横
          [(620, 440), (620, 940)],                           # 竖
          [(600, 580), (480, 760), (340, 860)],               # 撇
          [(640, 580), (760, 740), (890, 830)]],              # 点
    "籍": [[(270, 50), (150, 200)],                            # ⺮ 撇
          [(230, 120), (420, 120)],                           #    横
          [(280, 170), (320, 260)],                           #    点
          [(680, 50), (560, 200)],                            #    撇
          [(640, 120), (880, 120)],                           #    横
          [(700, 170), (740, 260)],                           #    点
          [(120, 400), (400, 400)],                           # 耒 横
          [(140, 520), (380, 520)],                           #    横
          [(90, 660), (430, 610)],                            #    提
          [(250, 330), (250, 950)],                           #    竖
          [(240, 680), (100, 860)],                           #    撇
          [(270, 700), (380, 800)],                           #    点
          [(480, 420), (920, 420)],                           # 昔 横
          [(590, 340), (590, 560)],                           #    竖
          [(810, 340), (810, 560)],                           #    竖
          [(460, 560), (940, 560)],                           #    横
          [(560, 640), (560, 940)],                           #    竖
          [(560, 640), (840, 640), (840, 940)],               #    横折
          [(560, 790), (840, 790)],                           #    横
          [(560, 930), (840, 930)]],                          #    横
    "开": [[(200, 280), (800, 280)],                           # 横
          [(120, 560), (880, 560)],                           # 横
          [(380, 280), (370, 600), (300, 800), (150, 920)],   # 撇
          [(640, 280), (640, 930)]],                          # 竖
    "上": [[(450, 120), (450, 860)],                           # 竖
          [(450, 470), (780, 470)],                           # 横
          [(120, 870), (880, 870)]],                          # 横
    "小": [[(500, 80), (500, 880), (420, 820)],                # 竖钩
          [(300, 380), (190, 650)],                           # 点 (撇点)
          [(700, 380), (840, 620)]],                          # 点
    "国": [[(200, 130), (200, 880)],                           # 竖
          [(200, 130), (800, 130), (800, 880)],               # 横折
          [(330, 300), (670, 300)],                           # 横
          [(350, 480), (650, 480)],                           # 横
          [(500, 300), (500, 680)],                           # 竖
          [(310, 690), (690, 680)],                           # 横 (提)
          [(580, 560), (640, 620)],                           # 点
          [(200, 870), (800, 870)]],                          # 横
    "区": [[(180, 150), (820, 150)],                           # 横
          [(650, 300), (550, 480), (330, 700)],               # 撇
          [(380, 330), (560, 500), (720, 700)],               # 点
          [(180, 150), (180, 860), (850, 860)]],              # 竖折
    "四": [[(170, 200), (170, 820)],                           # 竖
          [(170, 200), (830, 200), (830, 820)],               # 横折
          [(400, 200), (390, 420), (300, 600)],               # 撇
          [(600, 200), (600, 520), (640, 580), (720, 580)],   # 竖弯
          [(170, 810), (830, 810)]],                          # 横
    "出": [[(250, 150), (250, 450), (750, 450)],               # 竖折
          [(500, 80), (500, 880)],                            # 竖
          [(750, 150), (750, 450)],                           # 竖
          [(180, 540), (180, 880), (820, 880)],               # 竖折
          [(820, 540), (820, 880)]],                          # 竖
    "目": [[(300, 100), (300, 900)],                           # 竖
          [(300, 100), (700, 100), (700, 900)],               # 横折
          [(300, 360), (700, 360)],                           # 横
          [(300, 620), (700, 620)],                           # 横
          [(300, 890), (700, 890)]],                          # 横
    "门": [[(250, 80), (330, 180)],                            # 点
          [(220, 260), (220, 920)],                           # 竖
          [(380, 220), (800, 220), (800, 880), (720, 830)]],  # 横折钩
    "办": [[(230, 330), (760, 330), (740, 840), (640, 780)],   # 横折钩
          [(500, 100), (480, 500), (380, 720), (180, 880)],   # 撇
          [(200, 480), (130, 660)],                           # 点 (left)
          [(840, 460), (900, 600)]],                          # 点 (right)
    "火": [[(230, 300), (320, 450)],                           # 点
          [(770, 280), (660, 440)],                           # 撇 (short)
          [(500, 100), (490, 450), (380, 720), (150, 900)],   # 撇
          [(510, 480), (650, 720), (880, 900)]],              # 捺
}

# Common wrong stroke orders, as residents write them: the same key points
# (so the same drawing), strokes taken in another order, each stroke still in
# its own direction. character -> [(order of KEY_POINTS' strokes, what is wrong)]
WRONG_ORDERS = {
    "十": [([1, 0], "竖 before 横")],
    "王": [([0, 2, 1, 3], "竖 before the middle 横")],
    "木": [([1, 0, 2, 3], "竖 before 横")],
    "上": [([1, 0, 2], "short 横 before 竖")],
    "小": [([1, 0, 2], "left to right: left 点, 竖钩, right 点")],
    "山": [([1, 0, 2], "竖折 first, then the middle 竖")],
    "口": [([0, 2, 1], "bottom 横 before 横折")],
    "中": [([0, 1, 3, 2], "long 竖 before the closing 横")],
    "日": [([0, 1, 3, 2], "frame closed before the middle 横")],
    "目": [([0, 1, 4, 2, 3], "frame closed before the inner 横")],
    "田": [([0, 1, 4, 2, 3], "frame closed before 十"),
          ([0, 1, 3, 2, 4], "inner 竖 before the inner 横")],
    "四": [([0, 1, 4, 2, 3], "frame closed before 儿")],
    "国": [([0, 1, 7, 2, 3, 4, 5, 6], "frame closed before 玉")],
    "医": [([0, 6, 1, 2, 3, 4, 5], "匚 before 矢")],
    "区": [([0, 3, 1, 2], "匚 before 乂")],
    "出": [([1, 0, 2, 3, 4], "the long 竖 first")],
    "门": [([1, 0, 2], "竖 before 点")],
    "办": [([2, 0, 1, 3], "left 点 first")],
    "火": [([2, 3, 0, 1], "人 before the two dots")],
}


def densify(points, step=25):
    out = [list(points[0])]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, round(math.hypot(x1 - x0, y1 - y0) / step))
        for i in range(1, n + 1):
            out.append([round(x0 + (x1 - x0) * i / n), round(y0 + (y1 - y0) * i / n)])
    return out


def write_png(path, size, pixels):
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def render(strokes, path, size=200, radius=5):
    """Grey-scale ink: darker for earlier strokes, so the order shows."""
    px = [[255] * size for _ in range(size)]
    for k, stroke in enumerate(strokes):
        shade = min(180, 20 * k)
        for x, y in stroke:
            cx, cy = x * size // 1000, y * size // 1000
            for dy in range(-radius, radius + 1):
                for dx in range(-radius, radius + 1):
                    if dx * dx + dy * dy <= radius * radius and 0 <= cx + dx < size and 0 <= cy + dy < size:
                        px[cy + dy][cx + dx] = min(px[cy + dy][cx + dx], shade)
    write_png(path, size, px)


def write(path, doc, png_path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    if png_path:
        render(doc["strokes"], png_path)


def main():
    png_dir = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--png" else None
    if png_dir:
        os.makedirs(os.path.join(png_dir, "wrong_order"), exist_ok=True)
    for ch, strokes in KEY_POINTS.items():
        dense = [densify(s) for s in strokes]
        name = "U+%04X" % ord(ch)
        write(os.path.join(HERE, name + ".json"), {"character": ch, "size": 1000, "strokes": dense},
              png_dir and os.path.join(png_dir, name + ".png"))
    os.makedirs(os.path.join(HERE, "wrong_order"), exist_ok=True)
    for ch, orders in WRONG_ORDERS.items():
        n = len(KEY_POINTS[ch])
        for k, (order, what) in enumerate(orders, 1):
            assert sorted(order) == list(range(n)), "%s: %r is not an order of its %d strokes" % (ch, order, n)
            dense = [densify(KEY_POINTS[ch][i]) for i in order]
            name = "U+%04X-%d" % (ord(ch), k)
            doc = {"character": ch, "size": 1000, "order": what, "strokes": dense}
            write(os.path.join(HERE, "wrong_order", name + ".json"), doc,
                  png_dir and os.path.join(png_dir, "wrong_order", name + ".png"))


if __name__ == "__main__":
    main()
