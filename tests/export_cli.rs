//! `cloudcram export anki` through the real binary: the headers, one line per question, guids
//! that stay the same from one export to the next, escaping, every kind of question, `--out`
//! and `--topic`. The import into Anki itself is tests/anki_import.rs.

mod common;

use common::{cloudcram, copy_dir, fixtures};

const HEADERS: &str = "#separator:tab\n#html:true\n#notetype:Basic\n#columns:guid\tFront\tBack\tDeck\tTags\n\
                       #guid column:1\n#deck column:4\n#tags column:5\n";

fn export(args: &[&str]) -> String {
    let out = cloudcram().args(["export", "anki"]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The note lines: (guid, front, back, deck, tags).
fn notes(text: &str) -> Vec<[String; 5]> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<String> = l.split('\t').map(str::to_string).collect();
            cols.try_into().unwrap_or_else(|c: Vec<String>| panic!("{} columns: {l}", c.len()))
        })
        .collect()
}

#[test]
fn the_file_starts_with_anki_headers_and_has_a_note_per_question() {
    let text = export(&[]);
    assert!(text.starts_with(HEADERS), "{}", &text[..200]);
    let course = cloudcram::content::load(None).unwrap();
    let notes = notes(&text);
    assert_eq!(notes.len(), course.questions().count());
    for ([guid, front, back, deck, tags], q) in notes.iter().zip(course.questions()) {
        assert_eq!(*guid, cloudcram::export::guid(&q.id));
        assert!(guid.starts_with("cc") && guid.len() == 18 && guid[2..].chars().all(|c| c.is_ascii_hexdigit()));
        assert!(front.starts_with("<p>") && back.contains("<b>Why:</b>"), "{}", q.id);
        let topic = course.topic(&q.topic).unwrap();
        assert_eq!(*deck, format!("cloudcram::{}", topic.title));
        let tags: Vec<&str> = tags.split(' ').collect();
        assert_eq!(tags[..3], ["cloudcram", q.topic.as_str(), q.kind().name()], "{}", q.id);
    }
}

#[test]
fn guids_and_text_stay_the_same_from_one_export_to_the_next() {
    let first = export(&[]);
    assert_eq!(first, export(&[]), "two exports, the same bytes: a re-import updates nothing");
    // A topic's notes are the same whether exported alone or with the rest.
    let lambda = export(&["--topic", "lambda"]);
    let lambda_notes = notes(&lambda);
    assert!(!lambda_notes.is_empty());
    let all = notes(&first);
    for note in &lambda_notes {
        assert!(note[4].split(' ').nth(1) == Some("lambda"));
        assert!(all.contains(note), "{}", note[0]);
    }
    let two = notes(&export(&["--topic", "lambda", "--topic", "ecs"]));
    assert!(two.len() > lambda_notes.len());
}

#[test]
fn out_writes_the_same_file_and_says_how_to_import_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cloudcram.txt");
    let out = cloudcram().args(["export", "anki", "--out"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with("Wrote ") && said.contains("File > Import"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), export(&[]));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");

    let out = cloudcram().args(["export", "anki", "--out"]).arg(dir.path().join("no/such/dir/x.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_unknown_topic_is_a_usage_error() {
    let out = cloudcram().args(["export", "anki", "--topic", "lambd"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown topic 'lambd' (did you mean lambda?)"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_kind_is_rendered_and_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid-min"), dir.path());
    let topic = dir.path().join("topics/alpha.toml");
    let text = std::fs::read_to_string(&topic).unwrap().replace(
        "prompt = \"Which service runs code without servers?\"",
        "prompt = \"Which <b>service</b> runs code & \\\"scales\\\" without servers?\"",
    );
    std::fs::write(&topic, text).unwrap();
    let out = cloudcram().arg("--content-dir").arg(dir.path()).args(["export", "anki"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let notes = notes(&text);
    let note = |kind: &str| {
        notes.iter().find(|n| n[4].split(' ').any(|t| t == kind)).unwrap_or_else(|| panic!("no {kind} note"))
    };

    let [_, front, back, deck, _] = note("single");
    assert_eq!(deck, "cloudcram::Alpha");
    assert!(
        front
            .starts_with("<p>Which &lt;b&gt;service&lt;/b&gt; runs code &amp; &quot;scales&quot; without servers?</p>"),
        "{front}"
    );
    assert!(front.contains("<ol type=A><li>") && front.contains("<li>AWS Lambda</li>"), "{front}");
    assert!(back.contains("<b>Answer:</b> ") && back.contains("✔ ") && back.contains("Right: no servers to manage."));

    let [_, front, back, ..] = note("multi");
    assert!(front.contains("<i>Choose 2.</i>"), "{front}");
    assert_eq!(back.matches("<li>✔").count(), 2, "{back}");

    let [_, front, back, ..] = note("true_false");
    assert!(front.contains("True or false?"));
    assert!(
        back.starts_with("<p><b>Answer:</b> True</p><ul><li>✔ True: Right: 900 seconds is the maximum.</li>"),
        "{back}"
    );

    let [_, front, back, ..] = note("order");
    assert!(front.contains("Put these in order") && front.contains("<ul>"), "{front}");
    assert!(!front.contains("<li>Upload</li><li>Event</li><li>Function</li>"), "never shown already in order");
    assert!(back.contains("<ol><li>Upload</li><li>Event</li><li>Function</li></ol>"), "{back}");

    let [_, front, back, ..] = note("match");
    assert!(front.contains("<table><tr><td>1. ECR</td><td>A. "), "{front}");
    assert!(!front.contains("<td>1. ECR</td><td>A. Stores images</td><td>"), "{front}");
    for pair in ["ECR → ", "ECS → ", "Fargate → "] {
        assert!(back.contains(pair), "{back}");
    }

    let [_, front, back, ..] = note("numeric");
    assert!(front.contains("<i>Answer in GB-s.</i>"), "{front}");
    assert!(back.starts_with("<p><b>Answer:</b> 1,000 GB-s</p>"), "{back}");

    // No field holds what would break a line or need CSV quoting.
    for n in &notes {
        assert!(n.iter().all(|field| !field.contains('"')), "{n:?}");
    }
}

#[test]
fn generated_questions_are_exported_as_one_sample_each() {
    let course = cloudcram::content::load(None).unwrap();
    let text = export(&["--topic", "pricing"]);
    let generated: Vec<_> = notes(&text).into_iter().filter(|n| n[4].split(' ').any(|t| t == "generated")).collect();
    assert_eq!(generated.len(), course.templates.len());
    for [_, _, back, ..] in &generated {
        assert!(back.contains("<b>Worked answer:</b>") && back.contains("new numbers each time"), "{back}");
    }
}
