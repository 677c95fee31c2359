"""Draw the app icon once: c4m_desktop/ui/icon.png (window and Linux), packaging/c4m-desktop.ico (Windows).

    .venv/bin/python tools/make_icon.py

The files are committed; run this again only to change the icon. Needs Pillow and Noto Sans Bold.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
SIZE = 256
TEAL, GOLD, WHITE = (0, 104, 120), (232, 170, 40), (255, 255, 255)


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=TEAL)
    d.rectangle((8, 188, SIZE - 8, 204), fill=GOLD)  # a river line: the Mekong
    font = ImageFont.truetype(FONT, 104)
    box = d.textbbox((0, 0), "C4M", font=font)
    d.text(((SIZE - (box[2] - box[0])) / 2 - box[0], 58 - box[1]), "C4M", font=font, fill=WHITE)
    return img


def main() -> None:
    img = draw()
    img.save(ROOT / "c4m_desktop" / "ui" / "icon.png")
    img.save(ROOT / "packaging" / "c4m-desktop.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)])


if __name__ == "__main__":
    main()
