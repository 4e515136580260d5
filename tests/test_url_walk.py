"""Every URL pattern of the project, as a visitor, a member of another group, a member, the chair and staff.

Each named pattern must have an entry below: a new URL without one fails
`test_every_url_pattern_has_an_expectation`, so none can be left out of the
walk. Admin pages are walked generically from the admin's registry.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from feedback.events.models import Event
from feedback.models import Comment, Partner, Project
from feedback.models import Paper as ProjectPaper
from feedback.planning.models import EngagementPlan, Invitation, PlanComment, Survey
from feedback.themes.models import Run as ThemeRun
from meetings import replies
from meetings.interests.models import Declaration, Interest, RegisterSettings
from meetings.models import Action, AgendaItem, Attendee, CalendarFeed, Meeting, Paper
from members import invitations
from members.expenses.models import ClaimLine, ExpenseClaim, InvolvementPayment
from members.onboarding.models import AgreementVersion
from members.recruitment.models import Round

ROLES = ["visitor", "outsider", "member", "chair", "staff", "unverified"]
PDF = b"%PDF-1.4\n% walk\n"


def expect(visitor, outsider, member, chair, staff, unverified=None):
    """Expected statuses by role. "unverified" is staff signed in without the second step while
    STAFF_TWO_FACTOR is on: by default treated like a signed-in person of no group, as an outsider is."""
    return dict(zip(ROLES, [visitor, outsider, member, chair, staff, outsider if unverified is None else unverified]))


SIGNED_IN = expect(302, 200, 200, 200, 200)
GROUP_ONLY = expect(302, 404, 200, 200, 200)  # objects of the PEG: 404 for other groups
PUBLIC = expect(200, 200, 200, 200, 200)
POST_ONLY = expect(302, 405, 405, 405, 405)


def build_world(peg, panel, member, chair, panel_member, staff, venue):
    now = timezone.now()
    upcoming = Meeting.objects.create(
        group=peg,
        title="Next",
        start=now + timedelta(days=9),
        end=now + timedelta(days=9, hours=3),
        venue=venue,
        status=Meeting.Status.PAPERS_ISSUED,
    )
    item = AgendaItem.objects.create(meeting=upcoming, title="GP access")
    paper = Paper(item=item, title="Briefing")
    paper.file.save("briefing.pdf", ContentFile(PDF), save=True)
    past = Meeting.objects.create(
        group=peg,
        title="Last",
        start=now - timedelta(days=9),
        end=now - timedelta(days=9) + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    action = Action.objects.create(meeting=past, description="Read it", owner=member, due=timezone.localdate())
    # Draft minutes out for comment: the member was there, the chair was not.
    drafted = Meeting.objects.create(
        group=peg,
        title="Before last",
        start=now - timedelta(days=20),
        end=now - timedelta(days=20) + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.DRAFT,
        minutes_comments_until=timezone.localdate() + timedelta(days=7),
    )
    Attendee.objects.create(meeting=drafted, user=member)
    partner = Partner.objects.create(name="Council")
    project = Project.objects.create(
        title="GP access",
        partner=partner,
        lead_name="Lead",
        summary="About booking.",
        status=Project.Status.OPEN,
        closes_on=timezone.localdate() + timedelta(days=5),
    )
    project.groups.add(peg)
    comment = Comment.objects.create(project=project, author=member, body="Phones are hard.")
    project_paper = ProjectPaper(project=project, title="Plan")
    project_paper.file.save("plan.pdf", ContentFile(PDF), save=True)
    project.easy_read.save("easy-read.pdf", ContentFile(PDF))
    published = Project.objects.create(
        title="Website",
        partner=partner,
        lead_name="Lead",
        summary="A site.",
        status=Project.Status.PUBLISHED,
        closes_on=timezone.localdate() - timedelta(days=30),
        closed_at=now - timedelta(days=30),
        response_published_at=now - timedelta(days=2),
        publish_publicly=True,
    )
    published.groups.add(peg)
    published.response_easy_read.save("easy-read.pdf", ContentFile(PDF))
    claim = ExpenseClaim.objects.create(
        claimant=member, group=peg, activity_date=timezone.localdate(), description="Bus to meeting"
    )
    line = ClaimLine(claim=claim, kind=ClaimLine.Kind.PUBLIC_TRANSPORT, amount="4.50")
    line.receipt.save("ticket.pdf", ContentFile(PDF), save=True)
    payment = InvolvementPayment.objects.create(
        person=member, group=peg, activity_date=timezone.localdate(), description="Reading panel", amount="25.00"
    )
    recruitment = Round.objects.create(
        group=peg,
        title="Join the PEG",
        slug="join-the-peg",
        summary="Join us.",
        about_group="We advise partners.",
        what_members_do="Meet every two months.",
        expenses="Travel paid.",
        is_published=True,
        opens_on=timezone.localdate() - timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=20),
    )
    recruitment.easy_read.save("easy-read.pdf", ContentFile(PDF))
    feed = CalendarFeed.objects.create(user=member, token="walk-feed-token")
    plan = EngagementPlan.objects.start(project)
    plan_comment = PlanComment.objects.create(plan=plan, author=member, body="Ask carers too.")
    survey = Survey.objects.create(
        title="Self-assessment",
        opens_on=timezone.localdate() - timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=20),
    )
    invitation = Invitation.objects.create(survey=survey, name="Partner", email="partner@example.org")
    RegisterSettings.objects.create(group=peg, publish=True)
    declaration = Declaration.objects.create(person=member, confirmed_on=timezone.localdate())
    interest = Interest.objects.create(declaration=declaration, category="employment", organisation="Council")
    agreement = AgreementVersion(name="Walk", in_force_from=timezone.localdate(), text="Our promises.")
    agreement.file.save("agreement.pdf", ContentFile(PDF))
    peg.terms_of_reference.save("terms.pdf", ContentFile(PDF))
    return {
        "payment": payment,
        "interest": interest,
        "agreement": agreement,
        "upcoming": upcoming,
        "past": past,
        "drafted": drafted,
        "paper": paper,
        "action": action,
        "project": project,
        "comment": comment,
        "project_paper": project_paper,
        "published": published,
        "claim": claim,
        "line": line,
        "round": recruitment,
        "feed": feed,
        "peg": peg,
        "member": member,
        "plan_comment": plan_comment,
        "survey": survey,
        "invitation": invitation,
        "year": timezone.localdate().year if timezone.localdate().month >= 4 else timezone.localdate().year - 1,
    }


# name: (path from the world, expected status by role[, HTTP method])
URLS = {
    "home": (lambda w: reverse("home"), expect(200, 302, 302, 302, 302)),
    "dashboard": (lambda w: reverse("dashboard"), SIGNED_IN),
    "group_detail": (lambda w: reverse("group_detail", args=["peg"]), GROUP_ONLY),
    "group_terms_of_reference": (lambda w: reverse("group_terms_of_reference", args=["peg"]), GROUP_ONLY),
    "profile": (lambda w: reverse("profile"), SIGNED_IN),
    "edit_profile": (lambda w: reverse("edit_profile"), SIGNED_IN),
    "equality_monitoring": (lambda w: reverse("equality_monitoring"), SIGNED_IN),
    "text_messages": (lambda w: reverse("text_messages"), SIGNED_IN),
    "delete_equality_monitoring": (lambda w: reverse("delete_equality_monitoring"), POST_ONLY),
    "my_data": (lambda w: reverse("my_data"), SIGNED_IN),
    "password_change": (lambda w: reverse("password_change"), SIGNED_IN),
    "onboarding:sign_agreement": (lambda w: reverse("onboarding:sign_agreement"), SIGNED_IN),
    # The agreement is the same for everyone and names no one: anyone signed in may read it.
    "onboarding:agreement_file": (
        lambda w: reverse("onboarding:agreement_file", args=[w["agreement"].pk]),
        SIGNED_IN,
    ),
    "accessibility": (lambda w: reverse("accessibility"), PUBLIC),
    "privacy": (lambda w: reverse("privacy"), PUBLIC),
    "glossary": (lambda w: reverse("glossary"), PUBLIC),
    "accept_invitation": (lambda w: reverse("accept_invitation", args=[invitations.make_token(w["member"])]), PUBLIC),
    # Enrolment is open to staff before their second step: it is how they get one.
    "two_factor": (lambda w: reverse("two_factor"), expect(302, 302, 302, 302, 200, 200)),
    "two_factor_set_up": (
        lambda w: reverse("two_factor_set_up", args=["not-a-token"]),
        expect(302, 302, 302, 302, 400, 400),
    ),
    "login": (lambda w: reverse("login"), expect(200, 302, 302, 302, 302)),
    "logout": (lambda w: reverse("logout"), expect(405, 405, 405, 405, 405)),
    "password_reset": (lambda w: reverse("password_reset"), PUBLIC),
    "password_reset_done": (lambda w: reverse("password_reset_done"), PUBLIC),
    "password_reset_confirm": (lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]), PUBLIC),
    "password_reset_complete": (lambda w: reverse("password_reset_complete"), PUBLIC),
    "health": (lambda w: reverse("health"), PUBLIC),
    "session_check": (lambda w: reverse("session_check"), PUBLIC),
    # GOV.UK Notify's delivery receipts: POST only, with its bearer token (tests/core/test_notify_receipts.py).
    "notify_receipt": (lambda w: reverse("notify_receipt"), expect(405, 405, 405, 405, 405)),
    "meetings:list": (lambda w: reverse("meetings:list"), SIGNED_IN),
    "meetings:detail": (lambda w: reverse("meetings:detail", args=[w["upcoming"].pk]), GROUP_ONLY),
    "meetings:reply": (
        lambda w: reverse("meetings:reply", args=[w["upcoming"].pk]),
        expect(302, 404, 200, 200, 302),
        "post",
    ),
    "meetings:calendar": (lambda w: reverse("meetings:calendar", args=[w["upcoming"].pk]), GROUP_ONLY),
    "meetings:pack_pdf": (
        lambda w: reverse("meetings:pack_pdf", args=[w["upcoming"].pk]),
        expect(302, 404, 404, 200, 200),
    ),
    "meetings:minutes_pdf": (lambda w: reverse("meetings:minutes_pdf", args=[w["past"].pk]), GROUP_ONLY),
    "meetings:minutes_docx": (lambda w: reverse("meetings:minutes_docx", args=[w["past"].pk]), GROUP_ONLY),
    "meetings:paper": (lambda w: reverse("meetings:paper", args=[w["paper"].pk]), GROUP_ONLY),
    "meetings:reply_by_link": (
        lambda w: reverse("meetings:reply_by_link", args=[replies.make_token(w["upcoming"], w["member"], "attending")]),
        PUBLIC,
    ),
    "meetings:calendar_settings": (lambda w: reverse("meetings:calendar_settings"), SIGNED_IN),
    "meetings:calendar_feed": (lambda w: reverse("meetings:calendar_feed", args=[w["feed"].token]), PUBLIC),
    "meetings:my_actions": (lambda w: reverse("meetings:my_actions"), SIGNED_IN),
    "meetings:complete_action": (
        lambda w: reverse("meetings:complete_action", args=[w["action"].pk]),
        expect(302, 404, 302, 404, 404),
        "post",
    ),
    "meetings:public_group": (lambda w: reverse("meetings:public_group", args=["peg"]), PUBLIC),
    "meetings:public_minutes": (lambda w: reverse("meetings:public_minutes", args=["peg", w["past"].pk]), PUBLIC),
    "meetings:draft_minutes": (
        lambda w: reverse("meetings:draft_minutes", args=[w["drafted"].pk]),
        expect(302, 404, 200, 404, 404),
    ),
    "meetings:decisions": (lambda w: reverse("meetings:decisions", args=["peg"]), GROUP_ONLY),
    "meetings:decisions_csv": (
        lambda w: reverse("meetings:decisions_csv", args=["peg"]),
        expect(302, 404, 403, 403, 200),
    ),
    "feedback:project_list": (lambda w: reverse("feedback:project_list"), SIGNED_IN),
    "feedback:project_detail": (lambda w: reverse("feedback:project_detail", args=[w["project"].pk]), GROUP_ONLY),
    "feedback:add_comment": (
        lambda w: reverse("feedback:add_comment", args=[w["project"].pk]),
        expect(302, 404, 200, 200, 403),
        "post",
    ),
    # Staff follow discussions but do not take part in them.
    "feedback:reply_to_comment": (
        lambda w: reverse("feedback:reply_to_comment", args=[w["project"].pk, w["comment"].pk]),
        expect(302, 404, 200, 200, 403),
    ),
    "feedback:edit_comment": (
        lambda w: reverse("feedback:edit_comment", args=[w["project"].pk, w["comment"].pk]),
        expect(302, 404, 200, 403, 403),
    ),
    "feedback:withdraw_comment": (
        lambda w: reverse("feedback:withdraw_comment", args=[w["project"].pk, w["comment"].pk]),
        expect(302, 404, 200, 403, 403),
    ),
    "feedback:download_paper": (
        lambda w: reverse("feedback:download_paper", args=[w["project"].pk, w["project_paper"].pk]),
        GROUP_ONLY,
    ),
    "feedback:easy_read": (lambda w: reverse("feedback:easy_read", args=[w["project"].pk]), GROUP_ONLY),
    "feedback:response_easy_read": (
        lambda w: reverse("feedback:response_easy_read", args=[w["published"].pk]),
        GROUP_ONLY,
    ),
    "feedback:project_response": (lambda w: reverse("feedback:project_response", args=[w["published"].pk]), GROUP_ONLY),
    "feedback:project_response_pdf": (
        lambda w: reverse("feedback:project_response_pdf", args=[w["published"].pk]),
        GROUP_ONLY,
    ),
    "feedback:project_response_docx": (
        lambda w: reverse("feedback:project_response_docx", args=[w["published"].pk]),
        GROUP_ONLY,
    ),
    "feedback:you_said_we_did": (lambda w: reverse("feedback:you_said_we_did"), SIGNED_IN),
    # Staff without their second step are in no group, so have no group report.
    "feedback:you_said_we_did_pdf": (
        lambda w: reverse("feedback:you_said_we_did_pdf"),
        expect(302, 200, 200, 200, 200, 404),
    ),
    "feedback:you_said_we_did_docx": (
        lambda w: reverse("feedback:you_said_we_did_docx"),
        expect(302, 200, 200, 200, 200, 404),
    ),
    "feedback:impact": (lambda w: reverse("feedback:impact", args=["peg"]), expect(302, 404, 403, 200, 200)),
    "feedback:email_settings": (lambda w: reverse("feedback:email_settings"), SIGNED_IN),
    "feedback:public_index": (lambda w: reverse("feedback:public_index", args=["peg"]), PUBLIC),
    "feedback:public_response": (
        lambda w: reverse("feedback:public_response", args=["peg", w["published"].pk]),
        PUBLIC,
    ),
    "feedback:public_response_easy_read": (
        lambda w: reverse("feedback:public_response_easy_read", args=["peg", w["published"].pk]),
        PUBLIC,
    ),
    "recruitment:easy_read": (lambda w: reverse("recruitment:easy_read", args=[w["round"].slug]), PUBLIC),
    "recruitment:round_list": (lambda w: reverse("recruitment:round_list"), PUBLIC),
    "recruitment:round_detail": (lambda w: reverse("recruitment:round_detail", args=[w["round"].slug]), PUBLIC),
    "recruitment:thank_you": (lambda w: reverse("recruitment:thank_you", args=[w["round"].slug]), PUBLIC),
    "recruitment:apply": (lambda w: reverse("recruitment:apply", args=[w["round"].slug, "about-you"]), PUBLIC),
    # With no answers given yet, "check your answers" sends everyone to the first step.
    "recruitment:check_answers": (
        lambda w: reverse("recruitment:check_answers", args=[w["round"].slug]),
        expect(302, 302, 302, 302, 302),
    ),
    "expenses:claim_list": (lambda w: reverse("expenses:claim_list"), SIGNED_IN),
    # Staff are not volunteers of a group, so they are sent back to the list with an explanation.
    "expenses:claim_create": (lambda w: reverse("expenses:claim_create"), expect(302, 200, 200, 200, 302, 302)),
    "expenses:claim_detail": (
        lambda w: reverse("expenses:claim_detail", args=[w["claim"].pk]),
        expect(302, 404, 200, 404, 200),
    ),
    "expenses:claim_edit": (
        lambda w: reverse("expenses:claim_edit", args=[w["claim"].pk]),
        expect(302, 404, 200, 404, 302),
    ),
    "expenses:claim_submit": (lambda w: reverse("expenses:claim_submit", args=[w["claim"].pk]), POST_ONLY),
    "expenses:claim_withdraw": (
        lambda w: reverse("expenses:claim_withdraw", args=[w["claim"].pk]),
        expect(302, 404, 200, 404, 302),
    ),
    "expenses:receipt": (
        lambda w: reverse("expenses:receipt", args=[w["claim"].pk, w["line"].pk]),
        expect(302, 404, 200, 404, 200),
    ),
    "expenses:involvement": (lambda w: reverse("expenses:involvement"), SIGNED_IN),
    # Only the member's own payment; staff see payments in the admin.
    "expenses:payment_choice": (
        lambda w: reverse("expenses:payment_choice", args=[w["payment"].pk]),
        expect(302, 404, 200, 404, 404),
    ),
    "expenses:earnings_limit": (lambda w: reverse("expenses:earnings_limit"), SIGNED_IN),
    "expenses:contract": (lambda w: reverse("expenses:contract"), expect(302, 404, 404, 404, 404)),
    "planning:plan_detail": (lambda w: reverse("planning:plan_detail", args=[w["project"].pk]), GROUP_ONLY),
    "planning:add_plan_comment": (
        lambda w: reverse("planning:add_plan_comment", args=[w["project"].pk]),
        expect(302, 404, 200, 200, 403),
        "post",
    ),
    "planning:edit_plan_comment": (
        lambda w: reverse("planning:edit_plan_comment", args=[w["project"].pk, w["plan_comment"].pk]),
        expect(302, 404, 200, 403, 403),
    ),
    "planning:withdraw_plan_comment": (
        lambda w: reverse("planning:withdraw_plan_comment", args=[w["project"].pk, w["plan_comment"].pk]),
        expect(302, 404, 200, 403, 403),
    ),
    "planning:survey_response": (lambda w: reverse("planning:survey_response", args=[w["invitation"].token]), PUBLIC),
    "planning:survey_list": (lambda w: reverse("planning:survey_list"), expect(302, 404, 404, 404, 200)),
    "planning:survey_report": (
        lambda w: reverse("planning:survey_report", args=[w["survey"].pk]),
        expect(302, 404, 404, 404, 200),
    ),
    "planning:survey_report_pdf": (
        lambda w: reverse("planning:survey_report_pdf", args=[w["survey"].pk]),
        expect(302, 404, 404, 404, 200),
    ),
    "planning:telephone_response": (
        lambda w: reverse("planning:telephone_response", args=[w["survey"].pk]),
        expect(302, 404, 404, 404, 200),
    ),
    "planning:annual_report": (
        lambda w: reverse("planning:annual_report", args=["peg", w["year"]]),
        expect(302, 404, 403, 200, 200),
    ),
    "interests:mine": (lambda w: reverse("interests:mine"), SIGNED_IN),
    "interests:add": (lambda w: reverse("interests:add"), SIGNED_IN),
    "interests:edit": (
        lambda w: reverse("interests:edit", args=[w["interest"].pk]),
        expect(302, 404, 200, 404, 404),
    ),
    "interests:remove": (
        lambda w: reverse("interests:remove", args=[w["interest"].pk]),
        expect(302, 404, 302, 404, 404),
        "post",
    ),
    "interests:nothing": (lambda w: reverse("interests:nothing"), expect(302, 302, 302, 302, 302), "post"),
    "interests:review": (lambda w: reverse("interests:review"), SIGNED_IN),
    "interests:register": (
        lambda w: reverse("interests:register", args=["peg"]),
        expect(302, 404, 403, 200, 200),
    ),
    "interests:register_csv": (
        lambda w: reverse("interests:register_csv", args=["peg"]),
        expect(302, 404, 403, 200, 200),
    ),
    "interests:public_register": (lambda w: reverse("interests:public_register", args=["peg"]), PUBLIC),
    "planning:annual_report_pdf": (
        lambda w: reverse("planning:annual_report_pdf", args=["peg", w["year"]]),
        expect(302, 404, 403, 200, 200),
    ),
    "planning:annual_report_docx": (
        lambda w: reverse("planning:annual_report_docx", args=["peg", w["year"]]),
        expect(302, 404, 403, 200, 200),
    ),
    # Suggested themes: admin pages, behind the admin's sign-in (a queued run shows its progress);
    # staff without the second step are refused by the pages' own check (is_engagement_staff).
    "themes:start": (
        lambda w: reverse("themes:start", args=["project", w["project"].pk]),
        expect(302, 302, 302, 302, 200, 403),
    ),
    "themes:run": (
        lambda w: reverse("themes:run", args=[ThemeRun.objects.create(**theme_run(w)).pk]),
        expect(302, 302, 302, 302, 200, 403),
    ),
    "themes:drafts": (
        lambda w: reverse("themes:drafts", args=[ThemeRun.objects.create(**theme_run(w)).pk]),
        expect(302, 302, 302, 302, 405, 405),
    ),
    # After an event: the attendees' feedback link (no account), and the report for staff and the chair.
    "events:attendee_feedback": (
        lambda w: reverse("events:attendee_feedback", args=[held_event(w).feedback_token]),
        PUBLIC,
    ),
    "events:attendee_feedback_thanks": (
        lambda w: reverse("events:attendee_feedback_thanks", args=[held_event(w).feedback_token]),
        PUBLIC,
    ),
    "events:report_pdf": (
        lambda w: reverse("events:report_pdf", args=[held_event(w).pk]),
        expect(302, 404, 404, 200, 200),
    ),
    "events:report_docx": (
        lambda w: reverse("events:report_docx", args=[held_event(w).pk]),
        expect(302, 404, 404, 200, 200),
    ),
    # Before and on the day: the public sign-up page, and each person's private reply link (no account).
    "events:sign_up": (lambda w: reverse("events:sign_up", args=[public_event(w).pk]), PUBLIC),
    "events:signed_up": (lambda w: reverse("events:signed_up", args=[public_event(w).pk]), PUBLIC),
    "events:reply": (lambda w: public_event(w).registrations.create(name="Sam Reed").get_reply_url(), PUBLIC),
    "events:calendar": (
        lambda w: reverse(
            "events:calendar", args=[public_event(w).registrations.create(name="Sam Reed", status="coming").token]
        ),
        PUBLIC,
    ),
}


def public_event(w):
    start = timezone.now() + timedelta(days=10)
    return Event.objects.create(
        plan=EngagementPlan.objects.get(project=w["project"]),
        title="Drop-in",
        purpose="Views",
        start=start,
        end=start + timedelta(hours=2),
        online_link="https://meet.example.org/x",
        audience=Event.Audience.PUBLIC,
        sign_up_open=True,
    )


def held_event(w):
    start = timezone.now() - timedelta(days=1)
    plan = EngagementPlan.objects.get(project=w["project"])
    return Event.objects.create(
        plan=plan, title="Workshop", purpose="Views", start=start, end=start + timedelta(hours=2)
    )


def theme_run(w):
    return {"created_by": w["member"], "source": "project", "object_id": w["project"].pk, "title": "Comments"}


def named_patterns(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield ":".join(filter(None, [namespace, pattern.name]))


def test_every_url_pattern_has_an_expectation():
    missing = sorted(set(named_patterns()) - set(URLS))
    assert missing == [], f"URL patterns with no access expectation in this walk: {missing}"


@pytest.fixture
def world(peg, panel, member, chair, panel_member, staff, venue):
    return build_world(peg, panel, member, chair, panel_member, staff, venue)


@pytest.fixture
def clients(member, chair, panel_member, staff):
    signed_in = {"visitor": Client()}
    for role, user in [
        ("outsider", panel_member),
        ("member", member),
        ("chair", chair),
        ("staff", staff),
        ("unverified", staff),
    ]:
        signed_in[role] = Client()
        signed_in[role].force_login(user)
    return signed_in


def request_as(clients, role, method, path, settings):
    # force_login gives no second step, so with STAFF_TWO_FACTOR on the "unverified" client is
    # staff signed in with a password alone; every other role is walked with the setting off.
    settings.STAFF_TWO_FACTOR = role == "unverified"
    return getattr(clients[role], method)(path)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_the_url_answers_each_role_as_expected(name, world, clients, settings):
    build, expected, *method = URLS[name]
    path = build(world)
    got = {}
    for role in ROLES:
        got[role] = request_as(clients, role, method[0] if method else "get", path, settings).status_code
    assert got == expected, f"{name} {path}"


@pytest.mark.django_db
def test_every_admin_page_is_for_staff_only(clients, world):
    """Each registered model's list and add pages: staff get in (or a plain 403 without the permission); nobody else does."""
    for model in admin.site._registry:
        meta = model._meta
        for kind in ["changelist", "add"]:
            path = reverse(f"admin:{meta.app_label}_{meta.model_name}_{kind}")
            for role in ["visitor", "outsider", "member", "chair"]:
                response = clients[role].get(path)
                assert response.status_code == 302 and "/admin/login/" in response.url, (role, path)
            assert clients["staff"].get(path).status_code in (200, 403), path
