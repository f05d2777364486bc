#!/usr/bin/env python3
"""Writes the plan fixtures of the rules added after the first five: for each rule, a `main.tf`
and the `plan.json` that `terraform show -json` prints for it on a first apply (AWS provider 5.x,
Terraform 1.9), so that tests/plans.rs can check that both inputs give the same findings.

Each fixture is declared once below; this script renders it as HCL and as a plan the way Terraform
does: literal values are known in `after`, references to resources being created are unknown
(`after_unknown`) and listed in the `configuration` with their `references`, and every attribute the
provider computes is unknown. Run `python3 testdata/plans/generate.py` after changing a fixture.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent


class Ref:
    """A reference to another resource's attribute, unknown until apply."""

    def __init__(self, expression):
        self.expression = expression

    def references(self):
        # Terraform lists the attribute and the resource: ["aws_vpc.main.id", "aws_vpc.main"].
        parts = self.expression.split(".")
        return [self.expression, ".".join(parts[:2])]


class Block(dict):
    """A nested block (`ingress { ... }`), as opposed to a map attribute."""


class Resource:
    def __init__(self, kind, label, **attrs):
        self.kind, self.name, self.attrs = kind, label, attrs

    @property
    def address(self):
        return f"{self.kind}.{self.name}"


class Output:
    def __init__(self, name, value):
        self.name, self.value = name, value


class Provider:
    """The `aws` provider, with its `default_tags` (none when empty)."""

    def __init__(self, default_tags):
        self.default_tags = default_tags


# Attributes the provider fills in, with their value when not written (None: unknown until apply).
DEFAULTS = {
    "aws_security_group": {
        "description": "Managed by Terraform",
        "egress": [],
        "ingress": [],
        "name": None,
        "name_prefix": None,
        "revoke_rules_on_delete": False,
        "tags": None,
        "timeouts": None,
        "vpc_id": None,
    },
    "aws_default_security_group": {
        "egress": [],
        "ingress": [],
        "revoke_rules_on_delete": False,
        "tags": None,
        "vpc_id": None,
    },
    "aws_security_group_rule": {
        "cidr_blocks": None,
        "description": None,
        "ipv6_cidr_blocks": None,
        "prefix_list_ids": None,
        "self": False,
        "source_security_group_id": None,
        "timeouts": None,
    },
    "aws_vpc_security_group_ingress_rule": {
        "cidr_ipv4": None,
        "cidr_ipv6": None,
        "description": None,
        "from_port": None,
        "prefix_list_id": None,
        "referenced_security_group_id": None,
        "tags": None,
        "to_port": None,
    },
    "aws_vpc": {"enable_dns_support": True, "instance_tenancy": "default", "tags": None},
}
DEFAULTS["aws_vpc_security_group_egress_rule"] = DEFAULTS["aws_vpc_security_group_ingress_rule"]

# Attributes computed when not written.
COMPUTED = {
    "aws_security_group": ["arn", "id", "owner_id", "tags_all", "name", "name_prefix", "vpc_id"],
    "aws_default_security_group": ["arn", "id", "owner_id", "tags_all", "name", "vpc_id"],
    "aws_security_group_rule": ["id", "security_group_rule_id", "source_security_group_id"],
    "aws_vpc_security_group_ingress_rule": ["arn", "id", "security_group_rule_id", "tags_all"],
    "aws_vpc_security_group_egress_rule": ["arn", "id", "security_group_rule_id", "tags_all"],
    "aws_vpc": ["arn", "id", "default_security_group_id"],
    "aws_instance": ["arn", "id", "private_ip"],
    "aws_lambda_function": ["arn", "id"],
}

# Fields every inline rule has in a plan.
INLINE_FIELDS = {
    "cidr_blocks": [],
    "description": "",
    "ipv6_cidr_blocks": [],
    "prefix_list_ids": [],
    "security_groups": [],
    "self": False,
}


def hcl(value, indent):
    pad = "  " * indent
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl(v, indent) for v in value) + "]"
    if isinstance(value, dict):
        inner = "".join(f"{pad}  {k} = {hcl(v, indent + 1)}\n" for k, v in value.items())
        return "{\n" + inner + pad + "}"
    raise TypeError(value)


def body(attrs, indent):
    pad = "  " * indent
    plain = {k: v for k, v in attrs.items() if not is_blocks(v)}
    width = max((len(k) for k in plain), default=0)
    out = [f"{pad}{k.ljust(width)} = {hcl(v, indent)}\n" for k, v in plain.items()]
    for key, blocks in attrs.items():
        if is_blocks(blocks):
            for block in blocks:
                out.append(f"\n{pad}{key} {{\n{body(block, indent + 1)}{pad}}}\n")
    return "".join(out)


def is_blocks(value):
    return isinstance(value, list) and value and all(isinstance(v, Block) for v in value)


def render_tf(items):
    # Terraform configures the provider of a root module without a `provider` block as if the
    # block were empty, and its plan says so: write the block so that the `.tf` says it too.
    if not any(isinstance(item, Provider) for item in items):
        items = [Provider({})] + items
    out = []
    for item in items:
        if isinstance(item, Resource):
            out.append(f'resource "{item.kind}" "{item.name}" {{\n{body(item.attrs, 1)}}}\n')
        elif isinstance(item, Output):
            out.append(f'output "{item.name}" {{\n  value = {hcl(item.value, 1)}\n}}\n')
        elif isinstance(item, Provider) and item.default_tags:
            tags = hcl(item.default_tags, 2)
            out.append(
                f'provider "aws" {{\n  region = "eu-west-1"\n\n  default_tags {{\n'
                f"    tags = {tags}\n  }}\n}}\n"
            )
        elif isinstance(item, Provider):
            out.append('provider "aws" {\n  region = "eu-west-1"\n}\n')
    return "\n".join(out)


def is_unknown(value):
    if isinstance(value, Ref):
        return True
    if isinstance(value, list):
        return any(is_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(is_unknown(v) for v in value.values())
    return False


def planned(value):
    """`after` and `after_unknown` of one value."""
    if isinstance(value, Ref):
        return None, True
    if isinstance(value, list):
        pairs = [planned(v) for v in value]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    if isinstance(value, dict):
        after, unknown = {}, {}
        for k, v in value.items():
            a, u = planned(v)
            # Terraform leaves unknown attributes out of `after`.
            if u is not True:
                after[k] = a
            if u not in (False, [], {}):
                unknown[k] = u
        return after, unknown
    return value, False


def all_references(value):
    if isinstance(value, Ref):
        return value.references()
    if isinstance(value, list):
        return [r for v in value for r in all_references(v)]
    if isinstance(value, dict):
        return [r for v in value.values() for r in all_references(v)]
    return []


def inline_rules_expression(blocks):
    """A group's `ingress` or `egress`: the provider declares them as an attribute, so Terraform
    writes one constant list (every field, null when not written) or, when any rule has a
    reference, only the references."""
    if is_unknown(blocks):
        return {"references": all_references(blocks)}
    fields = ["from_port", "to_port", "protocol", *INLINE_FIELDS]
    return {"constant_value": [{**{f: None for f in fields}, **block} for block in blocks]}


def expression(value):
    """The `configuration` expression of one attribute."""
    if isinstance(value, Ref):
        return {"references": value.references()}
    if is_blocks(value):
        return [{k: expression(v) for k, v in block.items()} for block in value]
    if is_unknown(value):
        refs = []
        for v in value if isinstance(value, list) else value.values():
            if isinstance(v, Ref):
                refs += v.references()
        return {"references": refs}
    return {"constant_value": value}


def render_plan(items):
    default_tags = {}
    for item in items:
        if isinstance(item, Provider):
            default_tags = item.default_tags
    changes, config_resources, outputs = [], [], {}
    for item in items:
        if isinstance(item, Output):
            outputs[item.name] = {"expression": expression(item.value)}
            continue
        if not isinstance(item, Resource):
            continue
        values = dict(DEFAULTS.get(item.kind, {}))
        for key, value in item.attrs.items():
            if is_blocks(value):
                value = [dict(block) for block in value]
                if key in ("ingress", "egress"):
                    value = [{**INLINE_FIELDS, **block} for block in value]
            values[key] = value
        after, unknown = planned(values)
        for key in COMPUTED.get(item.kind, []):
            if key == "tags_all":
                tags = values.get("tags")
                if isinstance(tags, dict) or default_tags:
                    after["tags_all"] = {**default_tags, **(tags or {})}
                    continue
            if key not in item.attrs:
                after.pop(key, None)
                unknown[key] = True
        changes.append(
            {
                "address": item.address,
                "mode": "managed",
                "type": item.kind,
                "name": item.name,
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": after,
                    "after_unknown": unknown,
                },
            }
        )
        config_resources.append(
            {
                "address": item.address,
                "mode": "managed",
                "type": item.kind,
                "name": item.name,
                "provider_config_key": "aws",
                "expressions": {
                    k: inline_rules_expression(v)
                    if item.kind == "aws_security_group" and k in ("ingress", "egress")
                    else expression(v)
                    for k, v in item.attrs.items()
                },
            }
        )
    provider = {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}
    if default_tags:
        provider["expressions"] = {
            "default_tags": [{"tags": {"constant_value": default_tags}}],
            "region": {"constant_value": "eu-west-1"},
        }
    root = {"resources": config_resources}
    if outputs:
        root["outputs"] = outputs
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.6",
        "planned_values": {"root_module": {"resources": []}},
        "resource_changes": changes,
        "configuration": {"provider_config": {"aws": provider}, "root_module": root},
    }


def group(label, description, **attrs):
    attrs = {"name": label.replace("_", "-"), "description": description, **attrs}
    return Resource("aws_security_group", label, **attrs)


def rule(kind, name, group_name, **attrs):
    return Resource(kind, name, security_group_id=Ref(f"aws_security_group.{group_name}.id"), **attrs)


def output(*groups):
    return Output("security_group_ids", [Ref(f"aws_security_group.{g}.id") for g in groups])


INGRESS = "aws_vpc_security_group_ingress_rule"
EGRESS = "aws_vpc_security_group_egress_rule"
SGR = "aws_security_group_rule"


def tcp(port, to=None, **sources):
    return Block(description=f"TCP {port}", from_port=port, to_port=to or port, protocol="tcp", **sources)


FIXTURES = {
    "all-ports-open": [
        group("game", "Game servers", ingress=[Block(description="Everything from the office", from_port=0, to_port=65535, protocol="tcp", cidr_blocks=["203.0.113.0/24"])]),
        rule(EGRESS, "to_partner", "game", cidr_ipv4="198.51.100.0/24", ip_protocol="-1", description="Everything to the partner"),
        output("game"),
    ],
    "broad-self-reference": [
        group("cache", "Session cache cluster", ingress=[Block(description="Cluster traffic", from_port=0, to_port=0, protocol="-1", self=True)]),
        output("cache"),
    ],
    "cross-vpc-reference": [
        Resource("aws_vpc", "data", cidr_block="10.1.0.0/16"),
        Resource("aws_vpc", "apps", cidr_block="10.2.0.0/16"),
        group("db", "Orders database", vpc_id=Ref("aws_vpc.data.id")),
        group("app", "Orders application", vpc_id=Ref("aws_vpc.apps.id")),
        rule(SGR, "db_from_app", "db", type="ingress", source_security_group_id=Ref("aws_security_group.app.id"), protocol="tcp", from_port=5432, to_port=5432, description="PostgreSQL from the app"),
        output("db", "app"),
    ],
    "default-group-has-rules": [
        Resource("aws_default_security_group", "default", ingress=[Block(description="Everything from members", from_port=0, to_port=0, protocol="-1", self=True)]),
        Resource("aws_vpc", "main", cidr_block="10.60.0.0/16"),
        Resource(INGRESS, "office_ssh", security_group_id=Ref("aws_vpc.main.default_security_group_id"), cidr_ipv4="198.51.100.0/24", ip_protocol="tcp", from_port=22, to_port=22, description="SSH from the office"),
    ],
    "duplicate-rule": [
        group("app", "Orders application", egress=[Block(description="HTTPS out", from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/16"])]),
        rule(SGR, "https_out", "app", type="egress", protocol="6", from_port=443, to_port=443, cidr_blocks=["10.0.0.0/16"], description="HTTPS to the VPC"),
        output("app"),
    ],
    "inline-and-standalone-rules": [
        group("app", "Orders application", egress=[Block(description="HTTPS to the VPC endpoints", from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/16"])]),
        rule(EGRESS, "to_db", "app", cidr_ipv4="10.0.20.0/24", ip_protocol="tcp", from_port=5432, to_port=5432, description="PostgreSQL to the database subnet"),
        output("app"),
    ],
    "invalid-description": [
        group("app", "Orders application (new!) <beta>"),
        rule(INGRESS, "from_lb", "app", cidr_ipv4="10.0.1.0/24", ip_protocol="tcp", from_port=8080, to_port=8080, description="HTTP from the team's load balancer"),
        output("app"),
    ],
    "invalid-group-name": [
        group("sg-orders", "Orders application"),
        output("sg-orders"),
    ],
    "invalid-port-range": [
        group("app", "Orders application"),
        rule(EGRESS, "to_web", "app", cidr_ipv4="10.0.30.0/24", ip_protocol="tcp", from_port=443, to_port=80, description="HTTP and HTTPS to the web tier"),
        rule(SGR, "https", "app", type="ingress", protocol="https", from_port=443, to_port=443, cidr_blocks=["10.0.0.0/16"], description="HTTPS from the VPC"),
        output("app"),
    ],
    "missing-tags": [
        Provider({"Team": "platform"}),
        group("untagged", "Orders application"),
        group("named", "Orders workers", tags={"Name": "orders-workers"}),
        output("untagged", "named"),
    ],
    "name-tag-case": [
        Provider({}),
        group("game", "Production game servers", tags={"name": "game-servers-production"}),
        output("game"),
    ],
    "public-ingress": [
        group("bastion", "Bastion hosts", ingress=[Block(description="SSH from anywhere", from_port=22, to_port=22, protocol="tcp", cidr_blocks=["0.0.0.0/0"])]),
        rule(INGRESS, "metrics", "bastion", cidr_ipv6="::/0", ip_protocol="tcp", from_port=9100, to_port=9100, description="Metrics from anywhere"),
        output("bastion"),
    ],
    "shadowed-rule": [
        group("app", "Orders application", ingress=[Block(description="Internal network", from_port=0, to_port=65535, protocol="tcp", cidr_blocks=["10.0.0.0/8"])]),
        rule(INGRESS, "metrics", "app", cidr_ipv4="10.0.5.0/24", ip_protocol="tcp", from_port=9100, to_port=9100, description="Node exporter from the monitoring subnet"),
        output("app"),
    ],
    "too-many-groups": [
        Resource("aws_instance", "game", ami="ami-0abcdef1234567890", instance_type="c7g.large", vpc_security_group_ids=["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"]),
        Resource("aws_lambda_function", "worker", function_name="worker", vpc_config=[Block(subnet_ids=["subnet-1"], security_group_ids=["sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06", "sg-07"])]),
    ],
    "too-many-rules": [
        group("api", "Partner API", ingress=[Block(description="HTTPS from partners", from_port=443, to_port=443, protocol="tcp", cidr_blocks=[f"198.51.{i}.0/24" for i in range(61)])]),
        output("api"),
    ],
    "uninformative-description": [
        group("game", "game"),
        rule(SGR, "game_udp", "game", type="ingress", protocol="udp", from_port=7777, to_port=7777, cidr_blocks=["10.0.0.0/16"], description="TODO"),
        output("game"),
    ],
    "unrestricted-egress": [
        group("app", "Orders application", egress=[Block(description="Everything out", from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])]),
        output("app"),
    ],
    "unused-group": [
        group("game", "Production game servers"),
        group("lb", "Production game load balancer"),
        rule(INGRESS, "game_from_lb", "game", referenced_security_group_id=Ref("aws_security_group.lb.id"), ip_protocol="tcp", from_port=7777, to_port=7777, description="Game traffic from the load balancer"),
    ],
}


def main():
    for rule_id, items in FIXTURES.items():
        directory = HERE / rule_id
        directory.mkdir(exist_ok=True)
        (directory / "main.tf").write_text(render_tf(items))
        (directory / "plan.json").write_text(json.dumps(render_plan(items), indent=2) + "\n")


if __name__ == "__main__":
    main()
