"""An officer imports people with their groups, roles and UK-dated terms in real Chromium, then invites them
through the confirmation page: nothing is e-mailed before Send, and the message after it gives the number sent.
Each page passes axe-core."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.models import Membership
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILE = (
    "email,full_name,group,role,term_start,term_end\n"
    "zoe@example.org,Zoë Brontë,public engagement group,Vice-chair,03/04/2027,31 Mar 2030\n"
    "sam@example.org,Sam Person,Public Engagement Group,member,1/4/2027,31/03/2030\n"
    "member@example.org,Olivia Bennett,,,,\n"
)


def test_an_officer_imports_people_into_a_group_and_invites_them(
    live_server, page, staff, peg, member, assert_accessible
):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/members/user/import/")
    expect(page.get_by_role("cell", name="The day their term in that group starts, day first.")).to_be_visible()
    page.get_by_label("File to import").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": FILE.encode()}
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check, then confirm: people.csv")
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported people.csv")
    assert_accessible(page)
    zoe = Membership.objects.get(user__email="zoe@example.org")
    assert (zoe.role, str(zoe.term_start), str(zoe.term_end)) == ("vice_chair", "2027-04-03", "2030-03-31")

    page.get_by_role("link", name="Send invitations to the 3 people imported").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send 2 invitations?")
    expect(page.get_by_text("2 people will be e-mailed.")).to_be_visible()
    expect(page.get_by_text("1 person who already set a password left out.")).to_be_visible()
    assert_accessible(page)
    assert mail.outbox == []

    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Invitations e-mailed to 2 people.")).to_be_visible()
    assert_accessible(page)
    assert sorted(message.to[0] for message in mail.outbox) == ["sam@example.org", "zoe@example.org"]
