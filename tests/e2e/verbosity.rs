//! `-v`: kubectl's request-trace levels (6: a line per request, 7: headers, 8: bodies), with
//! credentials masked; beyond upstream, which prints nothing at these levels.

use crate::support::*;

#[test]
fn level_6_prints_one_line_per_request_and_the_default_prints_none() {
    let env = Env::new();
    env.create_vm("quiet", "Halted");
    env.create_vm("vm1", "Halted");
    let quiet = env.run(&["start", "quiet"]);
    assert_eq!(quiet.code, 0, "{quiet:#?}");
    assert_eq!(quiet.stderr, "", "{quiet:#?}");

    let traced = env.run(&["start", "vm1", "-v=6"]);
    assert_eq!(traced.code, 0, "{traced:#?}");
    assert_eq!(traced.stdout, "VM vm1 was scheduled to start\n", "{traced:#?}");
    let line = traced
        .stderr
        .lines()
        .find(|l| l.starts_with("PUT https://"))
        .unwrap_or_else(|| panic!("no request line: {traced:#?}"));
    assert!(line.contains(&format!("{SUB}/virtualmachines/vm1/start ")), "{line}");
    assert!(line.ends_with(" milliseconds"), "{line}");
    assert!(
        line.contains(" 409 Conflict in ") || line.contains(" 202 Accepted in "),
        "{line}"
    );
}

#[test]
fn level_8_shows_bodies_with_the_upload_token_masked() {
    let env = Env::new();
    let path = env.path("disk.raw");
    std::fs::write(&path, vec![7u8; 64 << 10]).unwrap();
    let out = env.run(&[
        "image-upload",
        "dv",
        "disk1",
        "--size=1Gi",
        &format!("--image-path={}", path.display()),
        "-v=8",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .contains("Request Headers:\n    Accept: application/json, */*"),
        "{out:#?}"
    );
    let token_answer = out
        .stderr
        .split("\nPOST ")
        .find(|request| request.contains("/uploadtokenrequests"))
        .unwrap_or_else(|| panic!("no token request traced: {out:#?}"));
    assert!(token_answer.contains("Response Body: "), "{token_answer}");
    assert!(token_answer.contains(r#""token":"<masked>""#), "{token_answer}");
    let tokens = env.sim.upload_tokens();
    assert!(!tokens.is_empty(), "the simulator handed out a token");
    for token in tokens {
        assert!(!out.stderr.contains(&token), "the upload token was printed: {out:#?}");
    }
}
