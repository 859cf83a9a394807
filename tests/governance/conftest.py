"""The steering world of tests/reporting: a territory and school year with known figures."""

from tests.reporting.conftest import world  # noqa: F401
