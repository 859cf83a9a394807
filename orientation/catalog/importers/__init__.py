"""Catalogue import steps (order 200–299), run after the territory inside ``import_open_data``."""

from orientation.catalog.importers import formations, insertion, rome, tension
from orientation.core.importing import ImportStep, register_step


def register_steps() -> None:
    for name, order, module, sources in (
        ("catalog.rome", 200, rome, tuple(rome.FILES.values())),
        ("catalog.tension", 210, tension, tuple(tension.FILES.values())),
        ("catalog.formations", 220, formations, tuple(formations.FILES.values())),
        ("catalog.insertion", 230, insertion, (insertion.CFA_FILE, *insertion.LYCEE_FILES.values())),
    ):
        register_step(
            ImportStep(
                name=name,
                order=order,
                run=module.run,
                official_urls=module.OFFICIAL_URLS,
                required_files=tuple(spec.path for spec in sources),
                sources=sources,
            )
        )
