import pytest
from django.core import mail
from django.db import transaction

from orientation.core.notify import notify

# An existing template with a context value that HTML escaping would spoil.
TEMPLATE = "ambassadors/emails/status_changed"


def _notify(recipients, reason="Qualification vérifiée"):
    return notify(recipients=recipients, template=TEMPLATE, context={"status_label": "Vérifié", "reason": reason})


@pytest.mark.django_db
def test_one_message_per_distinct_recipient_with_rendered_subject_and_body(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = _notify(["a@exemple.fr", "B@exemple.fr", "b@exemple.fr", "", None], reason="L'employeur a confirmé")
    assert queued == 2
    assert sorted(m.to for m in mail.outbox) == [["B@exemple.fr"], ["a@exemple.fr"]]
    for message in mail.outbox:
        assert message.cc == []
        assert message.bcc == []
        assert message.subject == "Votre profil d'ambassadeur : vérifié"
        assert message.body.strip() == "Votre profil est maintenant « Vérifié ». L'employeur a confirmé"


@pytest.mark.django_db
def test_accepts_users_as_recipients(django_capture_on_commit_callbacks):
    class Person:
        email = "parent@exemple.fr"

    with django_capture_on_commit_callbacks(execute=True):
        _notify([Person()])
    assert [m.to for m in mail.outbox] == [["parent@exemple.fr"]]


@pytest.mark.django_db
def test_nothing_leaves_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(["a@exemple.fr", "b@exemple.fr"])
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_nothing_leaves_when_the_write_is_rolled_back():
    def write_then_fail():
        with transaction.atomic():
            _notify(["a@exemple.fr"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_recipient_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _notify(["", None]) == 0
    assert callbacks == []


@pytest.mark.django_db
def test_a_refused_address_does_not_stop_the_others(django_capture_on_commit_callbacks, monkeypatch, caplog):
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def refuse_first(self, messages):
        if messages[0].to == ["a@exemple.fr"]:
            raise OSError("refused")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_first)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(["a@exemple.fr", "b@exemple.fr"])
    assert [m.to for m in mail.outbox] == [["b@exemple.fr"]]
    assert "not sent" in caplog.text
