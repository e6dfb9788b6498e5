"""Pictures for the demo, drawn with Pillow at load time so no binary file is committed.

Every drawing is a pure function of its spec (random shapes come from a generator seeded with
the picture's key), so a fresh load always produces the same files.
"""

import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

from kabar.core.photo_metadata import photo_xmp

SIZE = (1200, 675)
PORTRAIT_SIZE = (480, 480)
LOGO_SIZE = (720, 160)
BRAND_RED = (185, 28, 28)
WHITE = (255, 255, 255)

Colour = tuple[int, int, int]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow ships a scalable font of its own, so the drawing does not depend on the system's.
    return ImageFont.load_default(size=size)


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _skyline(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    x = 0
    while x < w:
        bw, bh = rng.randint(50, 130), rng.randint(h // 5, int(h * 0.7))
        draw.rectangle((x, h - bh, x + bw, h), fill=(255, 255, 255, rng.randint(40, 90)))
        for wy in range(h - bh + 20, h - 20, 34):
            for wx in range(x + 12, x + bw - 16, 26):
                if rng.random() < 0.45:
                    draw.rectangle((wx, wy, wx + 10, wy + 14), fill=(255, 240, 180, 150))
        x += bw + rng.randint(4, 18)


def _waves(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    for i in range(7):
        top = int(h * 0.35) + i * 55 + rng.randint(-10, 10)
        points = [
            (x, top + int(26 * ((x // 150) % 2 * 2 - 1) * rng.random()))
            for x in range(0, w + 150, 150)
        ]
        draw.polygon([*points, (w, h), (0, h)], fill=(255, 255, 255, 28 + i * 6))


def _bars(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    count, value = 14, rng.uniform(0.3, 0.5)
    width = w // (count + 2)
    points = []
    for i in range(count):
        value = min(0.85, max(0.15, value + rng.uniform(-0.12, 0.16)))
        x = width * (i + 1)
        draw.rectangle((x, h - int(h * value), x + width - 14, h), fill=(255, 255, 255, 60))
        points.append((x + width // 2 - 7, h - int(h * value) - 30))
    draw.line(points, fill=(255, 255, 255, 220), width=6, joint="curve")


def _hills(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    sx, sy, r = rng.randint(w // 2, w - 150), rng.randint(90, 200), rng.randint(60, 95)
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 236, 160, 210))
    for i in range(3):
        cx = rng.randint(-200, w)
        draw.ellipse(
            (cx - 700, h * 0.55 + i * 70, cx + 700, h * 1.9), fill=(10, 40, 20, 90 + i * 45)
        )


def _grid(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    for x in range(0, w, 60):
        draw.line((x, 0, x, h), fill=(255, 255, 255, 25), width=1)
    for y in range(0, h, 60):
        draw.line((0, y, w, y), fill=(255, 255, 255, 25), width=1)
    for _ in range(26):
        x, y = rng.randrange(0, w, 60), rng.randrange(0, h, 60)
        length = rng.choice((120, 180, 240))
        end = (x + length, y) if rng.random() < 0.5 else (x, y + length)
        draw.line((x, y, *end), fill=(120, 255, 230, 150), width=4)
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(120, 255, 230, 220))


def _rings(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    cx, cy, r = int(w * 0.68), int(h * 0.45), int(h * 0.36)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 170), width=6)
    for k in range(1, 4):
        dx = int(r * k / 4)
        draw.ellipse((cx - dx, cy - r, cx + dx, cy + r), outline=(255, 255, 255, 90), width=3)
        dy = int(r * k / 4)
        draw.line(
            (cx - (r * r - dy * dy) ** 0.5, cy - dy, cx + (r * r - dy * dy) ** 0.5, cy - dy),
            fill=(255, 255, 255, 90),
            width=3,
        )
        draw.line(
            (cx - (r * r - dy * dy) ** 0.5, cy + dy, cx + (r * r - dy * dy) ** 0.5, cy + dy),
            fill=(255, 255, 255, 90),
            width=3,
        )
    for _ in range(5):
        px, py = rng.randint(cx - r, cx + r), rng.randint(cy - r, cy + r)
        draw.ellipse((px - 10, py - 10, px + 10, py + 10), fill=(255, 210, 90, 230))


def _pitch(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    for i in range(0, w, 100):
        draw.rectangle((i, 0, i + 50, h), fill=(255, 255, 255, 14))
    line = (255, 255, 255, 150)
    draw.rectangle((40, 40, w - 40, h - 40), outline=line, width=5)
    draw.line((w // 2, 40, w // 2, h - 40), fill=line, width=5)
    draw.ellipse((w // 2 - 90, h // 2 - 90, w // 2 + 90, h // 2 + 90), outline=line, width=5)
    draw.rectangle((40, h // 2 - 140, 200, h // 2 + 140), outline=line, width=5)
    draw.rectangle((w - 200, h // 2 - 140, w - 40, h // 2 + 140), outline=line, width=5)
    bx, by = rng.randint(300, w - 300), rng.randint(150, h - 150)
    draw.ellipse((bx - 22, by - 22, bx + 22, by + 22), fill=(255, 255, 255, 240))


def _rays(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    cx, cy = rng.randint(w // 3, 2 * w // 3), h + 60
    for i in range(0, 180, 12):
        draw.pieslice(
            (cx - 1400, cy - 1400, cx + 1400, cy + 1400), 180 + i, 186 + i, fill=(255, 255, 255, 30)
        )
    draw.ellipse((cx - 160, cy - 160, cx + 160, cy + 160), fill=(255, 230, 140, 230))


def _tracks(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    vx, vy = w // 2 + rng.randint(-120, 120), int(h * 0.3)
    for offset in (-420, -300, 300, 420):
        draw.line((vx, vy, w // 2 + offset * 2, h), fill=(255, 255, 255, 160), width=8)
    for k in range(1, 14):
        y = vy + (h - vy) * (k / 14) ** 1.6
        half = (y - vy) / (h - vy) * 900
        draw.line((vx - half, y, vx + half, y), fill=(255, 255, 255, 60), width=max(2, k // 2))
    draw.ellipse((vx - 14, vy - 14, vx + 14, vy + 14), fill=(255, 230, 140, 240))


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, random.Random, int, int], None]] = {
    "skyline": _skyline,
    "waves": _waves,
    "bars": _bars,
    "hills": _hills,
    "grid": _grid,
    "rings": _rings,
    "pitch": _pitch,
    "rays": _rays,
    "tracks": _tracks,
}


def _jpeg(image: Image.Image, *, xmp: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=84, optimize=True, xmp=xmp)
    return buffer.getvalue()


def illustration_draw(
    *,
    key: str,
    label: str,
    top: Colour,
    bottom: Colour,
    motif: str,
    caption: str = "",
    credit: str = "",
) -> bytes:
    """A 1200×675 JPEG: a gradient, the motif's shapes and a label in the corner; with a caption
    or credit, carried in its XMP as a photo desk's picture would carry them."""
    w, h = SIZE
    picture = _gradient(SIZE, top, bottom).convert("RGBA")
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(overlay), random.Random(key), w, h)
    picture.alpha_composite(overlay)
    picture.alpha_composite(Image.new("RGBA", (w, 150), (0, 0, 0, 120)), (0, h - 150))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((48, h - 118, 58, h - 38), fill=BRAND_RED)
    draw.text((78, h - 122), "KABAR HARAPAN · ILUSTRASI", font=_font(24), fill=(255, 255, 255))
    draw.text((76, h - 92), label.upper(), font=_font(56), fill=WHITE)
    xmp = photo_xmp(caption=caption, credit=credit) if caption or credit else b""
    return _jpeg(picture, xmp=xmp)


def portrait_draw(*, name: str, colour: Colour) -> bytes:
    """A square JPEG with the person's initials in a circle, for author profiles."""
    w, h = PORTRAIT_SIZE
    darker = tuple(int(c * 0.55) for c in colour)
    picture = _gradient(PORTRAIT_SIZE, colour, darker)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((60, 60, w - 60, h - 60), fill=WHITE)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text((w // 2, h // 2), initials, font=_font(150), fill=darker, anchor="mm")
    return _jpeg(picture)


def logo_draw(*, name: str) -> bytes:
    """The site's wordmark as a PNG: a red badge with the name in white, legible on any page."""
    w, h = LOGO_SIZE
    picture = Image.new("RGBA", LOGO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=28, fill=BRAND_RED)
    draw.rounded_rectangle((28, 28, 132, 132), radius=18, fill=WHITE)
    draw.text((80, 82), name[:1].upper(), font=_font(92), fill=BRAND_RED, anchor="mm")
    draw.text((160, h // 2), name.upper(), font=_font(64), fill=WHITE, anchor="lm")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
