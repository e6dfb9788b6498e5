"""Bytes (and encoding time) of the JPEG, WebP and AVIF renditions Kabar's templates ask for,
made with Wagtail's own rendition filters from the demo newsroom's pictures and, optionally,
real photos: the measurement behind serving AVIF or not (docs/performance.md).

    uv run python -m tools.avif_measure [PHOTO ...]
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

# Renditions as the templates ask for them: (spec, what shows it).
ILLUSTRATION_SPECS = [
    ("fill-320x180", "card"),
    ("fill-640x360", "card 2x / lead"),
    ("width-640", "article, body image"),
    ("width-1280", "article 2x"),
]
PORTRAIT_SPECS = [("fill-96x96", "author photo"), ("fill-192x192", "author photo 2x")]
PHOTO_SPECS = [("fill-320x180", "card"), ("width-640", "article")]
FORMATS = ("jpeg", "webp", "avif")


def image_from_bytes(data: bytes, name: str):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    # Never saved: collection_id only spares the default lookup, which needs a database.
    image = get_image_model()(title=name, collection_id=1)
    image.file = ImageFile(io.BytesIO(data), name=name)
    image._set_image_file_metadata()
    return image


def rendition_measure(image, spec: str) -> dict[str, tuple[int, float]]:
    """{format: (bytes, seconds)} of one rendition in each format."""
    from wagtail.images.models import Filter

    measured = {}
    for fmt in FORMATS:
        output = io.BytesIO()
        started = time.perf_counter()
        Filter(spec=f"{spec}|format-{fmt}").run(image, output)
        measured[fmt] = (len(output.getvalue()), time.perf_counter() - started)
    return measured


def pictures(photo_paths: list[str]):
    """(kind, name, bytes, specs) of every picture measured."""
    from kabar.news.demo import images
    from kabar.news.demo.content import newsroom

    for key, spec in newsroom.ILLUSTRATIONS.items():
        data = images.illustration_draw(
            key=key, label=spec.label, top=spec.top, bottom=spec.bottom, motif=spec.motif
        )
        yield "demo illustration", f"{key}.jpg", data, ILLUSTRATION_SPECS
    for person in newsroom.PEOPLE:
        data = images.portrait_draw(name=person.name, colour=person.colour)
        yield "demo portrait", f"{person.slug}.jpg", data, PORTRAIT_SPECS
    for path in photo_paths:
        yield "photo", Path(path).name, Path(path).read_bytes(), PHOTO_SPECS


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.test")
    import django

    django.setup()
    rows: dict[tuple[str, str], list[dict]] = {}
    for kind, name, data, specs in pictures(argv):
        image = image_from_bytes(data, name)
        for spec, _where in specs:
            rows.setdefault((kind, spec), []).append(rendition_measure(image, spec))
    lines = [
        "| pictures | rendition | n | JPEG bytes | WebP bytes | AVIF bytes | AVIF vs WebP "
        "| AVIF vs JPEG | encode ms JPEG / WebP / AVIF |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (kind, spec), measured in rows.items():
        size = {f: statistics.mean(m[f][0] for m in measured) for f in FORMATS}
        ms = {f: statistics.mean(m[f][1] for m in measured) * 1000 for f in FORMATS}
        lines.append(
            f"| {kind} | {spec} | {len(measured)} | {size['jpeg']:.0f} | {size['webp']:.0f} "
            f"| {size['avif']:.0f} | {size['avif'] / size['webp'] - 1:+.0%} "
            f"| {size['avif'] / size['jpeg'] - 1:+.0%} "
            f"| {ms['jpeg']:.0f} / {ms['webp']:.0f} / {ms['avif']:.0f} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
