"""Catalogue import steps (order 200–299), run after the territory inside ``import_open_data``."""

from orientation.catalog.importers import formations, insertion, rome, tension
from orientation.core.importing import ImportStep, register_step


def register_steps() -> None:
    register_step(
        ImportStep(
            name="catalog.rome",
            order=200,
            run=rome.run,
            official_urls=rome.OFFICIAL_URLS,
            required_files=tuple(rome.FILES.values()),
        )
    )
    register_step(
        ImportStep(
            name="catalog.tension",
            order=210,
            run=tension.run,
            official_urls=tension.OFFICIAL_URLS,
            required_files=tuple(tension.FILES.values()),
        )
    )
    register_step(
        ImportStep(
            name="catalog.formations",
            order=220,
            run=formations.run,
            official_urls=formations.OFFICIAL_URLS,
            required_files=tuple(formations.FILES.values()),
        )
    )
    register_step(
        ImportStep(
            name="catalog.insertion",
            order=230,
            run=insertion.run,
            official_urls=insertion.OFFICIAL_URLS,
            required_files=(insertion.CFA_FILE, *insertion.LYCEE_FILES.values()),
        )
    )
