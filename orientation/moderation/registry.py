"""The kinds of text under moderation, each registered by the app that owns it (in its ``ready()``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ModeratedKind:
    code: str  # stored on the item: "PLACEMENT_OFFER"
    label: str  # what coordinators read: "Offre de stage"
    held_part: str  # what the author reads: "votre offre de stage"
    decided: Callable  # decided(item, approved) publishes the text once accepted


_KINDS: dict[str, ModeratedKind] = {}


def register(kind: ModeratedKind) -> None:
    _KINDS[kind.code] = kind


def kind_for(code: str) -> ModeratedKind | None:
    return _KINDS.get(code)
