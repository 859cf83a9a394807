"""Actions a higher app offers on a job or a training page ("Ajouter à mon parcours"…).

The app registers a template at start-up; the catalog includes it without importing that app, so
dependencies keep pointing one way. The template gets ``job`` or ``training`` and ``user``.
"""

_PAGE_ACTIONS: list[str] = []


def register_page_action(template_name: str) -> None:
    if template_name not in _PAGE_ACTIONS:
        _PAGE_ACTIONS.append(template_name)


def page_actions() -> tuple[str, ...]:
    return tuple(_PAGE_ACTIONS)
