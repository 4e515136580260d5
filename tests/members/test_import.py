"""Importing people from CSV/XLSX: creates and updates by e-mail; one bad row imports nothing."""

import io
from datetime import date

import pytest
import tablib

from members.models import EngagementGroup, LivedExperienceArea, Locality, Membership, User
from members.resources import MemberResource, MembershipResource
from tests import import_jobs

HEADERS = ["email", "full_name", "locality", "lived_experience", "communication_preference"]


@pytest.fixture
def lists(db):
    Locality.objects.create(name="Northgate")
    LivedExperienceArea.objects.create(name="Carer")
    LivedExperienceArea.objects.create(name="Dementia")


def dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_it_creates_and_updates_people_matched_on_email(lists):
    existing = User.objects.create_user("jo@example.org", full_name="Jo Old")
    result = MemberResource().import_data(
        dataset(
            ["JO@example.org", "Jo New", "Northgate", "Carer; dementia", "post"],
            ["sam@example.org", "Sam Person", "", "", ""],
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert User.objects.count() == 2
    existing.refresh_from_db()
    assert existing.full_name == "Jo New"
    assert existing.locality.name == "Northgate"
    assert existing.communication_preference == "post"
    assert sorted(existing.lived_experience.values_list("name", flat=True)) == ["Carer", "Dementia"]
    sam = User.objects.get(email="sam@example.org")
    assert not sam.has_usable_password()
    assert sam.communication_preference == "email"


def test_a_file_with_one_bad_row_imports_nothing_and_says_why(lists):
    result = MemberResource().import_data(
        dataset(
            ["good@example.org", "Good Row", "Northgate", "Carer", "email"],
            ["bad@example.org", "Bad Row", "Atlantis", "Carer", "email"],
        )
    )
    assert result.has_validation_errors()
    assert User.objects.count() == 0
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "There is no locality called “Atlantis”" in str(invalid.error_dict)


def test_it_reports_an_unknown_lived_experience_area(lists):
    result = MemberResource().import_data(dataset(["a@example.org", "A Person", "", "Carer; Astronaut", ""]))
    assert User.objects.count() == 0
    assert "Astronaut" in str(result.invalid_rows[0].error_dict)


def test_it_reports_an_invalid_email(lists):
    result = MemberResource().import_data(dataset(["not-an-email", "A Person", "", "", ""]))
    assert User.objects.count() == 0
    assert "email" in result.invalid_rows[0].error_dict


def test_it_imports_memberships_by_email_and_group_name(lists):
    User.objects.create_user("jo@example.org", full_name="Jo")
    EngagementGroup.objects.create(name="Reading Panel", slug="reading-panel")
    rows = tablib.Dataset(
        ["jo@example.org", "reading panel", "Vice-chair", "active", "2025-04-01", "2028-03-31"],
        headers=["email", "group", "role", "status", "term_start", "term_end"],
    )
    result = MembershipResource().import_data(rows)
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    membership = Membership.objects.get()
    assert membership.role == Membership.Role.VICE_CHAIR
    assert str(membership.term_end) == "2028-03-31"


def test_membership_terms_are_read_day_first(lists):
    User.objects.create_user("jo@example.org", full_name="Jo")
    EngagementGroup.objects.create(name="Reading Panel", slug="reading-panel")
    rows = tablib.Dataset(
        ["jo@example.org", "Reading Panel", "03/04/2027", "31/12/2029"],
        headers=["email", "group", "term_start", "term_end"],
    )
    assert not MembershipResource().import_data(rows).has_validation_errors()
    membership = Membership.objects.get()
    assert (membership.term_start, membership.term_end) == (date(2027, 4, 3), date(2029, 12, 31))


@pytest.mark.django_db
def test_an_unreadable_term_date_is_listed_with_its_row_column_and_an_example(
    client, staff, lists, django_capture_on_commit_callbacks
):
    User.objects.create_user("jo@example.org", full_name="Jo")
    EngagementGroup.objects.create(name="Reading Panel", slug="reading-panel")
    client.force_login(staff)
    csv = "email,group,term_start\njo@example.org,Reading Panel,04/13/2027\n"
    page = import_jobs.upload(client, "members_membership", csv, django_capture_on_commit_callbacks)
    assert page.context["job"].preview["errors"] == [
        {
            "row": 2,
            "column": "term_start",
            "value": "04/13/2027",
            "message": "“04/13/2027” has the month first. Write the day first, like 31/12/2029 or 31 December 2029.",
        }
    ]
    assert not Membership.objects.exists()


def test_it_exports_people_as_xlsx_that_imports_back(lists):
    MemberResource().import_data(dataset(["jo@example.org", "Jo", "Northgate", "Carer", "phone"]))
    exported = MemberResource().export().export("xlsx")
    User.objects.all().delete()
    result = MemberResource().import_data(tablib.Dataset().load(io.BytesIO(exported).read(), format="xlsx"))
    assert not result.has_validation_errors()
    user = User.objects.get()
    assert (user.email, user.locality.name, user.communication_preference) == ("jo@example.org", "Northgate", "phone")


@pytest.mark.django_db
def test_staff_see_row_errors_in_the_admin_and_nothing_is_imported(
    client, staff, lists, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    csv = "email,full_name,locality\nok@example.org,Ok Person,Northgate\nbad@example.org,Bad Person,Nowhere\n"
    response = import_jobs.upload(client, "members_user", csv, django_capture_on_commit_callbacks)
    assert "There is no locality called “Nowhere”" in response.text
    assert "Confirm import" not in response.text
    assert not User.objects.filter(email__in=["ok@example.org", "bad@example.org"]).exists()


@pytest.mark.django_db
def test_staff_preview_then_confirm_a_good_file(client, staff, lists, django_capture_on_commit_callbacks):
    client.force_login(staff)
    csv = "email,full_name,locality\nok@example.org,Ok Person,Northgate\n"
    preview = import_jobs.upload(client, "members_user", csv, django_capture_on_commit_callbacks)
    assert "Confirm import" in preview.text
    assert not User.objects.filter(email="ok@example.org").exists()
    import_jobs.confirm(client, "members_user", preview, django_capture_on_commit_callbacks)
    assert User.objects.filter(email="ok@example.org").exists()


def test_exported_text_cannot_run_as_a_spreadsheet_formula(lists):
    User.objects.create_user(
        "evil@example.org", full_name='=HYPERLINK("http://attacker.example","Click")', phone="+44 1632 960000"
    )
    exported = MemberResource().export()
    row = dict(zip(exported.headers, exported[0]))
    assert row["full_name"].startswith("'=")
    assert row["phone"] == "'+44 1632 960000"


def test_an_exported_file_imports_back_without_the_apostrophes(lists):
    User.objects.create_user("jo@example.org", full_name="Jo", phone="+44 1632 960000")
    exported = MemberResource().export()
    User.objects.all().delete()
    assert not MemberResource().import_data(exported).has_validation_errors()
    assert User.objects.get().phone == "+44 1632 960000"


def test_a_file_with_the_wrong_columns_imports_nothing_and_says_which(lists):
    result = MemberResource().import_data(tablib.Dataset(["a@example.org", "A"], headers=["e-mail", "name"]))
    assert result.has_errors()
    assert "email" in str(result.base_errors[0].error)
    assert User.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
@pytest.mark.django_db
def test_files_saved_by_excel_are_read_with_their_accents(
    client, staff, lists, django_capture_on_commit_callbacks, encoding
):
    client.force_login(staff)
    saved = "email,full_name\nzoe@example.org,Zoë Brontë\n".encode(encoding)
    preview = import_jobs.upload(client, "members_user", saved, django_capture_on_commit_callbacks)
    import_jobs.confirm(client, "members_user", preview, django_capture_on_commit_callbacks)
    assert User.objects.get(email="zoe@example.org").full_name == "Zoë Brontë"


@pytest.mark.django_db
def test_staff_see_how_to_save_a_file_whose_letters_cannot_be_read(
    client, staff, lists, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    utf16_without_its_mark = "email,full_name\nzoe@example.org,Zoë\n".encode("utf-16-le")
    response = import_jobs.upload(client, "members_user", utf16_without_its_mark, django_capture_on_commit_callbacks)
    assert "In Excel, use Save As and choose “CSV UTF-8 (Comma delimited)”" in response.text
    assert not User.objects.filter(email="zoe@example.org").exists()


PEOPLE_IN_GROUPS = ["email", "full_name", "group", "role", "term_start", "term_end"]


def test_the_people_import_adds_each_person_to_the_group_named_with_role_and_term(peg):
    rows = tablib.Dataset(
        ["zoe@example.org", "Zoë Brontë", "public engagement group", "vice-chair", "03/04/2027", "31 Mar 2030"],
        headers=PEOPLE_IN_GROUPS,
    )
    assert not MemberResource().import_data(rows).has_validation_errors()
    membership = Membership.objects.get(user__email="zoe@example.org")
    assert (membership.group, membership.role, membership.term_start, membership.term_end) == (
        peg,
        Membership.Role.VICE_CHAIR,
        date(2027, 4, 3),
        date(2030, 3, 31),
    )


def test_a_person_with_no_group_named_is_imported_without_a_membership(peg):
    rows = tablib.Dataset(["sam@example.org", "Sam Person", "", "", "", ""], headers=PEOPLE_IN_GROUPS)
    assert not MemberResource().import_data(rows).has_validation_errors()
    assert not Membership.objects.exists()


def test_a_bad_membership_cell_imports_no_one_and_names_each_column(peg):
    rows = tablib.Dataset(
        ["good@example.org", "Good Row", "Public Engagement Group", "Member", "", ""],
        ["bad@example.org", "Bad Row", "Knitting Circle", "Boss", "12/31/2027", ""],
        headers=PEOPLE_IN_GROUPS,
    )
    result = MemberResource().import_data(rows)
    assert (User.objects.count(), sorted(result.invalid_rows[0].error_dict)) == (0, ["group", "role", "term_start"])


def test_a_role_or_term_without_a_group_is_an_error_on_the_group_column(peg):
    rows = tablib.Dataset(["sam@example.org", "Sam Person", "", "Chair", "", ""], headers=PEOPLE_IN_GROUPS)
    result = MemberResource().import_data(rows)
    assert result.invalid_rows[0].error_dict == {"group": ["Give the name of the group this role or term is in."]}


def test_a_term_that_ends_before_it_starts_is_an_error_on_the_end_column(peg):
    rows = tablib.Dataset(
        ["sam@example.org", "Sam Person", "Public Engagement Group", "", "01/04/2027", "31/03/2027"],
        headers=PEOPLE_IN_GROUPS,
    )
    result = MemberResource().import_data(rows)
    assert result.invalid_rows[0].error_dict == {"term_end": ["The term must end on or after the day it starts."]}


def test_a_new_role_for_someone_already_in_the_group_changes_their_membership(peg):
    person = User.objects.create_user("jo@example.org", full_name="Jo Bloggs")
    Membership.objects.create(user=person, group=peg, term_start=date(2026, 4, 1))
    rows = tablib.Dataset(
        ["jo@example.org", "Jo Bloggs", "Public Engagement Group", "Chair", "", ""], headers=PEOPLE_IN_GROUPS
    )
    MemberResource().import_data(rows)
    membership = Membership.objects.get()
    assert (membership.role, membership.term_start) == (Membership.Role.CHAIR, date(2026, 4, 1))


def test_a_bad_membership_cell_is_listed_in_the_error_table_by_row_and_column(
    client, staff, peg, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    csv = "email,full_name,group,role,term_start,term_end\nsam@example.org,Sam,Knitting Circle,,,\n"
    page = import_jobs.upload(client, "members_user", csv, django_capture_on_commit_callbacks)
    assert page.context["job"].preview["errors"] == [
        {
            "row": 2,
            "column": "group",
            "value": "Knitting Circle",
            "message": "There is no group called “Knitting Circle”. Check the spelling, or add it in the admin first.",
        }
    ]
