use super::*;

const EXAM_1: &str = include_str!("../../tests/fixtures/import/exam-1.md");

fn input(name: &str, text: &str) -> Input {
    Input { display: name.to_string(), bytes: Ok(text.as_bytes().to_vec()) }
}

fn request(deck: &str, files: Vec<Input>) -> Request {
    Request { deck: deck.to_string(), files, topic_per_file: false }
}

fn plan_of(deck: &str, files: Vec<Input>) -> Plan {
    plan(&request(deck, files), &BTreeMap::new()).expect("a plan")
}

fn ids(plan: &Plan) -> Vec<String> {
    plan.questions.iter().map(|q| q.id.clone()).collect()
}

const Q: &str = "1. Which service runs code without servers?\n    - A. Amazon EC2\n    - B. AWS Lambda\n    - C. Amazon EBS\n\n    <details>\n    Correct answer: B\n    </details>\n";

#[test]
fn ids_come_from_the_stem_and_survive_every_other_edit() {
    let first = plan_of("practice", vec![input("exam-1.md", EXAM_1)]);
    assert_eq!(first.imported, 16);
    assert!(first.questions.iter().all(|q| q.id.starts_with("practice.q-") && q.id.len() == "practice.q-".len() + 12));
    // Renumbered, an option reworded, the key and the explanation changed, the stem's case,
    // spacing, punctuation and markup changed, a "Choose TWO" added: the same ids.
    let edited = EXAM_1
        .replace("2. What is the longest", "1. What is the longest")
        .replace("    - D. 24 hours", "    - D. One whole day")
        .replace("Explanation: The timeout can be set", "Explanation: Its timeout may be set")
        .replace("A startup wants to run short pieces", "A startup  wants to run **short** pieces")
        .replace("Which AWS services run containers? (Choose TWO.)", "which AWS services run containers (choose two)")
        .replace("    - B. Amazon ECR\n", "    - B. Amazon Elastic Container Registry\n");
    let again = plan_of("practice", vec![input("exam-1.md", &edited)]);
    assert_eq!(ids(&again), ids(&first));
    // A reworded stem is a new question; the others keep theirs.
    let reworded = EXAM_1.replace("How much memory can you give", "How much memory may you give");
    let third = plan_of("practice", vec![input("exam-1.md", &reworded)]);
    let changed: Vec<usize> = (0..16).filter(|&i| ids(&third)[i] != ids(&first)[i]).collect();
    assert_eq!(changed, [15]);
}

#[test]
fn the_same_stem_with_other_options_is_numbered_and_the_very_same_question_imported_once() {
    let other = Q.replace("Amazon EBS", "Amazon S3");
    let p = plan_of("d", vec![input("a.md", Q), input("b.md", &other), input("c.md", Q)]);
    let base = format!("d.{}", text::stem_slug("Which service runs code without servers?"));
    assert_eq!(ids(&p), [base.clone(), format!("{base}-2")]);
    assert_eq!(p.skipped, 1);
    assert_eq!(
        p.errors,
        [Issue { file: "c.md".into(), line: Some(1), message: "the same question as a.md:1; imported once".into() }]
    );
}

#[test]
fn the_deck_is_content_that_validates_with_our_words_where_the_file_has_none() {
    let p = plan_of("My Exams", vec![input("exams/exam-1.md", EXAM_1)]);
    assert_eq!(p.deck, "my-exams");
    assert_eq!(p.files.keys().collect::<Vec<_>>(), ["deck.toml", "topics/my-exams.toml"]);
    let source = crate::content::decks::source_from_memory("deck", p.files.clone());
    let (course, report) = crate::content::check(&source);
    assert_eq!(report.errors, []);
    let course = course.unwrap();
    let topic = course.topic("my-exams").unwrap();
    assert_eq!(topic.title, "My Exams");
    assert_eq!(topic.questions.len(), 16);
    assert_eq!(topic.lessons[0].id, "my-exams.about");
    assert!(topic.lessons[0].body.contains("- exam-1.md: 16 questions"), "{}", topic.lessons[0].body);
    assert!(topic.lessons[0].sources.iter().any(|s| s.url == "https://aws.amazon.com/ec2/spot/"));
    let q = &topic.questions[0];
    assert_eq!(
        (q.task.to_string(), q.difficulty, q.tags.as_slice()),
        ("3.3".into(), Difficulty::Medium, ["imported".to_string()].as_slice())
    );
    // The file's reference is the question's (the feedback cites it), not repeated in the
    // explanation; a question without one cites the exam guide.
    assert_eq!(q.reference, "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html");
    assert!(!q.explanation.contains("Reference:"), "{}", q.explanation);
    assert!(topic.questions[13].reference.starts_with("https://"));
    let QuestionBody::Single { options, answer } = &q.body else { panic!("single") };
    assert_eq!(*answer, 1);
    assert_eq!(options[1].why, "The answer exam-1.md gives.");
    assert_eq!(options[0].why, "Not the answer exam-1.md gives.");
    // No explanation in the file: says so.
    assert_eq!(topic.questions[13].explanation, "Imported from exam-1.md; no explanation given.");
    // The link already in the explanation is not added again.
    assert_eq!(topic.questions[2].explanation.matches("https://aws.amazon.com/ec2/spot/").count(), 1);
    let QuestionBody::Multi { options, answers } = &topic.questions[4].body else { panic!("multi") };
    assert_eq!(answers, &[1, 4]);
    assert_eq!(options[1].why, "One of the answers exam-1.md gives.");
}

use crate::content::{Difficulty, QuestionBody};

#[test]
fn a_topic_per_file_and_names_that_cannot_be_used() {
    let mut r = request("set", vec![input("a/Exam 1.md", Q), input("b/exam-2.md", &Q.replace("code", "jobs"))]);
    r.topic_per_file = true;
    let p = plan(&r, &BTreeMap::new()).unwrap();
    assert_eq!(
        p.topics.iter().map(|t| (t.id.as_str(), t.title.as_str())).collect::<Vec<_>>(),
        [("set-exam-1", "set: Exam 1"), ("set-exam-2", "set: exam-2")]
    );
    assert_eq!(p.questions[1].id.split('.').next(), Some("set-exam-2"));

    let mut clash = request("set", vec![input("a/exam.md", Q), input("b/exam.md", Q)]);
    clash.topic_per_file = true;
    let err = plan(&clash, &BTreeMap::new()).unwrap_err();
    assert!(err.is_usage());
    assert_eq!(
        err.to_string(),
        "--topic-per-file: a/exam.md and b/exam.md would both be topic `set-exam`; rename one of them"
    );

    let taken = BTreeMap::from([("lambda".to_string(), "the course".to_string())]);
    let err = plan(&request("Lambda", vec![input("a.md", Q)]), &taken).unwrap_err();
    assert_eq!(
        err.to_string(),
        "deck `lambda` would have topic id `lambda`, which the course already has; choose another --deck name"
    );
    assert!(plan(&request("gen", vec![input("a.md", Q)]), &taken).unwrap_err().is_usage());
    assert!(matches!(plan(&request("!!", vec![input("a.md", Q)]), &taken), Err(ImportError::BadName(_))));
}

#[test]
fn an_unreadable_file_is_reported_and_a_file_with_nothing_usable_writes_nothing() {
    let files = vec![Input { display: "gone.md".into(), bytes: Err("cannot read the file: not found".into()) }];
    let p = plan_of("d", files);
    assert_eq!(
        p.errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["gone.md: cannot read the file: not found"]
    );
    assert_eq!((p.imported, p.files.len()), (0, 0));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(p.write(dir.path()).unwrap(), None);
    assert!(!dir.path().join("d").exists());
}

#[test]
fn a_topic_too_large_for_a_content_file_is_refused_before_anything_is_written() {
    let many: String = (0..3000)
        .map(|i| {
            Q.replace(
                "Which service runs code without servers?",
                &format!("Which service, number {i}, runs code without servers at all times?"),
            )
        })
        .collect();
    let result = plan(&request("big", vec![input("big.md", &many)]), &BTreeMap::new());
    let err = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("topic `big` would be ") && err.contains("use --topic-per-file"), "{err}");
}

#[test]
fn writing_replaces_the_deck_whole_and_leaves_no_staging_behind() {
    let dir = tempfile::tempdir().unwrap();
    let first = plan_of("d", vec![input("a.md", Q), input("b.md", &Q.replace("code", "jobs"))]);
    let path = first.write(dir.path()).unwrap().unwrap();
    assert_eq!(path, dir.path().join("d"));
    let second = plan_of("d", vec![input("a.md", Q)]);
    second.write(dir.path()).unwrap();
    let topic = std::fs::read_to_string(path.join("topics/d.toml")).unwrap();
    assert_eq!(topic.matches("[[questions]]").count(), 1);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["d"]);
    // A crash between the two renames left only `.d.old`: the next write puts it back first,
    // then replaces it.
    std::fs::rename(&path, dir.path().join(".d.old")).unwrap();
    std::fs::create_dir(dir.path().join(".d.new")).unwrap();
    first.write(dir.path()).unwrap();
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["d"]);
    assert_eq!(std::fs::read_to_string(path.join("topics/d.toml")).unwrap().matches("[[questions]]").count(), 2);
}
