"""Fictional demo projects, modelled on the kinds of project the source documents describe.

Run after members.demo.seed(), whose people and groups it uses. Safe to run
twice: records are found by title or text and updated, never duplicated.
Dates are set relative to today, so the demo always has something open,
something awaiting a response and something answered. Nothing here e-mails anyone.
"""

from datetime import timedelta

from django.utils import timezone

from members.demo import working_day
from members.models import EngagementGroup, User

from .models import (
    ChecklistAnswer,
    ChecklistArea,
    Comment,
    Partner,
    Project,
    Question,
    ResponseEntry,
    Theme,
    end_of_day,
    local_today,
)

PARTNERS = [
    "Riverside and Downs Integrated Care Board",
    "Riverside University Hospitals NHS Foundation Trust",
    "Downs Community Health NHS Trust",
    "Riverside and Downs Mental Health NHS Trust",
    "Riverside Ambulance Service NHS Trust",
    "Riverside County Council",
    "Downs Borough Council",
    "Northgate City Council",
    "Riverside and Downs GP Federation",
]
THEMES = [
    "Strategy",
    "Patient voice",
    "Access to care",
    "Information and language",
    "Digital inclusion",
    "Care models",
]

Outcome = ResponseEntry.Outcome


def seed():
    now = timezone.now()
    today = local_today(now)
    partners = {
        name: Partner.objects.get_or_create(name=name, defaults={"position": i})[0] for i, name in enumerate(PARTNERS)
    }
    themes = {
        name: Theme.objects.get_or_create(name=name, defaults={"position": i})[0] for i, name in enumerate(THEMES)
    }
    areas = {area.name: area for area in ChecklistArea.objects.all()}
    peg = EngagementGroup.objects.get(slug="peg")
    panel = EngagementGroup.objects.get(slug="reading-panel")
    people = {user.email.split("@")[0]: user for user in User.objects.filter(email__endswith="@example.org")}

    def project(title, partner, groups, status, closes_on, **fields):
        """closes_on None: views gathered away from the website, so comments never opened or closed."""
        closes_on = closes_on and working_day(closes_on)
        was_open = closes_on and status != Project.Status.DRAFT
        closed_at = end_of_day(closes_on) if was_open and status != Project.Status.OPEN else None
        obj, _ = Project.objects.update_or_create(
            title=title,
            defaults={
                "partner": partners[partner],
                "status": status,
                "closes_on": closes_on,
                "opened_at": end_of_day(closes_on - timedelta(days=29)) if was_open else None,
                "closed_at": closed_at,
                **fields,
            },
        )
        obj.groups.set(groups)
        return obj

    def ask(project, *questions):
        for position, text in enumerate(questions, start=1):
            Question.objects.update_or_create(project=project, position=position, defaults={"text": text})
        return list(project.questions.all())

    def answer(project, answers):
        for name, text in answers.items():
            ChecklistAnswer.objects.update_or_create(project=project, area=areas[name], defaults={"answer": text})

    def comment(project, who, body, question=None, parent=None, days_ago=10, area_names=(), **fields):
        obj, _ = Comment.objects.get_or_create(
            project=project,
            author=people[who],
            body=body,
            defaults={"question": question, "parent": parent, "created": now - timedelta(days=days_ago), **fields},
        )
        obj.areas.set([areas[name] for name in area_names])
        return obj

    def respond(project, theme, position, heard, reflected, where, outcome, answers, url="", **fields):
        entry, _ = ResponseEntry.objects.update_or_create(
            project=project,
            theme=themes[theme],
            position=position,
            defaults={
                "what_we_heard": heard,
                "how_we_reflected": reflected,
                "where_addressed": where,
                "where_addressed_url": url,
                "outcome": outcome,
                **fields,
            },
        )
        entry.comments.set(answers)

    # Answered: a public health website, its response published under four themes.
    website = project(
        "A new public health website",
        "Riverside County Council",
        [peg],
        Project.Status.PUBLISHED,
        today - timedelta(days=70),
        lead_name="Dana Whitcombe",
        lead_role="Public health digital lead",
        lead_email="dana.whitcombe@example.org",
        summary="The council is replacing its public health pages with one website about staying well: stopping "
        "smoking, getting active, vaccinations and local support. We want to know what would make it easy to use "
        "and trustworthy for everyone in the area.",
        response_published_at=end_of_day(working_day(today - timedelta(days=30))),
        publish_publicly=True,
    )
    website.themes.set([themes["Information and language"], themes["Digital inclusion"]])
    clear, offline = ask(
        website,
        "Is the language on the sample pages clear? What would you change?",
        "How should people who do not use the internet get the same information?",
    )
    w1 = comment(
        website,
        "member",
        "The sample pages use words like 'commissioned' and 'pathway'. Please use everyday words, and put the phone number at the top.",
        clear,
        days_ago=85,
        area_names=["Patient and public involvement"],
    )
    w2 = comment(
        website,
        "priya.lal",
        "Please offer the key pages in the main community languages, and in easy read.",
        clear,
        days_ago=84,
        area_names=["Equality and diversity"],
    )
    w3 = comment(
        website,
        "tom.okafor",
        "Many older people in the rural villages have no broadband. Printed leaflets at GP surgeries and pharmacies would reach them.",
        offline,
        days_ago=83,
        area_names=["Equality and diversity", "Use of existing services"],
    )
    w4 = comment(
        website,
        "margaret.hale",
        "The library already runs computer help sessions. Link up with them rather than starting something new.",
        offline,
        days_ago=80,
        area_names=["Voluntary sector", "Use of existing services"],
    )
    w5 = comment(
        website,
        "dev.mistry",
        "Will the site work with a screen reader? The current one does not.",
        days_ago=79,
        area_names=["Equality and diversity", "IT systems"],
    )
    w6 = comment(
        website,
        "chair",
        "Ask a few members of this group to test the new site before it goes live.",
        days_ago=78,
        area_names=["Patient and public involvement"],
    )
    comment(website, "siobhan.quinn", "Agreed. I would be happy to help test it.", parent=w6, days_ago=77)
    w7 = comment(
        website,
        "yasmin.farouk",
        "Could the site show local stop-smoking clinic times, not only a national number?",
        said_at_meeting_on=working_day(today - timedelta(days=76)),
        recorded_by=people["staff"],
        days_ago=76,
    )
    respond(
        website,
        "Information and language",
        1,
        "Members found some words hard to follow and wanted the phone number easy to find.",
        "We rewrote every page to a reading age of 9, removed the jargon members listed, and put the phone number at the top of each page.",
        "Content style guide, section 2",
        Outcome.ADOPTED,
        [w1],
        url="https://www.example.org/public-health/style-guide",
    )
    respond(
        website,
        "Information and language",
        2,
        "Members asked for the key pages in community languages and in easy read.",
        "The five most visited pages will be translated into the three most spoken community languages and into easy read. We cannot translate every page yet: the budget covers these first.",
        "Website plan, section 5: languages",
        Outcome.PARTLY_ADOPTED,
        [w2],
    )
    respond(
        website,
        "Digital inclusion",
        1,
        "People without the internet need the same information another way.",
        "Printed summaries will go to every GP surgery, pharmacy and library each quarter.",
        "Communications plan, appendix B",
        Outcome.ADOPTED,
        [w3],
    )
    respond(
        website,
        "Digital inclusion",
        2,
        "Work with the library's computer help sessions rather than starting something new.",
        "We are talking to the library service about a joint session. No decision has been made yet.",
        "",
        Outcome.UNDER_CONSIDERATION,
        [w4],
    )
    respond(
        website,
        "Access to care",
        1,
        "Show local stop-smoking clinic times, not only the national number.",
        "We did not do this: clinic times change weekly and we cannot keep them up to date on the site, so we link to the booking service, which always has the current times.",
        "Stop smoking page",
        Outcome.NOT_ADOPTED,
        [w7],
    )
    respond(
        website,
        "Patient voice",
        1,
        "The site must work with screen readers, and members of the group should test it before launch.",
        "The site was tested against WCAG 2.2 AA and by four members of the group, two of whom use screen readers. We fixed the 14 problems they found.",
        "Accessibility statement",
        Outcome.ADOPTED,
        [w5, w6],
        url="https://www.example.org/public-health/accessibility",
    )

    # Views gathered at a workshop, not online: no comments, a published response, and a follow-up
    # on one entry saying what changed. Published from the draft, as such a project is (no e-mails).
    gathered_on = working_day(today - timedelta(days=120))
    pharmacy = project(
        "Pharmacy opening hours in the rural towns",
        "Riverside and Downs Integrated Care Board",
        [peg],
        Project.Status.PUBLISHED,
        None,
        lead_name="Gwen Talbot",
        lead_role="Community pharmacy commissioning manager",
        lead_email="gwen.talbot@example.org",
        summary="Which evening and weekend hours the pharmacies in the rural towns should open, so that someone "
        "can always get a prescription within half an hour's travel. Views were gathered at a workshop at the "
        "group's meeting.",
        gathered=Project.Gathered.WORKSHOP,
        gathered_on=gathered_on,
        response_published_at=end_of_day(working_day(gathered_on + timedelta(days=35))),
        publish_publicly=True,
    )
    pharmacy.themes.set([themes["Access to care"]])
    respond(
        pharmacy,
        "Access to care",
        1,
        "On Sundays the nearest open pharmacy can be an hour away by bus, with no bus back.",
        "Two pharmacies, one in Southmere and one in the Downs, now take turns to open from 10am to 4pm on Sundays.",
        "Pharmacy opening rota, 2027",
        Outcome.ADOPTED,
        [],
        followed_up_on=working_day(gathered_on + timedelta(days=100)),
        difference_made="In the first three months 640 prescriptions were collected on Sundays in the two towns, "
        "and out-of-hours calls about medicines from those two areas fell by a quarter.",
    )
    respond(
        pharmacy,
        "Access to care",
        2,
        "Members asked how they can tell which pharmacy is open late without going online.",
        "The rota is printed on every pharmacy's door and in the parish magazines, and the 111 phone line has it.",
        "",
        "",
        [],
    )

    # Awaiting a response, past the target: members see "Awaiting response".
    signposting = project(
        "A health and care signposting service",
        "Riverside and Downs Integrated Care Board",
        [peg],
        Project.Status.CLOSED,
        today - timedelta(days=75),
        lead_name="Marcus Ebdon",
        lead_role="Head of community navigation",
        lead_email="marcus.ebdon@example.org",
        summary="One phone number and website to help people find the right health, care or community service, "
        "run with the voluntary sector. We asked how people would like to use it and what would put them off.",
    )
    signposting.themes.set([themes["Access to care"], themes["Care models"]])
    ask(signposting, "What would make you trust a signposting service?", "Who might find it hard to use?")
    comment(
        signposting,
        "member",
        "A real person answering the phone, not a menu of options.",
        days_ago=90,
        area_names=["Integration around the person"],
    )
    comment(
        signposting,
        "gareth.lloyd",
        "Carers need evening hours. Most of us cannot call in the working day.",
        days_ago=88,
    )
    comment(
        signposting,
        "hannah.ogunleye",
        "Make sure the voluntary groups it points to know they are on the list and have capacity.",
        days_ago=86,
        area_names=["Voluntary sector"],
    )

    # Open, closing in 12 days, with the full person-centred checklist answered.
    dementia = project(
        "Plans for dementia services",
        "Riverside and Downs Mental Health NHS Trust",
        [peg],
        Project.Status.OPEN,
        today + timedelta(days=12),
        lead_name="Dr Helen Arkwright",
        lead_role="Clinical lead for older people's mental health",
        lead_email="helen.arkwright@example.org",
        summary="We are planning how memory assessment, diagnosis and support after diagnosis will work over the "
        "next five years, with more support closer to home. We would like your views before the plan is drafted.",
    )
    dementia.themes.set([themes["Care models"], themes["Access to care"]])
    after, carers, _ = ask(
        dementia,
        "What support matters most in the first months after a diagnosis?",
        "How should we involve family carers?",
        "Where should memory assessments take place?",
    )
    answer(
        dementia,
        {
            "Integration around the person": "One named worker will coordinate each person's care across health and social care.",
            "Patient and public involvement": "People living with dementia and carers sit on the design group.",
            "Social care": "Council social workers are part of the memory service team.",
            "Mental health": "The service is run by the mental health trust and includes support for depression and anxiety.",
            "Voluntary sector": "Dementia cafes and carers' groups are funded partners.",
            "Use of existing services": "We will use existing community hubs rather than new buildings.",
            "IT systems": "The care record will be shared with GPs and social care, with consent.",
            "Transport": "Assessments will be offered in five towns and at home.",
            "Equality and diversity": "An equality impact assessment is under way; we are reaching out to minority ethnic communities where diagnosis rates are low.",
        },
    )
    first = comment(
        dementia,
        "member",
        "A single phone number to call when things change, and someone who knows us.",
        after,
        days_ago=4,
        area_names=["Integration around the person"],
    )
    comment(
        dementia,
        "rosa.delgado",
        "Yes. My mother saw four different people in the first year.",
        parent=first,
        days_ago=3,
    )
    comment(
        dementia,
        "kwame.mensah",
        "Carers need training and breaks, not only leaflets.",
        carers,
        days_ago=2,
        area_names=["Social care", "Voluntary sector"],
    )
    comment(
        dementia,
        "beryl.ashworth",
        "Please hold assessments somewhere familiar, like the surgery, not the hospital.",
        said_at_meeting_on=working_day(today - timedelta(days=5)),
        recorded_by=people["staff"],
        days_ago=5,
        area_names=["Transport"],
    )

    # Open and closing within three days, so the closing reminder has someone to remind.
    gp = project(
        "Improving access to GP services",
        "Riverside and Downs GP Federation",
        [peg],
        Project.Status.OPEN,
        today + timedelta(days=2),
        lead_name="Priyanka Bhatt",
        lead_role="Primary care transformation manager",
        lead_email="priyanka.bhatt@example.org",
        summary="Practices are changing how you book appointments: online, by phone and in person. We want to know "
        "what works for you and what gets in the way.",
    )
    gp.themes.set([themes["Access to care"], themes["Digital inclusion"]])
    ask(gp, "What gets in the way of booking an appointment today?")
    answer(
        gp,
        {
            "IT systems": "The online booking system will be the same at every practice.",
            "Transport": "Evening appointments at hub practices in each town.",
        },
    )
    comment(
        gp,
        "chair",
        "The 8am phone queue is the biggest problem for working people.",
        days_ago=6,
        area_names=["Use of existing services"],
    )
    comment(
        gp,
        "imran.sheikh",
        "Online booking must not replace the phone for people who cannot use it.",
        days_ago=5,
        area_names=["Equality and diversity", "IT systems"],
    )

    # For the reading panel only, so its members have something of their own.
    leaflet = project(
        "Leaving hospital: a leaflet for patients and carers",
        "Riverside University Hospitals NHS Foundation Trust",
        [panel],
        Project.Status.OPEN,
        today + timedelta(days=9),
        lead_name="Owen Prideaux",
        lead_role="Patient information officer",
        summary="A new leaflet explaining what happens when you leave hospital, who to call and what support is "
        "available at home. Is it clear?",
    )
    leaflet.themes.set([themes["Information and language"]])
    ask(leaflet, "Is anything in the leaflet unclear?")

    # Not yet shown to members: staff are still preparing it.
    digital = project(
        "Digital services across the system",
        "Riverside and Downs Integrated Care Board",
        [peg],
        Project.Status.DRAFT,
        today + timedelta(days=40),
        lead_name="Sunita Rao",
        lead_role="Chief digital officer",
        lead_email="sunita.rao@example.org",
        summary="A plan for the apps and websites people use to manage their health and care, and for helping "
        "people who are not online.",
    )
    digital.themes.set([themes["Digital inclusion"], themes["Strategy"]])
    ask(digital, "Which digital services do you use now, and what would you like to do online?")
