# ruff: noqa: E501 - demo sentences stay one per line so they read as written
"""Demo content of the Education and Social Cohesion Working Group: Manisa ToT, Çeşme camp."""

from datetime import date

from iswg_portal.core.weekdays import Weekday

EDUCATION_TOR = (
    "<p>The Education and Social Cohesion Working Group supports access of refugee children "
    "to education and the cohesion between refugee and host communities.</p>"
    "<ul><li>Coordinate teacher training and Turkish language courses.</li>"
    "<li>Plan joint social cohesion activities with municipalities.</li></ul>"
)

GROUP = {
    "slug": "education-social-cohesion",
    "title": "Education and Social Cohesion Working Group",
    "sector": "education",
    "summary": "Access to school, teacher training and activities that bring communities together.",
    "tor": EDUCATION_TOR,
    "lead": "iom",
    "co_lead": "karabaglar-municipality",
    "week": 1,
    "weekday": Weekday.THURSDAY,
    "hour": 10,
    "place": "Karabağlar Municipality Social Services Centre",
    "members": [
        "iom",
        "unhcr",
        "asam",
        "karabaglar-municipality",
        "buca-municipality",
        "konak-municipality",
        "turkish-red-crescent",
    ],
    "focal_points": [
        (
            "Selin Öztürk",
            "karabaglar-municipality",
            "Co-chair",
            "education.karabaglar@demo.iswg.example",
            "",
        ),
        ("Daniel Moreau", "iom", "Chair", "iswg.iom@demo.iswg.example", ""),
    ],
    "meetings": [
        {
            "date": date(2018, 10, 4),
            "title": "Education and Social Cohesion, October 2018",
            "agenda": [
                (
                    "School enrolment of refugee children 2018–2019",
                    "unhcr",
                    25,
                    "Partners shared enrolment figures; access to secondary school "
                    "remains low in Manisa.",
                    [
                        (
                            "action_point",
                            "Collect enrolment figures per district from partners",
                            "iom",
                            date(2018, 11, 30),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2018, 12, 6),
            "title": "Education and Social Cohesion, December 2018",
            "closes": ["Collect enrolment figures"],
            "agenda": [
                (
                    "Training of Trainers for teachers in Manisa: proposal",
                    "iom",
                    25,
                    "IOM proposed a Training of Trainers for 70 teachers in Manisa on "
                    "inclusive classrooms.",
                    [
                        (
                            "decision",
                            "The group supports the Training of Trainers in Manisa.",
                            "",
                            None,
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 2, 7),
            "title": "Education and Social Cohesion, February 2019",
            "agenda": [
                (
                    "Training of Trainers for 70 teachers in Manisa: preparation",
                    "iom",
                    25,
                    "The Provincial Directorate of National Education agreed to release "
                    "70 teachers for three days.",
                    [
                        (
                            "action_point",
                            "Send the list of 70 teachers and the training agenda",
                            "iom",
                            date(2019, 3, 1),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 4, 4),
            "title": "Education and Social Cohesion, April 2019",
            "closes": ["Send the list of 70 teachers"],
            "agenda": [
                (
                    "Social Service and Cohesion Camp in Çeşme: planning",
                    "karabaglar-municipality",
                    30,
                    "The camp will host 120 children, half from refugee and half from "
                    "host families, for one week in July.",
                    [
                        (
                            "decision",
                            "The camp takes place in Çeşme in the second week of July 2019.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Arrange transport from İzmir to Çeşme for the camp",
                            "buca-municipality",
                            date(2019, 6, 15),
                        ),
                    ],
                )
            ],
        },
        {
            "date": date(2019, 6, 6),
            "title": "Education and Social Cohesion, June 2019",
            "agenda": [
                (
                    "Çeşme camp: volunteers and interpreters",
                    "asam",
                    20,
                    "ASAM will provide Arabic and Persian interpreters for the camp.",
                    [
                        (
                            "action_point",
                            "Recruit ten volunteer interpreters for the Çeşme camp",
                            "asam",
                            date(2019, 7, 1),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 9, 5),
            "title": "Education and Social Cohesion, September 2019",
            "agenda": [
                (
                    "Çeşme camp and Manisa training: lessons learnt",
                    "iom",
                    30,
                    "The camp reached 118 children; 68 of 70 teachers completed the "
                    "Manisa training.",
                    [
                        (
                            "action_point",
                            "Write the lessons-learnt report of the Çeşme camp",
                            "karabaglar-municipality",
                            date(2019, 10, 31),
                        )
                    ],
                )
            ],
        },
    ],
}
