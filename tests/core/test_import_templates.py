"""Each admin import offers a template to fill in (CSV and XLSX) and says what goes in each column."""

import io
from datetime import date

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ImportMixin

from feedback.models import Partner, Project, ResponseEntry, Theme
from feedback.resources import ProjectResource, ResponseEntryResource
from members.models import LivedExperienceArea, Locality, Membership, User
from members.resources import MemberResource, MembershipResource

pytestmark = pytest.mark.django_db

IMPORTING = [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, ImportMixin)]


def template_url(file_format, name="members_user"):
    return reverse(f"admin:{name}_import_template", args=[file_format])


@pytest.mark.parametrize("model_admin", IMPORTING, ids=lambda model_admin: model_admin.opts.label)
def test_every_import_explains_every_column_it_reads(model_admin):
    [resource] = model_admin.resource_classes
    fields = resource().fields
    reads = {field.column_name for field in fields.values() if not field.readonly}
    reads |= {fields[name].column_name for name in resource._meta.import_id_fields}
    assert reads - set(resource.column_guide) == set()


def test_the_csv_template_has_the_columns_and_one_example_row(client, staff):
    client.force_login(staff)
    response = client.get(template_url("csv"))
    assert response["Content-Disposition"] == 'attachment; filename="People import template.csv"'
    rows = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")
    assert rows.headers == list(MemberResource.column_guide)
    assert rows.dict[0]["email"] == "jo.bloggs@example.org"


def test_the_xlsx_template_adds_a_sheet_saying_what_goes_in_each_column(client, staff):
    client.force_login(staff)
    book = openpyxl.load_workbook(io.BytesIO(client.get(template_url("xlsx")).content))
    assert book.sheetnames == ["Import", "How to fill it in"]
    guide = list(book["How to fill it in"].values)
    assert guide[0] == ("Column", "What to put in it", "Example")
    assert guide[1][0] == "email"


def test_the_example_row_imports_as_it_stands(client, staff, peg):
    Locality.objects.create(name="Northgate")
    LivedExperienceArea.objects.create(name="Carer")
    client.force_login(staff)
    content = client.get(template_url("xlsx")).content
    result = MemberResource().import_data(tablib.Dataset().load(content, format="xlsx"))
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert User.objects.get(email="jo.bloggs@example.org").full_name == "Jo Bloggs"


def test_the_import_page_links_to_the_templates_and_lists_the_columns(client, staff):
    client.force_login(staff)
    page = client.get(reverse("admin:members_membership_import")).text
    assert template_url("csv", "members_membership") in page
    assert template_url("xlsx", "members_membership") in page
    assert "<td><code>term_start</code></td><td>The day their term starts, day first.</td>" in page


def test_only_csv_and_xlsx_templates_exist(client, staff):
    client.force_login(staff)
    assert client.get(template_url("exe")).status_code == 404


def test_staff_who_cannot_import_cannot_download_a_template(client, staff):
    from tests.members.test_account_powers import make_role

    client.force_login(make_role("bare", "bare@example.org"))
    assert client.get(template_url("csv")).status_code == 403


def test_a_member_is_sent_to_sign_in(client, member):
    client.force_login(member)
    assert client.get(template_url("csv")).status_code == 302


def example_row(resource):
    return tablib.Dataset(
        [example for _, example in resource.column_guide.values()], headers=list(resource.column_guide)
    )


def test_the_membership_example_imports_with_its_uk_dates(peg):
    User.objects.create_user("jo.bloggs@example.org", full_name="Jo Bloggs")
    result = MembershipResource().import_data(example_row(MembershipResource))
    assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert Membership.objects.get().term_start == date(2027, 4, 1)


def test_the_project_and_entry_examples_import(peg):
    Partner.objects.create(name="Riverside and Downs Integrated Care Board")
    Theme.objects.create(name="Access to care")
    for resource in [ProjectResource, ResponseEntryResource]:
        result = resource().import_data(example_row(resource))
        assert not result.has_validation_errors(), result.invalid_rows and result.invalid_rows[0].error_dict
    assert ResponseEntry.objects.get().project == Project.objects.get()


@pytest.mark.parametrize("model_admin", IMPORTING, ids=lambda model_admin: model_admin.opts.label)
def test_every_import_page_offers_both_templates(client, model_admin):
    from tests.members.test_account_powers import make_role

    client.force_login(make_role("superuser", "admin@example.org"))
    name = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    page = client.get(reverse(f"admin:{name}_import")).text
    assert template_url("csv", name) in page and template_url("xlsx", name) in page
    assert client.get(template_url("xlsx", name)).status_code == 200


def test_the_people_template_describes_the_membership_columns_it_reads():
    assert set(MemberResource.MEMBERSHIP_COLUMNS) <= set(MemberResource.column_guide)
