#!/usr/bin/env python3
"""Draws the walkthrough illustrations in this folder from simple shapes.

Plain Python 3 (zlib only), so anyone can rebuild the PNGs byte for byte:
    python3 assets/images/draw_illustrations.py
The pictures carry no text (texts live in the walkthrough files, in both languages), no real
person, card or app screenshot, and the QR pattern is decorative, not a decodable code.
"""

import math
import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = 3  # supersampling per axis, for smooth edges


def rounded_rect(x0, y0, x1, y1, r):
    def inside(x, y):
        if x < x0 or x > x1 or y < y0 or y > y1:
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    return inside


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def arc(cx, cy, r, width, start_deg, end_deg):
    def inside(x, y):
        d = math.hypot(x - cx, y - cy)
        if abs(d - r) > width / 2:
            return False
        a = math.degrees(math.atan2(y - cy, x - cx))
        return start_deg <= a <= end_deg
    return inside


def polygon(points):
    def inside(x, y):
        result = False
        j = len(points) - 1
        for i, (xi, yi) in enumerate(points):
            xj, yj = points[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                result = not result
            j = i
        return result
    return inside


def rotated_rect(cx, cy, w, h, degrees):
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return polygon([(cx + x * c - y * s, cy + x * s + y * c) for x, y in corners])


def transformed(shape, cx, cy, degrees):
    """The shape rotated by `degrees` around (cx, cy)."""
    t = math.radians(-degrees)
    c, s = math.cos(t), math.sin(t)

    def inside(x, y):
        dx, dy = x - cx, y - cy
        return shape(cx + dx * c - dy * s, cy + dx * s + dy * c)
    return inside


def render(width, height, background, layers):
    """layers: list of (shape, (r, g, b)); later layers paint over earlier ones."""
    rows = []
    for py in range(height):
        row = bytearray([0])  # PNG filter type 0
        for px in range(width):
            r = g = b = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = px + (sx + 0.5) / SAMPLES
                    y = py + (sy + 0.5) / SAMPLES
                    colour = background
                    for shape, fill in reversed(layers):
                        if shape(x, y):
                            colour = fill
                            break
                    r += colour[0]
                    g += colour[1]
                    b += colour[2]
            n = SAMPLES * SAMPLES
            row += bytes((round(r / n), round(g / n), round(b / n)))
        rows.append(bytes(row))
    return png(width, height, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def save(relative, data):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
    print("wrote", os.path.relpath(path, HERE), len(data), "bytes")


BACKGROUND = (246, 243, 236)
INK = (38, 50, 56)
PHONE = (55, 71, 79)
CARD = (220, 236, 248)
CHIP = (222, 176, 60)
WAVE = (0, 121, 107)
WARN = (198, 40, 40)
WHITE = (255, 255, 255)


def card_on_phone():
    """The back of a phone with an ID card held against it, and NFC waves."""
    layers = [
        (rounded_rect(150, 20, 330, 340, 28), PHONE),            # phone back
        (rounded_rect(170, 40, 222, 110, 14), (38, 50, 56)),     # camera block
        (circle(196, 62, 11), (96, 125, 139)),
        (circle(196, 92, 11), (96, 125, 139)),
    ]
    card = [
        (rounded_rect(150, 150, 400, 305, 16), CARD),             # the card
        (rounded_rect(170, 200, 220, 240, 6), CHIP),              # its chip
        (rounded_rect(330, 170, 385, 235, 6), (176, 190, 197)),   # photo area
        (circle(357, 193, 12), WHITE),
        (rounded_rect(340, 207, 374, 235, 10), WHITE),
        (rounded_rect(235, 200, 315, 210, 5), (144, 164, 174)),   # lines of (unreadable) text
        (rounded_rect(235, 220, 300, 230, 5), (144, 164, 174)),
        (rounded_rect(170, 260, 385, 270, 5), (144, 164, 174)),
        (rounded_rect(170, 280, 330, 290, 5), (144, 164, 174)),
    ]
    layers += [(transformed(shape, 275, 228, -8), fill) for shape, fill in card]
    for radius in (28, 48, 68):                                   # NFC waves off the chip
        layers.append((arc(150, 228, radius, 9, 135, 225), WAVE))
    return render(480, 360, BACKGROUND, layers)


def qr_modules(size, seed):
    rng = random.Random(seed)
    grid = [[rng.random() < 0.45 for _ in range(size)] for _ in range(size)]
    for fx, fy in ((0, 0), (size - 7, 0), (0, size - 7)):       # the three corner squares
        for y in range(-1, 8):
            for x in range(-1, 8):
                gx, gy = fx + x, fy + y
                if 0 <= gx < size and 0 <= gy < size:
                    ring = max(abs(x - 3), abs(y - 3))
                    grid[gy][gx] = ring in (0, 1, 3) and 0 <= x <= 6 and 0 <= y <= 6
    return grid


def qr_layers(x0, y0, module, grid, colour):
    """One layer for the whole pattern: a lookup is far faster than a shape per module."""
    size = len(grid)

    def inside(x, y):
        gx, gy = int((x - x0) // module), int((y - y0) // module)
        return 0 <= gx < size and 0 <= gy < size and grid[gy][gx]
    return [(inside, colour)]


def qr_sticker_over_code():
    """A shop's QR sign with a second code stuck over it, corner peeling, and a warning mark."""
    layers = [
        (rounded_rect(70, 30, 330, 330, 18), WHITE),               # the shop's sign
        (rounded_rect(70, 30, 330, 62, 18), WAVE),                 # its coloured header
        (rounded_rect(70, 46, 330, 62, 0), WAVE),
    ]
    layers += qr_layers(95, 80, 10, qr_modules(21, 7), INK)
    sticker = [(rounded_rect(150, 140, 330, 320, 6), (255, 253, 231))]
    sticker += qr_layers(160, 150, 8, qr_modules(21, 11), (62, 39, 35))
    layers += [(transformed(shape, 240, 230, 7), fill) for shape, fill in sticker]
    layers.append((polygon([(313, 322), (338, 300), (338, 330)]), (189, 189, 189)))  # peeling corner
    layers += [
        (polygon([(395, 120), (455, 225), (335, 225)]), WARN),     # warning triangle
        (polygon([(395, 138), (441, 217), (349, 217)]), WHITE),
        (rounded_rect(389, 160, 401, 195, 5), WARN),
        (circle(395, 206, 6.5), WARN),
    ]
    return render(480, 360, BACKGROUND, layers)


if __name__ == "__main__":
    save("vneid/card-on-phone.png", card_on_phone())
    save("safety/qr-sticker-over-code.png", qr_sticker_over_code())
