//! The shared occupation list: what an employer picks for a vacancy, and what a mover's
//! free text ("sjuksköterska", "nurse", "Krankenschwester", "verpleegkundige") is read as.
//! Each occupation has the Swedish standard classification's code (SSYK 2012) where one
//! group fits it, its name in the four public languages, and the other words movers use.
//!
//! Written by hand: no maintained crate or open list maps SSYK to German and Dutch job
//! titles, and the list is short and regional (care, school, industry, tourism, trades).
//! A word marked `=` matches only as a whole word ("nurse" is not "nursery"); the others
//! match inside a word too, as compounds do ("Kinderkrankenschwester",
//! "wijkverpleegkundige", "distriktssjuksköterska").

use std::collections::BTreeSet;

use crate::i18n::Lang;

pub struct Occupation {
    pub code: &'static str,
    pub ssyk: Option<&'static str>,
    /// Swedish, English, German, Dutch.
    pub names: [&'static str; 4],
    pub words: &'static [&'static str],
}

impl Occupation {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang.code() {
            "en" => self.names[1],
            "de" => self.names[2],
            "nl" => self.names[3],
            _ => self.names[0],
        }
    }
}

macro_rules! occ {
    ($code:literal, $ssyk:expr, [$sv:literal, $en:literal, $de:literal, $nl:literal], [$($w:literal),* $(,)?]) => {
        Occupation { code: $code, ssyk: $ssyk, names: [$sv, $en, $de, $nl], words: &[$($w),*] }
    };
}

pub const ALL: &[Occupation] = &[
    occ!(
        "nurse",
        Some("2221"),
        [
            "Sjuksköterska",
            "Nurse",
            "Pflegefachkraft",
            "Verpleegkundige"
        ],
        [
            "sjukskoterska",
            "sjukskoterske",
            "distriktsskoterska",
            "barnmorska",
            "=nurse",
            "=registered nurse",
            "=rn",
            "krankenschwester",
            "krankenpfleger",
            "pflegefachfrau",
            "pflegefachmann",
            "pflegefachkraft",
            "verpleegkundige",
            "verpleger",
            "verpleegster"
        ]
    ),
    occ!(
        "assistant_nurse",
        Some("532"),
        [
            "Undersköterska",
            "Assistant nurse",
            "Pflegehelfer/in",
            "Verzorgende"
        ],
        [
            "underskoterska",
            "=assistant nurse",
            "=nursing assistant",
            "=care assistant",
            "=healthcare assistant",
            "pflegehelfer",
            "pflegeassistent",
            "altenpfleger",
            "verzorgende",
            "=helpende",
            "zorgassistent"
        ]
    ),
    occ!(
        "care_worker",
        Some("533"),
        [
            "Vårdbiträde, personlig assistent",
            "Care worker",
            "Betreuungskraft",
            "Zorgmedewerker"
        ],
        [
            "vardbitrade",
            "personlig assistent",
            "hemtjanst",
            "=care worker",
            "=carer",
            "=personal assistant",
            "betreuungskraft",
            "betreuer",
            "zorgmedewerker",
            "thuiszorg"
        ]
    ),
    occ!(
        "doctor",
        Some("221"),
        ["Läkare", "Doctor", "Arzt/Ärztin", "Arts"],
        [
            "lakare",
            "=doctor",
            "=physician",
            "=gp",
            "=general practitioner",
            "=arzt",
            "arztin",
            "hausarzt",
            "facharzt",
            "=arts",
            "huisarts",
            "=dokter"
        ]
    ),
    occ!(
        "dentist",
        Some("2260"),
        ["Tandläkare", "Dentist", "Zahnarzt/Zahnärztin", "Tandarts"],
        [
            "tandlakare",
            "=dentist",
            "zahnarzt",
            "zahnarztin",
            "tandarts"
        ]
    ),
    occ!(
        "psychologist",
        Some("2671"),
        [
            "Psykolog",
            "Psychologist",
            "Psychologe/Psychologin",
            "Psycholoog"
        ],
        [
            "psykolog",
            "psychologist",
            "psychologe",
            "psychologin",
            "psycholoog"
        ]
    ),
    occ!(
        "physiotherapist",
        None,
        [
            "Fysioterapeut",
            "Physiotherapist",
            "Physiotherapeut/in",
            "Fysiotherapeut"
        ],
        [
            "fysioterapeut",
            "sjukgymnast",
            "physiotherapist",
            "physical therapist",
            "physiotherapeut",
            "krankengymnast",
            "fysiotherapeut"
        ]
    ),
    occ!(
        "social_worker",
        Some("2661"),
        [
            "Socialsekreterare",
            "Social worker",
            "Sozialarbeiter/in",
            "Maatschappelijk werker"
        ],
        [
            "socialsekreterare",
            "kurator",
            "socionom",
            "=social worker",
            "sozialarbeiter",
            "sozialpadagog",
            "maatschappelijk werker"
        ]
    ),
    occ!(
        "preschool_teacher",
        Some("2343"),
        [
            "Förskollärare",
            "Preschool teacher",
            "Erzieher/in",
            "Pedagogisch medewerker"
        ],
        [
            "forskollarare",
            "=preschool teacher",
            "=kindergarten teacher",
            "=early years teacher",
            "erzieher",
            "kindergartner",
            "pedagogisch medewerker",
            "kleuterleidster"
        ]
    ),
    occ!(
        "teacher",
        Some("2341"),
        [
            "Grundskollärare",
            "School teacher",
            "Lehrer/in",
            "Leraar basisonderwijs"
        ],
        [
            "grundskollarare",
            "mellanstadielarare",
            "lagstadielarare",
            "hogstadielarare",
            "=larare",
            "=teacher",
            "=primary teacher",
            "=primary school teacher",
            "=school teacher",
            "=lehrer",
            "=lehrerin",
            "grundschullehrer",
            "=leraar",
            "=lerares",
            "=juf",
            "=meester",
            "basisschoolleraar",
            "leerkracht"
        ]
    ),
    occ!(
        "upper_secondary_teacher",
        Some("2330"),
        [
            "Gymnasielärare",
            "Upper secondary teacher",
            "Gymnasiallehrer/in",
            "Docent voortgezet onderwijs"
        ],
        [
            "gymnasielarare",
            "=secondary teacher",
            "=high school teacher",
            "gymnasiallehrer",
            "studienrat",
            "=docent",
            "leraar voortgezet onderwijs"
        ]
    ),
    occ!(
        "special_teacher",
        Some("2352"),
        [
            "Speciallärare, specialpedagog",
            "Special needs teacher",
            "Förderschullehrer/in",
            "Remedial teacher"
        ],
        [
            "speciallarare",
            "specialpedagog",
            "=special needs teacher",
            "=special education teacher",
            "forderschullehrer",
            "sonderpadagog",
            "=remedial teacher",
            "intern begeleider"
        ]
    ),
    occ!(
        "childcare_worker",
        Some("5311"),
        [
            "Barnskötare",
            "Childcare worker",
            "Kinderpfleger/in",
            "Kinderopvang"
        ],
        [
            "barnskotare",
            "=childcare worker",
            "=nursery worker",
            "=nanny",
            "kinderpfleger",
            "kinderbetreuer",
            "kinderopvang",
            "=pedagogisch medewerker kinderopvang"
        ]
    ),
    occ!(
        "school_assistant",
        Some("5312"),
        [
            "Elevassistent",
            "Teaching assistant",
            "Schulbegleiter/in",
            "Onderwijsassistent"
        ],
        [
            "elevassistent",
            "=teaching assistant",
            "schulbegleiter",
            "onderwijsassistent"
        ]
    ),
    occ!(
        "software_developer",
        Some("2512"),
        [
            "Systemutvecklare",
            "Software developer",
            "Softwareentwickler/in",
            "Softwareontwikkelaar"
        ],
        [
            "systemutvecklare",
            "mjukvaruutvecklare",
            "programmerare",
            "utvecklare",
            "=developer",
            "=software developer",
            "=software engineer",
            "=programmer",
            "softwareentwickler",
            "programmierer",
            "entwickler",
            "softwareontwikkelaar",
            "programmeur",
            "ontwikkelaar"
        ]
    ),
    occ!(
        "it_support",
        None,
        [
            "IT-tekniker",
            "IT technician",
            "IT-Techniker/in",
            "IT-medewerker"
        ],
        [
            "=it tekniker",
            "=it support",
            "=it technician",
            "=helpdesk",
            "=sysadmin",
            "=system administrator",
            "=it techniker",
            "systemadministrator",
            "=it medewerker",
            "systeembeheerder"
        ]
    ),
    occ!(
        "civil_engineer",
        Some("2142"),
        [
            "Ingenjör, bygg och anläggning",
            "Civil engineer",
            "Bauingenieur/in",
            "Civiel ingenieur"
        ],
        [
            "byggingenjor",
            "civilingenjor",
            "=civil engineer",
            "=structural engineer",
            "bauingenieur",
            "civiel ingenieur"
        ]
    ),
    occ!(
        "engineer",
        None,
        ["Ingenjör", "Engineer", "Ingenieur/in", "Ingenieur"],
        [
            "ingenjor",
            "=engineer",
            "=ingenieur",
            "=ingenieurin",
            "werktuigbouwkundige",
            "maschinenbauingenieur",
            "=mechanical engineer",
            "=electrical engineer",
            "elektroingenieur"
        ]
    ),
    occ!(
        "electrician",
        Some("7411"),
        ["Elektriker", "Electrician", "Elektriker/in", "Elektricien"],
        [
            "elektriker",
            "elinstallator",
            "electrician",
            "elektroniker",
            "elektricien",
            "=installateur elektro"
        ]
    ),
    occ!(
        "plumber",
        Some("7126"),
        [
            "VVS-montör",
            "Plumber",
            "Anlagenmechaniker/in SHK",
            "Loodgieter"
        ],
        [
            "vvs",
            "rormokare",
            "=plumber",
            "=heating engineer",
            "installateur",
            "anlagenmechaniker",
            "klempner",
            "loodgieter"
        ]
    ),
    occ!(
        "carpenter",
        Some("7111"),
        ["Snickare", "Carpenter", "Zimmermann/Tischler", "Timmerman"],
        [
            "snickare",
            "byggnadsarbetare",
            "=carpenter",
            "=joiner",
            "=builder",
            "zimmermann",
            "zimmerer",
            "tischler",
            "schreiner",
            "timmerman",
            "=bouwvakker"
        ]
    ),
    occ!(
        "welder",
        Some("7212"),
        ["Svetsare", "Welder", "Schweißer/in", "Lasser"],
        ["svetsare", "=welder", "schweisser", "=lasser"]
    ),
    occ!(
        "mechanic",
        Some("7231"),
        [
            "Fordonsmekaniker",
            "Vehicle mechanic",
            "Kfz-Mechatroniker/in",
            "Automonteur"
        ],
        [
            "mekaniker",
            "fordonsmekaniker",
            "bilmekaniker",
            "=mechanic",
            "=car mechanic",
            "=vehicle mechanic",
            "kfz mechatroniker",
            "kfz mechaniker",
            "mechatroniker",
            "automonteur",
            "monteur"
        ]
    ),
    occ!(
        "industrial_worker",
        None,
        [
            "Industriarbetare, operatör",
            "Machine operator",
            "Maschinenbediener/in",
            "Operator"
        ],
        [
            "industriarbetare",
            "maskinoperator",
            "processoperator",
            "=operator",
            "=machine operator",
            "=factory worker",
            "maschinenbediener",
            "produktionsmitarbeiter",
            "=productiemedewerker",
            "=operator productie"
        ]
    ),
    occ!(
        "miner",
        Some("8111"),
        ["Gruvarbetare", "Miner", "Bergmann/Bergfrau", "Mijnwerker"],
        [
            "gruvarbetare",
            "bergarbetare",
            "=miner",
            "=mining",
            "bergmann",
            "bergbau",
            "mijnwerker"
        ]
    ),
    occ!(
        "truck_driver",
        Some("8332"),
        [
            "Lastbilschaufför",
            "Truck driver",
            "Lkw-Fahrer/in",
            "Vrachtwagenchauffeur"
        ],
        [
            "lastbilschauffor",
            "lastbilsforare",
            "=chauffor",
            "=truck driver",
            "=lorry driver",
            "=hgv driver",
            "lkw fahrer",
            "berufskraftfahrer",
            "vrachtwagenchauffeur",
            "=chauffeur"
        ]
    ),
    occ!(
        "bus_driver",
        Some("8331"),
        ["Bussförare", "Bus driver", "Busfahrer/in", "Buschauffeur"],
        [
            "bussforare",
            "busschauffor",
            "=bus driver",
            "busfahrer",
            "buschauffeur"
        ]
    ),
    occ!(
        "machine_driver",
        Some("8342"),
        [
            "Anläggningsmaskinförare",
            "Plant operator",
            "Baumaschinenführer/in",
            "Machinist grond- en wegenbouw"
        ],
        [
            "maskinforare",
            "anlaggningsmaskinforare",
            "hjullastare",
            "gravmaskin",
            "=plant operator",
            "=excavator operator",
            "baumaschinenfuhrer",
            "baggerfahrer",
            "=machinist",
            "grondverzetmachinist"
        ]
    ),
    occ!(
        "forestry_worker",
        Some("621"),
        [
            "Skogsarbetare",
            "Forestry worker",
            "Forstwirt/in",
            "Bosbouwer"
        ],
        [
            "skogsarbetare",
            "skogsmaskinforare",
            "=forestry worker",
            "=forester",
            "=lumberjack",
            "forstwirt",
            "waldarbeiter",
            "bosbouwer",
            "=bosbouw"
        ]
    ),
    occ!(
        "farmer",
        None,
        ["Lantbrukare", "Farmer", "Landwirt/in", "Boer"],
        [
            "lantbrukare",
            "bonde",
            "djurskotare",
            "=farmer",
            "=farm worker",
            "landwirt",
            "=boer",
            "=boerin",
            "veehouder",
            "agrarier"
        ]
    ),
    occ!(
        "chef",
        Some("5120"),
        ["Kock", "Chef, cook", "Koch/Köchin", "Kok"],
        ["=kock", "=chef", "=cook", "=koch", "=kochin", "=kok", "=kokkin"]
    ),
    occ!(
        "waiter",
        None,
        ["Servitör", "Waiter", "Kellner/in", "Ober, serveerder"],
        [
            "servitor",
            "servitris",
            "=waiter",
            "=waitress",
            "kellner",
            "servicekraft",
            "=ober",
            "serveerder",
            "serveerster",
            "bediening"
        ]
    ),
    occ!(
        "cleaner",
        Some("9111"),
        ["Städare", "Cleaner", "Reinigungskraft", "Schoonmaker"],
        [
            "stadare",
            "lokalvardare",
            "=cleaner",
            "=housekeeper",
            "reinigungskraft",
            "=putzkraft",
            "schoonmaker",
            "schoonmaakster"
        ]
    ),
    occ!(
        "shop_assistant",
        Some("522"),
        [
            "Butikssäljare",
            "Shop assistant",
            "Verkäufer/in",
            "Verkoopmedewerker"
        ],
        [
            "butikssaljare",
            "butiksbitrade",
            "=saljare",
            "=shop assistant",
            "=sales assistant",
            "=retail",
            "verkaufer",
            "verkauferin",
            "verkoopmedewerker",
            "=winkelmedewerker"
        ]
    ),
    occ!(
        "tourism",
        None,
        [
            "Turism och upplevelser",
            "Tourism and guiding",
            "Tourismus, Reiseleitung",
            "Toerisme, gids"
        ],
        [
            "turism",
            "guide",
            "=tour guide",
            "=tourism",
            "reisefuhrer",
            "reiseleiter",
            "tourismus",
            "toerisme",
            "=gids",
            "reisleider"
        ]
    ),
    occ!(
        "hotel_reception",
        None,
        [
            "Receptionist",
            "Receptionist",
            "Rezeptionist/in",
            "Receptionist"
        ],
        ["receptionist", "rezeptionist", "=hotel"]
    ),
    occ!(
        "accountant",
        None,
        [
            "Ekonom, redovisning",
            "Accountant",
            "Buchhalter/in",
            "Boekhouder"
        ],
        [
            "ekonom",
            "redovisningskonsult",
            "revisor",
            "=accountant",
            "=bookkeeper",
            "buchhalter",
            "steuerberater",
            "boekhouder",
            "accountant"
        ]
    ),
    occ!(
        "administrator",
        None,
        [
            "Administratör",
            "Administrator",
            "Verwaltungsangestellte/r",
            "Administratief medewerker"
        ],
        [
            "administrator",
            "handlaggare",
            "kontorist",
            "sekreterare",
            "=office",
            "verwaltung",
            "burokaufmann",
            "burokauffrau",
            "sachbearbeiter",
            "administratief medewerker",
            "=secretaresse"
        ]
    ),
    occ!(
        "police",
        None,
        ["Polis", "Police officer", "Polizist/in", "Politieagent"],
        [
            "=polis",
            "=police",
            "=police officer",
            "polizist",
            "polizistin",
            "politieagent",
            "=politie"
        ]
    ),
    occ!(
        "veterinarian",
        Some("2250"),
        [
            "Veterinär",
            "Veterinarian",
            "Tierarzt/Tierärztin",
            "Dierenarts"
        ],
        [
            "veterinar",
            "=vet",
            "veterinarian",
            "tierarzt",
            "tierarztin",
            "dierenarts"
        ]
    ),
    occ!(
        "pharmacist",
        None,
        [
            "Apotekare, receptarie",
            "Pharmacist",
            "Apotheker/in",
            "Apotheker"
        ],
        ["apotekare", "receptarie", "pharmacist", "apotheker"]
    ),
];

pub fn find(code: &str) -> Option<&'static Occupation> {
    ALL.iter().find(|o| o.code == code)
}

/// Lower case, without diacritics, other signs (hyphens too) as spaces, framed by spaces: a word's edges
/// are spaces.
fn prepared(text: &str) -> String {
    let folded = migration::fold(&text.to_lowercase());
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for c in folded.chars() {
        out.push(if c.is_alphanumeric() { c } else { ' ' });
    }
    out.push(' ');
    out
}

/// The occupations a free text names. Where one word lies inside a longer one that also
/// matched ("nurse" in "assistant nurse"), only the longer counts.
pub fn recognise(text: &str) -> BTreeSet<&'static str> {
    let hay = prepared(text);
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    for o in ALL {
        for w in o.words {
            let (whole, word) = match w.strip_prefix('=') {
                Some(rest) => (true, rest),
                None => (false, *w),
            };
            let needle = if whole {
                format!(" {word} ")
            } else {
                word.to_string()
            };
            let mut from = 0;
            while let Some(i) = hay[from..].find(&needle) {
                let start = from + i;
                let (s, e) = if whole {
                    (start + 1, start + needle.len() - 1)
                } else {
                    (start, start + needle.len())
                };
                spans.push((s, e, o.code));
                from = start + 1;
            }
        }
    }
    let kept = spans.iter().filter(|(s, e, code)| {
        !spans
            .iter()
            .any(|(s2, e2, c2)| c2 != code && s2 <= s && e <= e2 && (e2 - s2) > (e - s))
    });
    kept.map(|(_, _, c)| *c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<&'static str> {
        recognise(text).into_iter().collect()
    }

    #[test]
    fn a_nurse_in_four_languages() {
        for t in [
            "Sjuksköterska",
            "nurse",
            "Krankenschwester",
            "verpleegkundige",
            "Kinderkrankenschwester auf Station",
            "wijkverpleegkundige",
            "Distriktssköterska",
            "Registered Nurse (RN)",
        ] {
            assert_eq!(one(t), vec!["nurse"], "{t}");
        }
    }

    #[test]
    fn the_longer_word_wins_and_whole_words_stay_whole() {
        assert_eq!(one("undersköterska"), vec!["assistant_nurse"]);
        assert_eq!(one("assistant nurse"), vec!["assistant_nurse"]);
        assert!(one("nursery").is_empty());
        assert_eq!(one("Lärare i matte"), vec!["teacher"]);
        assert_eq!(one("Förskollärare"), vec!["preschool_teacher"]);
        let both = one("Lkw-Fahrer, früher Koch");
        assert_eq!(both, vec!["chef", "truck_driver"]);
        assert!(one("").is_empty());
        assert!(one("🙂 <script>").is_empty());
    }

    #[test]
    fn every_code_is_unique_and_every_name_is_recognised() {
        let codes: BTreeSet<_> = ALL.iter().map(|o| o.code).collect();
        assert_eq!(codes.len(), ALL.len());
        for o in ALL {
            assert!(
                recognise(o.names[0]).contains(o.code) || o.names[0].contains(','),
                "{}",
                o.names[0]
            );
        }
    }
}
