"""Letters for GOV.UK Notify (engagement/core/letters.py), read back from the PDF as the printer and the
reader get them: the address where Notify's envelope window is, the content of the e-mail, large print,
enclosures and the page limit."""

import io
import subprocess
from datetime import datetime
from types import SimpleNamespace
from xml.etree import ElementTree

import pikepdf
import pytest
import time_machine
from pypdf import PdfReader
from weasyprint import HTML

from engagement.core import letters
from engagement.core.dates import LOCAL_TIMEZONE
from feedback import emails as feedback_emails
from feedback.models import ResponseEntry
from meetings import emails as meeting_emails
from meetings.documents import Pack, meeting_pack
from tests.core.conftest import published_response
from tests.meetings.test_documents import add_paper, blank_pdf
from tests.pdf_reading import type_sizes, words

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
LETTER_KINDS = ["meeting_invitation", "meeting_papers", "meeting_moved", "meeting_cancelled"]
MEETING_SENDERS = {
    "meeting_invitation": meeting_emails.send_invitation,
    "meeting_papers": meeting_emails.send_papers,
    "meeting_moved": meeting_emails.send_moved,
    "meeting_cancelled": meeting_emails.send_cancelled,
}


@pytest.fixture(autouse=True)
def _team(settings):
    settings.ENGAGEMENT_TEAM_PHONE = "01632 960000"
    settings.ORGANISATION_NAME = "Riverside and Downs Integrated Care System"


@pytest.fixture
def _today():
    with time_machine.travel(datetime(2026, 12, 6, 10, tzinfo=LOCAL_TIMEZONE), tick=False):
        yield


@pytest.fixture
def member(member):
    member.address = "Flat 2\n14 Mill Lane\nRiverside"
    member.postcode = "rv1 2ab"
    member.save()
    return member


def what_is_sent(monkeypatch, module, send, notification):
    """The template, context and attachments a sender gives send_templated_email, for the same letter."""
    sent = []
    monkeypatch.setattr(module, "send_templated_email", lambda *args: sent.append(args))
    send(notification)
    template, _recipients, context, *attachments = sent[0]
    return template, context, attachments[0] if attachments else ()


def meeting_letter(monkeypatch, kind, meeting, member, **options):
    notification = SimpleNamespace(user=member, object_id=meeting.pk, subject=meeting, event="invitation")
    template, context, attachments = what_is_sent(monkeypatch, meeting_emails, MEETING_SENDERS[kind], notification)
    return letters.render_letter(template, context, recipient=member, attachments=attachments, **options)


def text_of(pdf, page=None):
    found = words(pdf)
    return " ".join(word.text for word in found if page is None or word.page == page)


def page_count(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.usefixtures("_today")
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_it_writes_each_meeting_letter_with_the_name_address_subject_date_and_place(monkeypatch, meeting, member, kind):
    pdf = meeting_letter(monkeypatch, kind, meeting, member)
    first_page = text_of(pdf, page=1)
    assert "Olivia Bennett Flat 2 14 Mill Lane Riverside RV1 2AB" in first_page
    assert "6 December 2026" in first_page
    assert "Public Engagement Group" in first_page
    assert meeting.when_in_words.split(",")[0] in first_page
    assert "Community Hub" in first_page


def boxes(pdf, page=1):
    """(text, x0, y0, x1, y1) in mm from the top left of the page, for each word on `page`."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    return [
        (word.text, *(float(word.get(edge)) / MM for edge in ("xMin", "yMin", "xMax", "yMax")))
        for word in ElementTree.fromstring(xhtml).iter(f"{namespace}word")
    ]


@pytest.mark.usefixtures("_today")
def test_it_puts_the_address_alone_in_notifys_address_area(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member)
    # Notify reads the address from 24.6-120 mm across and 39.5-66.3 mm down, and 3 mm around that.
    near = [box for box in boxes(pdf) if box[3] > 21.6 and box[1] < 123 and box[4] > 36.5 and box[2] < 69.3]
    assert [text for text, *_ in near] == [
        "Olivia",
        "Bennett",
        "Flat",
        "2",
        "14",
        "Mill",
        "Lane",
        "Riverside",
        "RV1",
        "2AB",
    ]
    assert all(24.6 <= x0 and x1 <= 120 and 39.5 <= y0 and y1 <= 66.3 for _text, x0, y0, x1, y1 in near)


@pytest.mark.usefixtures("_today")
def test_it_starts_the_body_below_the_letterhead_and_keeps_within_the_printable_area(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member, large_print=True)
    first = boxes(pdf)
    heading = next(y0 for text, _x0, y0, _x1, _y1 in first if text == "Meeting")
    assert heading >= 95  # the subject line, the body's first words
    contact = [(x0, y1) for text, x0, y0, _x1, y1 in first if y0 < 95 and x0 >= 120]
    assert contact and all(x0 >= 125 for x0, _y1 in contact)
    for page in range(1, page_count(pdf) + 1):
        for _text, x0, y0, x1, y1 in boxes(pdf, page):
            assert 15 <= x0 and x1 <= 195 and 5 <= y0 and y1 <= 292


@pytest.mark.usefixtures("_today")
def test_it_gives_the_team_and_the_date_beside_the_address(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_cancelled", meeting, member)
    letterhead = " ".join(text for text, _x0, y0, _x1, _y1 in boxes(pdf) if y0 < 95)
    assert "Riverside and Downs Integrated Care System" in letterhead
    assert "Phone: 01632 960000" in letterhead
    assert "engagement@example.org" in letterhead
    assert "Date: 6 December 2026" in letterhead


def test_the_subject_is_the_emails(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_moved", meeting, member)
    assert f"Meeting moved: Public Engagement Group is now on {meeting.when_in_words}" in text_of(pdf, page=1)


def test_the_subject_is_escaped_once(monkeypatch, meeting, member, peg):
    peg.name = "Carers & Friends"
    peg.save()
    assert "Meeting moved: Carers & Friends is now on" in text_of(
        meeting_letter(monkeypatch, "meeting_moved", meeting, member)
    )


def test_it_says_how_to_send_apologies_by_phone(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member)
    assert "Ring us on 01632 960000 to say you will be there, or to send your apologies" in text_of(pdf)


def test_it_prints_web_addresses_in_full_and_no_link_words(monkeypatch, meeting, member):
    meeting.online_link = "https://meet.example.org/j/987654321"
    meeting.save()
    text = text_of(meeting_letter(monkeypatch, "meeting_invitation", meeting, member))
    # An address may break over lines; it is there in full.
    assert "https://meet.example.org/j/987654321" in text.replace(" ", "")
    assert f"http://127.0.0.1:8000/meetings/{meeting.pk}/" in text.replace(" ", "")
    assert "click" not in text.lower()
    assert "I will be there" not in text  # the e-mail's reply buttons


def test_the_papers_letter_does_not_say_the_papers_are_still_to_come(monkeypatch, meeting, member):
    text = text_of(meeting_letter(monkeypatch, "meeting_papers", meeting, member))
    assert "once they are ready" not in text
    assert "The agenda and papers are there too. Sign in first." in text


def test_the_invitation_says_the_papers_come_once_ready(monkeypatch, meeting, member):
    text = text_of(meeting_letter(monkeypatch, "meeting_invitation", meeting, member))
    assert "The agenda and papers are there once they are ready. Sign in first." in text


def test_it_asks_for_another_format_once(monkeypatch, meeting, member):
    text = text_of(meeting_letter(monkeypatch, "meeting_papers", meeting, member))
    assert "If you need the papers in another format, ring us on 01632 960000 or e-mail engagement@example.org." in text
    assert "For another format" not in text


def test_the_cancellation_says_how_to_ask_questions_once(monkeypatch, meeting, member):
    text = text_of(meeting_letter(monkeypatch, "meeting_cancelled", meeting, member))
    # Compared without spaces: the line may break after "e-".
    assert "If you have questions, ring us on 01632 960000 or e-mail engagement@example.org.".replace(
        " ", ""
    ) in text.replace(" ", "")
    assert "For questions" not in text


@pytest.mark.parametrize("large_print", [False, True])
def test_it_keeps_a_short_web_address_on_one_line(monkeypatch, meeting, member, large_print):
    meeting.online_link = "https://meet.example.org/peg"
    meeting.save()
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member, large_print=large_print)
    assert "https://meet.example.org/peg" in [word.text for word in words(pdf)]


def test_it_breaks_a_long_web_address_only_before_a_slash_and_within_the_page(monkeypatch, meeting, member):
    meeting.online_link = "https://meet.example.org/join/riverside-public-engagement-group/987654321"
    meeting.save()
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member, large_print=True)
    found = [word.text for word in words(pdf)]
    start = found.index("https://meet.example.org/join")
    assert found[start : start + 2] == ["https://meet.example.org/join", "/riverside-public-engagement-group/987654321"]
    assert all(x1 <= 195 for _text, _x0, _y0, x1, _y1 in boxes(pdf))


def test_the_invitation_gives_the_agenda_without_confidential_items(monkeypatch, meeting, member):
    meeting.items.create(position=3, title="Contract renewal", minutes_allotted=20, confidential=True)
    text = text_of(meeting_letter(monkeypatch, "meeting_invitation", meeting, member))
    assert "Agenda 1. Welcome 2. GP access" in text
    assert "Contract renewal" not in text


def test_it_leaves_out_the_calendar_file(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member)
    without = letters.render_letter(
        "meeting_invitation", meeting_emails._meeting_context(meeting, member), recipient=member
    )
    assert page_count(pdf) == page_count(without)
    assert "Enclosed" not in text_of(pdf)


@pytest.mark.usefixtures("_today")
def test_large_print_is_16_point_or_more(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_invitation", meeting, member, large_print=True)
    sizes = type_sizes(pdf, pages=[0])
    assert sizes["Dear Olivia Bennett,"] >= 16
    # All but the address for the envelope's window (9 pt) and the team's details beside it (14 pt, to fit).
    assert {text for text, size in sizes.items() if size < 16} == {
        "Olivia Bennett",
        "Flat 2",
        "14 Mill Lane",
        "Riverside",
        "RV1 2AB",
        *("Public engagement groups", "Engagement team", "Phone: 01632 960000", "E-mail:", "engagement@example.org"),
        "Date: 6 December 2026",
    }


def test_the_ordinary_letter_is_12_point(monkeypatch, meeting, member):
    sizes = type_sizes(meeting_letter(monkeypatch, "meeting_invitation", meeting, member), pages=[0])
    assert sizes["Dear Olivia Bennett,"] == 12


def test_the_papers_letter_encloses_the_meeting_pack(monkeypatch, meeting, member):
    add_paper(meeting.items.first(), "Terms of reference", blank_pdf(2))
    pack = meeting_pack(meeting).render()
    pdf = meeting_letter(monkeypatch, "meeting_papers", meeting, member)
    letter_pages = page_count(pdf) - page_count(pack)
    assert letter_pages in (1, 2)
    assert f"Enclosed: Meeting pack ({page_count(pack)} pages)" in text_of(pdf)
    assert "Meeting pack" in text_of(pdf, page=letter_pages + 1)


def test_the_papers_letter_uses_the_pack_already_built(monkeypatch, meeting, member):
    meeting_pack(meeting).stored()
    monkeypatch.setattr(Pack, "render", lambda self: pytest.fail("the stored pack was built again"))
    pdf = meeting_letter(monkeypatch, "meeting_papers", meeting, member)
    assert "Enclosed: Meeting pack" in text_of(pdf)


def test_a_large_print_letter_encloses_the_large_print_pack(monkeypatch, meeting, member):
    pdf = meeting_letter(monkeypatch, "meeting_papers", meeting, member, large_print=True)
    assert "Enclosed: Meeting pack, large print" in text_of(pdf)
    assert "Meeting pack, large print" in text_of(pdf, page=page_count(pdf) - 1)


def test_a_pack_too_long_to_post_is_left_out_and_the_letter_says_how_to_get_it(monkeypatch, meeting, member):
    add_paper(meeting.items.first(), "Strategy", blank_pdf(12))
    monkeypatch.setattr(Pack, "render", lambda self: pytest.fail("a pack that cannot be posted was built"))
    pdf = meeting_letter(monkeypatch, "meeting_papers", meeting, member)
    assert page_count(pdf) <= 2
    assert "Enclosed" not in text_of(pdf)
    assert "Meeting pack is too long to post with this letter. For a printed copy, ring us on 01632 960000" in text_of(
        pdf
    )


def test_it_appends_a_pdf_attachment_and_leaves_out_one_that_would_pass_ten_pages(meeting, member):
    context = meeting_emails._meeting_context(meeting, member)
    attachments = [
        ("agenda.pdf", HTML(string="<p>The agenda page</p>").write_pdf(), "application/pdf"),
        ("annual-report.pdf", blank_pdf(9), "application/pdf"),
        ("meeting.ics", b"BEGIN:VCALENDAR", "text/calendar"),
    ]
    pdf = letters.render_letter("meeting_moved", context, recipient=member, attachments=attachments)
    assert "The agenda page" in text_of(pdf, page=page_count(pdf))
    assert page_count(pdf) <= 10
    text = text_of(pdf)
    assert "Enclosed: Agenda (1 page)." in text
    assert "Annual report (9 pages) is too long to post with this letter." in text


def turned(pdf):
    """The same page, its media box portrait and /Rotate 90 making it landscape, as scanners save them."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        _x0, _y0, width, height = page.mediabox
        page.mediabox = pikepdf.Array([0, 0, height, width])
        del page.obj["/TrimBox"], page.obj["/BleedBox"]
        page.contents_coalesce()
        page.Contents.write(b"q 0 1 -1 0 %s 0 cm " % str(float(height)).encode() + page.Contents.read_bytes() + b" Q")
        page.Rotate = 90
        output = io.BytesIO()
        document.save(output)
    return output.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda: HTML(string="<style>@page { size: A4 landscape; margin: 0 }</style><p>Site plan</p>").write_pdf(),
        lambda: turned(
            HTML(string="<style>@page { size: A4 landscape; margin: 0 }</style><p>Site plan</p>").write_pdf()
        ),
        lambda: HTML(string="<style>@page { size: letter; margin: 0 }</style><p>Site plan</p>").write_pdf(),
    ],
    ids=["landscape", "turned by /Rotate", "US Letter"],
)
def test_it_shrinks_an_enclosed_page_that_is_not_a4_portrait_into_the_printable_area(meeting, member, make):
    pdf = letters.render_letter(
        "meeting_moved",
        meeting_emails._meeting_context(meeting, member),
        recipient=member,
        attachments=[("plan.pdf", make(), "application/pdf")],
    )
    last = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert [round(float(n) / MM) for n in last.mediabox] == [0, 0, 210, 297]
    assert last.rotation == 0
    text, x0, y0, x1, y1 = boxes(pdf, page_count(pdf))[0]
    assert text == "Site"
    assert 15 <= x0 and x1 <= 195 and 5 <= y0 and y1 <= 292


EDGE_TO_EDGE = "<style>@page { size: A4; margin: 0 } body { margin: 0 }</style><p>Edge to edge</p>"


def test_it_shrinks_an_enclosed_a4_page_into_the_printable_area(meeting, member):
    pdf = letters.render_letter(
        "meeting_moved",
        meeting_emails._meeting_context(meeting, member),
        recipient=member,
        attachments=[("leaflet.pdf", HTML(string=EDGE_TO_EDGE).write_pdf(), "application/pdf")],
    )
    text, x0, y0, _x1, _y1 = boxes(pdf, page_count(pdf))[0]
    assert text == "Edge"
    assert x0 >= 15 and y0 >= 5


def test_it_keeps_the_packs_own_pages_and_shrinks_its_papers(monkeypatch, meeting, member):
    add_paper(meeting.items.first(), "Leaflet", HTML(string=EDGE_TO_EDGE).write_pdf())
    pdf = meeting_letter(monkeypatch, "meeting_papers", meeting, member)
    pack = meeting_pack(meeting).render()
    assert boxes(pdf, page_count(pdf) - page_count(pack) + 1) == boxes(pack, 1)
    paper = boxes(pdf, page_count(pdf))
    assert "Edge" in [text for text, *_ in paper]
    assert all(15 <= x0 and x1 <= 195 and 5 <= y0 and y1 <= 292 for _text, x0, y0, x1, y1 in paper)


def test_the_letter_stays_tagged_when_nothing_untagged_is_enclosed(meeting, member):
    pdf = letters.render_letter("meeting_cancelled", meeting_emails._meeting_context(meeting, member), recipient=member)
    with pikepdf.open(io.BytesIO(pdf)) as document, document.open_metadata() as metadata:
        assert metadata.get("pdfuaid:part") == "1"
        assert document.Root.MarkInfo.Marked


def response_letter(monkeypatch, peg, member, outcome):
    project = published_response(peg, member, outcome)
    notification = SimpleNamespace(user=member, subject=project)
    template, context, _ = what_is_sent(
        monkeypatch, feedback_emails, feedback_emails.send_response_published, notification
    )
    return letters.render_letter(template, context, recipient=member)


def test_the_you_said_we_did_letter_gives_no_outcome_where_there_is_none(monkeypatch, peg, member):
    text = text_of(response_letter(monkeypatch, peg, member, ""))
    assert "Access to care People cannot get through" in text
    assert "Access to care:" not in text


def test_the_you_said_we_did_letter_says_how_to_get_a_printed_copy_once(monkeypatch, peg, member):
    text = text_of(response_letter(monkeypatch, peg, member, ResponseEntry.Outcome.ADOPTED)).replace(" ", "")
    assert "For a printed copy of the whole response, ring us on 01632 960000 or e-mail".replace(" ", "") in text


@pytest.mark.usefixtures("_today")
def test_it_writes_the_you_said_we_did_letter(monkeypatch, peg, member):
    project = published_response(
        peg,
        member,
        ResponseEntry.Outcome.ADOPTED,
        how_we_reflected="Practices will offer bookings all day.",
        where_addressed="Access plan, section 3",
    )
    notification = SimpleNamespace(user=member, subject=project)
    template, context, attachments = what_is_sent(
        monkeypatch, feedback_emails, feedback_emails.send_response_published, notification
    )
    pdf = letters.render_letter(template, context, recipient=member, attachments=attachments)
    text = text_of(pdf)
    assert "Olivia Bennett Flat 2 14 Mill Lane Riverside RV1 2AB" in text_of(pdf, page=1)
    assert "What happened to your views: Improving access to GP services" in text_of(pdf, page=1)
    assert "6 December 2026" in text_of(pdf, page=1)
    assert "Access to care: adopted People cannot get through on the phone at 8am." in text
    assert "Where this is addressed: Access plan, section 3" in text
    assert ("http://127.0.0.1:8000" + project.get_response_url()) in text.replace(" ", "")


def test_it_refuses_someone_without_a_postal_address(meeting, member):
    member.postcode = ""
    with pytest.raises(ValueError, match="Olivia Bennett has no postal address with a postcode"):
        letters.render_letter("meeting_cancelled", meeting_emails._meeting_context(meeting, member), recipient=member)


def test_the_address_is_at_most_seven_lines_with_the_postcode_last(member):
    member.address = "Flat 2\nRiverside House\n14 Mill Lane\nOld Town\nRiverside\nDownshire\nEngland\nRV1 2AB"
    assert letters.address_lines(member) == [
        "Olivia Bennett",
        "Flat 2",
        "Riverside House",
        "14 Mill Lane",
        "Old Town",
        "Riverside, Downshire, England",
        "RV1 2AB",
    ]


@pytest.mark.parametrize("template", [*LETTER_KINDS, "feedback_response_published"])
def test_each_letter_kind_has_a_letter(template):
    assert letters.has_letter(template)


@pytest.mark.parametrize("template", ["meeting_reminder", "action_reminder", "password_reset"])
def test_other_kinds_have_none(template):
    assert not letters.has_letter(template)
