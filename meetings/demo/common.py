# ruff: noqa: E501 - demo sentences stay one per line so they read as written
"""Demo content shared by every group: agencies, index page titles, the standing opening item."""

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
        "ps": ("موضوعي ډلې", "د کاري ډلې عمومي غونډه او د هغې موضوعي ډلې."),
        "kmr": ("Komên mijarî", "Civîna giştî ya koma xebatê û komên wê yên mijarî."),
    },
    "meetings": {
        "en": ("Meetings", "Upcoming and past meetings of every group, with calendar feeds."),
        "tr": ("Toplantılar", "Tüm grupların yaklaşan ve geçmiş toplantıları, takvim akışlarıyla."),
        "ar": ("الاجتماعات", "الاجتماعات القادمة والسابقة لكل المجموعات، مع تقويمات للاشتراك."),
        "fa": ("جلسات", "جلسات آینده و گذشتهٔ همهٔ گروه‌ها، همراه با تقویم‌ها."),
        "ps": ("غونډې", "د ټولو ډلو راتلونکې او تېرې غونډې، د ګډون وړ جنتریو سره."),
        "kmr": (
            "Civîn",
            "Civînên bê û yên borî yên hemû koman, bi salnameyên ku tu dikarî bişopînî.",
        ),
    },
}


STANDARD_OPENING = ("Welcome and round of introductions", "unhcr", 10)
