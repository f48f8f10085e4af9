//! The learner's settings (`[settings]`): their values and defaults, and one table of what
//! each one is, its range and its default, read by the settings screen, the file's error
//! messages and the writer alike, so the facts are stated once.

use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::srs::Scheduler;

/// The order in which new cards are introduced (`new_order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum NewOrder {
    /// Course order: every new card of the first topic, then those of the next (how cloudcram
    /// worked before `new_order` existed).
    Topics,
    /// Round-robin over the topics, weighted towards the ones the learner has studied. Mixing
    /// topics is the default because interleaved practice is remembered better than blocked
    /// practice, and it keeps one long topic from holding back the rest of the exam.
    #[default]
    Interleaved,
}

impl NewOrder {
    pub const ALL: [NewOrder; 2] = crate::variants::array();

    /// The name used in the progress file: `topics`, `interleaved`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// The learner's settings (`[settings]`), with defaults for what the file leaves out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Probability of recall the scheduler aims for at each review (0.70 to 0.99).
    pub desired_retention: f64,
    /// New cards introduced per UTC day.
    pub new_cards_per_day: u32,
    /// The order new cards come in.
    pub new_order: NewOrder,
    /// Cards in the review state offered per UTC day (reviews already done that day count);
    /// learning and relearning cards are never held back.
    pub reviews_per_day: u32,
    /// Spread day intervals a little so cards learned together come apart.
    pub fuzz: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            new_cards_per_day: 20,
            new_order: NewOrder::default(),
            reviews_per_day: 200,
            fuzz: true,
        }
    }
}

/// One setting as the settings screen (and the README) describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingInfo {
    /// The key in `[settings]`.
    pub name: &'static str,
    /// The values allowed, in words.
    pub range: &'static str,
    /// The default, written as in the file.
    pub default: &'static str,
    /// What it does, in a sentence or two.
    pub about: &'static str,
}

/// A setting refused by [`Settings::validate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SettingsError {
    /// The setting's key, as in [`SettingInfo::name`].
    pub setting: &'static str,
    pub message: String,
}

impl Settings {
    pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.70..=0.99;

    /// Every setting, in the order the file lists them. A test holds `default` to
    /// [`Settings::default`].
    pub const INFO: [SettingInfo; 5] = [
        SettingInfo {
            name: "desired_retention",
            range: "0.70 to 0.99",
            default: "0.9",
            about: "How likely you should be to recall a card when it comes due. Higher means shorter \
                    intervals and more reviews; 0.9 is the usual balance.",
        },
        SettingInfo {
            name: "new_cards_per_day",
            range: "a whole number, 0 or more",
            default: "20",
            about: "New cards started per UTC day. Each new card brings a few reviews in the days after.",
        },
        SettingInfo {
            name: "new_order",
            range: "\"topics\" or \"interleaved\"",
            default: "\"interleaved\"",
            about: "The order new cards come in: \"interleaved\" mixes the topics, giving more to the ones \
                    you have read or practised; \"topics\" goes through the course one topic at a time.",
        },
        SettingInfo {
            name: "reviews_per_day",
            range: "a whole number, 0 or more",
            default: "200",
            about: "At most this many due review cards per UTC day (reviews already done that day count); \
                    the rest wait for the next day. Cards still in their learning steps always come.",
        },
        SettingInfo {
            name: "fuzz",
            range: "true or false",
            default: "true",
            about: "Spread intervals of 3 days or more by a day or so, so that cards learned together do \
                    not stay due together. false: intervals exactly as the scheduler computes them.",
        },
    ];

    pub fn scheduler(&self) -> Scheduler {
        Scheduler::new(self.desired_retention, self.fuzz)
    }

    /// The description of the setting `name`.
    pub fn info(name: &str) -> Option<&'static SettingInfo> {
        Self::INFO.iter().find(|i| i.name == name)
    }

    /// The value of the setting `name` as the file writes it (`0.9`, `20`, `"interleaved"`,
    /// `true`).
    pub fn toml_value(&self, name: &str) -> Option<String> {
        Some(match name {
            "desired_retention" => float(self.desired_retention),
            "new_cards_per_day" => self.new_cards_per_day.to_string(),
            "new_order" => format!("\"{}\"", self.new_order.name()),
            "reviews_per_day" => self.reviews_per_day.to_string(),
            "fuzz" => self.fuzz.to_string(),
            _ => return None,
        })
    }

    /// Checks every value against its range; the error says which setting and the fix.
    pub fn validate(&self) -> Result<(), SettingsError> {
        retention(self.desired_retention).map(|_| ())
    }
}

/// A float that reads back as a float (`1.0`, not `1`).
pub(crate) fn float(x: f64) -> String {
    format!("{x:?}")
}

fn default_of(name: &str) -> &'static str {
    Settings::info(name).map_or("", |i| i.default)
}

/// `desired_retention`, if in range.
pub(crate) fn retention(x: f64) -> Result<f64, SettingsError> {
    if Settings::RETENTION_RANGE.contains(&x) {
        return Ok(x);
    }
    let name = "desired_retention";
    let range = Settings::info(name).map_or("", |i| i.range);
    Err(SettingsError {
        setting: name,
        message: format!("{name} {x} is out of range; use {range} (the default is {})", default_of(name)),
    })
}

/// A setting that counts something per day, if it is 0 or more and fits.
pub(crate) fn per_day(name: &'static str, n: i64) -> Result<u32, SettingsError> {
    u32::try_from(n).map_err(|_| SettingsError {
        setting: name,
        message: format!("{name} must be a whole number, 0 or more (the default is {})", default_of(name)),
    })
}

/// `new_order`, if it names an order.
pub(crate) fn new_order(s: &str) -> Result<NewOrder, SettingsError> {
    NewOrder::parse(s).ok_or_else(|| {
        let name = "new_order";
        let range = Settings::info(name).map_or("", |i| i.range);
        SettingsError {
            setting: name,
            message: format!("{name} `{s}` must be {range} (the default is {})", default_of(name)),
        }
    })
}

/// Which settings the file states, so saving writes back exactly those.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct GivenSettings {
    pub desired_retention: Option<f64>,
    pub new_cards_per_day: Option<u32>,
    pub new_order: Option<NewOrder>,
    pub reviews_per_day: Option<u32>,
    pub fuzz: Option<bool>,
}

impl GivenSettings {
    /// Every setting stated.
    pub fn all(s: Settings) -> Self {
        Self {
            desired_retention: Some(s.desired_retention),
            new_cards_per_day: Some(s.new_cards_per_day),
            new_order: Some(s.new_order),
            reviews_per_day: Some(s.reviews_per_day),
            fuzz: Some(s.fuzz),
        }
    }

    pub fn effective(&self) -> Settings {
        let d = Settings::default();
        Settings {
            desired_retention: self.desired_retention.unwrap_or(d.desired_retention),
            new_cards_per_day: self.new_cards_per_day.unwrap_or(d.new_cards_per_day),
            new_order: self.new_order.unwrap_or(d.new_order),
            reviews_per_day: self.reviews_per_day.unwrap_or(d.reviews_per_day),
            fuzz: self.fuzz.unwrap_or(d.fuzz),
        }
    }

    /// `to` stated where the file stated the setting already or where it changes: a setting
    /// left at its default and not touched stays a comment in the file.
    pub fn changed_to(self, to: Settings) -> Self {
        fn pick<T: PartialEq + Copy>(given: Option<T>, now: T, to: T) -> Option<T> {
            (given.is_some() || now != to).then_some(to)
        }
        let now = self.effective();
        Self {
            desired_retention: pick(
                self.desired_retention.map(f64::to_bits),
                now.desired_retention.to_bits(),
                to.desired_retention.to_bits(),
            )
            .map(f64::from_bits),
            new_cards_per_day: pick(self.new_cards_per_day, now.new_cards_per_day, to.new_cards_per_day),
            new_order: pick(self.new_order, now.new_order, to.new_order),
            reviews_per_day: pick(self.reviews_per_day, now.reviews_per_day, to.reviews_per_day),
            fuzz: pick(self.fuzz, now.fuzz, to.fuzz),
        }
    }

    /// The value of `name` as the file writes it, if the file states it.
    pub fn toml_value(&self, name: &str) -> Option<String> {
        let stated = match name {
            "desired_retention" => self.desired_retention.is_some(),
            "new_cards_per_day" => self.new_cards_per_day.is_some(),
            "new_order" => self.new_order.is_some(),
            "reviews_per_day" => self.reviews_per_day.is_some(),
            "fuzz" => self.fuzz.is_some(),
            _ => false,
        };
        if stated { self.effective().toml_value(name) } else { None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_keep_their_names() {
        assert_eq!(NewOrder::ALL.map(NewOrder::name), ["topics", "interleaved"]);
        assert!(NewOrder::ALL.into_iter().all(|o| NewOrder::parse(o.name()) == Some(o)));
        assert_eq!(NewOrder::parse("Topics"), None);
    }

    #[test]
    fn the_table_states_the_real_defaults_and_covers_every_setting() {
        let d = Settings::default();
        for info in &Settings::INFO {
            assert_eq!(d.toml_value(info.name).as_deref(), Some(info.default), "{}", info.name);
            assert!(!info.about.is_empty() && !info.range.is_empty());
        }
        assert_eq!(d.toml_value("colour"), None);
        assert_eq!(Settings::info("new_order").unwrap().range, "\"topics\" or \"interleaved\"");
    }

    #[test]
    fn values_out_of_range_are_refused_with_the_fix() {
        assert_eq!(retention(0.85), Ok(0.85));
        let err = Settings { desired_retention: 0.5, ..Settings::default() }.validate().unwrap_err();
        assert_eq!(err.setting, "desired_retention");
        assert_eq!(err.to_string(), "desired_retention 0.5 is out of range; use 0.70 to 0.99 (the default is 0.9)");
        assert!(Settings { desired_retention: f64::NAN, ..Settings::default() }.validate().is_err());
        assert!(Settings::default().validate().is_ok());
        assert_eq!(per_day("reviews_per_day", 0), Ok(0));
        assert_eq!(
            per_day("reviews_per_day", -1).unwrap_err().message,
            "reviews_per_day must be a whole number, 0 or more (the default is 200)"
        );
        assert!(per_day("reviews_per_day", i64::from(u32::MAX) + 1).is_err());
        assert_eq!(new_order("topics"), Ok(NewOrder::Topics));
        assert_eq!(
            new_order("random").unwrap_err().message,
            "new_order `random` must be \"topics\" or \"interleaved\" (the default is \"interleaved\")"
        );
    }

    #[test]
    fn only_settings_stated_or_changed_become_stated() {
        let given = GivenSettings { fuzz: Some(true), ..GivenSettings::default() };
        let to = Settings { reviews_per_day: 50, ..Settings::default() };
        let after = given.changed_to(to);
        assert_eq!(after.effective(), to);
        assert_eq!(after.fuzz, Some(true), "stated before: stays stated");
        assert_eq!(after.reviews_per_day, Some(50), "changed: now stated");
        assert_eq!(after.desired_retention, None, "untouched default: stays a comment");
        assert_eq!(after.toml_value("reviews_per_day").as_deref(), Some("50"));
        assert_eq!(after.toml_value("new_order"), None);
    }

    #[test]
    fn the_readme_example_is_a_valid_file_and_its_table_states_these_defaults() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## Progress file").unwrap()..];
        let section = &section[..section[3..].find("\n## ").unwrap()];
        let example = section.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
        let p = super::super::parse::parse(example, "README.md").unwrap();
        assert_eq!(p.settings(), Settings::default());
        assert_eq!((p.practice().len(), p.lessons_read().len(), p.review_count()), (1, 1, 1));
        for info in &Settings::INFO {
            let row = section.lines().find(|l| l.starts_with(&format!("  | `{}` |", info.name))).unwrap();
            assert!(row.contains(&format!("| `{}` |", info.default)), "{row}");
        }
    }
}
