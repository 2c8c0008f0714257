"""Demo helplines in every language of the portal: Türkiye's national lines a refugee most
needs, and the İzmir metropolitan municipality's own line for the province's example. Real,
publicly known numbers only."""

from django.db import transaction

from iswg_portal.core.indexing import index_once
from iswg_portal.core.locales import ensure_locales

from ..models import Helpline, Province

# number, order, province slug (None: the whole region), then (name, what it is for) by
# language.
HELPLINES = [
    (
        "112",
        10,
        None,
        {
            "en": ("Emergency", "Ambulance, fire or police: any emergency. Free, day and night."),
            "tr": (
                "Acil Çağrı",
                "Ambulans, itfaiye veya polis: her türlü acil durum. Ücretsiz, gece gündüz.",
            ),
            "ar": ("الطوارئ", "إسعاف أو إطفاء أو شرطة: أي حالة طارئة. مجاني، ليلاً ونهاراً."),
            "fa": ("اورژانس", "آمبولانس، آتش‌نشانی یا پلیس: هر وضعیت اضطراری. رایگان، شبانه‌روزی."),
            "ps": ("بیړني حالت", "امبولانس، اور وژنه یا پولیس: هر بیړنی حالت. وړیا، شپه او ورځ."),
            "kmr": ("Acîl", "Ambulans, agirkuj an polîs: her rewşa acîl. Belaş, şev û roj."),
        },
    ),
    (
        "155",
        20,
        None,
        {
            "en": ("Police", "A crime, a theft, a threat or violence in the street."),
            "tr": ("Polis İmdat", "Suç, hırsızlık, tehdit veya sokakta şiddet."),
            "ar": ("الشرطة", "جريمة أو سرقة أو تهديد أو عنف في الشارع."),
            "fa": ("پلیس", "جرم، دزدی، تهدید یا خشونت در خیابان."),
            "ps": ("پولیس", "جرم، غلا، ګواښ یا په سړک کې تاوتریخوالی."),
            "kmr": ("Polîs", "Sûc, dizî, tehdît an tundî li kolanê."),
        },
    ),
    (
        "157",
        30,
        None,
        {
            "en": (
                "YİMER – Foreigners' Communication Centre",
                "Questions about registration, residence and protection status, and reporting "
                "human trafficking. Answers in Arabic, Persian, English and Turkish, day and "
                "night.",
            ),
            "tr": (
                "YİMER – Yabancılar İletişim Merkezi",
                "Kayıt, ikamet ve koruma statüsüyle ilgili sorular; insan ticaretini bildirme. "
                "Arapça, Farsça, İngilizce ve Türkçe yanıt verir, gece gündüz.",
            ),
            "ar": (
                "YİMER – مركز اتصال الأجانب",
                "أسئلة عن التسجيل والإقامة ووضع الحماية، والإبلاغ عن الاتجار بالبشر. يجيب "
                "بالعربية والفارسية والإنجليزية والتركية، ليلاً ونهاراً.",
            ),
            "fa": (
                "YİMER – مرکز ارتباط با اتباع خارجی",
                "پرسش‌ها درباره ثبت‌نام، اقامت و وضعیت حمایتی، و گزارش قاچاق انسان. به عربی، "
                "فارسی، انگلیسی و ترکی پاسخ می‌دهد، شبانه‌روزی.",
            ),
            "ps": (
                "YİMER – د بهرنیانو د اړیکو مرکز",
                "د نوم لیکنې، استوګنې او د ساتنې د حالت په اړه پوښتنې، او د انسانانو د قاچاق "
                "راپور. په عربي، فارسي، انګلیسي او ترکي ځواب ورکوي، شپه او ورځ.",
            ),
            "kmr": (
                "YİMER – Navenda Têkiliyê ya Biyaniyan",
                "Pirsên li ser qeydkirin, rûniştin û statûya parastinê, û ragihandina "
                "bazirganiya mirovan. Bi erebî, farisî, îngilîzî û tirkî bersiv dide, şev û roj.",
            ),
        },
    ),
    (
        "183",
        40,
        None,
        {
            "en": (
                "ALO 183 Social Support Line",
                "Violence against women, a child at risk, an older or disabled person who needs "
                "care. Free, day and night.",
            ),
            "tr": (
                "ALO 183 Sosyal Destek Hattı",
                "Kadına yönelik şiddet, risk altındaki çocuk, bakıma ihtiyaç duyan yaşlı veya "
                "engelli kişi. Ücretsiz, gece gündüz.",
            ),
            "ar": (
                "خط الدعم الاجتماعي ALO 183",
                "العنف ضد المرأة، طفل في خطر، شخص مسنّ أو ذو إعاقة يحتاج إلى رعاية. مجاني، "
                "ليلاً ونهاراً.",
            ),
            "fa": (
                "خط حمایت اجتماعی ALO 183",
                "خشونت علیه زنان، کودک در معرض خطر، فرد سالمند یا دارای معلولیت که به مراقبت "
                "نیاز دارد. رایگان، شبانه‌روزی.",
            ),
            "ps": (
                "د ټولنیز ملاتړ کرښه ALO 183",
                "پر ښځو تاوتریخوالی، په خطر کې ماشوم، زوړ یا معلول کس چې پاملرنې ته اړتیا لري. "
                "وړیا، شپه او ورځ.",
            ),
            "kmr": (
                "Xeta Piştgiriya Civakî ALO 183",
                "Tundiya li dijî jinan, zarokek di xetereyê de, kesekî kal an astengdar ku "
                "pêdiviya wî bi lênêrînê heye. Belaş, şev û roj.",
            ),
        },
    ),
    (
        "153",
        50,
        "izmir",
        {
            "en": (
                "İzmir Metropolitan Municipality",
                "The city's services: social aid, transport, water, and complaints about the "
                "municipality.",
            ),
            "tr": (
                "İzmir Büyükşehir Belediyesi Hemşehri İletişim Merkezi",
                "Kentin hizmetleri: sosyal yardım, ulaşım, su ve belediyeyle ilgili şikâyetler.",
            ),
            "ar": (
                "بلدية إزمير الكبرى",
                "خدمات المدينة: المساعدات الاجتماعية والمواصلات والمياه والشكاوى المتعلقة "
                "بالبلدية.",
            ),
            "fa": (
                "شهرداری کلان‌شهر ازمیر",
                "خدمات شهر: کمک‌های اجتماعی، حمل‌ونقل، آب و شکایت درباره شهرداری.",
            ),
            "ps": (
                "د ازمیر لوی ښاروالي",
                "د ښار خدمتونه: ټولنیزې مرستې، ترانسپورت، اوبه او د ښاروالۍ په اړه شکایتونه.",
            ),
            "kmr": (
                "Şaredariya Bajarê Mezin a Îzmîrê",
                "Xizmetên bajêr: alîkariya civakî, veguhastin, av û gilî li ser şaredariyê.",
            ),
        },
    ),
]


@transaction.atomic
@index_once()
def seed_helplines(stdout):
    """The demo helplines in every language, matched by number and province: seeding twice
    creates nothing new, and a helpline a co-chair has reworded keeps its words."""
    locales = ensure_locales()
    provinces = {province.slug: province for province in Province.objects.all()}
    created = 0
    for number, order, province_slug, texts in HELPLINES:
        province = provinces.get(province_slug) if province_slug else None
        if province_slug and province is None:
            continue
        english = Helpline.objects.filter(
            locale=locales["en"], number=number, province=province
        ).first()
        if english is None:
            name, purpose = texts["en"]
            english = Helpline.objects.create(
                locale=locales["en"],
                number=number,
                order=order,
                province=province,
                name=name,
                purpose=purpose,
            )
            created += 1
        have = set(
            Helpline.objects.filter(translation_key=english.translation_key).values_list(
                "locale__language_code", flat=True
            )
        )
        for code, (name, purpose) in texts.items():
            if code in have:
                continue
            Helpline.objects.create(
                locale=locales[code],
                translation_key=english.translation_key,
                number=number,
                order=order,
                province=province,
                name=name,
                purpose=purpose,
            )
            created += 1
    stdout.write(f"Helplines: {Helpline.objects.count()} in all languages ({created} new).")
