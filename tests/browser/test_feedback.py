"""A member comments on a project and later sees what was done about it, in real Chromium."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from engagement.core.dates import local_today
from feedback import services
from feedback.models import Comment, Partner, Project, Question, ResponseEntry, Theme
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(peg):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside and Downs GP Federation"),
        lead_name="Priyanka Bhatt",
        lead_email="lead@example.org",
        summary="Practices are changing how you book appointments.",
        closes_on=local_today() + timedelta(days=7),
    )
    project.groups.set([peg])
    Question.objects.create(project=project, text="What gets in the way of booking an appointment?", position=1)
    services.open_for_comments(project)
    return project


def publish_answer(project, comment):
    """What staff do in the admin: close comments, write an entry answering the comment, publish."""
    services.close_comments(project)
    entry = ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="The 8am phone queue stops working people getting an appointment.",
        how_we_reflected="Practices will take bookings all day, by phone and online.",
        where_addressed="Access plan, section 3",
        where_addressed_url="https://example.org/access-plan#section-3",
        outcome=ResponseEntry.Outcome.ADOPTED,
    )
    entry.comments.set([comment])
    services.publish_response(project)
    return entry


def test_a_member_comments_and_later_sees_the_response_to_it(live_server, page, member, project, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.get_by_role("link", name="Projects", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    assert_accessible(page)

    page.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    assert_accessible(page)

    page.get_by_label("What gets in the way of booking an appointment?").check()
    page.get_by_label("Your comment").fill("The 8am phone queue is impossible when you work.")
    page.get_by_label("Transport").check()
    page.get_by_role("button", name="Add your comment").click()
    expect(page.get_by_text("Thank you. Your comment has been added.")).to_be_visible()
    expect(page.get_by_text("The 8am phone queue is impossible when you work.")).to_be_visible()

    publish_answer(project, Comment.objects.get(author=member))

    page.reload()
    expect(page.get_by_text("What happened to this comment")).to_be_visible()
    page.get_by_role("link", name="the project team’s response").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(page.get_by_text("Practices will take bookings all day")).to_be_visible()
    expect(page.get_by_text("Answers 1 comment, including yours")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/projects/you-said-we-did/")
    expect(page.get_by_text("The 8am phone queue stops working people")).to_be_visible()
    assert_accessible(page)


def test_the_comment_error_state_is_accessible_and_keeps_the_choice(
    live_server, page, member, project, assert_accessible
):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_label("What gets in the way of booking an appointment?").check()
    page.get_by_role("button", name="Add your comment").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("What gets in the way of booking an appointment?")).to_be_checked()
    assert_accessible(page)


def test_the_other_feedback_pages_are_accessible(live_server, page, chair, member, project, assert_accessible):
    comment = Comment.objects.create(project=project, author=member, body="Evening appointments, please.")
    Comment.objects.create(project=project, author=chair, body="Agreed.", parent=comment)
    Project.objects.filter(pk=project.pk).update(publish_publicly=True)
    publish_answer(project, comment)
    sign_in(page, live_server, "chair@example.org")
    for path in [
        project.get_absolute_url(),
        "/projects/you-said-we-did/peg/impact/",
        "/projects/e-mails/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    for path in ["/projects/public/peg/", f"/projects/public/peg/{project.pk}/"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("you said, we did", re.IGNORECASE))
        assert_accessible(page)


def test_feedback_pages_do_not_scroll_sideways_at_200_percent_zoom(live_server, page, member, project):
    comment = Comment.objects.create(project=project, author=member, body="Evening appointments, please.")
    publish_answer(project, comment)
    page.set_viewport_size({"width": 640, "height": 800})
    sign_in(page, live_server, "member@example.org")
    for path in ["/projects/", project.get_absolute_url(), project.get_response_url(), "/projects/you-said-we-did/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def test_a_large_report_page_says_when_the_pdf_is_ready(
    live_server, page, member, project, assert_accessible, monkeypatch
):
    from feedback import documents as feedback_documents

    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 0)
    comment = Comment.objects.create(project=project, author=member, body="Evening appointments, please.")
    publish_answer(project, comment)
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + f"/projects/{project.pk}/response.pdf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your PDF is being prepared")
    assert_accessible(page)
    expect(page.get_by_text("Your PDF is ready.")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
