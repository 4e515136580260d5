"""Plain-text parts of an e-mail are not HTML: nothing in them is escaped."""

from types import SimpleNamespace

from django.core import mail

from engagement.core.emails import send_templated_email


def send_invitation_to(name):
    user = SimpleNamespace(display_name=name, email="sam@example.org")
    group = SimpleNamespace(name="Carers & Families <North>")
    send_templated_email("invitation", [user.email], {"user": user, "link": "https://x/", "days": 7, "groups": [group]})
    return mail.outbox[-1]


def test_it_keeps_ampersands_and_apostrophes_as_typed_in_the_text_body():
    message = send_invitation_to("D'Arcy")
    assert "Dear D'Arcy," in message.body
    assert "added to Carers & Families <North>." in message.body


def test_it_still_escapes_them_in_the_html_body():
    message = send_invitation_to("D'Arcy")
    html = message.alternatives[0][0]
    assert "Carers &amp; Families &lt;North&gt;" in html
