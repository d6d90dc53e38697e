//! The date forms press staff write, parsed without guessing.
//!
//! RFC 3339 (`2023-02-15T08:46:50+07:00`), `2023-02-15`, `2023-02-15 08:46[:50]`
//! and the Vietnamese `15/02/2023[ 08:46[:50]]`. A date without an offset is
//! kept as written and placed in the site's timezone by [`LooseDate::resolve`].

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer};

/// A date as written in front matter, before the site's timezone is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    /// The date and time as written (midnight when only a day was written).
    pub naive: NaiveDateTime,
    /// The UTC offset written with it; `None` when there was none, and the
    /// site's timezone applies.
    pub offset: Option<FixedOffset>,
}

const EXPECTED: &str = "expected a date such as 2023-02-15T08:46:50+07:00, 2023-02-15, 2023-02-15 08:46 or 15/02/2023 08:46";

impl LooseDate {
    /// Parse one of the accepted forms.
    pub fn parse(s: &str) -> Result<LooseDate, String> {
        let s = s.trim();
        if let Ok(d) = DateTime::parse_from_rfc3339(s) {
            return Ok(LooseDate {
                naive: d.naive_local(),
                offset: Some(*d.offset()),
            });
        }
        // A time with an offset but a space instead of `T`, or an offset without a colon.
        for fmt in [
            "%Y-%m-%d %H:%M:%S%:z",
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%d %H:%M:%S%z",
            "%Y-%m-%dT%H:%M%:z",
        ] {
            if let Ok(d) = DateTime::parse_from_str(s, fmt) {
                return Ok(LooseDate {
                    naive: d.naive_local(),
                    offset: Some(*d.offset()),
                });
            }
        }
        let naive = parse_naive(s).ok_or_else(|| format!("{EXPECTED}, found `{s}`"))?;
        Ok(LooseDate {
            naive,
            offset: None,
        })
    }

    /// The instant, using `tz` when no offset was written; shown in `tz`.
    pub fn resolve(&self, tz: FixedOffset) -> DateTime<FixedOffset> {
        match self.offset {
            Some(off) => off
                .from_local_datetime(&self.naive)
                .single()
                .expect("fixed offsets are unambiguous")
                .with_timezone(&tz),
            None => tz
                .from_local_datetime(&self.naive)
                .single()
                .expect("fixed offsets are unambiguous"),
        }
    }
}

fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%d/%m/%Y"))
        .ok()
        .filter(|_| date.len() >= 8)?;
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
            .ok()?,
    };
    Some(date.and_time(time))
}

impl<'de> Deserialize<'de> for LooseDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LooseDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A calendar date (a document's issue date): `2023-02-15` or `15/02/2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let t = s.trim();
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
            .map(Day)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "expected a date such as 2023-02-15 or 15/02/2023, found `{t}`"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn at(s: &str) -> String {
        LooseDate::parse(s).unwrap().resolve(tz()).to_rfc3339()
    }

    #[test]
    fn four_forms() {
        assert_eq!(at("2023-02-15T08:46:50+07:00"), "2023-02-15T08:46:50+07:00");
        assert_eq!(at("2023-02-15"), "2023-02-15T00:00:00+07:00");
        assert_eq!(at("2023-02-15 08:46"), "2023-02-15T08:46:00+07:00");
        assert_eq!(at("2023-02-15 08:46:50"), "2023-02-15T08:46:50+07:00");
        assert_eq!(at("15/02/2023"), "2023-02-15T00:00:00+07:00");
        assert_eq!(at("15/02/2023 08:46"), "2023-02-15T08:46:00+07:00");
        assert_eq!(at("15/02/2023 08:46:50"), "2023-02-15T08:46:50+07:00");
    }

    #[test]
    fn other_offsets_are_shown_in_site_timezone() {
        assert_eq!(at("2023-02-15T01:46:50Z"), "2023-02-15T08:46:50+07:00");
        assert_eq!(at("2023-02-15 08:46:50+0700"), "2023-02-15T08:46:50+07:00");
    }

    #[test]
    fn rejects_ambiguous_or_invalid() {
        for bad in [
            "15-02-2023",
            "2023/02/15",
            "31/02/2023",
            "2023-02-15 25:00",
            "hôm qua",
            "",
            "2/3/23",
        ] {
            assert!(LooseDate::parse(bad).is_err(), "{bad}");
        }
    }
}
