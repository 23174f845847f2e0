//! The codes stored in text columns, each a closed set: statuses, sources, contact kinds,
//! outcome reasons, housing wishes, campaign kinds. A column typed with one of them can hold
//! nothing else (`lead.status`, `lead.source`); `domain` re-exports them as the vocabulary of
//! every feature, and each is shown through the locale key `<family>-<code>`.

use sea_orm::entity::prelude::*;

/// Defines a closed set of codes with parse/as_str and the locale key of each, stored as
/// its code (a sea-orm active enum over a text column).
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident, $family:literal, { $($variant:ident = $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum $name { $(#[sea_orm(string_value = $code)] $variant),* }

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

        /// Compared with a code as written (`lead.status == "moved_in"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, code: &&str) -> bool {
                self.as_str() == *code
            }
        }

        /// Shown as its code.
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
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

codes!(
    /// A follow-up: a guide's task, or a stay check 6 or 12 months after moving in.
    FollowUpKind, "follow-up-kind", {
        Task = "task",
        Stay6 = "stay_6",
        Stay12 = "stay_12",
    }
);
