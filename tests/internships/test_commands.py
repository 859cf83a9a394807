import datetime as dt
import io

import pytest
from django.core.management import call_command

from orientation.internships.models import Application
from tests.internships.conftest import submit

pytestmark = pytest.mark.django_db


def test_remind_command_reports_how_many_were_reminded(flow):
    application = submit(flow)
    out = io.StringIO()
    call_command("remind_pending_applications", stdout=out)
    assert "0 relance" in out.getvalue()
    old = application.updated_at - dt.timedelta(days=5)
    Application.objects.filter(pk=application.pk).update(updated_at=old)
    call_command("remind_pending_applications", stdout=out)
    assert "1 relance" in out.getvalue()
