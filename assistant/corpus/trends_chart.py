"""Draws a `Trends` table as a grouped bar chart PNG (Pillow only): one bar per year in each group."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from assistant.corpus.trends import Trends, group_label

PALETTE = ("#1f5f99", "#e07b24", "#3a9a5b", "#b0413e", "#7a5ca8", "#8c6d31", "#d4a017", "#4c4c4c")
WIDTH, HEIGHT = 1200, 640
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 30, 60, 170


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def render_png(trends: Trends, path: Path, title: str, max_groups: int = 20) -> Path:
    """Write the chart to `path` (sessions per group, one coloured bar per year) and return it."""
    groups = [g for g in trends.groups if g.total][:max_groups] or trends.groups[:max_groups]
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    small, normal = _font(12), _font(16)
    draw.text((MARGIN_LEFT, 18), title, fill="black", font=normal)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    peak = max([len(g.per_year.get(y, [])) for g in groups for y in trends.years] + [1])
    base_y = MARGIN_TOP + plot_h
    for tick in range(peak + 1):
        y = base_y - plot_h * tick / peak
        draw.line((MARGIN_LEFT, y, WIDTH - MARGIN_RIGHT, y), fill="#e5e5e5")
        draw.text((MARGIN_LEFT - 24, y - 7), str(tick), fill="#444444", font=small)
    draw.line((MARGIN_LEFT, base_y, WIDTH - MARGIN_RIGHT, base_y), fill="black")
    slot = plot_w / max(len(groups), 1)
    bar = slot * 0.8 / max(len(trends.years), 1)
    for n, group in enumerate(groups):
        x0 = MARGIN_LEFT + n * slot + slot * 0.1
        for m, year in enumerate(trends.years):
            count = len(group.per_year.get(year, []))
            if count:
                top = base_y - plot_h * count / peak
                draw.rectangle((x0 + m * bar, top, x0 + (m + 1) * bar - 1, base_y),
                               fill=PALETTE[m % len(PALETTE)])
        name = group_label(group.key)
        label = name if len(name) <= 22 else name[:21] + "…"
        text = Image.new("RGBA", (160, 16), (255, 255, 255, 0))
        ImageDraw.Draw(text).text((0, 0), label, fill="black", font=small)
        rotated = text.rotate(45, expand=True)
        image.paste(rotated, (int(x0 + slot * 0.4 - rotated.width + 10), base_y + 6), rotated)
    for m, year in enumerate(trends.years):
        x = MARGIN_LEFT + m * 90
        draw.rectangle((x, HEIGHT - 26, x + 14, HEIGHT - 12), fill=PALETTE[m % len(PALETTE)])
        draw.text((x + 20, HEIGHT - 28), str(year), fill="black", font=small)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path
