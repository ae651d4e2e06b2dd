//! What an entity is: the kinds the numeric recognisers and the name finder give.

use serde::Serialize;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, government body, party, team, news agency...
    Organization,
    /// A country, city, region or other place.
    Location,
    /// Other names: nationalities, events, political groups.
    Misc,
    /// A date or a span of days.
    Date,
    /// A time of day.
    Time,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// Any other number.
    Number,
}

impl EntityKind {
    /// Whether this kind names something that mentions can group around.
    pub const fn is_name(self) -> bool {
        matches!(
            self,
            EntityKind::Person | EntityKind::Organization | EntityKind::Location | EntityKind::Misc
        )
    }

    /// The kind as the output spells it ("person", "organization"...).
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Misc => "misc",
            EntityKind::Date => "date",
            EntityKind::Time => "time",
            EntityKind::Money => "money",
            EntityKind::Percent => "percent",
            EntityKind::Number => "number",
        }
    }
}
