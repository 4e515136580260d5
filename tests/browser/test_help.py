"""Help on every page, the glossary, and easy-read versions offered to the people who need them,
in real Chromium, checked with axe-core."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from engagement.core.dates import local_today
from feedback.models import Partner, Project, ResponseEntry, Theme
from members.models import AccessNeed
from members.recruitment.models import Round
from tests.browser.test_sign_in import sign_in
from tests.conftest import make_person
from tests.sample_files import one_page_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_says_how_to_get_help_and_links_to_the_glossary(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    help_box = page.get_by_role("complementary", name="Get help")
    expect(help_box.get_by_role("link", name="engagement@example.org")).to_have_attribute(
        "href", "mailto:engagement@example.org"
    )
    expect(help_box.get_by_role("link", name="01632 960000")).to_have_attribute("href", "tel:01632960000")
    assert_accessible(page)

    help_box.get_by_role("link", name="Words we use and what they mean").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Words we use")
    expect(page.get_by_role("heading", name="Declarations of interest")).to_be_visible()
    assert_accessible(page)


def test_a_word_on_a_page_links_to_its_explanation(live_server, page, member, meeting, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="What “for decision”, “for discussion” and “for information” mean").click()
    expect(page).to_have_url(live_server.url + "/help/words/#agenda-purposes")
    expect(page.get_by_role("heading", name="For decision, for discussion, for information")).to_be_in_viewport()
    assert_accessible(page)


@pytest.fixture
def project(peg):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        lead_name="Priyanka Bhatt",
        summary="How you book appointments is changing.",
        status=Project.Status.PUBLISHED,
        publish_publicly=True,
        closes_on=local_today() - timedelta(days=30),
        closed_at=timezone.now() - timedelta(days=30),
        response_published_at=timezone.now() - timedelta(days=5),
    )
    project.groups.set([peg])
    ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="People cannot get through on the phone at 8am.",
        how_we_reflected="Practices will offer bookings all day.",
        outcome=ResponseEntry.Outcome.ADOPTED,
    )
    project.easy_read.save("gp-access-easy-read.pdf", ContentFile(one_page_pdf()))
    project.response_easy_read.save("gp-access-response-easy-read.pdf", ContentFile(one_page_pdf()))
    return project


def test_a_member_who_needs_easy_read_is_offered_it(live_server, page, member, project, assert_accessible):
    member.access_needs.add(AccessNeed.objects.create(name="Easy read"))
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + project.get_absolute_url())
    link = page.get_by_role("link", name="Read this project in easy read")
    expect(link).to_be_visible()
    assert_accessible(page)
    assert page.request.get(live_server.url + link.get_attribute("href")).body() == one_page_pdf()

    page.goto(live_server.url + project.get_response_url())
    expect(page.get_by_role("link", name="Read this response in easy read")).to_be_visible()
    assert_accessible(page)


def test_a_member_without_that_need_is_not_offered_it(live_server, page, peg, project):
    make_person("reader@example.org", "Tom Okafor").memberships.create(group=peg)
    sign_in(page, live_server, "reader@example.org")
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(page.get_by_role("link", name="Read this project in easy read")).to_have_count(0)


def test_the_public_pages_offer_their_easy_read_versions_to_everyone(
    live_server, page, peg, project, assert_accessible
):
    page.goto(live_server.url + f"/projects/public/{peg.slug}/{project.pk}/")
    expect(page.get_by_role("link", name="Read this response in easy read")).to_be_visible()
    assert_accessible(page)

    today = local_today()
    round = Round.objects.create(
        group=peg,
        title="Join the Public Engagement Group",
        slug="peg-members",
        summary="We are looking for local people to join our group.",
        about_group="We advise the partners on how they involve the public.",
        what_members_do="Come to a meeting every two months.",
        expenses="We pay back travel and care costs.",
        is_published=True,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
    )
    round.easy_read.save("join-easy-read.pdf", ContentFile(one_page_pdf()))
    page.goto(live_server.url + round.get_absolute_url())
    expect(page.get_by_role("link", name="Read this page in easy read")).to_be_visible()
    assert_accessible(page)
