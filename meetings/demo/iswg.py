# ruff: noqa: E501 - demo sentences stay one per line so they read as written
"""Demo content of the ISWG plenary: monthly meetings co-chaired by UNHCR and IOM, 2018–2019."""

from datetime import date

from iswg_portal.core.weekdays import Weekday

from .common import AGENCIES

ISWG_TOR = (
    "<p>The Inter-Sector Working Group (ISWG) of the İzmir field office brings together UN "
    "agencies, NGOs, municipalities and public institutions working with refugees and "
    "asylum-seekers in the ten provinces of the Aegean region.</p>"
    "<h3>Purpose</h3><ul><li>Share information on needs, gaps and responses across sectors.</li>"
    "<li>Agree on joint priorities and avoid duplication.</li>"
    "<li>Follow up the action points agreed by partners until they are closed.</li></ul>"
    "<h3>Ways of working</h3><p>The group meets on the second Wednesday of each month, "
    "co-chaired by UNHCR and IOM. Minutes are circulated within a week and adopted at the "
    "following meeting.</p>"
)

GROUP = {
    "slug": "iswg",
    "title": "Inter-Sector Working Group (ISWG)",
    "sector": "coordination",
    "summary": "The monthly plenary of all partners of the Aegean refugee response.",
    "tor": ISWG_TOR,
    "lead": "unhcr",
    "co_lead": "iom",
    "week": 2,
    "weekday": Weekday.WEDNESDAY,
    "hour": 10,
    "place": "UNHCR İzmir Field Office, Alsancak",
    "members": [slug for slug, *_rest in AGENCIES],
    "focal_points": [
        (
            "Elif Yıldız",
            "unhcr",
            "Co-chair",
            "iswg.unhcr@demo.iswg.example",
            "+90 232 000 0001",
        ),
        ("Daniel Moreau", "iom", "Co-chair", "iswg.iom@demo.iswg.example", "+90 232 000 0002"),
        ("Mehmet Arslan", "asam", "", "izmir.asam@demo.iswg.example", ""),
    ],
    "meetings": [
        {
            "date": date(2018, 9, 12),
            "title": "ISWG monthly meeting, September 2018",
            "agenda": [
                (
                    "Population figures and new arrivals in the Aegean",
                    "unhcr",
                    20,
                    "UNHCR presented the latest figures: about 257,000 refugees and "
                    "asylum-seekers live in the ten provinces, most of them in İzmir.",
                    [
                        (
                            "information",
                            "Figures to be shared with partners after the meeting.",
                            "",
                            None,
                        )
                    ],
                ),
                (
                    "Registration and referral of new arrivals in İzmir",
                    "izmir-migration-directorate",
                    25,
                    "PDMM explained the appointment system for registration. Partners "
                    "reported long waiting times in Buca and Karabağlar.",
                    [
                        (
                            "decision",
                            "Partners refer registration cases through the agreed form only.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Circulate the updated registration referral form to all partners",
                            "izmir-migration-directorate",
                            date(2018, 10, 1),
                        ),
                        (
                            "action_point",
                            "Map NGO legal counselling points per district of İzmir",
                            "asam",
                            date(2018, 11, 1),
                        ),
                    ],
                ),
            ],
        },
        {
            "date": date(2018, 10, 10),
            "title": "ISWG monthly meeting, October 2018",
            "closes": ["Circulate the updated registration referral form"],
            "agenda": [
                (
                    "Winterisation assistance 2018–2019",
                    "turkish-red-crescent",
                    25,
                    "TRC presented the winter cash assistance plan; municipalities asked "
                    "for the list of eligible households per district.",
                    [
                        (
                            "decision",
                            "Winter assistance is coordinated through TRC's lists to avoid duplication.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Share district lists of households eligible for winter support with municipalities",
                            "turkish-red-crescent",
                            date(2018, 11, 15),
                        ),
                    ],
                ),
            ],
        },
        {
            "date": date(2018, 11, 14),
            "title": "ISWG monthly meeting, November 2018",
            "closes": ["Share district lists"],
            "agenda": [
                (
                    "3RP 2019 planning for the Aegean",
                    "unhcr",
                    30,
                    "Partners reviewed the draft sector priorities of the Regional Refugee "
                    "and Resilience Plan for 2019.",
                    [
                        (
                            "decision",
                            "The ISWG submits one consolidated Aegean input to the 3RP.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Send sector inputs for the 3RP 2019 to the co-chairs",
                            "iom",
                            date(2018, 12, 5),
                        ),
                    ],
                ),
            ],
        },
        {
            "date": date(2018, 12, 12),
            "title": "ISWG monthly meeting, December 2018",
            "status": "cancelled",
            "status_note": "Cancelled: most partners attend the 3RP workshop in Ankara that week.",
            "agenda": [("3RP 2019 final review", "unhcr", 30, "", [])],
        },
        {
            "date": date(2019, 1, 9),
            "title": "ISWG monthly meeting, January 2019",
            "closes": ["Send sector inputs"],
            "agenda": [
                (
                    "Municipal social services for refugees",
                    "buca-municipality",
                    25,
                    "Buca, Karabağlar and Konak municipalities described their social "
                    "service units and asked for case management training.",
                    [
                        (
                            "decision",
                            "The Protection Working Group organises a case management training for municipal staff.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Nominate municipal social workers for the case management training",
                            "konak-municipality",
                            date(2019, 2, 1),
                        ),
                    ],
                ),
            ],
        },
        {
            "date": date(2019, 2, 13),
            "title": "ISWG monthly meeting, February 2019",
            "closes": ["Nominate municipal social workers"],
            "agenda": [
                (
                    "Needs Assessment and Case Management training: plan",
                    "asam",
                    20,
                    "ASAM presented the plan: a five-day training for 40 municipal staff "
                    "from Buca, Karabağlar and Konak in March.",
                    [
                        (
                            "information",
                            "40 municipal staff confirmed for the training.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Publish the updated service mapping of İzmir on the portal",
                            "unhcr",
                            date(2019, 4, 30),
                        ),
                    ],
                ),
            ],
        },
        {
            "date": date(2019, 3, 13),
            "title": "ISWG monthly meeting, March 2019",
            "agenda": [
                (
                    "Social Service and Cohesion Camp in Çeşme",
                    "karabaglar-municipality",
                    20,
                    "Karabağlar Municipality proposed a summer camp in Çeşme for refugee "
                    "and host community children.",
                    [
                        (
                            "decision",
                            "The ISWG supports the Çeşme camp; the education group leads the planning.",
                            "",
                            None,
                        ),
                        (
                            "action_point",
                            "Confirm the venue and dates of the Çeşme camp",
                            "karabaglar-municipality",
                            date(2019, 5, 15),
                        ),
                    ],
                ),
                (
                    "Results of the case management training",
                    "asam",
                    15,
                    "All 40 participants completed the training; municipalities asked "
                    "for follow-up coaching.",
                    [
                        (
                            "action_point",
                            "Propose a coaching plan for the trained municipal staff",
                            "asam",
                            date(2019, 6, 30),
                        )
                    ],
                ),
            ],
        },
        {
            "date": date(2019, 4, 10),
            "title": "ISWG monthly meeting, April 2019",
            "agenda": [
                (
                    "Access to health services for unregistered persons",
                    "iom",
                    20,
                    "IOM reported refusals at health centres in Konak for persons "
                    "without registration.",
                    [
                        (
                            "action_point",
                            "Raise health access for unregistered persons with the Provincial Health Directorate",
                            "iom",
                            date(2019, 6, 1),
                        )
                    ],
                ),
            ],
        },
    ],
}
