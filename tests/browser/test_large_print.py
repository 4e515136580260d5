"""A member whose format needs include large print is offered the large-print report first, in real Chromium;
the page passes axe-core."""

import pytest
from playwright.sync_api import expect

from feedback.models import Partner, Project, ResponseEntry, Theme
from members.models import AccessNeed
from tests.browser.test_sign_in import sign_in
from tests.feedback.conftest import close, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(peg):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside and Downs GP Federation"),
        lead_name="Priyanka Bhatt",
        summary="Practices are changing how you book appointments.",
    )
    project.groups.set([peg])
    ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="The 8am phone queue stops working people getting an appointment.",
        how_we_reflected="Practices will take bookings all day, by phone and online.",
    )
    return publish(close(project))


def download_links(page):
    return page.get_by_role("link", name="Download this response as a report", exact=False)


def test_a_member_who_needs_large_print_is_offered_it_first(live_server, page, member, published, assert_accessible):
    member.access_needs.add(AccessNeed.objects.get_or_create(name="Large print")[0])
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + published.get_response_url())
    expect(download_links(page).first).to_have_text("Download this response as a report in large print (PDF)")
    assert_accessible(page)
    response = page.request.get(live_server.url + download_links(page).first.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert f'filename="you-said-we-did-{published.pk}-large-print.pdf"' in response.headers["content-disposition"]


def test_a_member_without_the_need_is_offered_the_standard_report_first(live_server, page, member, published):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + published.get_response_url())
    expect(download_links(page).first).to_have_text("Download this response as a report (PDF)")
    expect(download_links(page).nth(1)).to_have_text("Download this response as a report in large print (PDF)")
