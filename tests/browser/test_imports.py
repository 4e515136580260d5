"""An officer imports memberships in real Chromium: a file with bad rows shows each problem in a table on the
page and imports nothing; the fixed file, with UK dates, imports. Each page passes axe-core."""

import pytest
from playwright.sync_api import expect

from members.models import Membership
from tests.browser.test_sign_in import sign_in
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "email,group,role,term_start,term_end\n"


@pytest.fixture
def newcomer(peg):
    return make_person("zoe@example.org", "Zoë Brontë")


def upload(page, live_server, text):
    page.goto(live_server.url + "/admin/members/membership/import/")
    page.get_by_label("File to import").set_input_files(
        {"name": "memberships.csv", "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()


def test_an_officer_fixes_a_bad_file_and_imports_it(live_server, page, staff, newcomer, assert_accessible):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/members/membership/import/")
    expect(page.get_by_role("link", name="Template as a CSV file")).to_be_visible()
    expect(page.get_by_role("cell", name="The day their term starts, day first.")).to_be_visible()
    assert_accessible(page)

    upload(page, live_server, HEADER + "zoe@example.org,Public Engagement Group,Member,12/31/2027,31/03/2030\n")
    expect(page.get_by_role("heading", level=1)).to_have_text("There are problems with memberships.csv")
    problems = page.get_by_role("table", name="Rows to put right")
    expect(problems.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        [
            "2",
            "term_start",
            "12/31/2027",
            "“12/31/2027” has the month first. Write the day first, like 31/12/2029 or 31 December 2029.",
        ]
    )
    assert_accessible(page)
    assert not Membership.objects.exists()

    upload(page, live_server, HEADER + "zoe@example.org,public engagement group,member,03/04/2027,31 Mar 2030\n")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check, then confirm: memberships.csv")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported memberships.csv")
    assert_accessible(page)
    membership = Membership.objects.get(user=newcomer)
    assert (str(membership.term_start), str(membership.term_end)) == ("2027-04-03", "2030-03-31")
