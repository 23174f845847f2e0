//! Word lists for synthetic movers: names by origin, places, occupations, campaigns.

pub struct Origin {
    pub country: &'static str,
    pub language: &'static str,
    pub domain: &'static str,
    pub first: &'static [&'static str],
    pub last: &'static [&'static str],
    pub places: &'static [&'static str],
}

pub const ORIGINS: [Origin; 4] = [
    Origin {
        country: "NL",
        language: "nl",
        domain: "example.nl",
        first: &[
            "Sanne", "Daan", "Emma", "Lars", "Femke", "Joost", "Lotte", "Bram", "Anouk", "Thijs",
            "Eva", "Ruben", "Noor", "Sem", "Fleur", "Joris",
        ],
        last: &[
            "de Vries",
            "Jansen",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "de Groot",
            "Bos",
            "Vos",
            "Peters",
            "Hendriks",
        ],
        places: &[
            "Utrecht",
            "Amsterdam",
            "Rotterdam",
            "Eindhoven",
            "Groningen",
            "Zwolle",
            "Arnhem",
            "Leiden",
            "Haarlem",
            "Breda",
        ],
    },
    Origin {
        country: "DE",
        language: "de",
        domain: "example.de",
        first: &[
            "Jonas",
            "Lena",
            "Felix",
            "Hanna",
            "Lukas",
            "Marie",
            "Paul",
            "Sophie",
            "Maximilian",
            "Anna",
            "Jan",
            "Katrin",
            "Tobias",
            "Julia",
        ],
        last: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Koch",
            "Richter",
        ],
        places: &[
            "Hamburg", "Berlin", "München", "Köln", "Hannover", "Bremen", "Leipzig", "Dresden",
            "Kiel", "Lübeck",
        ],
    },
    Origin {
        country: "SE",
        language: "sv",
        domain: "example.se",
        first: &[
            "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Åsa", "Björn",
            "Elin", "Gustav", "Linnéa", "Oskar", "Ingrid", "Måns",
        ],
        last: &[
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Lindström",
            "Öberg",
            "Åkesson",
            "Holm",
        ],
        places: &[
            "Stockholm",
            "Göteborg",
            "Malmö",
            "Uppsala",
            "Lund",
            "Linköping",
            "Örebro",
            "Västerås",
            "Helsingborg",
            "Jönköping",
        ],
    },
    Origin {
        country: "GB",
        language: "en",
        domain: "example.org",
        first: &[
            "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Emily", "Thomas",
            "Grace", "James", "Lucy",
        ],
        last: &[
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas",
            "Roberts", "Walker", "Wright",
        ],
        places: &[
            "Leeds",
            "Manchester",
            "Bristol",
            "York",
            "Edinburgh",
            "Glasgow",
            "Norwich",
            "Cardiff",
        ],
    },
];

/// County codes weighted towards where movers from Sweden come from.
/// Occupations as a mover writes them in its own language: Swedish, English, German, Dutch.
pub const OCCUPATIONS: [[&str; 4]; 16] = [
    [
        "Sjuksköterska",
        "Nurse",
        "Krankenschwester",
        "Verpleegkundige",
    ],
    ["Lärare", "Teacher", "Lehrerin", "Leraar"],
    ["Snickare", "Carpenter", "Tischler", "Timmerman"],
    ["Elektriker", "Electrician", "Elektriker", "Elektricien"],
    [
        "Programmerare",
        "Software developer",
        "Softwareentwickler",
        "Programmeur",
    ],
    [
        "Undersköterska",
        "Nursing assistant",
        "Pflegehelferin",
        "Verzorgende IG",
    ],
    ["Kock", "Chef", "Koch", "Kok"],
    ["Ingenjör", "Engineer", "Ingenieur", "Ingenieur"],
    ["Läkare", "Doctor", "Ärztin", "Huisarts"],
    [
        "Förskollärare",
        "Preschool teacher",
        "Erzieherin",
        "Pedagogisch medewerker",
    ],
    [
        "Lastbilsförare",
        "Truck driver",
        "LKW-Fahrer",
        "Vrachtwagenchauffeur",
    ],
    ["Ekonom", "Accountant", "Buchhalterin", "Boekhouder"],
    ["Frisör", "Hairdresser", "Friseurin", "Kapper"],
    ["Mekaniker", "Mechanic", "Kfz-Mechatroniker", "Automonteur"],
    ["Konstnär", "Artist", "Künstlerin", "Kunstenaar"],
    [
        "Egen företagare",
        "Self-employed",
        "Selbstständig",
        "Zelfstandig ondernemer",
    ],
];

/// An occupation in the language a mover of `lang` writes it in.
pub fn occupation_in(o: &[&'static str; 4], lang: &str) -> &'static str {
    match lang {
        "en" => o[1],
        "de" => o[2],
        "nl" => o[3],
        _ => o[0],
    }
}

/// Employers of the region, by kind of work: (employer, a title, an occupation code).
pub const EMPLOYERS: [(&str, &str, &str); 12] = [
    (
        "Region Västerbotten",
        "Sjuksköterska till hälsocentralen",
        "nurse",
    ),
    (
        "Kommunens äldreomsorg",
        "Undersköterska, särskilt boende",
        "assistant_nurse",
    ),
    ("Kommunens förskolor", "Förskollärare", "preschool_teacher"),
    ("Grundskolan", "Lärare åk 4–6", "teacher"),
    (
        "Inlandets Åkeri AB",
        "Lastbilschaufför, timmer",
        "truck_driver",
    ),
    ("Norrlandsbygg AB", "Snickare", "carpenter"),
    ("Elnät Inland AB", "Elektriker", "electrician"),
    ("Fjällhotellet", "Kock", "chef"),
    ("Verkstaden i Inlandet AB", "Fordonsmekaniker", "mechanic"),
    (
        "Inlandets IT-konsult",
        "Systemutvecklare",
        "software_developer",
    ),
    ("Gruvbolaget", "Ingenjör, underhåll", "engineer"),
    ("Vårdcentralen", "Distriktsläkare", "doctor"),
];

pub const CAMPAIGNS: [(&str, &str); 10] = [
    ("Emigratiebeurs Utrecht", "fair"),
    ("Auswandererbörse Hamburg", "fair"),
    ("Bo & Jobba-mässan Stockholm", "fair"),
    ("Move Up North – digital kampanj", "digital"),
    ("Visningshelg i inlandet", "visit_weekend"),
    ("Emigration Expo Den Bosch", "fair"),
    ("Sociala medier vår", "digital"),
    ("Sommarbesök Lappland", "visit_weekend"),
    ("Nordic Life Fair Berlin", "fair"),
    ("Jobbmässa Göteborg", "fair"),
];

pub const NOTES: [&str; 8] = [
    "Ringde om lediga tjänster inom vården.",
    "Frågade om förskoleplats till hösten.",
    "Vill se hus med tomt, gärna nära sjö.",
    "Skickade länkar till lediga jobb.",
    "Bokade besök under visningshelgen.",
    "Partnern söker jobb som lärare.",
    "Vill starta eget inom turism.",
    "Pratade om skolor och fritidsaktiviteter.",
];
