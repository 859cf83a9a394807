"""Templates ask the workflow tables and the ``can_*`` predicates; none compares a status or role code."""

import re
from pathlib import Path

import orientation

CODE_COMPARISON = re.compile(
    r"\.(status|role|decision|priority_network|transition_eco)\s*(==|!=|in)\s|\b(to|reason)\s*==\s*[\"']"
)


def test_no_template_compares_a_status_or_role_code():
    root = Path(orientation.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CODE_COMPARISON.search(line)
    ]
    assert offenders == []
