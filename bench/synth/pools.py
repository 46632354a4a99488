"""The vocabulary the synthetic agreements draw from: partners, people, dates, areas.

Everything here is written the way the five real texts write it, so that the pipeline meets
the same phrasing it meets in ``corpus/``: partners are ISO 3166 countries whose names the
party lexicon (pycountry) knows, ministries are named "Ministry of … of <country>", persons
are "FAMILY Given" on the Japanese side and "Given FAMILY" or "Given Family" on the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Partner:
    """A partner country: its ISO code, short and official names, a capital, a demonym."""

    code: str
    short: str
    official: str
    capital: str


PARTNERS: tuple[Partner, ...] = (
    Partner("no", "Norway", "Kingdom of Norway", "Oslo"),
    Partner("se", "Sweden", "Kingdom of Sweden", "Stockholm"),
    Partner("fi", "Finland", "Republic of Finland", "Helsinki"),
    Partner("sg", "Singapore", "Republic of Singapore", "Singapore"),
    Partner("in", "India", "Republic of India", "New Delhi"),
    Partner("pl", "Poland", "Republic of Poland", "Warsaw"),
    Partner("es", "Spain", "Kingdom of Spain", "Madrid"),
    Partner("nl", "Netherlands", "Kingdom of the Netherlands", "The Hague"),
    Partner("be", "Belgium", "Kingdom of Belgium", "Brussels"),
    Partner("at", "Austria", "Republic of Austria", "Vienna"),
    Partner("lt", "Lithuania", "Republic of Lithuania", "Vilnius"),
    Partner("lv", "Latvia", "Republic of Latvia", "Riga"),
    Partner("cl", "Chile", "Republic of Chile", "Santiago"),
    Partner("br", "Brazil", "Federative Republic of Brazil", "Brasília"),
    Partner("ke", "Kenya", "Republic of Kenya", "Nairobi"),
    Partner("th", "Thailand", "Kingdom of Thailand", "Bangkok"),
    Partner("ph", "Philippines", "Republic of the Philippines", "Manila"),
    Partner("id", "Indonesia", "Republic of Indonesia", "Jakarta"),
    Partner("il", "Israel", "State of Israel", "Jerusalem"),
    Partner("ma", "Morocco", "Kingdom of Morocco", "Rabat"),
    Partner("gr", "Greece", "Hellenic Republic", "Athens"),
    Partner("bg", "Bulgaria", "Republic of Bulgaria", "Sofia"),
    Partner("hr", "Croatia", "Republic of Croatia", "Zagreb"),
    Partner("si", "Slovenia", "Republic of Slovenia", "Ljubljana"),
    Partner("sk", "Slovakia", "Slovak Republic", "Bratislava"),
    Partner("is", "Iceland", "Republic of Iceland", "Reykjavík"),
    Partner("ch", "Switzerland", "Swiss Confederation", "Bern"),
    Partner("it", "Italy", "Italian Republic", "Rome"),
    Partner("fr", "France", "French Republic", "Paris"),
    Partner("de", "Germany", "Federal Republic of Germany", "Berlin"),
    Partner("ar", "Argentina", "Argentine Republic", "Buenos Aires"),
    Partner("pe", "Peru", "Republic of Peru", "Lima"),
    Partner("co", "Colombia", "Republic of Colombia", "Bogotá"),
    Partner("uy", "Uruguay", "Eastern Republic of Uruguay", "Montevideo"),
    Partner("ng", "Nigeria", "Federal Republic of Nigeria", "Abuja"),
    Partner("gh", "Ghana", "Republic of Ghana", "Accra"),
    Partner("pt", "Portugal", "Portuguese Republic", "Lisbon"),
    Partner("cz", "Czechia", "Czech Republic", "Prague"),
    Partner("ro", "Romania", "Romania", "Bucharest"),
    Partner("hu", "Hungary", "Hungary", "Budapest"),
)

#: Partner ministries, named as governments name themselves (the org recogniser's pattern).
MINISTRIES: tuple[str, ...] = (
    "Ministry of Digital Affairs",
    "Ministry of Digital Development and Innovation",
    "Ministry of Economic Affairs and Communications",
    "Ministry of Science, Technology and Innovation",
    "Ministry of Transport and Communications",
    "Ministry of Digital Government",
    "Ministry of Industry and Information Technology",
    "Ministry of Research and Digital Transformation",
)

#: Japanese ministers as the texts write them: FAMILY Given.
JAPANESE_SIGNATORIES: tuple[str, ...] = (
    "MATSUMOTO Takeaki", "HAYASHI Yoshimasa", "KONO Taro", "MATSUMOTO Hisashi",
    "NISHIMURA Yasutoshi", "SUZUKI Junji", "TAIRA Masaaki", "MURAKAMI Seiichiro",
    "TAKAICHI Sanae", "SAITO Ken", "KISHIDA Kenta", "OKADA Naoki",
)  # fmt: skip
GIVEN: tuple[str, ...] = (
    "Anna", "Marie", "Jonas", "Elisabeth", "Lukas", "Sofia", "Mateus", "Ingrid", "Pieter",
    "Helena", "Tomas", "Laura", "Mikael", "Ana", "Kwame", "Amina", "Rafael", "Katrin",
)  # fmt: skip
FAMILY: tuple[str, ...] = (
    "Berg", "Novak", "Jansen", "Moreau", "Silva", "Kowalski", "Lindqvist", "Okafor",
    "Rossi", "Dubois", "Horvat", "Mensah", "Papadopoulos", "Vasquez", "Keller", "Ozols",
)  # fmt: skip

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

#: Themes that make partnership and body names unique per partner (bodies are global IRIs).
THEMES: tuple[str, ...] = (
    "Digital", "Data", "Green Digital", "AI", "Connectivity", "Cyber", "Semiconductor",
    "Quantum", "Space", "Health Data",
)  # fmt: skip

#: Areas of cooperation in the memorandum layouts: a heading and its lettered items.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Safe, secure and trustworthy AI", (
        "Cooperation to promote safe, secure and trustworthy AI globally based on the "
        "outcomes of the Hiroshima AI Process.",
        "Exchange of information on initiatives to ensure interoperability between AI "
        "governance frameworks such as regulations or guidelines formulated by each Side.",
    )),
    ("Cybersecurity", (
        "Exchange of information on best practices and human resource development "
        "initiatives related to cybersecurity in the field of ICT.",
    )),
    ("Promotion of investment", (
        "Exchange of information on each Side's initiatives to encourage private sector to "
        "invest in both countries.",
    )),
    ("Promoting Digital Transformation /Digitalisation by local governments", (
        "Exchange of information on the initiatives and issues related to digital "
        "transformation /digitalisation by local governments in each Country.",
    )),
    ("Space Communications", (
        "Promotion of research and development in satellite optical communication and space "
        "network technology.",
    )),
    ("Data Free Flow with Trust", (
        "Cooperation to operationalise Data Free Flow with Trust through the Institutional "
        "Arrangement for Partnership.",
        "Exchange of information on personal data protection and privacy-enhancing "
        "technologies.",
    )),
    ("Semiconductors", (
        "Exchange of information on research and development of next-generation "
        "semiconductors and the resilience of their supply chains.",
    )),
    ("5G and Beyond 5G", (
        "Cooperation on research and development of Beyond 5G (6G) and Open RAN.",
        "Exchange of information on the security and diversity of telecommunications "
        "supply chains.",
    )),
    ("Digital identity", (
        "Exchange of information on digital identity and trust services, with a view to "
        "their interoperability.",
    )),
    ("Submarine cables", (
        "Cooperation on secure and resilient submarine cables connecting both Countries.",
    )),
)  # fmt: skip
