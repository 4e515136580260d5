"""A realistic set for measuring suggested themes (bench/themes.py): 300 comments, 50 in each of 6
themes, written for this bench (fictional, no real person).

Each theme has comments written out whole, and openings and endings that are put together
into more, so the same point comes in different words; a fixed share get typos, as typed
comments do. `variants(n)` makes a larger set (5,000) by recombining and varying the same parts.
"""

import random

THEMES = {
    "transport": {
        "whole": [
            "The car park at the hospital is always full and I drove round for 40 minutes.",
            "Parking charges are far too high for people visiting every day.",
            "There is no bus from our village to the new hub, how are we meant to get there?",
            "Buses stop running at six so evening appointments are impossible without a car.",
            "I had to get two buses and a train to reach the clinic.",
            "Moving the service to the edge of town means a taxi I cannot afford.",
            "Please think about public transport before you move the clinic.",
            "Free parking for blue badge holders would help, the spaces are always taken.",
            "Community transport used to take my mum but the scheme has closed.",
            "The hospital shuttle bus is unreliable and often does not turn up.",
            "Travel costs add up when you go to the hospital every week.",
            "Getting there by bus takes over an hour each way from the coast.",
            "The parking machine only takes coins and the queue is huge.",
            "Staff park in the visitor spaces so there is nowhere for us to park.",
            "Rural areas have hardly any buses, so the new site is out of reach.",
            "I missed my appointment because the bus was cancelled.",
            "A park and ride to the hospital would make a big difference.",
            "The drop off area is too small and cars block the road.",
            "Can the transport scheme be advertised better? Nobody knows about it.",
            "Fuel costs to drive 30 miles to the centre are a worry.",
        ],
        "start": [
            "Parking is a nightmare",
            "The bus service is poor",
            "Travelling to the new site is hard",
            "Getting to the hospital without a car is difficult",
            "Car parking costs too much",
            "Public transport does not go there",
            "The journey by bus is too long",
            "Finding a parking space is impossible",
        ],
        "end": [
            "especially for older people who do not drive.",
            "and the bus timetable does not match the appointment times.",
            "so people on low incomes will struggle with travel.",
            "and the car park fills up by nine in the morning.",
            "so please keep the clinic where the buses go.",
            "and taxis are too expensive for most of us.",
        ],
    },
    "appointments": {
        "whole": [
            "I waited three weeks for an appointment with my doctor.",
            "You ring at eight and by ten past all the appointments have gone.",
            "The waiting list for the memory clinic is over a year.",
            "I was on hold for 45 minutes just to book.",
            "Waiting times in A&E were eight hours last time.",
            "It is impossible to get a same day appointment at my surgery.",
            "My referral has been waiting six months with no date.",
            "Appointments are cancelled at short notice and moved back weeks.",
            "The wait for a hospital appointment is far too long.",
            "Could you offer evening and weekend appointments for people who work?",
            "I cannot book ahead, they say ring on the day.",
            "The queue on the phone line is always thirty callers long.",
            "My son waited two years for an assessment.",
            "Routine appointments take a month to get.",
            "Long waits for follow up mean problems get worse.",
            "Being told to call back tomorrow for an appointment is exhausting.",
            "The booking system lets you book only two weeks ahead and then it is full.",
            "Delays between the scan and the results appointment caused a lot of worry.",
            "There should be more slots for urgent appointments.",
            "The surgery phone line closes at lunchtime so you cannot book.",
        ],
        "start": [
            "The waiting list is too long",
            "Getting an appointment takes weeks",
            "Booking an appointment on the phone is a battle",
            "Waits for a referral are unacceptable",
            "Appointments keep being cancelled",
            "The wait to be seen is far too long",
            "There are never enough appointments",
            "Waiting times have got worse",
        ],
        "end": [
            "and you wait on hold for ages.",
            "so people give up and go to A&E.",
            "and there is no way to book ahead.",
            "so my condition got worse while I waited.",
            "and the slots are gone by quarter past eight.",
            "and no one tells you how long the wait will be.",
        ],
    },
    "communication": {
        "whole": [
            "The letter about my appointment arrived the day after it.",
            "Letters are full of jargon and hard to understand.",
            "Nobody told me the clinic had moved, the letter went to my old address.",
            "Please write in plain English, not in acronyms.",
            "I got three letters with three different dates on them.",
            "The information leaflet did not explain what would happen next.",
            "We were never told the outcome of the consultation.",
            "Communication between the hospital and the surgery is poor, they do not share information.",
            "Letters should come in large print for people who need it.",
            "I had no reply to my email or my letter.",
            "Keep us informed about changes, we hear about them in the newspaper first.",
            "The consultation document was 80 pages long and full of jargon.",
            "Information should be translated into the main community languages.",
            "Results letters are confusing and do not say what the numbers mean.",
            "Please let people know by text as well as by letter.",
            "Nobody explained why my appointment letter was cancelled.",
            "The website information is out of date and contradicts the leaflet.",
            "Tell people clearly what has changed and why.",
            "I never received the letter inviting me to the meeting.",
            "The newsletter is a good idea but it needs to explain things simply.",
        ],
        "start": [
            "The letters are confusing",
            "Communication is poor",
            "Nobody explained what was happening",
            "The information was full of jargon",
            "Letters arrive too late",
            "We were not kept informed",
            "The leaflet was hard to understand",
            "Information about the changes is unclear",
        ],
        "end": [
            "so please use plain English.",
            "and the letter went to the wrong address.",
            "and we only heard about it in the local paper.",
            "so tell people clearly what is changing and why.",
            "and nobody replied to my letter.",
            "so information should come in easy read and other languages.",
        ],
    },
    "disabled_access": {
        "whole": [
            "There is no step free entrance, so wheelchair users have to go round the back.",
            "The lift was broken for two months and I could not get to the first floor.",
            "Please provide a hearing loop at reception.",
            "Disabled toilets are used as store rooms.",
            "The doors are too heavy to open from a wheelchair.",
            "I need a British Sign Language interpreter and one was never booked.",
            "Accessible parking bays are too far from the entrance for someone on crutches.",
            "Signs are too small for people with sight loss.",
            "The ramp is too steep for my wheelchair.",
            "Deaf patients cannot use the phone to book, so offer other ways.",
            "Reception desks are too high for wheelchair users.",
            "There are no seats in the corridor for people who cannot stand for long.",
            "Easy read information for people with learning disabilities is hard to find.",
            "The building is not accessible for people with mobility problems.",
            "Guide dogs were refused at the door which is against the law.",
            "Hearing loops are often switched off or broken.",
            "Disabled people should be asked before the building is designed.",
            "Wheelchair access to the new clinic must be thought about from the start.",
            "The accessible toilet has no emergency cord.",
            "Blind people need information in braille or audio.",
        ],
        "start": [
            "Wheelchair access is poor",
            "The building is not accessible",
            "There is no hearing loop",
            "Disabled access has been forgotten",
            "The lift is often broken",
            "Step free access is missing",
            "People with sight loss are not catered for",
            "The ramp is too steep",
        ],
        "end": [
            "so wheelchair users cannot get in the front door.",
            "and deaf people miss their name being called.",
            "and the disabled toilet is locked.",
            "so please involve disabled people in the design.",
            "and the signs are too small to read.",
            "and the accessible bays are always full.",
        ],
    },
    "digital": {
        "whole": [
            "Not everyone has a smartphone or the internet.",
            "My mother is 89 and cannot use the app to order prescriptions.",
            "Online booking is fine for some but please keep the phone line.",
            "The online form kept crashing and I gave up.",
            "Older people are being left behind by everything going online.",
            "I do not have broadband at home so video consultations are no use to me.",
            "The NHS app asks for photo ID I do not have.",
            "Digital first should not mean digital only.",
            "Offer help to people who are not confident using computers.",
            "The website is impossible to use on a phone.",
            "Video calls kept freezing because the signal here is weak.",
            "Data costs money and people on low incomes cannot afford it.",
            "The e-consult form is too long and asks questions I cannot answer.",
            "Libraries could help people learn to use the app.",
            "I forgot my password and could not reset it without an email address.",
            "Some of us are not online at all, so do not assume we are.",
            "The app logged me out and I lost my request.",
            "Many people here have no wifi and poor mobile signal.",
            "Online consultations do not work for people with dementia.",
            "A paper option must remain for those who are digitally excluded.",
        ],
        "start": [
            "Not everyone can use the internet",
            "The app is too hard to use",
            "Online booking leaves older people out",
            "Video consultations do not work for everyone",
            "Going digital excludes people",
            "The online forms are confusing",
            "Many people have no smartphone",
            "The website keeps crashing",
        ],
        "end": [
            "so keep a phone line and a paper option.",
            "and there is no help for people who are not online.",
            "and broadband here is slow or missing.",
            "so offer digital skills support in the community.",
            "and you need an email address to log in.",
            "so digital first must not mean digital only.",
        ],
    },
    "kindness": {
        "whole": [
            "The receptionist was rude and made me feel like a nuisance.",
            "The nurses were kind and took time to listen to me.",
            "Staff were friendly and put me at ease.",
            "The doctor did not look at me once, he just typed.",
            "I felt rushed and not listened to.",
            "Reception staff were abrupt on the phone.",
            "The ward staff treated my dad with dignity and respect.",
            "Staff were compassionate when my wife was dying.",
            "I was spoken to as if I was stupid.",
            "Some staff are lovely and some are rude, it depends who you get.",
            "Staff should be trained in how to talk to people with dementia.",
            "The consultant was patronising and dismissed my concerns.",
            "Everyone was caring and I cannot thank them enough.",
            "The attitude of the receptionists needs to change.",
            "They were respectful of my culture and my faith.",
            "I was shouted at by a member of staff in front of others.",
            "The midwives were wonderful and supportive.",
            "Please be kinder to people who are anxious or upset.",
            "Staff seemed stressed and short tempered with patients.",
            "A smile and a kind word make all the difference.",
        ],
        "start": [
            "The receptionist was rude",
            "The staff were kind",
            "The nurses were caring",
            "I was not listened to",
            "The doctor was dismissive",
            "Staff attitude was poor",
            "Everyone was friendly and respectful",
            "I felt rushed by the staff",
        ],
        "end": [
            "and made me feel like a nuisance.",
            "and treated me with dignity.",
            "so staff need training in compassion.",
            "and took the time to listen.",
            "and spoke to me as if I was stupid.",
            "which made all the difference.",
        ],
    },
}

PER_THEME = 50
TYPO_SHARE = 0.2
SEED = 23


def typo(text, rng):
    """One slip of the keyboard: two letters swapped, one left out, or one doubled."""
    words = text.split()
    candidates = [i for i, word in enumerate(words) if len(word) > 4 and word.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word, at = words[i], rng.randrange(1, len(words[i]) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == 1:
        word = word[:at] + word[at + 1 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[i] = word
    return " ".join(words)


def _combined(parts, rng):
    return f"{rng.choice(parts['start'])} {rng.choice(parts['end'])}"


def comments():
    """[(theme, text)]: 300, 50 a theme, the same every time."""
    rng = random.Random(SEED)
    found = []
    for theme, parts in THEMES.items():
        texts = list(parts["whole"])
        seen = set(texts)
        while len(texts) < PER_THEME:
            text = _combined(parts, rng)
            if text not in seen:
                seen.add(text)
                texts.append(text)
        found += [(theme, typo(text, rng) if rng.random() < TYPO_SHARE else text) for text in texts]
    return found


def variants(n, seed=SEED):
    """n comments made by recombining the same parts, and joining two comments of one theme, with typos."""
    rng = random.Random(seed)
    base = comments()
    by_theme = {}
    for theme, text in base:
        by_theme.setdefault(theme, []).append(text)
    found = list(base)
    while len(found) < n:
        theme = rng.choice(sorted(THEMES))
        kind = rng.randrange(3)
        if kind == 0:
            text = _combined(THEMES[theme], rng)
        elif kind == 1:
            text = f"{rng.choice(by_theme[theme])} {rng.choice(by_theme[theme])}"
        else:
            text = f"{rng.choice(THEMES[theme]['whole'])} {_combined(THEMES[theme], rng)}"
        found.append((theme, typo(text, rng) if rng.random() < TYPO_SHARE else text))
    return found[:n]
