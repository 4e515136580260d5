"""Projects and response entries import from CSV/XLSX all-or-nothing, and export back."""

import io
from datetime import date

import pytest
import tablib

from feedback.models import Project, ResponseEntry, Theme
from feedback.resources import ProjectResource, ResponseEntryResource
from tests import import_jobs

pytestmark = pytest.mark.django_db

PROJECT_HEADERS = ["id", "title", "partner", "groups", "themes", "lead_name", "summary", "closes_on"]


def projects(*rows):
    return tablib.Dataset(*rows, headers=PROJECT_HEADERS)


def test_it_imports_projects_as_drafts(peg, partner, theme):
    result = ProjectResource().import_data(
        projects(
            [
                "",
                "Dementia plans",
                "riverside county council",
                "Public Engagement Group",
                "Access to care",
                "Dr A",
                "Plans",
                "2026-05-01",
            ]
        )
    )
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    project = Project.objects.get()
    assert project.status == Project.Status.DRAFT
    assert list(project.groups.all()) == [peg]
    assert project.partner == partner
    assert [t.name for t in project.themes.all()] == ["Access to care"]


def test_a_file_with_one_bad_project_row_imports_nothing_and_says_why(peg, partner):
    result = ProjectResource().import_data(
        projects(
            ["", "Good row", "Riverside County Council", "Public Engagement Group", "", "Dr A", "Plans", ""],
            ["", "Bad row", "Atlantis Trust", "Public Engagement Group", "", "Dr B", "Plans", ""],
        )
    )
    assert result.has_validation_errors()
    assert not Project.objects.exists()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "There is no partner organisation called “Atlantis Trust”" in str(invalid.error_dict)


def test_importing_never_changes_a_projects_status(project):
    dataset = ProjectResource().export()
    dataset.dict = [{**row, "status": "Response published", "title": "Renamed"} for row in dataset.dict]
    result = ProjectResource().import_data(dataset)
    assert not result.has_validation_errors()
    project.refresh_from_db()
    assert (project.title, project.status) == ("Renamed", Project.Status.OPEN)


ENTRY_HEADERS = ["id", "project", "theme", "what_we_heard", "how_we_reflected", "where_addressed", "outcome"]


def test_it_imports_response_entries_by_project_number(project, theme):
    rows = tablib.Dataset(
        ["", project.pk, "Access to care", "Heard", "Did", "Section 3", "Partly adopted"], headers=ENTRY_HEADERS
    )
    result = ResponseEntryResource().import_data(rows)
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    entry = ResponseEntry.objects.get()
    assert (entry.project, entry.outcome) == (project, ResponseEntry.Outcome.PARTLY_ADOPTED)


def test_a_bad_entry_row_imports_nothing_and_says_why(project, theme):
    rows = tablib.Dataset(
        ["", project.pk, "Access to care", "Heard", "Did", "", "adopted"],
        ["", 9999, "Access to care", "Heard", "Did", "", "maybe"],
        headers=ENTRY_HEADERS,
    )
    result = ResponseEntryResource().import_data(rows)
    assert not ResponseEntry.objects.exists()
    errors = str(result.invalid_rows[0].error_dict)
    assert "There is no project number 9999" in errors
    assert "“maybe” is not allowed here" in errors


def test_entries_export_as_xlsx_that_imports_back(project, make_entry):
    make_entry(project, outcome=ResponseEntry.Outcome.NOT_ADOPTED)
    exported = ResponseEntryResource().export().export("xlsx")
    ResponseEntry.objects.all().delete()
    result = ResponseEntryResource().import_data(tablib.Dataset().load(io.BytesIO(exported).read(), format="xlsx"))
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().outcome == ResponseEntry.Outcome.NOT_ADOPTED


def test_staff_preview_then_confirm_a_project_import(client, staff, peg, partner, django_capture_on_commit_callbacks):
    client.force_login(staff)
    csv = "title,partner,groups,lead_name,summary\nDementia plans,Riverside County Council,Public Engagement Group,Dr A,Plans\n"
    preview = import_jobs.upload(client, "feedback_project", csv, django_capture_on_commit_callbacks)
    assert "Confirm import" in preview.text
    assert not Project.objects.exists()
    import_jobs.confirm(client, "feedback_project", preview, django_capture_on_commit_callbacks)
    assert Project.objects.get().title == "Dementia plans"


def entry_for(project_cell, group=""):
    return tablib.Dataset(
        ["", project_cell, group, "Access to care", "Heard", "Did", "", "Adopted"],
        headers=["id", "project", "group", "theme", "what_we_heard", "how_we_reflected", "where_addressed", "outcome"],
    )


def test_it_finds_an_entrys_project_by_its_title_in_any_case(project, theme):
    result = ResponseEntryResource().import_data(entry_for(project.title.upper()))
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().project == project


def test_two_projects_with_one_title_are_told_apart_by_the_group(project, theme, panel):
    twin = Project.objects.create(title=project.title, partner=project.partner, lead_name="Dr B", summary="Twin")
    twin.groups.add(panel)
    result = ResponseEntryResource().import_data(entry_for(project.title, group="reading panel"))
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().project == twin


def test_an_ambiguous_title_without_a_group_asks_for_one(project, theme):
    Project.objects.create(title=project.title, partner=project.partner, lead_name="Dr B", summary="Twin")
    result = ResponseEntryResource().import_data(entry_for(project.title))
    assert not ResponseEntry.objects.exists()
    assert "Give the group in the group column" in str(result.invalid_rows[0].error_dict)


def test_an_entry_may_have_no_outcome(project, theme):
    rows = tablib.Dataset(["", project.pk, "Access to care", "Heard", "Did", "", ""], headers=ENTRY_HEADERS)
    result = ResponseEntryResource().import_data(rows)
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().outcome == ""


def test_a_follow_up_date_is_read_day_first(project, theme):
    rows = tablib.Dataset(
        ["", project.pk, "Access to care", "Heard", "Did", "", "Adopted", "03/04/2027", "Evening clinics opened."],
        headers=[*ENTRY_HEADERS, "followed_up_on", "difference_made"],
    )
    result = ResponseEntryResource().import_data(rows)
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().followed_up_on == date(2027, 4, 3)


def test_the_check_lists_new_themes_and_adds_them_only_when_confirmed(
    client, staff, project, theme, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    csv = f"project,theme,what_we_heard,how_we_reflected,outcome\n{project.pk},Transport,Heard,Did,Adopted\n"
    preview = import_jobs.upload(client, "feedback_responseentry", csv, django_capture_on_commit_callbacks)
    assert preview.context["job"].preview["added"] == {"themes": ["Transport"]}
    assert "Confirming also adds these new themes: Transport." in preview.text
    assert not Theme.objects.filter(name="Transport").exists()
    import_jobs.confirm(client, "feedback_responseentry", preview, django_capture_on_commit_callbacks)
    assert ResponseEntry.objects.get().theme.name == "Transport"


def test_a_new_theme_named_twice_in_any_case_is_added_once(peg, partner):
    rows = projects(
        ["", "Buses", "Riverside County Council", "Public Engagement Group", "Transport; transport", "A", "B", ""]
    )
    resource = ProjectResource()
    assert not resource.import_data(rows).has_validation_errors()
    assert list(Project.objects.get().themes.values_list("name", flat=True)) == ["Transport"]
    assert resource.added_names == {"themes": ["Transport"]}
