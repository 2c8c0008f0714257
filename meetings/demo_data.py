# ruff: noqa: E501 - demo sentences stay one per line so they read as written
"""Demo content of the thematic groups: drawn from the Aegean response's work in 2018–2019.

Agendas list (title, presenter agency slug, minutes allotted, minutes text, outcomes); an
outcome is (kind, text, responsible agency slug, due date). `closes` names the start of an
earlier action point that the meeting's matters arising mark done.
"""

from datetime import date

AGENCIES = [
    # slug, title, acronym, type, website
    ("unhcr", "UN Refugee Agency", "UNHCR", "un", "https://www.unhcr.org/tr/"),
    ("iom", "International Organization for Migration", "IOM", "un", "https://turkey.iom.int/"),
    (
        "asam",
        "Association for Solidarity with Asylum Seekers and Migrants",
        "ASAM/SGDD",
        "ngo",
        "https://sgdd.org.tr/",
    ),
    ("buca-municipality", "Buca Municipality", "", "municipality", "https://www.buca.bel.tr/"),
    (
        "izmir-migration-directorate",
        "İzmir Provincial Directorate of Migration Management",
        "PDMM İzmir",
        "public",
        "https://www.goc.gov.tr/",
    ),
    ("turkish-red-crescent", "Turkish Red Crescent", "TRC", "ngo", "https://www.kizilay.org.tr/"),
    (
        "karabaglar-municipality",
        "Karabağlar Municipality",
        "",
        "municipality",
        "https://www.karabaglar.bel.tr/",
    ),
    ("konak-municipality", "Konak Municipality", "", "municipality", "https://www.konak.bel.tr/"),
]

INDEX_TITLES = {
    "groups": {
        "en": ("Thematic groups", "The working group's plenary and its thematic groups."),
        "tr": ("Tematik gruplar", "Çalışma grubunun genel toplantısı ve tematik grupları."),
        "ar": ("المجموعات المواضيعية", "الاجتماع العام لمجموعة العمل ومجموعاتها المواضيعية."),
        "fa": ("گروه‌های موضوعی", "نشست عمومی گروه کاری و گروه‌های موضوعی آن."),
    },
    "meetings": {
        "en": ("Meetings", "Upcoming and past meetings of every group, with calendar feeds."),
        "tr": ("Toplantılar", "Tüm grupların yaklaşan ve geçmiş toplantıları, takvim akışlarıyla."),
        "ar": ("الاجتماعات", "الاجتماعات القادمة والسابقة لكل المجموعات، مع تقويمات للاشتراك."),
        "fa": ("جلسات", "جلسات آینده و گذشتهٔ همهٔ گروه‌ها، همراه با تقویم‌ها."),
    },
}

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

PROTECTION_TOR = (
    "<p>The Protection Working Group coordinates protection services in the Aegean region: "
    "registration and referral, case management, child protection and the prevention of and "
    "response to sexual and gender-based violence.</p>"
    "<ul><li>Maintain referral pathways per district.</li>"
    "<li>Build the case management capacity of municipal social workers.</li>"
    "<li>Report protection gaps to the ISWG.</li></ul>"
)

EDUCATION_TOR = (
    "<p>The Education and Social Cohesion Working Group supports access of refugee children "
    "to education and the cohesion between refugee and host communities.</p>"
    "<ul><li>Coordinate teacher training and Turkish language courses.</li>"
    "<li>Plan joint social cohesion activities with municipalities.</li></ul>"
)

STANDARD_OPENING = ("Welcome and round of introductions", "unhcr", 10)

GROUPS = [
    {
        "slug": "iswg",
        "title": "Inter-Sector Working Group (ISWG)",
        "sector": "coordination",
        "summary": "The monthly plenary of all partners of the Aegean refugee response.",
        "tor": ISWG_TOR,
        "lead": "unhcr",
        "co_lead": "iom",
        "week": 2,
        "weekday": 2,
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
    },
    {
        "slug": "protection",
        "title": "Protection Working Group",
        "sector": "protection",
        "summary": "Registration, referral, case management, child protection and SGBV.",
        "tor": PROTECTION_TOR,
        "lead": "unhcr",
        "co_lead": "asam",
        "week": 3,
        "weekday": 1,
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
    },
    {
        "slug": "education-social-cohesion",
        "title": "Education and Social Cohesion Working Group",
        "sector": "education",
        "summary": "Access to school, teacher training and activities that bring communities together.",
        "tor": EDUCATION_TOR,
        "lead": "iom",
        "co_lead": "karabaglar-municipality",
        "week": 1,
        "weekday": 3,
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
    },
]
