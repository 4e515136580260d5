"""The audience analysis exports as CSV or XLSX, and imports all-or-nothing."""

import io

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from feedback.planning.models import Stakeholder
from feedback.planning.resources import StakeholderResource

pytestmark = pytest.mark.django_db


@pytest.fixture
def stakeholders(plan):
    Stakeholder.objects.create(
        plan=plan,
        name="Cllr Amrit Dhaliwal",
        organisation="Riverside County Council",
        category=Stakeholder.Category.LOCAL_COUNCILLOR,
        email="amrit.dhaliwal@example.org",
        phone="01632 960123",
        steps=[1, 3, 5],
    )
    Stakeholder.objects.create(
        plan=plan, name="Healthwatch Riverside", category=Stakeholder.Category.HEALTHWATCH, steps=[]
    )
    return plan


def test_the_export_names_the_project_category_and_steps(stakeholders):
    dataset = StakeholderResource().export()
    assert dataset.headers == ["project", "name", "organisation", "category", "email", "phone", "steps"]
    councillor = next(row for row in dataset.dict if row["name"] == "Cllr Amrit Dhaliwal")
    assert councillor["project"] == "Plans for dementia services"
    assert councillor["category"] == "local_councillor"
    assert councillor["steps"] == "Audience analysis; Stakeholder workshops; Informing, engaging or consulting"


def test_staff_export_a_plans_stakeholders_as_xlsx_from_the_admin(client, staff, stakeholders):
    client.force_login(staff)
    url = reverse("admin:planning_stakeholder_export") + f"?plan__id__exact={stakeholders.pk}"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    xlsx = next(value for value, label in form.fields["format"].choices if label == "xlsx")
    fields = {f"stakeholderresource_{name}": "on" for name in StakeholderResource._meta.fields}
    response = client.post(url, {"format": xlsx, "resource": 0, **fields})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("project", "name")
    assert {row[1] for row in rows[1:]} == {"Cllr Amrit Dhaliwal", "Healthwatch Riverside"}


def import_rows(*rows):
    dataset = tablib.Dataset(headers=["project", "name", "organisation", "category", "email", "phone", "steps"])
    for row in rows:
        dataset.append(row)
    return StakeholderResource().import_data(dataset, dry_run=False)


def test_an_import_adds_stakeholders_with_steps_by_name_or_number(plan):
    result = import_rows(
        [
            "Plans for dementia services",
            "Memory Matters",
            "Memory Matters",
            "Voluntary sector organisation",
            "",
            "",
            "2; Stakeholder workshops",
        ],
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Stakeholder.objects.get().steps == [2, 3]


def test_an_import_with_one_bad_row_changes_nothing_and_says_why(plan):
    result = import_rows(
        ["Plans for dementia services", "Memory Matters", "", "voluntary_sector", "", "", "1"],
        ["Plans for dementia services", "Carers Together", "", "voluntary_sector", "", "", "Step seven"],
        ["No such project", "Someone", "", "other", "", "", ""],
    )
    invalid = [str(error) for row in result.invalid_rows for errors in row.error_dict.values() for error in errors]
    # An unknown project stops the row being matched at all, so it is a row error rather than a field error.
    unmatched = [str(error.error) for _, errors in result.row_errors() for error in errors]
    assert invalid == [
        "Not a step of the plan: Step seven. Use the step names, or the numbers 1 to 6, separated by a semicolon (;)."
    ]
    assert unmatched == ["There is no engagement plan for a project called “No such project”."]
    assert not Stakeholder.objects.exists()
