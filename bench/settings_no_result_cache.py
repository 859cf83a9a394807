"""Settings for ``bench/search.py`` (its default): every search computed afresh, no memory of answers."""

from orientation.settings import *  # noqa: F403

SEARCH_RESULT_CACHE_SIZE = 0
