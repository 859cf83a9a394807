import logging

from orientation.core.models import AccessLog

logger = logging.getLogger("orientation.audit")


def log_personal_data_access(*, viewer, subject_user_id: int, what: str) -> None:
    """Record that ``viewer`` read personal data of ``subject_user_id``."""
    AccessLog.objects.create(viewer=viewer, subject_user_id=subject_user_id, what=what[:200])
    logger.info("access viewer=%s subject=%s what=%s", viewer.pk, subject_user_id, what)
