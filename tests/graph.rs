//! `sglint graph`: the security-group reference graph in Mermaid, DOT and JSON, from .tf files
//! and from plans.

use assert_cmd::Command;
use std::path::Path;

fn graph(args: &[&str]) -> String {
    let out = Command::cargo_bin("sglint")
        .unwrap()
        .arg("graph")
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_node_kind_and_highlight_is_drawn() {
    let dir = "testdata/graph/highlights";
    insta::assert_snapshot!("highlights_mermaid", graph(&[dir]));
    insta::assert_snapshot!("highlights_dot", graph(&[dir, "--format", "dot"]));
    let json: serde_json::Value = serde_json::from_str(&graph(&[dir, "--format", "json"])).unwrap();
    let module = &json["modules"][0];
    let kinds: Vec<&str> = module["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "group",
            "group",
            "group",
            "prefix-list",
            "internet",
            "cidr",
            "external-group",
            "unknown"
        ]
    );
    let edge = |from: &str, to: &str| {
        module["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["from"] == from && e["to"] == to)
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
            .clone()
    };
    let mutual = edge("aws_security_group.workers", "aws_security_group.queue");
    assert_eq!(mutual["mutual"], true);
    assert_eq!(mutual["cycle"], true);
    assert_eq!(mutual["traffic"][0], "TCP port 5671");
    let public = edge("internet", "aws_security_group.admin");
    assert_eq!(public["public"], true);
    assert_eq!(
        public["rules"][0],
        "aws_vpc_security_group_ingress_rule.admin_ssh"
    );
    let own = edge("aws_security_group.queue", "aws_security_group.queue");
    assert_eq!(
        (own["mutual"].as_bool(), own["cycle"].as_bool()),
        (Some(false), Some(false))
    );
    assert_eq!(
        edge("aws_security_group.workers", "pl-63a5400a")["direction"],
        "egress"
    );
}

#[test]
fn five_tier_example_is_a_chain() {
    insta::assert_snapshot!(
        "five_tier_dot",
        graph(&["testdata/graph/five-tier", "--format", "dot"])
    );
}

/// The graph of a plan has the same edges as the graph of its .tf files.
#[test]
fn plans_draw_the_same_graph_as_their_configuration() {
    let dir = Path::new("testdata/plans/mutual-reference");
    let edges = |input: &Path| -> Vec<(String, String, bool)> {
        let json: serde_json::Value =
            serde_json::from_str(&graph(&[input.to_str().unwrap(), "--format", "json"])).unwrap();
        let mut edges: Vec<_> = json["modules"][0]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["from"].as_str().unwrap().to_string(),
                    e["to"].as_str().unwrap().to_string(),
                    e["mutual"].as_bool().unwrap(),
                )
            })
            .collect();
        edges.sort();
        edges
    };
    let from_tf = edges(&dir.join("main.tf"));
    assert!(from_tf.iter().any(|(_, _, mutual)| *mutual));
    assert_eq!(edges(&dir.join("plan.json")), from_tf);
}

/// Graphviz reads the DOT output (where it is installed; `.ci/run` installs it).
#[test]
fn graphviz_renders_the_dot_output() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let dot = graph(&["testdata/graph/highlights", "--format", "dot"]);
    let svg = Command::new("dot")
        .arg("-Tsvg")
        .write_stdin(dot)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(svg).unwrap();
    assert!(svg.contains("<svg"), "not an SVG");
    assert!(
        svg.contains("orders&#45;queue"),
        "the group's name is drawn"
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error_and_the_rest_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bad")).unwrap();
    std::fs::write(dir.path().join("bad/main.tf"), "resource \"x\" {").unwrap();
    std::fs::copy(
        "testdata/graph/five-tier/main.tf",
        dir.path().join("main.tf"),
    )
    .unwrap();
    let out = Command::cargo_bin("sglint")
        .unwrap()
        .arg("graph")
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad/main.tf:1:"), "{stderr}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("tier5-db-sg")
    );
}

/// The Mermaid shown in `docs/graph.md` is what `sglint graph` prints for the five tiers.
#[test]
fn the_documented_mermaid_is_current() {
    let docs = std::fs::read_to_string("docs/graph.md").unwrap();
    let block = docs
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a mermaid block in docs/graph.md");
    assert_eq!(block, graph(&["testdata/graph/five-tier"]));
}
