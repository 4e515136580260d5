"""Members' forms without friction (issue 19), in real Chromium: the claim form's date boxes and
cost types, from the keyboard and without JavaScript; changing a password; landing on the message
after a comment, changing its question, and the checklist's unanswered areas; all pass axe-core."""

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Comment, Question
from members.expenses.models import ClaimLine, ExpenseClaim
from tests.browser.test_feedback import project  # noqa: F401 - a fixture
from tests.browser.test_sign_in import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_claim_is_made_from_the_keyboard_alone(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/new/")
    day = timezone.localdate() - timedelta(days=3)
    page.get_by_label("Day").focus()
    for part in (day.day, day.month, day.year):
        page.keyboard.type(str(part))
        page.keyboard.press("Tab")
    page.keyboard.type("Reading panel: leaflet review")
    page.get_by_label("Mileage in your own vehicle").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("How many miles?")).to_be_visible()
    expect(page.get_by_label("Who agreed the taxi before your journey?")).to_be_hidden()
    expect(page.get_by_label("Amount", exact=True)).to_be_hidden()
    page.keyboard.press("Tab")
    expect(page.get_by_label("How many miles?")).to_be_focused()
    page.keyboard.type("10")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your claim has been saved as a draft.")).to_be_visible()
    claim = ExpenseClaim.objects.get()
    assert claim.activity_date == day
    assert (claim.lines.get().kind, str(claim.lines.get().amount)) == (ClaimLine.Kind.MILEAGE, "4.50")


def test_a_wrong_date_is_shown_with_the_boxes_as_typed(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/new/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What was it?").fill("Reading panel")
    page.get_by_label("Parking").check()
    page.get_by_label("Amount", exact=True).fill("£3.20")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("link", name="Enter a real date, for example 27 3 2026")).to_be_visible()
    expect(page.get_by_label("Day")).to_have_value("31")
    assert_accessible(page)
    page.get_by_role("link", name="Enter a real date, for example 27 3 2026").click()
    expect(page.get_by_label("Day")).to_be_focused()


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_only_the_chosen_types_boxes_show_without_javascript(live_server, no_script_page, member):
    page = no_script_page
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/new/")
    expect(page.get_by_label("How many miles?")).to_be_hidden()
    page.get_by_label("Taxi (agreed in advance)").check()
    expect(page.get_by_label("Who agreed the taxi before your journey?")).to_be_visible()
    expect(page.get_by_label("How many miles?")).to_be_hidden()
    expect(page.get_by_label("Amount", exact=True)).to_be_visible()


def test_a_member_changes_their_password_and_stays_signed_in(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/profile/")
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert_accessible(page)
    page.get_by_label("Your current password").fill("not my password")
    page.get_by_label("New password", exact=True).fill("a-long-new-passphrase-7")
    page.get_by_label("Type the new password again").fill("a-long-new-passphrase-7")
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_role("link", name="Your current password is not right. Enter it again")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("a-long-new-passphrase-7")
    page.get_by_label("Type the new password again").fill("a-long-new-passphrase-7")
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")


def test_after_commenting_the_page_lands_on_the_message(live_server, page, member, project, assert_accessible):  # noqa: F811
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.get_by_text("9 areas not answered yet")).to_be_visible()
    unanswered = page.locator("details").get_by_text("Integration around the person")
    expect(unanswered).to_be_hidden()
    page.get_by_text("9 areas not answered yet").click()
    expect(unanswered).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your comment").fill("Evening appointments would help.")
    page.get_by_role("button", name="Add your comment").click()
    banner = page.locator(".nhsuk-notification-banner--success")
    # Before, the page landed on the new comment, far below the message.
    expect(banner).to_be_in_viewport()
    assert_accessible(page)
    banner.get_by_role("link", name="Go to your comment").click()
    expect(page.get_by_text("Evening appointments would help.")).to_be_in_viewport()


def test_a_member_moves_their_comment_to_a_question(live_server, page, member, project, assert_accessible):  # noqa: F811
    comment = Comment.objects.create(project=project, author=member, body="Evening appointments would help.")
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("link", name="Change your comment").click()
    question = Question.objects.get(project=project)
    page.get_by_label(question.text).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save your changes").click()
    expect(page.get_by_text("Your comment has been changed.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.question == question


def test_the_data_download_page_and_its_summary_are_accessible(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/profile/")
    page.get_by_role("link", name="Download everything we hold about you").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your data").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        summary = archive.read("summary.html").decode()
    page.set_content(summary)
    expect(page.get_by_role("heading", level=1)).to_have_text("Everything we hold about you")
    expect(page.get_by_text("Public Engagement Group")).to_be_visible()
    assert_accessible(page)
