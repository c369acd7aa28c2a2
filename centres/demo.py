"""Demo centres: ≈900 CPO (≈850 licensed at the end of 2024) and ≈38 CIPO across the 28 regions."""

import datetime as dt

from centres import registry_version
from centres.models import Centre, CentreKind
from centres.regions import Region

# Rough weights: where the country's training centres are (Sofia and the big cities lead).
REGION_WEIGHTS = {
    Region.SOFIA_CITY: 26,
    Region.PLOVDIV: 10,
    Region.VARNA: 8,
    Region.BURGAS: 7,
    Region.STARA_ZAGORA: 4,
    Region.BLAGOEVGRAD: 4,
    Region.RUSE: 3,
    Region.PLEVEN: 3,
    Region.VELIKO_TARNOVO: 3,
    Region.HASKOVO: 3,
    Region.PAZARDZHIK: 3,
    Region.SLIVEN: 2,
    Region.SHUMEN: 2,
    Region.DOBRICH: 2,
    Region.SOFIA: 2,
    Region.KARDZHALI: 2,
    Region.YAMBOL: 2,
    Region.VRATSA: 2,
    Region.KYUSTENDIL: 2,
    Region.PERNIK: 2,
    Region.LOVECH: 1,
    Region.MONTANA: 1,
    Region.GABROVO: 1,
    Region.TARGOVISHTE: 1,
    Region.RAZGRAD: 1,
    Region.SILISTRA: 1,
    Region.SMOLYAN: 1,
    Region.VIDIN: 1,
}
MUNICIPALITY = {
    Region.SOFIA_CITY: "Столична",
    Region.SOFIA: "Самоков",
    Region.VELIKO_TARNOVO: "Велико Търново",
    Region.STARA_ZAGORA: "Стара Загора",
}
STEMS = [
    "Алфа",
    "Бета",
    "Гама",
    "Делта",
    "Европа",
    "Знание",
    "Интелект",
    "Кариера",
    "Компас",
    "Лидер",
    "Меридиан",
    "Нова визия",
    "Образование плюс",
    "Перспектива",
    "Прогрес",
    "Развитие",
    "Стандарт",
    "Успех",
    "Хоризонт",
    "Юнона",
    "Академия",
    "Бизнес консулт",
    "Витоша",
    "Дунав",
    "Елит",
    "Зенит",
    "Иновации",
    "Класик",
    "Логос",
    "Мост",
    "Орион",
    "Пирин",
    "Родопи",
    "Сердика",
    "Тракия",
    "Феникс",
    "Черно море",
    "Балкан",
    "Вектор",
    "Импулс",
    "Квалитет",
    "Мениджър",
    "Профи",
    "Синергия",
    "Старт",
    "Техника",
    "Умения",
    "Шанс",
    "Акцент",
    "Гарант",
]
FORMS = ["ЕООД", "ООД", "АД", "ЕАД", "Сдружение"]
STREETS = [
    "ул. „Витоша“",
    "бул. „България“",
    "ул. „Раковски“",
    "бул. „Христо Ботев“",
    "ул. „Шипка“",
    "ул. „Освобождение“",
]
TRANSLIT = str.maketrans(
    dict(zip("абвгдежзийклмнопрстуфхцчшщъьюя", "abvgdejziiklmnoprstufhccssaiuy", strict=False))
    | {"ж": "zh", "ш": "sh", "ч": "ch", "щ": "sht", "ю": "yu", "я": "ya"}
)


def _weighted_regions():
    return [region for region, weight in REGION_WEIGHTS.items() for _ in range(weight)]


def _slug(text):
    return "".join(ch for ch in text.lower().translate(TRANSLIT) if ch.isalnum())[:20] or "centre"


def seed(ctx):
    rng = ctx.rng
    regions = _weighted_regions()
    centres = []
    used_names = set()

    def add(kind, number, licence_year):
        region = rng.choice(regions)
        stem = rng.choice(STEMS)
        suffix = rng.choice(FORMS)
        base = f"„{stem}“ {suffix}"
        name = f"ЦПО към {base}" if kind == CentreKind.CPO else f"ЦИПО към {base}"
        while name in used_names:
            name = f"{name[: -len(suffix)]}{rng.choice(['Груп', 'Център', 'БГ', '2000', 'Про'])} {suffix}"
        used_names.add(name)
        licensed_on = dt.date(licence_year, rng.randint(1, 12), rng.randint(1, 28))
        revoked = None
        if rng.random() < 0.06:
            # A few licences end each year, so counts of licensed centres move over time.
            revoked = licensed_on + dt.timedelta(days=rng.randint(400, 6000))
            if revoked > dt.date(2026, 6, 30):
                revoked = None
        prefix = "20" if kind == CentreKind.CPO else "30"
        municipality = MUNICIPALITY.get(region, region.value)
        town = "София" if region == Region.SOFIA_CITY else municipality
        centres.append(
            Centre(
                kind=kind,
                licence_number=f"{prefix}{licence_year % 100:02d}{number:05d}",
                name=name,
                region=region,
                municipality=municipality,
                address=f"гр. {town}, {rng.choice(STREETS)} {rng.randint(1, 180)}",
                email=f"info@{_slug(stem)}{number}.bg",
                website=f"https://{_slug(stem)}{number}.bg" if rng.random() < 0.7 else "",
                licensed_on=licensed_on,
                licence_revoked_on=revoked,
                iso_9001=rng.random() < 0.35,
            )
        )

    for number in range(1, 881):
        add(CentreKind.CPO, number, rng.randint(2003, 2024))
    for number in range(1, 39):
        add(CentreKind.CIPO, number, rng.randint(2005, 2021))
    Centre.objects.bulk_create(centres, batch_size=500)
    registry_version.bump()  # bulk writes send no post_save
    ctx.progress("centres", len(centres), len(centres))

    saved = list(Centre.objects.order_by("licence_number"))
    cpo = [c for c in saved if c.kind == CentreKind.CPO]
    cipo = [c for c in saved if c.kind == CentreKind.CIPO]
    end_2024 = dt.date(2024, 12, 31)
    # Demo users' centres: long licensed, never revoked, with a full history.
    demo_cpo = [c for c in cpo if c.licence_revoked_on is None and c.licensed_on.year < 2019][:3]
    demo_cipo = [c for c in cipo if c.licence_revoked_on is None and c.licensed_on.year < 2019][:1]
    ctx.data["cpo_centres"] = cpo
    ctx.data["cipo_centres"] = cipo
    ctx.data["demo_centres"] = demo_cpo + demo_cipo
    licensed = sum(1 for c in cpo if c.is_licensed_on(end_2024))
    ctx.stdout.write(f"  {len(cpo)} CPO ({licensed} licensed on 31.12.2024), {len(cipo)} CIPO")
