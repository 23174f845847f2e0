//! The vocabulary of lead management: statuses, sources, contact kinds, outcome reasons.
//! Each is stored as its code and shown through the locale key `<family>-<code>`.

/// Defines a closed set of codes with parse/as_str and the locale key of each.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident, $family:literal, { $($variant:ident = $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)* _ => None }
            }

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }

            /// The locale key of its name.
            pub fn key(self) -> String {
                format!(concat!($family, "-{}"), self.as_str())
            }
        }
    };
}

codes!(
    /// Where a lead is in the pipeline; the last four close it.
    Status, "status", {
        New = "new",
        Contacted = "contacted",
        InDialogue = "in_dialogue",
        Visit = "visit",
        Decided = "decided",
        MovedIn = "moved_in",
        NotMoving = "not_moving",
        MovedElsewhere = "moved_elsewhere",
        Unreachable = "unreachable",
    }
);

impl Status {
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Self::MovedIn | Self::NotMoving | Self::MovedElsewhere | Self::Unreachable
        )
    }
    /// A closed outcome other than moving in needs a reason.
    pub fn is_lost(self) -> bool {
        self.is_closed() && self != Self::MovedIn
    }
}

codes!(
    /// What brought the lead in.
    Source, "source", {
        InterestForm = "interest_form",
        Fair = "fair",
        Phone = "phone",
        Email = "email",
        WalkIn = "walk_in",
        SocialMedia = "social_media",
        Referral = "referral",
        Other = "other",
    }
);

codes!(
    /// A logged contact or note.
    ActivityKind, "activity", {
        Call = "call",
        Email = "email",
        Meeting = "meeting",
        Visit = "visit",
        Event = "event",
        Message = "message",
        Note = "note",
    }
);

codes!(
    Direction, "direction", {
        Outgoing = "out",
        Incoming = "in",
    }
);

codes!(
    /// Why a lead closed without moving in.
    ReasonCode, "reason", {
        NoJob = "no_job",
        NoPartnerJob = "no_partner_job",
        NoHousing = "no_housing",
        School = "school",
        Other = "other",
    }
);

codes!(
    HousingWish, "housing", {
        Rent = "rent",
        Buy = "buy",
        Unknown = "unknown",
    }
);

codes!(
    CampaignKind, "campaign-kind", {
        Fair = "fair",
        Digital = "digital",
        VisitWeekend = "visit_weekend",
        Other = "other",
    }
);

/// Sweden's counties (län) by their letter codes. Proper names, the same in every language.
pub const SE_REGIONS: [(&str, &str); 21] = [
    ("AB", "Stockholms län"),
    ("C", "Uppsala län"),
    ("D", "Södermanlands län"),
    ("E", "Östergötlands län"),
    ("F", "Jönköpings län"),
    ("G", "Kronobergs län"),
    ("H", "Kalmar län"),
    ("I", "Gotlands län"),
    ("K", "Blekinge län"),
    ("M", "Skåne län"),
    ("N", "Hallands län"),
    ("O", "Västra Götalands län"),
    ("S", "Värmlands län"),
    ("T", "Örebro län"),
    ("U", "Västmanlands län"),
    ("W", "Dalarnas län"),
    ("X", "Gävleborgs län"),
    ("Y", "Västernorrlands län"),
    ("Z", "Jämtlands län"),
    ("AC", "Västerbottens län"),
    ("BD", "Norrbottens län"),
];

pub fn se_region_name(code: &str) -> Option<&'static str> {
    SE_REGIONS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// Timeline entries that the system writes (beside the contacts a guide logs).
pub mod system_kind {
    pub const STATUS: &str = "status";
    pub const REFERRAL: &str = "referral";
    pub const MERGE: &str = "merge";
    pub const CREATED: &str = "created";
    /// Created by an import; the body is the import's id.
    pub const IMPORTED: &str = "imported";
    /// The mover withdrew its consent on its self-service page.
    pub const CONSENT_WITHDRAWN: &str = "consent_withdrawn";
    /// The mover corrected its contact details on its self-service page.
    pub const MOVER_UPDATE: &str = "mover_update";
    /// The mover's data was erased; the body says why (`mover`, `guide`, `retention`).
    pub const ERASURE: &str = "erasure";
    /// Every system kind, for the test that each has a title in every staff language.
    pub const ALL: [&str; 8] = [
        STATUS,
        REFERRAL,
        MERGE,
        CREATED,
        IMPORTED,
        CONSENT_WITHDRAWN,
        MOVER_UPDATE,
        ERASURE,
    ];
}

/// A phone number as stored and compared: digits, with a leading + kept.
pub fn normalise_phone(raw: &str) -> String {
    let t = raw.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Status::MovedIn.key(), "status-moved_in");
        assert!(Status::Unreachable.is_lost() && !Status::MovedIn.is_lost());
        assert!(!Status::Visit.is_closed());
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(normalise_phone(" +46 70-123 45 67"), "+46701234567");
        assert_eq!(normalise_phone("070-123 45 67"), "0701234567");
    }
}
