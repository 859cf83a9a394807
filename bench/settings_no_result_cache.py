"""Settings for ``bench/search.py --no-result-cache``: every search computed afresh."""

from orientation.settings import *  # noqa: F403

SEARCH_RESULT_CACHE_SIZE = 0
