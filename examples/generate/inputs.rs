//! The benchmarks' inputs, shared by the `generate` example and `cargo bench`: the files of a
//! Terraform tree, and a `terraform show -json` plan of N security groups.

use serde_json::{Value, json};
use std::fmt::Write as _;

/// The text of file `file` of module `module` of a generated tree: locals, seven
/// `aws_instance` blocks, two security groups and an `aws_security_group_rule`.
pub fn tree_file(module: usize, file: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "locals {{\n  env_{file} = \"prod\"\n  cidr_{file} = \"10.{}.0.0/16\"\n}}\n",
        module % 250
    );
    for i in 0..7 {
        let _ = writeln!(
            s,
            "resource \"aws_instance\" \"app_{file}_{i}\" {{\n  ami           = \"ami-123456\"\n  instance_type = \"t3.micro\"\n  subnet_id     = \"subnet-{i}\"\n  tags = {{\n    Name = \"app-{module}-{i}\"\n    Env  = local.env_{file}\n  }}\n}}\n"
        );
    }
    let _ = writeln!(
        s,
        "resource \"aws_security_group\" \"web_{file}\" {{\n  name        = \"web-{module}-${{local.env_{file}}}\"\n  description = \"Web tier\"\n  vpc_id      = \"vpc-123\"\n\n  ingress {{\n    description = \"HTTPS from the load balancer\"\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [local.cidr_{file}]\n  }}\n\n  egress {{\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n"
    );
    let _ = writeln!(
        s,
        "resource \"aws_security_group\" \"db_{file}\" {{\n  name   = \"allow-postgres-5432-{module}\"\n  vpc_id = \"vpc-123\"\n}}\n\nresource \"aws_security_group_rule\" \"db_from_web_{file}\" {{\n  type                     = \"ingress\"\n  security_group_id        = aws_security_group.db_{file}.id\n  source_security_group_id = aws_security_group.web_{file}.id\n  protocol                 = \"tcp\"\n  from_port                = 5432\n  to_port                  = 5432\n}}\n"
    );
    s
}

/// The file of a generated root module that calls its five local modules (`modules/m0` twice),
/// passing each a CIDR, a name and the first call's group.
pub fn calls_file(project: usize) -> String {
    let mut s = String::new();
    for (call, module) in [
        ("web", 0),
        ("web_canary", 0),
        ("app", 1),
        ("db", 2),
        ("cache", 3),
        ("queue", 4),
    ] {
        let _ = writeln!(
            s,
            "module \"{call}\" {{\n  source = \"./modules/m{module}\"\n\n  name       = \"{call}-{project}\"\n  cidr       = \"10.{}.{module}.0/24\"\n  peer_group = module.web.group_id\n}}\n",
            project % 250
        );
    }
    s
}

/// The file of a generated child module that declares its variables, a group whose rules come
/// from them, and an output.
pub fn module_interface_file(module: usize) -> String {
    format!(
        "variable \"name\" {{\n  type = string\n}}\n\nvariable \"cidr\" {{\n  type = string\n}}\n\nvariable \"peer_group\" {{\n  type    = string\n  default = null\n}}\n\nresource \"aws_security_group\" \"this\" {{\n  name        = var.name\n  description = \"Servers of module {module}\"\n  vpc_id      = \"vpc-123\"\n\n  ingress {{\n    description = \"Clients\"\n    from_port   = 8443\n    to_port     = 8443\n    protocol    = \"tcp\"\n    cidr_blocks = [var.cidr]\n  }}\n}}\n\nresource \"aws_security_group_rule\" \"from_peer\" {{\n  count                    = var.peer_group == null ? 0 : 1\n  type                     = \"ingress\"\n  description              = \"From the web tier\"\n  security_group_id        = aws_security_group.this.id\n  source_security_group_id = var.peer_group\n  protocol                 = \"tcp\"\n  from_port                = 9000\n  to_port                  = 9000\n}}\n\noutput \"group_id\" {{\n  value = aws_security_group.this.id\n}}\n"
    )
}

/// A plan of `groups` security groups with three inline rules each, one
/// `aws_security_group_rule` each and six `aws_instance` resources around each group, in modules
/// of ten groups, with the configuration that references them.
pub fn plan(groups: usize) -> Value {
    let mut changes = Vec::new();
    let mut calls = serde_json::Map::new();
    for m in 0..groups.div_ceil(10) {
        let module = format!("module.svc{m}");
        let mut resources = Vec::new();
        for g in (m * 10)..((m + 1) * 10).min(groups) {
            let name = format!("g{g}");
            let ingress = vec![
                rule(443, "0.0.0.0/0", "HTTPS from the internet"),
                rule(8443, "10.0.1.0/24", ""),
                rule(5432, "10.0.2.0/24", "Postgres from the app subnet"),
            ];
            let unknown_rules: Vec<Value> = ingress
                .iter()
                .map(|_| json!({"cidr_blocks": [false], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": []}))
                .collect();
            changes.push(change(
                &format!("{module}.aws_security_group.{name}"), &module, "aws_security_group", &name,
                json!({"description": "Managed by Terraform", "egress": [], "ingress": ingress,
                       "name": format!("allow-https-{g}"), "revoke_rules_on_delete": false,
                       "tags": {"Name": format!("svc-{g}"), "team": "platform"}, "timeouts": null}),
                json!({"arn": true, "egress": [], "id": true, "ingress": unknown_rules,
                       "name_prefix": true, "owner_id": true, "tags": {}, "tags_all": true, "vpc_id": true}),
            ));
            changes.push(change(
                &format!("{module}.aws_security_group_rule.{name}_egress"),
                &module,
                "aws_security_group_rule",
                &format!("{name}_egress"),
                json!({"cidr_blocks": ["0.0.0.0/0"], "description": null, "from_port": 0,
                       "ipv6_cidr_blocks": null, "prefix_list_ids": null, "protocol": "-1",
                       "self": false, "timeouts": null, "to_port": 0, "type": "egress"}),
                json!({"cidr_blocks": [false], "id": true, "security_group_id": true,
                       "security_group_rule_id": true, "source_security_group_id": true}),
            ));
            for i in 0..6 {
                let instance = format!("{name}_i{i}");
                let tags: serde_json::Map<String, Value> = (0..14)
                    .map(|t| (format!("tag{t}"), json!(format!("value-{g}-{i}-{t}"))))
                    .collect();
                changes.push(change(
                    &format!("{module}.aws_instance.{instance}"), &module, "aws_instance", &instance,
                    json!({"ami": "ami-0fe0b2cf0e1f25c8a", "instance_type": "t3.micro",
                           "credit_specification": [], "get_password_data": false,
                           "source_dest_check": true, "tags": tags, "user_data_replace_on_change": false,
                           "volume_tags": null}),
                    json!({"arn": true, "id": true, "private_ip": true, "public_ip": true,
                           "security_groups": true, "subnet_id": true, "tags_all": true,
                           "vpc_security_group_ids": true, "root_block_device": true}),
                ));
                resources.push(json!({"address": format!("aws_instance.{instance}"),
                    "mode": "managed", "type": "aws_instance", "name": instance,
                    "provider_config_key": "aws",
                    "expressions": {"vpc_security_group_ids": {"references": [
                        format!("aws_security_group.{name}.id"),
                        format!("aws_security_group.{name}")]}}}));
            }
            resources.push(
                json!({"address": format!("aws_security_group.{name}"), "mode": "managed",
                "type": "aws_security_group", "name": name, "provider_config_key": "aws",
                "expressions": {"name": {"constant_value": format!("allow-https-{g}")},
                                "vpc_id": {"references": ["var.vpc_id"]}}}),
            );
            resources.push(json!({"address": format!("aws_security_group_rule.{name}_egress"),
                "mode": "managed", "type": "aws_security_group_rule", "name": format!("{name}_egress"),
                "provider_config_key": "aws",
                "expressions": {"security_group_id": {"references": [
                    format!("aws_security_group.{name}.id"), format!("aws_security_group.{name}")]},
                    "type": {"constant_value": "egress"}}}));
        }
        calls.insert(
            format!("svc{m}"),
            json!({"source": "./modules/svc",
            "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}},
            "module": {"resources": resources}}),
        );
    }
    json!({"format_version": "1.2", "terraform_version": "1.9.6",
        "planned_values": {"root_module": {}}, "resource_changes": changes,
        "configuration": {"root_module": {"module_calls": calls}}})
}

fn rule(port: u64, cidr: &str, description: &str) -> Value {
    json!({"cidr_blocks": [cidr], "description": description, "from_port": port,
           "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "tcp",
           "security_groups": [], "self": false, "to_port": port})
}

fn change(
    address: &str,
    module: &str,
    kind: &str,
    name: &str,
    after: Value,
    unknown: Value,
) -> Value {
    json!({"address": address, "module_address": module, "mode": "managed", "type": kind,
           "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
           "change": {"actions": ["create"], "before": null, "after": after,
                      "after_unknown": unknown, "before_sensitive": false,
                      "after_sensitive": {"tags_all": {}}}})
}
