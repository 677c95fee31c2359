"""The creative-industry sector taxonomy used to classify associations."""

from __future__ import annotations

from .messages import N_

SECTORS: dict[str, str] = {
    "crafts": N_("Arts and crafts"),
    "performing_arts": N_("Performing arts"),
    "design": N_("Design and creative services"),
    "visual_arts": N_("Visual arts"),
    "music": N_("Music"),
    "culinary": N_("Culinary arts"),
    "cultural_tourism": N_("Cultural tourism"),
    "publishing_media": N_("Publishing and media"),
    "other": N_("Other creative industries"),
}
