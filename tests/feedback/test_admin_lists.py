"""The staff admin's comment and response-entry lists: 50 rows a page, in fixed queries however many there are."""

import pytest
from django.urls import reverse

from feedback.models import Comment, ResponseEntry, Theme
from tests.members.test_admin_changelist_rows import drawn_as_django_draws_it

pytestmark = pytest.mark.django_db


def add_comments(project, author, count):
    return Comment.objects.bulk_create(
        [Comment(project=project, author=author, body=f"Comment {i}") for i in range(count)]
    )


# Comment list: 1 session, 2 user, 3 permissions (user's and groups'), 4 the group filter's
# choices, 5 the area filter's choices, 6 count, 7 the page of comments with projects and authors.
COMMENT_LIST_QUERIES = 7


def test_the_comment_list_runs_fixed_queries(client, staff, member, project, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("admin:feedback_comment_changelist")
    add_comments(project, member, 3)
    with django_assert_num_queries(COMMENT_LIST_QUERIES):
        assert client.get(url).status_code == 200
    add_comments(project, member, 60)
    with django_assert_num_queries(COMMENT_LIST_QUERIES):
        response = client.get(url)
    assert response.text.count('name="_selected_action"') == 50


def test_the_project_list_links_to_each_projects_comments(client, staff, member, project):
    add_comments(project, member, 2)
    client.force_login(staff)
    response = client.get(reverse("admin:feedback_project_changelist"))
    link = reverse("admin:feedback_comment_changelist") + f"?project__id__exact={project.pk}"
    assert f'<a href="{link}">2</a>' in response.text


def test_the_comment_list_has_no_filter_of_every_project_or_author(client, staff, member, project):
    add_comments(project, member, 1)
    client.force_login(staff)
    response = client.get(reverse("admin:feedback_comment_changelist"))
    assert "By project</summary>" not in response.text
    assert "By author</summary>" not in response.text


def make_entries(project, theme, comments, count):
    entries = ResponseEntry.objects.bulk_create(
        [
            ResponseEntry(
                project=project, theme=theme, what_we_heard=f"Heard {i}", how_we_reflected="Did", outcome="adopted"
            )
            for i in range(count)
        ]
    )
    for entry in entries:
        entry.comments.set(comments)
    return entries


# Response entry list: 1 session, 2 user, 3 permissions (user's and groups'), 4 the theme
# filter's choices, 5 the group filter's choices, 6 count, 7 the page of entries with projects,
# themes and how many comments each answers.
ENTRY_LIST_QUERIES = 7


def test_the_response_entry_list_runs_fixed_queries(client, staff, member, project, theme, django_assert_num_queries):
    comments = add_comments(project, member, 3)
    client.force_login(staff)
    url = reverse("admin:feedback_responseentry_changelist")
    make_entries(project, theme, comments, 2)
    with django_assert_num_queries(ENTRY_LIST_QUERIES):
        response = client.get(url)
    assert '<td class="field-answers">3</td>' in response.text
    make_entries(project, theme, comments, 60)
    with django_assert_num_queries(ENTRY_LIST_QUERIES):
        response = client.get(url)
    assert response.text.count('name="_selected_action"') == 50


def test_the_comment_and_entry_lists_are_drawn_as_django_draws_them(client, staff, member, project, theme, monkeypatch):
    comments = add_comments(project, member, 2)
    comments[0].body = 'Parking & <access> "matter"'
    comments[0].save()
    make_entries(project, theme, comments, 2)
    client.force_login(staff)
    for model, url in [
        (Comment, reverse("admin:feedback_comment_changelist") + "?project__status__exact=open&o=4"),
        (ResponseEntry, reverse("admin:feedback_responseentry_changelist")),
    ]:
        page = drawn_as_django_draws_it(client, model, url, monkeypatch)
        assert 'name="_selected_action"' in page


def test_response_entries_list_newest_first_and_a_projects_in_theme_order(
    client, staff, member, project, theme, make_project, monkeypatch
):
    later_theme = Theme.objects.create(name="Later", position=theme.position + 1)
    first = make_entries(project, later_theme, [], 1)[0]
    second = make_entries(make_project(), theme, [], 1)[0]
    client.force_login(staff)
    url = reverse("admin:feedback_responseentry_changelist")
    ids = [entry.pk for entry in client.get(url).context["cl"].result_list]
    assert ids.index(second.pk) < ids.index(first.pk)
    third = make_entries(project, theme, [], 1)[0]
    ids = [entry.pk for entry in client.get(url + f"?project__id__exact={project.pk}").context["cl"].result_list]
    assert ids == [third.pk, first.pk]
