#!/usr/bin/env python3
"""Writes the `plan.json` of each module-call fixture here: the `terraform show -json` output
Terraform prints on a first apply of the fixture's `.tf` files (AWS provider 5.x, Terraform 1.9),
so that tests/modules.rs can check that both inputs give the same findings.

The `.tf` files of each fixture are written by hand; below, each fixture declares what Terraform
evaluates from them: every resource instance with its planned values (references to resources
being created are unknown), and the configuration's module tree with the references of the
attributes sglint reads there. Values, defaults and unknowns are rendered the way
testdata/plans/generate.py renders them. Run `python3 testdata/modules/generate.py` after
changing a fixture.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "plans"))
from generate import COMPUTED, DEFAULTS, INLINE_FIELDS, Block, Ref, planned  # noqa: E402


class Instance:
    """One resource instance: its full address and the values Terraform plans for it."""

    def __init__(self, address, **attrs):
        self.address, self.attrs = address, attrs
        # `module.a["k"].aws_x.name[0]`: the module address is everything before the type.
        self.module_address = None
        segments = split_address(address)
        if len(segments) > 2:
            self.module_address = ".".join(segments[:-2])
        self.kind = segments[-2]
        name = segments[-1]
        self.index = None
        if name.endswith("]"):
            name, key = name[:-1].split("[", 1)
            self.index = json.loads(key)
        self.name = name


def split_address(address):
    """`module.a["x.y"].aws_vpc.main` -> ['module', 'a["x.y"]', 'aws_vpc', 'main']."""
    out, current, quoted = [], "", False
    for c in address:
        if c == '"':
            quoted = not quoted
        if c == "." and not quoted:
            out.append(current)
            current = ""
        else:
            current += c
    out.append(current)
    return out


def refs(*expressions):
    """The references Terraform lists for an expression: each one and the object it is in."""
    out = []
    for e in expressions:
        out.append(e)
        parts = e.split(".")
        if parts[0] in ("var", "local"):
            continue
        if parts[0] == "module":
            out.append(".".join(parts[:2]))
        elif len(parts) > 2:
            out.append(".".join(parts[:2]))
    return {"references": out}


def const(value):
    return {"constant_value": value}


def resource(address, **expressions):
    kind, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_config_key": "aws",
        "expressions": expressions,
    }


def call(source, module, **expressions):
    return {"source": source, "expressions": expressions, "module": module}


def module(resources=(), calls=None, outputs=None):
    out = {"resources": list(resources)}
    if calls:
        out["module_calls"] = calls
    if outputs:
        out["outputs"] = {k: {"expression": v} for k, v in outputs.items()}
    return out


def change(instance):
    values = dict(DEFAULTS.get(instance.kind, {}))
    for key, value in instance.attrs.items():
        if isinstance(value, list) and value and all(isinstance(v, Block) for v in value):
            value = [{**INLINE_FIELDS, **block} for block in value]
        values[key] = value
    after, unknown = planned(values)
    for key in COMPUTED.get(instance.kind, []):
        if key == "tags_all":
            tags = values.get("tags")
            if isinstance(tags, dict):
                after["tags_all"] = dict(tags)
                continue
        if key not in instance.attrs:
            after.pop(key, None)
            unknown[key] = True
    out = {"address": instance.address}
    if instance.module_address:
        out["module_address"] = instance.module_address
    out.update(
        {
            "mode": "managed",
            "type": instance.kind,
            "name": instance.name,
        }
    )
    if instance.index is not None:
        out["index"] = instance.index
    out.update(
        {
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": ["create"],
                "before": None,
                "after": after,
                "after_unknown": unknown,
            },
        }
    )
    return out


def render(instances, root):
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.6",
        "planned_values": {"root_module": {"resources": []}},
        "resource_changes": [change(i) for i in instances],
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}
            },
            "root_module": root,
        },
    }


FIXTURES = {}


def fixture(name, plans):
    FIXTURES[name] = plans


# ---- wrapper: the example ----------------------------------------------------------

def sg_module():
    """modules/sg of the wrapper fixture."""
    this = "aws_security_group.this"
    return module(
        resources=[
            resource(this, description=refs("var.name"), vpc_id=refs("var.vpc_id")),
            resource(
                "aws_vpc_security_group_ingress_rule.admin",
                security_group_id=refs(f"{this}.id"),
            ),
            resource(
                "aws_vpc_security_group_ingress_rule.peer",
                security_group_id=refs(f"{this}.id"),
                referenced_security_group_id=refs("var.peer_group"),
            ),
        ],
        outputs={"id": refs(f"{this}.id")},
    )


def sg_instances(prefix, name, cidrs):
    out = [
        Instance(
            f"{prefix}.aws_security_group.this",
            name=name,
            description=f"Servers of {name}",
            vpc_id=Ref("aws_vpc.main.id"),
        )
    ]
    for cidr in cidrs:
        out.append(
            Instance(
                f'{prefix}.aws_vpc_security_group_ingress_rule.admin["{cidr}"]',
                security_group_id=Ref("x.id"),
                description="SSH from administrators",
                ip_protocol="tcp",
                from_port=22,
                to_port=22,
                cidr_ipv4=cidr,
            )
        )
    out.append(
        Instance(
            f"{prefix}.aws_vpc_security_group_ingress_rule.peer",
            security_group_id=Ref("x.id"),
            description="Traffic from the peer group",
            ip_protocol="tcp",
            from_port=443,
            to_port=443,
            referenced_security_group_id=Ref("x.id"),
        )
    )
    return out


fixture(
    "wrapper",
    {
        "plan.json": render(
            [
                Instance("aws_vpc.main", cidr_block="10.0.0.0/16"),
                *sg_instances("module.web_sg", "web-servers", ["0.0.0.0/0"]),
                *sg_instances("module.db_sg", "orders-db", ["10.0.1.0/24"]),
            ],
            module(
                resources=[resource("aws_vpc.main", cidr_block=const("10.0.0.0/16"))],
                calls={
                    "web_sg": call(
                        "./modules/sg",
                        sg_module(),
                        name=const("web-servers"),
                        vpc_id=refs("aws_vpc.main.id"),
                        admin_cidrs=const(["0.0.0.0/0"]),
                        peer_group=refs("module.db_sg.id"),
                    ),
                    "db_sg": call(
                        "./modules/sg",
                        sg_module(),
                        name=const("orders-db"),
                        vpc_id=refs("aws_vpc.main.id"),
                        admin_cidrs=const(["10.0.1.0/24"]),
                        peer_group=refs("module.web_sg.id"),
                    ),
                },
            ),
        )
    },
)


# ---- for-each-calls: instances of module calls --------------------------------------------

def tier_module():
    this = "aws_security_group.this"
    return module(
        resources=[
            resource(this, vpc_id=refs("var.vpc_id")),
            resource("aws_security_group_rule.in", security_group_id=refs(f"{this}.id")),
        ],
        outputs={"id": refs(f"{this}.id")},
    )


def tier_instances(prefix, name, port, sources):
    out = [Instance(f"{prefix}.aws_security_group.this", name=name, vpc_id=Ref("aws_vpc.main.id"))]
    if sources:
        out.append(
            Instance(
                f"{prefix}.aws_security_group_rule.in[0]",
                type="ingress",
                security_group_id=Ref("x.id"),
                description="Clients of the tier",
                protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_blocks=sources,
            )
        )
    return out


fixture(
    "for-each-calls",
    {
        "plan.json": render(
            [
                Instance("aws_vpc.main", cidr_block="10.0.0.0/16"),
                *tier_instances('module.tier["app"]', "app-servers", 8080, ["10.0.1.0/24"]),
                *tier_instances('module.tier["web"]', "web-servers", 443, ["0.0.0.0/0"]),
                *tier_instances("module.replica[0]", "replica-0", 5432, []),
                *tier_instances("module.replica[1]", "replica-1", 5432, []),
                Instance(
                    "aws_instance.web",
                    ami="ami-12345678",
                    instance_type="t3.micro",
                    vpc_security_group_ids=[Ref("a.id"), Ref("b.id"), Ref("c.id"), Ref("d.id")],
                ),
            ],
            module(
                resources=[
                    resource("aws_vpc.main", cidr_block=const("10.0.0.0/16")),
                    resource(
                        "aws_instance.web",
                        vpc_security_group_ids=refs(
                            'module.tier["web"].id',
                            'module.tier["app"].id',
                            "module.replica[0].id",
                            "module.replica[1].id",
                        ),
                    ),
                ],
                calls={
                    "tier": call(
                        "./modules/tier",
                        tier_module(),
                        name=refs("each.key"),
                        vpc_id=refs("aws_vpc.main.id"),
                        port=refs("each.value.port", "each.value"),
                        sources=refs("each.value.sources", "each.value"),
                    )
                    | {"for_each_expression": refs("local.tiers")},
                    "replica": call(
                        "./modules/tier",
                        tier_module(),
                        name=refs("count.index"),
                        vpc_id=refs("aws_vpc.main.id"),
                        port=const(5432),
                        sources=const([]),
                    )
                    | {"count_expression": const(2)},
                },
            ),
        )
    },
)


# ---- nested: a value passed down three levels -------------------------------------------------

def group_module():
    this = "aws_security_group.this"
    return module(
        resources=[
            resource(this, description=refs("var.name"), vpc_id=refs("var.vpc_id")),
            resource(
                "aws_vpc_security_group_ingress_rule.in", security_group_id=refs(f"{this}.id")
            ),
        ],
        outputs={"id": refs(f"{this}.id")},
    )


def group_instances(prefix, name, port, cidrs, vpc):
    out = [
        Instance(
            f"{prefix}.aws_security_group.this",
            name=name,
            description=f"Hosts of {name}",
            vpc_id=Ref(f"{vpc}.id"),
        )
    ]
    for cidr in cidrs:
        out.append(
            Instance(
                f'{prefix}.aws_vpc_security_group_ingress_rule.in["{cidr}"]',
                security_group_id=Ref("x.id"),
                description="Allowed clients",
                ip_protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_ipv4=cidr,
            )
        )
    return out


def firewall_module():
    return module(
        calls={
            "bastion": call(
                "../group",
                group_module(),
                name=const("bastion-hosts"),
                vpc_id=refs("var.vpc_id"),
                ingress_cidrs=refs("var.admin_cidrs"),
                port=const(22),
            ),
            "internal": call(
                "../group",
                group_module(),
                name=const("internal-tools"),
                vpc_id=refs("var.vpc_id"),
                ingress_cidrs=const(["10.20.5.0/24"]),
                port=const(8443),
            ),
        },
        outputs={"bastion_group_id": refs("module.bastion.id")},
    )


FIREWALL = "module.network.module.firewall"

fixture(
    "nested",
    {
        "plan.json": render(
            [
                Instance("module.network.aws_vpc.this", cidr_block="10.20.0.0/16"),
                *group_instances(
                    f"{FIREWALL}.module.bastion", "bastion-hosts", 22, ["0.0.0.0/0"], "v"
                ),
                *group_instances(
                    f"{FIREWALL}.module.internal", "internal-tools", 8443, ["10.20.5.0/24"], "v"
                ),
                Instance(
                    "aws_instance.bastion",
                    ami="ami-12345678",
                    instance_type="t3.micro",
                    vpc_security_group_ids=[Ref("x.id")],
                ),
            ],
            module(
                resources=[
                    resource(
                        "aws_instance.bastion",
                        vpc_security_group_ids=refs("module.network.bastion_group_id"),
                    )
                ],
                calls={
                    "network": call(
                        "./modules/network",
                        module(
                            resources=[
                                resource("aws_vpc.this", cidr_block=const("10.20.0.0/16"))
                            ],
                            calls={
                                "firewall": call(
                                    "../firewall",
                                    firewall_module(),
                                    vpc_id=refs("aws_vpc.this.id"),
                                    admin_cidrs=refs("var.office_cidrs"),
                                )
                            },
                            outputs={"bastion_group_id": refs("module.firewall.bastion_group_id")},
                        ),
                        office_cidrs=const(["0.0.0.0/0"]),
                    )
                },
            ),
        )
    },
)


# ---- outputs: values that cross modules through outputs, and outputs of outputs ---------------

EDGE = "module.platform.module.edge"


def rule_instance(address, port, description, **source):
    return Instance(
        address,
        security_group_id=Ref("x.id"),
        description=description,
        ip_protocol="tcp",
        from_port=port,
        to_port=port,
        **source,
    )


def plain_group(address, name, description):
    return Instance(address, name=name, description=description, vpc_id=Ref("v.id"))


fixture(
    "outputs",
    {
        "plan.json": render(
            [
                Instance("module.platform.aws_vpc.this", cidr_block="10.30.0.0/16"),
                plain_group(f"{EDGE}.aws_security_group.this", "edge-proxies", "Edge proxies"),
                rule_instance(
                    f"{EDGE}.aws_vpc_security_group_ingress_rule.from_app",
                    8443,
                    "Callbacks from the application",
                    referenced_security_group_id=Ref("x.id"),
                ),
                plain_group(
                    f"{EDGE}.aws_security_group.spare", "spare-capacity", "Spare capacity hosts"
                ),
                plain_group(
                    "module.app.aws_security_group.this",
                    "orders-app",
                    "Orders application servers",
                ),
                rule_instance(
                    "module.app.aws_vpc_security_group_ingress_rule.from_edge",
                    443,
                    "Requests from the edge proxies",
                    referenced_security_group_id=Ref("x.id"),
                ),
                rule_instance(
                    "module.app.aws_vpc_security_group_ingress_rule.metrics",
                    9090,
                    "Metrics scrapes from the VPC",
                    cidr_ipv4="10.30.0.0/16",
                ),
                Instance("aws_lb.front", name="orders-front", security_groups=[Ref("x.id")]),
            ],
            module(
                resources=[
                    resource("aws_lb.front", security_groups=refs("module.app.group_id"))
                ],
                calls={
                    "platform": call(
                        "./modules/platform",
                        module(
                            resources=[
                                resource("aws_vpc.this", cidr_block=const("10.30.0.0/16"))
                            ],
                            calls={
                                "edge": call(
                                    "../edge",
                                    module(
                                        resources=[
                                            resource(
                                                "aws_security_group.this",
                                                description=const("Edge proxies"),
                                                vpc_id=refs("var.vpc_id"),
                                            ),
                                            resource(
                                                "aws_vpc_security_group_ingress_rule.from_app",
                                                security_group_id=refs(
                                                    "aws_security_group.this.id"
                                                ),
                                                referenced_security_group_id=refs(
                                                    "var.app_group_id"
                                                ),
                                            ),
                                            resource(
                                                "aws_security_group.spare",
                                                description=const("Spare capacity hosts"),
                                                vpc_id=refs("var.vpc_id"),
                                            ),
                                        ],
                                        outputs={"group_id": refs("aws_security_group.this.id")},
                                    ),
                                    vpc_id=refs("aws_vpc.this.id"),
                                    app_group_id=refs("var.app_group_id"),
                                )
                            },
                            outputs={
                                "vpc_id": refs("aws_vpc.this.id"),
                                "vpc_cidr": refs("aws_vpc.this.cidr_block"),
                                "edge_group_id": refs("module.edge.group_id"),
                            },
                        ),
                        app_group_id=refs("module.app.group_id"),
                    ),
                    "app": call(
                        "./modules/app",
                        module(
                            resources=[
                                resource(
                                    "aws_security_group.this",
                                    description=const("Orders application servers"),
                                    vpc_id=refs("var.vpc_id"),
                                ),
                                resource(
                                    "aws_vpc_security_group_ingress_rule.from_edge",
                                    security_group_id=refs("aws_security_group.this.id"),
                                    referenced_security_group_id=refs("var.peer_group_id"),
                                ),
                                resource(
                                    "aws_vpc_security_group_ingress_rule.metrics",
                                    security_group_id=refs("aws_security_group.this.id"),
                                    cidr_ipv4=refs("var.vpc_cidr"),
                                ),
                            ],
                            outputs={"group_id": refs("aws_security_group.this.id")},
                        ),
                        vpc_id=refs("module.platform.vpc_id"),
                        vpc_cidr=refs("module.platform.vpc_cidr"),
                        peer_group_id=refs("module.platform.edge_group_id"),
                    ),
                },
            ),
        )
    },
)


# ---- two-roots: one module called from two root modules ---------------------------------------

def two_roots_plan(env, cidr):
    sg = module(
        resources=[
            resource("aws_security_group.this", description=const("Orders servers")),
            resource(
                "aws_security_group_rule.https", security_group_id=refs("aws_security_group.this.id")
            ),
        ],
        outputs={"id": refs("aws_security_group.this.id")},
    )
    return render(
        [
            Instance(
                "module.sg.aws_security_group.this", name=f"orders-{env}", description="Orders servers"
            ),
            Instance(
                "module.sg.aws_security_group_rule.https",
                type="ingress",
                security_group_id=Ref("x.id"),
                protocol="tcp",
                from_port=8443,
                to_port=8443,
                cidr_blocks=[cidr],
            ),
        ],
        module(
            calls={
                "sg": call(
                    "../../modules/sg", sg, name=const(f"orders-{env}"), cidrs=const([cidr])
                )
            }
        ),
    )


fixture(
    "two-roots",
    {
        "envs/prod/plan.json": two_roots_plan("prod", "0.0.0.0/0"),
        "envs/staging/plan.json": two_roots_plan("staging", "192.168.10.0/24"),
    },
)


# ---- registry: a registry module that `terraform init` unpacked ------------------------------

def registry_rule(index, port, description):
    return Instance(
        f"module.web.aws_security_group_rule.ingress_rules[{index}]",
        security_group_id=Ref("x.id"),
        type="ingress",
        cidr_blocks=["0.0.0.0/0"],
        description=description,
        from_port=port,
        to_port=port,
        protocol="tcp",
    )


fixture(
    "registry",
    {
        "plan.json": render(
            [
                Instance(
                    "module.web.aws_security_group.this",
                    name="web-servers",
                    description="Web servers",
                    vpc_id="vpc-12345678",
                ),
                registry_rule(0, 443, "HTTPS"),
                registry_rule(1, 22, "SSH"),
            ],
            module(
                calls={
                    "web": call(
                        "terraform-aws-modules/security-group/aws",
                        module(
                            resources=[
                                resource(
                                    "aws_security_group.this",
                                    description=refs("var.description"),
                                    vpc_id=refs("var.vpc_id"),
                                ),
                                resource(
                                    "aws_security_group_rule.ingress_rules",
                                    security_group_id=refs("aws_security_group.this.id"),
                                ),
                            ],
                            outputs={"security_group_id": refs("aws_security_group.this.id")},
                        ),
                        name=const("web-servers"),
                        description=const("Web servers"),
                        vpc_id=const("vpc-12345678"),
                        ingress_cidr_blocks=const(["0.0.0.0/0"]),
                        ingress_rules=const(["https-443-tcp", "ssh-tcp"]),
                    )
                    | {"version_constraint": "5.1.2"}
                },
            ),
        )
    },
)


def main():
    for name, plans in FIXTURES.items():
        for path, plan in plans.items():
            target = HERE / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(plan, indent=2) + "\n")


if __name__ == "__main__":
    main()
