"""Background tasks of the action plan."""

from orientation.actionplan import services
from orientation.core.background import background_task


@background_task(max_attempts=3)
def contracts_daily() -> dict[str, int]:
    """End contracts whose notice has run out; remind the parties of contracts about to expire."""
    return {"ended": services.contracts_end_terminated(), "reminded": services.contract_expiry_remind()}
