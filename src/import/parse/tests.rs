use super::*;

const EXAM_1: &[u8] = include_bytes!("../../../tests/fixtures/import/exam-1.md");
const EXAM_2: &[u8] = include_bytes!("../../../tests/fixtures/import/exam-2.md");
const EXAM_3: &[u8] = include_bytes!("../../../tests/fixtures/import/exam-3.md");
const BROKEN: &[u8] = include_bytes!("../../../tests/fixtures/import/broken.md");
const BROKEN_EXPECTED: &str = include_str!("../../../tests/fixtures/import/expected-broken.txt");
const NOT_UTF8: &[u8] = include_bytes!("../../../tests/fixtures/import/not-utf8.md");
const NOT_UTF8_EXPECTED: &str = include_str!("../../../tests/fixtures/import/expected-not-utf8.txt");

fn clean_parse(bytes: &[u8]) -> Vec<Parsed> {
    let r = parse(bytes);
    assert_eq!(r.problems, [], "no problems expected");
    assert_eq!(r.skipped, 0);
    r.questions
}

fn one(md: &str) -> Parsed {
    let mut q = clean_parse(md.as_bytes());
    assert_eq!(q.len(), 1, "{q:?}");
    q.remove(0)
}

/// `FILE:LINE: message` lines, as the command prints them.
fn messages(file: &str, r: &FileResult) -> String {
    r.problems.iter().map(|p| format!("{file}:{}: {}", p.line, p.message) + "\n").collect()
}

#[test]
fn exam_1_front_matter_headings_numbers_keys_explanations_and_references() {
    let q = clean_parse(EXAM_1);
    assert_eq!(q.len(), 16);
    // Front matter and headings passed over: the first stem is on line 14.
    assert_eq!(q[0].line, 14);
    assert!(q[0].prompt.starts_with("A startup wants to run short pieces of code"), "{}", q[0].prompt);
    assert_eq!(q[0].options, ["Amazon EC2", "AWS Lambda", "Amazon Lightsail", "AWS Outposts"]);
    assert_eq!(q[0].answer, [1]);
    assert_eq!(
        q[0].explanation.as_deref(),
        Some(
            "Lambda runs a function in response to events such as an S3 upload and bills per request and per \
             millisecond of run time. There is no server to look after."
        )
    );
    assert_eq!(q[0].references, ["https://docs.aws.amazon.com/lambda/latest/dg/welcome.html"]);
    // `Reference:` lines are references, not explanation.
    assert_eq!(q[1].explanation.as_deref(), Some("The timeout can be set up to 900 seconds, which is 15 minutes."));
    assert_eq!(q[1].references, ["https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"]);
    // A Markdown link inside the explanation: its words stay, its address is a reference.
    let spot = q[2].explanation.as_deref().unwrap();
    assert!(spot.ends_with("See Amazon EC2 Spot Instances (https://aws.amazon.com/ec2/spot/)."), "{spot}");
    assert_eq!(q[2].references, ["https://aws.amazon.com/ec2/spot/"]);
    // `Correct answer: A, E` and `B, E`: multi.
    assert_eq!((q[3].answer.as_slice(), q[3].options.len()), ([0, 4].as_slice(), 5));
    assert_eq!(q[4].answer, [1, 4]);
    // A `###` heading between questions is passed over.
    assert_eq!(q[5].line, 93);
    // Three options are enough for a single answer.
    assert_eq!(q[9].options.len(), 3);
    // A key with no explanation.
    assert_eq!((q[13].explanation.as_ref(), q[13].references.len()), (None, 0));
    assert_eq!(q[15].line, 241);
}

#[test]
fn exam_2_every_item_numbered_one_run_together_keys_and_bullet_explanations() {
    let q = clean_parse(EXAM_2);
    assert_eq!(q.len(), 14);
    let lines: Vec<usize> = q.iter().map(|q| q.line).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "in file order: {lines:?}");
    // `Correct Answer: ACE`: three of six.
    assert_eq!(q[0].answer, [0, 2, 4]);
    assert_eq!(
        q[0].explanation.as_deref(),
        Some(
            "- EC2 gives virtual servers.\n- Lambda runs functions on events.\n\
             - Fargate runs containers without servers to manage.\n- S3 stores objects, RDS and DynamoDB are databases."
        )
    );
    // A wrapped bullet goes on with its bullet; the address after it is a reference.
    assert_eq!(
        q[1].explanation.as_deref(),
        Some(
            "- Fargate charges for the vCPU and memory of each task from the time its image starts downloading \
             until it stops, by the second.\n- There is no charge for the cluster itself."
        )
    );
    assert_eq!(q[1].references, ["https://aws.amazon.com/fargate/pricing/"]);
    assert_eq!(q[2].answer, [0, 1], "Correct Answer: AB");
    assert_eq!(q[11].answer, [0, 2], "Correct Answer: A C");
}

#[test]
fn exam_3_task_lists_under_headings() {
    let q = clean_parse(EXAM_3);
    assert_eq!(q.len(), 12);
    assert_eq!(q[0].line, 11);
    assert_eq!(
        q[0].prompt,
        "Which service runs containers without you managing servers or clusters of Amazon EC2 instances?"
    );
    assert_eq!(q[0].answer, [1]);
    assert_eq!(q[0].explanation, None);
    // Ticked boxes and a key in a <details> that agrees; the explanation beside the key.
    assert_eq!(q[1].answer, [0, 1]);
    assert_eq!(
        q[1].explanation.as_deref(),
        Some("ECS places tasks on EC2 container instances or on Fargate capacity.")
    );
    assert_eq!(q[1].references, ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/launch_types.html"]);
    // A whole <details> on one line.
    assert!(q[3].explanation.as_deref().unwrap().starts_with("ECR bills the storage"), "{:?}", q[3].explanation);
    assert_eq!(q[3].references, ["https://aws.amazon.com/ecr/pricing/"]);
    assert_eq!(q[5].explanation.as_deref().map(|e| e.lines().count()), Some(3), "three bullets");
    assert_eq!(q[8].answer, [1]);
    assert_eq!(q[10].answer, [0, 1, 2], "Choose THREE");
}

#[test]
fn every_broken_item_is_reported_at_its_line_and_the_good_ones_imported() {
    let r = parse(BROKEN);
    assert_eq!(messages("broken.md", &r), BROKEN_EXPECTED);
    assert_eq!(r.skipped, 20);
    let good: Vec<usize> = r.questions.iter().map(|q| q.line).collect();
    // The question after an unterminated <details> is read all the same.
    assert_eq!(good, [5, 61, 133]);
}

#[test]
fn bytes_that_are_not_utf8_cost_their_own_question_only() {
    let r = parse(NOT_UTF8);
    assert_eq!(messages("not-utf8.md", &r), NOT_UTF8_EXPECTED);
    assert_eq!(r.skipped, 2);
    assert_eq!(r.questions.iter().map(|q| q.line).collect::<Vec<_>>(), [5]);
}

#[test]
fn keys_are_read_in_every_common_spelling() {
    for (key, answer) in [
        ("Correct answer: B", vec![1]),
        ("Correct Answer: b", vec![1]),
        ("**Correct answer:** B, D", vec![1, 3]),
        ("Correct answer: BD", vec![1, 3]),
        ("Correct answers: D and B", vec![1, 3]),
        ("correct answer: B / D.", vec![1, 3]),
        ("Answer: D", vec![3]),
    ] {
        let md = format!(
            "1. Which? (pick the right ones)\n    - A. one\n    - B. two\n    - C. three\n    - D. four\n\n    <details>\n    {key}\n    </details>\n"
        );
        assert_eq!(one(&md).answer, answer, "{key}");
    }
}

#[test]
fn crlf_a_bom_and_a_stem_over_several_lines() {
    let md = "\u{feff}3. A company runs a web app.\r\nIt needs servers.\r\n\r\nWhich service?\r\n   - A. EC2\r\n   - B. An option that\r\n     wraps\r\n\r\n<details><summary>Answer</summary>\r\nCorrect answer: A\r\n</details>\r\n";
    let q = one(md);
    assert_eq!(q.prompt, "A company runs a web app. It needs servers.\n\nWhich service?");
    assert_eq!(q.options, ["EC2", "An option that wraps"]);
    assert_eq!(q.line, 1);
}

#[test]
fn prose_outside_questions_is_passed_over() {
    let md = "# Tips\n\n1. Read every option.\n2. Flag and move on.\n\n<details><summary>Contents</summary>\n\n1. Which is not a question?\n\n</details>\n\n\
              ## Question 7: Which service is serverless?\n\n- [x] AWS Lambda\n- [ ] Amazon EC2\n";
    let q = one(md);
    assert_eq!(q.prompt, "Which service is serverless?", "the heading's own number goes");
    assert_eq!(q.answer, [0]);
}

#[test]
fn an_option_with_no_stem_and_front_matter_that_never_closes_are_reported() {
    let r = parse(b"---\ntitle: x\n\n- A. stray\n");
    let msgs: Vec<(usize, &str)> = r.problems.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (1, "front matter starts here but has no closing `---`; the file is read as if it had none"),
            (4, "an option with no numbered question above it; passed over"),
        ]
    );
}

#[test]
fn an_explanation_without_its_label_and_with_a_numbered_list() {
    let md = "1. Which?\n    - A. one\n    - B. two\n\n    <details>\n    Correct answer: A\n\n    One is right because:\n    1. it is first\n    2. it is alone\n    Source: https://example.com/one\n    </details>\n";
    let q = one(md);
    assert_eq!(q.explanation.as_deref(), Some("One is right because:\n\n- it is first\n- it is alone"));
    assert_eq!(q.references, ["https://example.com/one"]);
}

#[test]
fn a_second_details_block_before_the_first_ends() {
    let md = "1. Which?\n    - A. one\n    - B. two\n\n<details>\nCorrect answer: A\n<details>\nExplanation: x\n</details>\n";
    let r = parse(md.as_bytes());
    assert_eq!(r.skipped, 1);
    assert_eq!(
        r.problems,
        [LineProblem {
            line: 5,
            message:
                "<details> is never closed (a second <details> starts before it ends); add </details> after the answer"
                    .into()
        }]
    );
}
