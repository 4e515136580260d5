"""The pack's page numbers and contents, what the minutes say, type sizes, large print and the Word minutes,
read back from the files as a reader gets them."""

import io
import re
from datetime import date, timedelta

import docx
import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from meetings import documents as meeting_documents
from meetings.models import Action, AgendaItem, Attendee, Meeting, Reply
from members.models import AccessNeed, Membership, User
from tests.conftest import make_person
from tests.meetings.test_documents import add_paper, blank_pdf, outline_titles
from tests.pdf_reading import type_sizes, words

pytestmark = pytest.mark.django_db


def paper_pdf(label, pages):
    """A paper whose every page says which paper and page it is."""
    html = "".join(f'<p style="break-after: page">{label} page {n}</p>' for n in range(1, pages + 1))
    return HTML(string=html).write_pdf()


def landscape_pdf():
    """One A4 page shown in landscape by /Rotate, as scanners and Office often save them."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842).rotate(90)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pages_of(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def pack_meeting(meeting):
    welcome, gp = meeting.items.order_by("position")
    gp.title = "Improving access to GP services"
    gp.save()
    add_paper(welcome, "Terms of reference", paper_pdf("Terms", 2))
    add_paper(gp, "Improving access to GP services: briefing paper", paper_pdf("Briefing", 3))
    return meeting


def test_it_numbers_every_page_of_the_pack_through_its_papers(pack_meeting):
    pages = pages_of(meeting_documents.meeting_pack(pack_meeting).render())
    total = len(pages)
    assert total >= 7  # the rendered pages, then 2 and 3 pages of papers
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text


def test_it_stamps_a_landscape_paper_at_the_foot_of_the_page_as_it_is_shown(meeting):
    add_paper(meeting.items.first(), "Site plan", landscape_pdf())
    pdf = meeting_documents.meeting_pack(meeting).render()
    last = max(word.page for word in words(pdf))
    stamp = [word for word in words(pdf) if word.page == last]
    assert [word.text for word in stamp] == ["Page", str(last), "of", str(last)]
    assert stamp[-1].x_max > 700  # at the right of the landscape page (842 wide), not of the portrait one


def test_the_contents_give_the_page_each_paper_starts_on(pack_meeting):
    pages = pages_of(meeting_documents.meeting_pack(pack_meeting).render())
    contents = pages[0]
    for title, label in [("Terms of reference", "Terms"), ("Briefing paper", "Briefing")]:
        starts = int(re.search(rf"Paper: {title}\D*(\d+)", contents).group(1))
        assert f"{label} page 1" in pages[starts - 1]


def test_the_contents_give_the_page_each_item_is_on(pack_meeting):
    pages = pages_of(meeting_documents.meeting_pack(pack_meeting).render())
    for title in ["1. Welcome", "2. Improving access to GP services"]:
        on = int(re.search(rf"{re.escape(title)} (\d+)", pages[0]).group(1))
        assert on > 1
        assert title in pages[on - 1]


def test_a_papers_title_does_not_repeat_its_items_title(pack_meeting):
    pdf = meeting_documents.meeting_pack(pack_meeting).render()
    text = " ".join(" ".join(pages_of(pdf)).split())
    assert "Improving access to GP services: Improving access" not in text
    assert "Improving access to GP services: Briefing paper" in text
    assert "Briefing paper" in outline_titles(PdfReader(io.BytesIO(pdf)).outline)


@pytest.mark.parametrize(("large_print", "smallest"), [(False, 12), (True, 16)])
def test_no_text_in_the_pack_is_smaller_than_the_body_size(meeting, chair, large_print, smallest):
    # Blank papers: the type of a partner's paper is theirs; the page numbers on it are ours.
    add_paper(meeting.items.first(), "Terms of reference", blank_pdf(2))
    Action.objects.create(meeting=meeting, description="Write to the practice", owner=chair, due=date(2026, 3, 1))
    sizes = type_sizes(meeting_documents.meeting_pack(meeting, large_print).render())
    assert min(sizes.values()) >= smallest


@pytest.fixture
def minuted(make_meeting, peg, member, chair, staff):
    meeting = make_meeting(days=-5, status=Meeting.Status.HELD, minutes_status=Meeting.MinutesStatus.DRAFT)
    vice = make_person("vice@example.org", "Priya Raman", preferred_name="Pri")
    Membership.objects.create(user=vice, group=peg, role=Membership.Role.VICE_CHAIR)
    observer = make_person("observer@example.org", "Tom Hardy")
    Membership.objects.create(user=observer, group=peg, role=Membership.Role.OBSERVER)
    away = make_person("away@example.org", "Nadia Absent")
    Membership.objects.create(user=away, group=peg)
    Attendee.objects.create(meeting=meeting, user=chair)
    Attendee.objects.create(meeting=meeting, user=vice, declaration_of_interest="Volunteers at the practice")
    Attendee.objects.create(meeting=meeting, user=observer)
    Attendee.objects.create(meeting=meeting, user=staff, kind="staff", organisation="Riverside ICB")
    Attendee.objects.create(meeting=meeting, guest_name="Dr Ana Silva", kind="guest", organisation="Hill Surgery")
    Reply.objects.create(meeting=meeting, user=member, response="apologies")
    gp = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="GP access",
        purpose=AgendaItem.Purpose.DECISION,
        minutes="Members asked for longer appointments.",
        outcome="The group supports evening appointments.",
    )
    AgendaItem.objects.create(meeting=meeting, position=2, title="Any other business")
    Action.objects.create(
        meeting=meeting, item=gp, description="Write to the practice", owner=vice, due=date(2026, 3, 4)
    )
    return meeting


def minutes_text(meeting, large_print=False):
    pdf = meeting_documents.minutes(meeting, large_print).render()
    return " ".join(" ".join(pages_of(pdf)).split())


def test_the_minutes_name_everyone_present_by_full_name_and_role(minuted):
    text = minutes_text(minuted)
    present = text[text.index("Present") : text.index("Apologies")]
    for line in [
        "Jean Ellison, Chair",
        "Priya Raman, Vice-chair",
        "Tom Hardy, Observer",
        "Alex Morgan, Staff, Riverside ICB",
        "Dr Ana Silva, Guest, Hill Surgery",
    ]:
        assert line in present


def test_the_minutes_list_apologies_and_who_was_absent(minuted):
    text = minutes_text(minuted)
    assert "Olivia Bennett, Member" in text[text.index("Apologies") : text.index("Absent")]
    assert "Nadia Absent, Member" in text[text.index("Absent") : text.index("Declarations of interest")]


def test_the_minutes_give_declarations_of_interest_by_full_name(minuted):
    text = minutes_text(minuted)
    assert "Priya Raman: Volunteers at the practice" in text


def test_a_decision_and_its_action_are_recorded_under_their_item(minuted):
    text = minutes_text(minuted)
    item = text[text.index("1. GP access") : text.index("2. Any other business")]
    assert "Decision: The group supports evening appointments." in item
    assert "Write to the practice (Priya Raman, by 4 March 2026)" in item


def test_approved_minutes_say_at_which_meeting_they_were_approved(minuted):
    minuted.minutes_status = Meeting.MinutesStatus.APPROVED
    minuted.minutes_approved_on = date(2026, 4, 14)
    minuted.save()
    text = minutes_text(minuted)
    assert "Approved at the meeting on 14 April 2026" in text
    assert "DRAFT" not in text


@pytest.mark.parametrize(("large_print", "smallest"), [(False, 12), (True, 16)])
def test_no_text_in_the_minutes_is_smaller_than_the_body_size(minuted, large_print, smallest):
    sizes = type_sizes(meeting_documents.minutes(minuted, large_print).render())
    assert min(sizes.values()) >= smallest


def test_the_large_print_minutes_give_actions_one_under_another_not_in_a_table(minuted):
    pdf = meeting_documents.minutes(minuted, large_print=True).render()
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("DRAFT minutes (large print)")
    text = " ".join(" ".join(pages_of(pdf)).split())
    assert "Write to the practice Priya Raman, due 4 March 2026. Open." in text
    assert "Who Due Status" not in text


def test_the_minutes_as_a_word_document_have_headings_and_a_header_row(client, staff, minuted):
    client.force_login(staff)
    response = client.get(reverse("meetings:minutes_docx", args=[minuted.pk]))
    assert response["Content-Disposition"].endswith('-draft.docx"')
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Draft minutes: Public Engagement Group"
    assert {"Present", "Apologies", "Absent", "Declarations of interest", "1. GP access", "Actions"} <= set(headings)
    actions = document.tables[-1]
    assert [cell.text for cell in actions.rows[0].cells] == ["Action", "Who", "Due", "Status"]
    assert actions.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert [cell.text for cell in actions.rows[1].cells] == [
        "Write to the practice",
        "Priya Raman",
        "4 March 2026",
        "Open",
    ]


def test_members_cannot_get_draft_minutes_as_a_word_document(client, member, minuted):
    client.force_login(member)
    assert client.get(reverse("meetings:minutes_docx", args=[minuted.pk])).status_code == 404


def test_the_chair_downloads_the_pack_in_large_print(client, chair, pack_meeting):
    client.force_login(chair)
    response = client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk]) + "?print=large")
    assert response["Content-Disposition"].endswith('-large-print.pdf"')
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert reader.metadata.title.startswith("Meeting pack (large print)")


def test_a_large_print_pack_built_in_the_background_is_linked_in_large_print(
    client, staff, pack_meeting, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(meeting_documents, "LARGE_PACK_PAGES", 3)
    client.force_login(staff)
    url = reverse("meetings:pack_pdf", args=[pack_meeting.pk]) + "?print=large"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202
    assert mail.outbox[0].subject == f"Your PDF is ready: meeting pack in large print for {pack_meeting}"
    assert url in mail.outbox[0].body
    assert client.get(url).status_code == 200


def test_the_post_list_says_who_needs_a_large_print_pack(client, staff, meeting, peg):
    need = AccessNeed.objects.get_or_create(name="Large print")[0]
    by_post = make_person("post@example.org", "Pat Post", communication_preference=User.CommunicationPreference.POST)
    by_post.access_needs.add(need)
    by_phone = make_person("phone@example.org", "Phil Phone", communication_preference="phone", phone="01234 567890")
    for person in (by_post, by_phone):
        Membership.objects.create(user=person, group=peg)
    client.force_login(staff)
    page = client.get(meeting.get_absolute_url()).text
    offline = page[page.index("To contact by post or phone") :]
    offline = offline[: offline.index("</ul>")]
    post = offline[offline.index("Pat Post") : offline.index("</li>", offline.index("Pat Post"))]
    phone = offline[offline.index("Phil Phone") : offline.index("</li>", offline.index("Phil Phone"))]
    assert "Needs the pack in large print" in post
    assert "large print" not in phone


def test_people_who_need_large_print_are_offered_it_first(client, chair, meeting):
    chair.access_needs_other = "Large print, please"
    chair.save()
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).text
    assert page.index("Download the meeting pack in large print (PDF)") < page.index("Download the meeting pack (PDF)")


def test_others_are_offered_the_standard_pack_first(client, chair, meeting):
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).text
    assert page.index("Download the meeting pack (PDF)") < page.index("Download the meeting pack in large print (PDF)")


def test_the_minutes_build_in_a_fixed_number_of_queries(django_assert_num_queries, minuted, make_meeting):
    # 1 the agenda items, 2 their papers (prefetched), 3 the actions with owners,
    # 4 the group's memberships with people, 5 the attendees with people, 6 the apologies with people,
    # 7 the decisions recorded against items (with proposers),
    # 8 the declarations recorded against items (with people and items)
    with django_assert_num_queries(8):
        meeting_documents.minutes(minuted)
    for n in range(3):
        extra = make_person(f"extra{n}@example.org", f"Extra {n}")
        Membership.objects.create(user=extra, group=minuted.group)
        Attendee.objects.create(meeting=minuted, user=extra)
        AgendaItem.objects.create(meeting=minuted, position=3 + n, title=f"Item {n}")
        Action.objects.create(
            meeting=minuted, description="More", owner=extra, due=minuted.start.date() + timedelta(days=n)
        )
    with django_assert_num_queries(8):
        meeting_documents.minutes(minuted)


def test_the_pack_builds_in_a_fixed_number_of_queries(django_assert_num_queries, pack_meeting, chair):
    # 1 the agenda items with their projects, 2 their papers, 3 the apologies with people,
    # 4 the open actions with owners and meetings; numbering the pages asks nothing more
    with django_assert_num_queries(4):
        meeting_documents.meeting_pack(pack_meeting).render()
    for n in range(3):
        item = AgendaItem.objects.create(meeting=pack_meeting, position=3 + n, title=f"Item {n}")
        add_paper(item, f"Paper {n}", blank_pdf(1))
        Action.objects.create(meeting=pack_meeting, description="More", owner=chair, due=date(2026, 3, 1 + n))
        Reply.objects.create(meeting=pack_meeting, user=make_person(f"away{n}@example.org"), response="apologies")
    with django_assert_num_queries(4):
        meeting_documents.meeting_pack(pack_meeting).render()
