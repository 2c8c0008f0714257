# ruff: noqa: E501 - demo sentences stay one per line so they read as written
"""Demo content of the Protection Working Group: referral, case management, child protection."""

from datetime import date

from iswg_portal.core.weekdays import Weekday

PROTECTION_TOR = (
    "<p>The Protection Working Group coordinates protection services in the Aegean region: "
    "registration and referral, case management, child protection and the prevention of and "
    "response to sexual and gender-based violence.</p>"
    "<ul><li>Maintain referral pathways per district.</li>"
    "<li>Build the case management capacity of municipal social workers.</li>"
    "<li>Report protection gaps to the ISWG.</li></ul>"
)

GROUP = {
    "slug": "protection",
    "title": "Protection Working Group",
    "sector": "protection",
    "summary": "Registration, referral, case management, child protection and SGBV.",
    "tor": PROTECTION_TOR,
    "lead": "unhcr",
    "co_lead": "asam",
    "week": 3,
    "weekday": Weekday.TUESDAY,
    "hour": 14,
    "place": "ASAM İzmir Multi-Service Centre, Konak",
    "members": [
        "unhcr",
        "asam",
        "iom",
        "buca-municipality",
        "karabaglar-municipality",
        "konak-municipality",
        "izmir-migration-directorate",
    ],
    "focal_points": [
        ("Ayşe Kaplan", "unhcr", "Chair", "protection.unhcr@demo.iswg.example", ""),
        ("Mehmet Arslan", "asam", "Co-chair", "izmir.asam@demo.iswg.example", ""),
    ],
    "meetings": [
        {
            "date": date(2018, 9, 18),
            "title": "Protection Working Group, September 2018",
            "agenda": [
                (
                    "Referral pathways per district",
                    "asam",
                    30,
                    "Partners reviewed the referral pathways for Buca, Karabağlar and Konak.",
                    [
                        (
                            "action_point",
                            "Update the Buca referral pathway with the new social service unit",
                            "buca-municipality",
                            date(2018, 10, 31),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2018, 10, 16),
            "title": "Protection Working Group, October 2018",
            "closes": ["Update the Buca referral pathway"],
            "agenda": [
                (
                    "Child protection: unaccompanied children",
                    "unhcr",
                    30,
                    "Partners discussed the referral of unaccompanied children to the "
                    "Provincial Directorate of Family and Social Services.",
                    [
                        (
                            "decision",
                            "Child protection cases are referred within 24 hours.",
                            "",
                            None,
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2018, 11, 20),
            "title": "Protection Working Group, November 2018",
            "visibility": "members",
            "agenda": [
                (
                    "Case conference: high-risk cases in Konak",
                    "asam",
                    45,
                    "Partners reviewed three high-risk cases and agreed who follows each.",
                    [
                        (
                            "action_point",
                            "Follow up the shelter placement of the high-risk case in Konak",
                            "konak-municipality",
                            date(2018, 12, 15),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 1, 15),
            "title": "Protection Working Group, January 2019",
            "agenda": [
                (
                    "Needs Assessment and Case Management training: curriculum",
                    "asam",
                    30,
                    "The curriculum covers needs assessment, case planning, referral and "
                    "data protection.",
                    [
                        (
                            "action_point",
                            "Finalise the training curriculum and share it with municipalities",
                            "asam",
                            date(2019, 2, 15),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 2, 19),
            "title": "Protection Working Group, February 2019",
            "closes": ["Finalise the training curriculum"],
            "agenda": [
                (
                    "SGBV: safe spaces for women",
                    "iom",
                    25,
                    "IOM presented the plan for two women's safe spaces in Karabağlar.",
                    [
                        (
                            "action_point",
                            "Identify a venue for the women's safe space in Karabağlar",
                            "karabaglar-municipality",
                            date(2019, 4, 1),
                        )
                    ],
                )
            ],
        },
        {
            "date": date(2019, 3, 19),
            "title": "Protection Working Group, March 2019",
            "agenda": [
                (
                    "Case management training: feedback",
                    "asam",
                    20,
                    "Participants rated the training highly and asked for a module on "
                    "child protection.",
                    [
                        (
                            "action_point",
                            "Prepare a child protection module for municipal social workers",
                            "unhcr",
                            date(2019, 5, 31),
                        )
                    ],
                )
            ],
        },
    ],
}
