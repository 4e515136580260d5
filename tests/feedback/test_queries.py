"""List and detail pages run a fixed number of queries, however many rows they show."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import ChecklistArea, Comment, Question
from feedback.views import THREADS_PER_PAGE
from members.models import Membership
from tests.conftest import make_person
from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def commenters(peg):
    people = [make_person(f"c{i}@example.org", f"Commenter {i}") for i in range(10)]
    Membership.objects.bulk_create([Membership(user=person, group=peg) for person in people])
    return people


def add_comments(project, people, count, question=None):
    areas = list(ChecklistArea.objects.all()[:2])
    comments = Comment.objects.bulk_create(
        [
            Comment(project=project, author=people[i % len(people)], body=f"Comment {i}", question=question)
            for i in range(count)
        ]
    )
    # Every other comment gets a reply, and every comment two areas: the page must prefetch both.
    Comment.objects.bulk_create(
        [Comment(project=project, author=people[0], body="A reply", parent=parent) for parent in comments[::2]]
    )
    Comment.areas.through.objects.bulk_create(
        [Comment.areas.through(comment=comment, checklistarea=area) for comment in comments for area in areas]
    )
    return comments


# Project page, for a member of the group:
#  1 session, 2 user, 3 project (with partner), 4 groups, each with the member's role in it (so
#  whether they may see the project, and whether they can comment), 5 questions, themes, papers,
#  checklist areas with this project's answers and the engagement plan link, in one,
#  6 how many threads each section has and how many comments are shown, 7 the ids of this page's
#  threads, in order (one query a section the page reaches: here one), 8 their comments with
#  authors, 9 the comments' areas. The comment form is drawn from the questions and areas
#  already loaded.
PROJECT_PAGE_QUERIES = 9


def test_the_project_page_runs_fixed_queries_with_500_comments(
    client, member, project, question, commenters, django_assert_num_queries
):
    client.force_login(member)
    # The member wrote some of them, so the page checks what they may change on each of theirs.
    commenters.append(member)
    add_comments(project, commenters, 5, question)
    with django_assert_num_queries(PROJECT_PAGE_QUERIES):
        assert client.get(project.get_absolute_url()).status_code == 200
    add_comments(project, commenters, 495, question)
    with django_assert_num_queries(PROJECT_PAGE_QUERIES):
        response = client.get(project.get_absolute_url())
    assert f"Comments ({Comment.objects.count()})" in response.text


# The same page viewed again, its cards kept (feedback/discussion.py): 7 the thread ids and 8 the comments
# are not read; 6 still counts the threads (the counts and newest times name the kept cards) and the
# comments' areas are still read, for the kept cards' comments.
PROJECT_PAGE_QUERIES_KEPT = 7


def test_the_project_page_runs_fewer_fixed_queries_when_its_cards_are_kept(
    client, member, project, question, commenters, django_assert_num_queries
):
    client.force_login(member)
    commenters.append(member)
    add_comments(project, commenters, 5, question)
    client.get(project.get_absolute_url())
    with django_assert_num_queries(PROJECT_PAGE_QUERIES_KEPT):
        client.get(project.get_absolute_url())
    add_comments(project, commenters, 495, question)
    client.get(project.get_absolute_url())
    with django_assert_num_queries(PROJECT_PAGE_QUERIES_KEPT):
        response = client.get(project.get_absolute_url())
    assert f"Comments ({Comment.objects.count()})" in response.text


def test_the_project_page_shows_fifty_threads_at_a_time_and_finds_any_comment(client, member, project, commenters):
    comments = add_comments(project, commenters, 120)
    client.force_login(member)
    first = client.get(project.get_absolute_url())
    assert first.text.count('id="comment-') < 120
    assert "Page 1 of 3" not in first.text and "Page 2 of 3" in first.text
    last = comments[-1]
    response = client.get(last.get_absolute_url())
    assert f'id="comment-{last.pk}"' in response.text


def test_questions_keep_their_numbers_on_later_pages(client, member, project, commenters):
    first = Question.objects.create(project=project, text="First question", position=1)
    second = Question.objects.create(project=project, text="Second question", position=2)
    add_comments(project, commenters, 60, first)
    add_comments(project, commenters, 10, second)
    client.force_login(member)
    response = client.get(project.get_absolute_url(), {"page": 2})
    assert "Question 2: Second question" in response.text
    assert "Question 0" not in response.text


def test_a_page_that_reaches_two_sections_shows_their_threads_in_order_and_finds_a_reply(
    client, member, project, commenters
):
    # Threads are fetched section by section: the project as a whole, then each question in
    # order, whatever order they were written in.
    first = Question.objects.create(project=project, text="First question", position=1)
    second = Question.objects.create(project=project, text="Second question", position=2)
    on_second = add_comments(project, commenters, THREADS_PER_PAGE - 5, second)
    on_first = add_comments(project, commenters, 5, first)
    whole = add_comments(project, commenters, 10)
    client.force_login(member)
    shown = client.get(project.get_absolute_url()).text
    ids = [int(pk) for pk in re.findall(r'id="comment-(\d+)"', shown)]
    threads = [pk for pk in ids if pk in {comment.pk for comment in whole + on_first + on_second}]
    assert threads == [comment.pk for comment in whole + on_first + on_second[: THREADS_PER_PAGE - 15]]
    # A reply to the last thread of the second question is on the second page, with its thread.
    reply = Comment.objects.get(parent=on_second[-1])
    assert f'id="comment-{reply.pk}"' not in shown
    response = client.get(reply.get_absolute_url())
    assert "Page 1 of 2" in response.text
    assert f'id="comment-{reply.pk}"' in response.text and f'id="comment-{on_second[-1].pk}"' in response.text


def test_a_published_project_page_adds_one_query_for_the_answers(
    client, member, project, commenters, make_entry, django_assert_num_queries
):
    comments = add_comments(project, commenters, 5)
    make_entry(project, comments)
    publish(close(project))
    client.force_login(member)
    # Once closed: one more for the response entries that answer the comments (the membership
    # check comes with the groups either way).
    with django_assert_num_queries(PROJECT_PAGE_QUERIES + 1):
        client.get(project.get_absolute_url())
    make_entry(project, add_comments(project, commenters, 100))
    with django_assert_num_queries(PROJECT_PAGE_QUERIES + 1):
        client.get(project.get_absolute_url())


# Project list: 1 session, 2 user, 3 the page of projects with comment counts, "you have
# commented" and how many there are in all (for the pager), 4 their groups.
PROJECT_LIST_QUERIES = 4


def test_the_project_list_runs_fixed_queries(client, member, make_project, commenters, django_assert_num_queries):
    client.force_login(member)
    add_comments(make_project(title="Project 0"), commenters, 3)
    with django_assert_num_queries(PROJECT_LIST_QUERIES):
        client.get(reverse("feedback:project_list"))
    for i in range(1, 30):
        add_comments(make_project(title=f"Project {i}"), commenters, 3)
    with django_assert_num_queries(PROJECT_LIST_QUERIES):
        response = client.get(reverse("feedback:project_list"))
    assert response.text.count("nhsuk-card__heading") == 25


# You said, we did: 1 session, 2 user, 3 the member's groups, each saying whether they chair
# it (for the impact link), 4 the page of entries, with how many there are in all (for the
# pager), 5 whether the member needs large print (the report's downloads offer it first).
YOU_SAID_WE_DID_QUERIES = 5


def test_the_you_said_we_did_page_runs_fixed_queries(
    client, member, project, commenters, make_entry, django_assert_num_queries
):
    make_entry(project, add_comments(project, commenters, 3))
    publish(close(project))
    client.force_login(member)
    url = reverse("feedback:you_said_we_did")
    with django_assert_num_queries(YOU_SAID_WE_DID_QUERIES):
        client.get(url)
    for i in range(40):
        make_entry(project, add_comments(project, commenters, 2), position=i + 1)
    with django_assert_num_queries(YOU_SAID_WE_DID_QUERIES):
        client.get(url)


def test_the_response_page_runs_fixed_queries(
    client, member, project, commenters, make_entry, django_assert_num_queries
):
    make_entry(project, add_comments(project, commenters, 3))
    publish(close(project))
    client.force_login(member)
    # Session, user, project, the entries with their answer counts, which entries answer this member,
    # whether the member needs large print (the report's downloads offer it first).
    with django_assert_num_queries(6):
        client.get(project.get_response_url())
    for i in range(40):
        make_entry(project, add_comments(project, commenters, 2), position=i + 1)
    with django_assert_num_queries(6):
        client.get(project.get_response_url())


def test_the_dashboard_lists_projects_in_one_query(client, member, make_project):
    client.force_login(member)
    make_project(title="Project 0")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for i in range(1, 10):
        make_project(title=f"Project {i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("dashboard"))
    assert len(many) == len(few)
    assert response.text.count("Comments close on") == 10


def test_the_public_index_runs_fixed_queries(client, make_project, make_entry, django_assert_num_queries):
    def add_public(title):
        project = make_project(title=title, publish_publicly=True)
        make_entry(project)
        publish(close(project))

    add_public("Project 0")
    url = reverse("feedback:public_index", args=["peg"])
    # The group, the page of projects with partners and how many there are in all (for the pager).
    with django_assert_num_queries(2):
        client.get(url)
    for i in range(1, 30):
        add_public(f"Project {i}")
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.text.count("nhsuk-card__heading") == 25
