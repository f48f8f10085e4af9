//! [`Progress`] -> progress file text, in the layout of INTERFACE.md.
//!
//! Written by hand rather than through serde: the layout stays what a person editing the
//! file expects (settings with the defaults shown, one `[[review]]` per review), and it is
//! quick for a long log.

use std::fmt::Write as _;

use super::doc::{Entry, ExamRecord, Progress};
use super::migrate::CURRENT_SCHEMA;
use super::settings::Settings;
use super::study::Practice;

impl Progress {
    /// The progress file for this document, in the current schema.
    pub fn to_toml(&self) -> String {
        let mut out = String::with_capacity(
            512 + (self.log.len() + self.practice.len() + self.read.len()) * 80 + self.exams.len() * 400,
        );
        out.push_str(
            "# cloudcram progress: your reviews and exam results. cloudcram adds each answer at the end and\n\
             # rewrites the file now and then (comments are not kept); edit it only while cloudcram is not\n\
             # running.\n",
        );
        let _ = writeln!(out, "schema = {CURRENT_SCHEMA}");
        if !self.suspended.is_empty() {
            out.push_str("suspended = [");
            for (i, id) in self.suspended.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { ", " });
                quote(&mut out, id);
            }
            out.push_str("]\n");
        }

        out.push_str("\n[settings]\n");
        for info in &Settings::INFO {
            let _ = match self.given.toml_value(info.name) {
                Some(v) => writeln!(out, "{} = {v}", info.name),
                None => writeln!(out, "# {} = {}", info.name, info.default),
            };
        }

        for (lesson, at) in &self.read {
            out.push_str("\n[[read]]\nlesson = ");
            quote(&mut out, lesson);
            let _ = writeln!(out, "\nat = {at}");
        }

        for (card, until) in &self.buried {
            out.push_str("\n[[buried]]\ncard = ");
            quote(&mut out, card);
            let _ = writeln!(out, "\nuntil = {until}");
        }
        for e in &self.log {
            self.write_review(&mut out, e);
        }
        for p in &self.practice {
            write_practice(&mut out, p);
        }
        for exam in &self.exams {
            write_exam(&mut out, exam);
        }
        out
    }
}

impl Progress {
    /// The text a save appends for the reviews from `reviews` on and the practice answers
    /// from `practice` on: each entry exactly as [`Progress::to_toml`] writes it.
    pub(crate) fn entries_from(&self, reviews: usize, practice: usize) -> String {
        let mut out = String::new();
        for e in &self.log[reviews..] {
            self.write_review(&mut out, e);
        }
        for p in &self.practice[practice..] {
            write_practice(&mut out, p);
        }
        out
    }

    fn write_review(&self, out: &mut String, e: &Entry) {
        out.push_str("\n[[review]]\ncard = ");
        quote(out, &self.ids[e.card as usize]);
        let _ = write!(out, "\nat = {}\nrating = \"{}\"\n", e.at, e.rating.name());
    }
}

fn write_practice(out: &mut String, p: &Practice) {
    out.push_str("\n[[practice]]\ncard = ");
    quote(out, &p.card);
    let _ = write!(out, "\nat = {}\ncorrect = {}\nmode = \"{}\"\n", p.at, p.correct, p.mode.name());
}

fn write_exam(out: &mut String, exam: &ExamRecord) {
    let _ = write!(out, "\n[[exam]]\nat = {}\ntopics = [", exam.at);
    for (i, t) in exam.topics.iter().enumerate() {
        out.push_str(if i == 0 { "" } else { ", " });
        quote(out, t);
    }
    let _ = writeln!(out, "]\nscore = {}\ntotal = {}\npassed = {}", exam.score, exam.total, exam.passed);
    if let Some(s) = exam.seconds {
        let _ = writeln!(out, "seconds = {s}");
    }
    for a in &exam.answers {
        out.push_str("\n[[exam.answer]]\nquestion = ");
        quote(out, &a.question);
        out.push_str("\ngiven = [");
        for (i, g) in a.given.iter().enumerate() {
            out.push_str(if i == 0 { "" } else { ", " });
            quote(out, g);
        }
        let _ = writeln!(out, "]\ncorrect = {}", a.correct);
        if a.flagged {
            out.push_str("flagged = true\n");
        }
    }
}

/// Writes `s` as a TOML basic string.
pub(super) fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::doc::{ExamAnswer, Review};
    use super::super::parse::parse;
    use super::super::settings::NewOrder;
    use super::super::study::PracticeMode;
    use super::*;
    use crate::srs::Rating;

    fn t(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    fn sample() -> Progress {
        let mut p = Progress::with_reviews(
            Settings {
                desired_retention: 0.85,
                new_cards_per_day: 7,
                new_order: NewOrder::Topics,
                reviews_per_day: 150,
                fuzz: false,
            },
            [
                Review { card: "lambda.max-timeout", at: t("2026-11-27T14:03:11Z"), rating: Rating::Good },
                Review { card: "gone.old", at: t("2026-11-27T14:04:00.5Z"), rating: Rating::Again },
                Review { card: "lambda.max-timeout", at: t("2026-11-27T14:13:11Z"), rating: Rating::Easy },
            ],
        );
        p.suspend("ecs.x");
        p.suspend("ecs.\"quoted\"");
        p.bury("lambda.y", t("2026-11-27T14:00:00Z"));
        p.record_exam(ExamRecord {
            at: t("2026-11-27T15:00:00Z"),
            topics: vec!["lambda".into(), "ecs".into()],
            score: 1,
            total: 2,
            passed: false,
            seconds: Some(600),
            answers: vec![
                ExamAnswer {
                    question: "lambda.max-timeout".into(),
                    given: vec!["15-min".into()],
                    correct: true,
                    flagged: true,
                },
                ExamAnswer { question: "ecs.x".into(), given: vec![], correct: false, flagged: false },
            ],
        });
        p.record_practice("lambda.max-timeout", false, PracticeMode::Quiz, t("2026-11-27T15:10:00Z"));
        p.record_practice("gone.old", true, PracticeMode::Check, t("2026-11-27T15:11:00.25Z"));
        p.record_practice("ecs.x", true, PracticeMode::Drill, t("2026-11-27T15:12:00Z"));
        p.mark_read("lambda.basics", t("2026-11-27T13:00:00Z"));
        p.mark_read("gone.lesson", t("2026-11-20T13:00:00Z"));
        p
    }

    fn same(a: &Progress, b: &Progress) {
        assert_eq!(a.reviews().collect::<Vec<_>>(), b.reviews().collect::<Vec<_>>());
        assert_eq!(a.settings(), b.settings());
        assert_eq!(a.given, b.given);
        assert_eq!(a.suspended, b.suspended);
        assert_eq!(a.buried, b.buried);
        assert_eq!(a.exams, b.exams);
        assert_eq!(a.practice(), b.practice());
        assert_eq!(a.lessons_read().collect::<Vec<_>>(), b.lessons_read().collect::<Vec<_>>());
        for id in a.card_ids() {
            assert_eq!(a.card(id), b.card(id));
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let p = sample();
        let text = p.to_toml();
        let back = parse(&text, "p.toml").unwrap();
        same(&p, &back);
        assert_eq!(back.to_toml(), text);
    }

    #[test]
    fn the_layout_is_the_documented_one() {
        let text = sample().to_toml();
        assert!(text.contains("\nschema = 1\nsuspended = [\"ecs.\\\"quoted\\\"\", \"ecs.x\"]\n"), "{text}");
        assert!(
            text.contains(
                "\n[[review]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T14:03:11Z\nrating = \"good\"\n"
            )
        );
        assert!(text.contains("at = 2026-11-27T14:04:00.5Z\n"));
        assert!(text.contains(
            "[settings]\ndesired_retention = 0.85\nnew_cards_per_day = 7\nnew_order = \"topics\"\n\
             reviews_per_day = 150\nfuzz = false\n"
        ));
        assert!(text.contains("\n[[exam.answer]]\nquestion = \"ecs.x\"\ngiven = []\ncorrect = false\n"));
        assert!(text.contains("given = [\"15-min\"]\ncorrect = true\nflagged = true\n"), "{text}");
        assert_eq!(text.matches("flagged").count(), 1, "written only when flagged");
        assert!(text.contains(
            "\n[[practice]]\ncard = \"lambda.max-timeout\"\nat = 2026-11-27T15:10:00Z\ncorrect = false\nmode = \"quiz\"\n"
        ));
        assert!(text.contains("\n[[read]]\nlesson = \"lambda.basics\"\nat = 2026-11-27T13:00:00Z\n"));
        // Entries come in a fixed order of kinds, each kind together.
        let first = |what: &str| text.find(what).unwrap();
        assert!(first("[settings]") < first("[[read]]"));
        assert!(first("[[read]]") < first("[[buried]]"));
        assert!(first("[[buried]]") < first("[[review]]"));
        assert!(first("[[review]]") < first("[[practice]]"));
        assert!(first("[[practice]]") < first("[[exam]]"));
    }

    #[test]
    fn settings_the_file_left_out_stay_out_shown_as_comments() {
        let p = parse("schema = 1\n[settings]\nfuzz = false\n", "p.toml").unwrap();
        let text = p.to_toml();
        assert!(
            text.contains(
                "[settings]\n# desired_retention = 0.9\n# new_cards_per_day = 20\n# new_order = \"interleaved\"\n\
                 # reviews_per_day = 200\nfuzz = false\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn settings_changed_in_the_app_are_written_and_untouched_ones_stay_comments() {
        let mut p = parse("schema = 1\n[settings]\nfuzz = false\n", "p.toml").unwrap();
        let s = p.settings();
        p.set_settings(Settings { reviews_per_day: 80, new_order: NewOrder::Topics, ..s }).unwrap();
        let text = p.to_toml();
        assert!(
            text.contains(
                "[settings]\n# desired_retention = 0.9\n# new_cards_per_day = 20\nnew_order = \"topics\"\n\
                 reviews_per_day = 80\nfuzz = false\n"
            ),
            "{text}"
        );
        same(&p, &parse(&text, "p.toml").unwrap());
    }

    #[test]
    fn a_review_at_any_instant_reads_back_to_the_same_fuzzed_schedule() {
        // The fuzz is seeded by the review's exact instant, so the file must keep every
        // nanosecond: otherwise the due date seen after a restart would not be the one shown
        // on the rating button.
        let mut p = Progress::with_settings(Settings::default());
        let mut at = t("2026-03-01T08:00:00.123456789Z");
        for _ in 0..6 {
            let card = p.record_review("lambda.x", Rating::Good, at);
            at = card.due.unwrap() + jiff::SignedDuration::from_nanos(987_654_321);
        }
        let back = parse(&p.to_toml(), "p.toml").unwrap();
        assert_eq!(back.card("lambda.x"), p.card("lambda.x"));
        assert!(p.to_toml().contains("at = 2026-03-01T08:00:00.123456789Z\n"));
    }

    proptest! {
        #[test]
        fn any_card_id_survives_a_round_trip(id in "\\PC{1,20}|[\\x00-\\x7f]{1,20}") {
            prop_assume!(!id.trim().is_empty());
            let p = Progress::with_reviews(
                Settings::default(),
                [Review { card: &id, at: t("2026-01-01T00:00:00Z"), rating: Rating::Hard }],
            );
            let back = parse(&p.to_toml(), "p.toml").unwrap();
            prop_assert_eq!(back.reviews().next().unwrap().card, id.as_str());
        }
    }
}
