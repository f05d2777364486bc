//! Evaluation tests on small modules.

use super::*;
use crate::discover::FileKind;
use crate::parse::ParsedFile;

fn module(config: &str, tfvars: &str) -> Vec<ParsedFile> {
    module_deferring(config, tfvars, false)
}

/// The files of a module; `defer`: whether declarations are parsed on first use (as in a large
/// module).
fn module_deferring(config: &str, tfvars: &str, defer: bool) -> Vec<ParsedFile> {
    let file = |id, kind, name: &str, text| ParsedFile {
        id,
        kind,
        name: name.to_string(),
        parts: Some(crate::parse::parse_parts(text, kind, defer).unwrap()),
    };
    vec![
        file(0, FileKind::Config, "main.tf", config),
        file(1, FileKind::Tfvars, "terraform.tfvars", tfvars),
    ]
}

fn eval_local(config: &str, tfvars: &str, name: &str) -> Value {
    let files = module(config, tfvars);
    let index = ModuleIndex::new(&files);
    Evaluator::new(&index).local(name)
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

#[test]
fn locals_variables_and_tfvars() {
    let config = r#"
variable "env" { default = "dev" }
variable "region" { default = "eu" }
variable "nodefault" {}
locals {
  name  = "${var.env}-web-${var.region}"
  later = local.name
  open  = "${var.nodefault}-x"
}
"#;
    assert_eq!(
        eval_local(config, r#"env = "prod""#, "later"),
        s("prod-web-eu")
    );
    assert_eq!(
        eval_local(config, "", "open"),
        Value::Template(vec![None, Some("-x".into())])
    );
}

#[test]
fn local_cycles_are_unknown() {
    let config = "locals {\n a = local.b\n b = local.a\n}\n";
    assert_eq!(eval_local(config, "", "a"), Value::Unknown);
}

#[test]
fn resource_references_resolve_to_addresses_and_cidrs() {
    let config = r#"
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "web" {
  count = 2
}
locals {
  first  = aws_security_group.web[0].id
  all    = aws_security_group.web[*].id
  legacy = "${aws_security_group.web.*.id}"
  cidr   = aws_vpc.main.cidr_block
  sub    = cidrsubnet(aws_vpc.main.cidr_block, 8, 1)
  ext    = data.aws_security_group.shared.id
  mod    = module.net.sg_id
}
"#;
    let gid = |a: &str| Value::GroupId(a.to_string());
    assert_eq!(
        eval_local(config, "", "first"),
        gid("aws_security_group.web[0]")
    );
    let both = Value::List(vec![
        gid("aws_security_group.web[0]"),
        gid("aws_security_group.web[1]"),
    ]);
    assert_eq!(eval_local(config, "", "all"), both);
    assert_eq!(eval_local(config, "", "legacy"), both);
    let net = |c: &str| Value::NetworkCidr {
        cidr: c.into(),
        of: "aws_vpc.main".into(),
    };
    assert_eq!(eval_local(config, "", "cidr"), net("10.0.0.0/16"));
    assert_eq!(eval_local(config, "", "sub"), net("10.0.1.0/24"));
    assert_eq!(
        eval_local(config, "", "ext"),
        Value::External("data.aws_security_group.shared".into())
    );
    assert_eq!(
        eval_local(config, "", "mod"),
        Value::External("module.net.sg_id".into())
    );
}

#[test]
fn for_expressions_conditionals_and_functions() {
    let config = r#"
variable "rules" {
  default = {
    ssh   = { port = 22, cidrs = ["10.0.0.0/8"] }
    https = { port = 443, cidrs = ["0.0.0.0/0"] }
  }
}
variable "enabled" { default = true }
locals {
  ports   = [for k, r in var.rules : r.port if k != "ssh"]
  cidrs   = flatten([for r in var.rules : r.cidrs])
  picked  = var.enabled ? "a" : "b"
  split   = split(",", "10.0.0.0/8,192.168.0.0/16")
  looked  = lookup(var.rules["ssh"], "missing", "fallback")
  formatd = format("%s-%d", "web", 8443)
}
"#;
    assert_eq!(
        eval_local(config, "", "ports"),
        Value::List(vec![Value::Number(443.0)])
    );
    assert_eq!(
        eval_local(config, "", "cidrs"),
        Value::List(vec![s("0.0.0.0/0"), s("10.0.0.0/8")])
    );
    assert_eq!(eval_local(config, "", "picked"), s("a"));
    assert_eq!(
        eval_local(config, "", "split"),
        Value::List(vec![s("10.0.0.0/8"), s("192.168.0.0/16")])
    );
    assert_eq!(eval_local(config, "", "looked"), s("fallback"));
    assert_eq!(eval_local(config, "", "formatd"), s("web-8443"));
}

#[test]
fn unknown_conditions_and_counts_stay_unknown() {
    let config = r#"
variable "flag" {}
resource "aws_security_group" "maybe" { count = var.flag ? 1 : 0 }
locals {
  chosen = var.flag ? "10.0.0.0/8" : "0.0.0.0/0"
  ref    = aws_security_group.maybe[0].id
}
"#;
    assert_eq!(eval_local(config, "", "chosen"), Value::Unknown);
    // With an unknown count the instance has no index, but references still name the group.
    assert_eq!(
        eval_local(config, "", "ref"),
        Value::GroupId("aws_security_group.maybe".into())
    );
}

#[test]
fn text_functions_keep_the_literal_parts_of_unknown_arguments() {
    let config = r#"
variable "env" {}
locals {
  formatted = format("%s-%s-external-ssh", var.env, "x")
  padded    = format("%05d-orders", var.env)
  joined    = join("-", [var.env, "ssh"])
  lowered   = lower("${var.env}-Allow-HTTPS")
  replaced  = replace("${var.env}_allow_rdp", "_", "-")
  known     = join("-", ["a", "b"])
  unknown   = lower(var.env)
}
"#;
    let partial = |parts: &[Option<&str>]| {
        Value::Template(parts.iter().map(|p| p.map(str::to_string)).collect())
    };
    let local = |name| eval_local(config, "", name);
    assert_eq!(
        local("formatted"),
        partial(&[None, Some("-x-external-ssh")])
    );
    assert_eq!(local("padded"), partial(&[None, Some("-orders")]));
    assert_eq!(local("joined"), partial(&[None, Some("-ssh")]));
    assert_eq!(local("lowered"), partial(&[None, Some("-allow-https")]));
    assert_eq!(local("replaced"), partial(&[None, Some("-allow-rdp")]));
    assert_eq!(local("known"), s("a-b"));
    assert_eq!(local("unknown"), Value::Unknown);
}

#[test]
fn optional_object_attributes_take_their_defaults() {
    let config = r#"
variable "rules" {
  type = list(object({
    port  = number
    cidrs = optional(list(string), ["0.0.0.0/0"])
    note  = optional(string)
    inner = optional(object({ on = optional(bool, true) }), {})
  }))
  default = [{ port = 22 }, { port = 443, cidrs = ["10.0.0.0/8"] }]
}
locals {
  first  = var.rules[0]
  second = var.rules[1].cidrs
}
"#;
    let first = eval_local(config, "", "first");
    let Value::Object(first) = first else {
        panic!("{first:?}")
    };
    assert_eq!(first["cidrs"], Value::List(vec![s("0.0.0.0/0")]));
    assert_eq!(first["note"], Value::Null);
    assert_eq!(
        first["inner"],
        Value::Object(BTreeMap::from([("on".to_string(), Value::Bool(true))]))
    );
    assert_eq!(
        eval_local(config, "", "second"),
        Value::List(vec![s("10.0.0.0/8")])
    );
}

/// A large module's declarations are parsed when first read, not kept from the file's parse: the
/// values, the defaults a variable's type gives, the tfvars that win and the places of limits are
/// the same either way.
#[test]
fn deferred_declarations_evaluate_as_parsed_ones() {
    let config = r#"
variable "ports" {
  type = list(object({ port = number, cidr = optional(string, "10.0.0.0/8") }))
  default = [{ port = 22 }]
}
variable "set_in_tfvars" {
  default = "from default"
}
variable "no_default" {}
locals {
  first  = var.ports[0].cidr
  joined = "${local.first}:${var.set_in_tfvars}"
  loop   = local.loop
}
locals {
  unknown = var.no_default
}
"#;
    let tfvars = "set_in_tfvars = \"from tfvars\"\n";
    for defer in [false, true] {
        let files = module_deferring(config, tfvars, defer);
        assert_eq!(
            files[0].parts.as_ref().unwrap()[0].declares().is_some(),
            defer
        );
        let index = ModuleIndex::new(&files);
        let eval = Evaluator::new(&index);
        assert_eq!(eval.local("joined"), s("10.0.0.0/8:from tfvars"), "{defer}");
        assert_eq!(eval.local("unknown"), Value::Unknown, "{defer}");
        assert_eq!(eval.local("loop"), Value::Unknown, "{defer}");
        let limits = eval.take_limits();
        assert_eq!(limits.len(), 1, "{defer}");
        let span = limits[0].span;
        assert_eq!(&config[span.start..span.end], "local.loop", "{defer}");
    }
}

/// In a module others may call, `count` on a local that reads a variable the callers set is
/// their choice: the resource may exist (one instance of unknown number), whether the locals
/// were deferred or not; a local that reads only known values decides.
#[test]
fn count_on_a_deferred_local_that_reads_a_callers_variable_is_the_callers_choice() {
    let config = r#"
variable "enabled" {
  default = false
}
locals {
  create = var.enabled
  chain  = local.create
  never  = false
}
resource "aws_security_group" "maybe" {
  count = local.chain ? 1 : 0
}
resource "aws_security_group" "none" {
  count = local.never ? 1 : 0
}
"#;
    for defer in [false, true] {
        let files = module_deferring(config, "", defer);
        let index = ModuleIndex::new(&files);
        let eval = Evaluator::new(&index);
        let addresses = |name: &str| -> Vec<String> {
            let decl = index.resource("aws_security_group", name).unwrap();
            eval.instances(decl)
                .into_iter()
                .map(|i| i.address)
                .collect()
        };
        assert_eq!(addresses("maybe"), ["aws_security_group.maybe"], "{defer}");
        assert!(addresses("none").is_empty(), "{defer}");
    }
}
