#!/usr/bin/env python3
"""How the cost of the inputs that were once quadratic grows: each case at 1x and 10x its size,
timed as whole runs of the release binary (best of three), with the ratio of the two times.
A ratio near 10 is linear; the target is at most 15 (issue: "10x the input may cost at most 15x
the time").

Usage: python3 benches/hostile_scaling.py [path/to/sglint]   (default target/release/sglint)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

SGLINT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/sglint")


def cidrs(n):
    listed = ",".join(f'"10.{i // 256 % 256}.{i % 256}.0/24"' for i in range(n))
    return {"main.tf": 'resource "aws_security_group" "g" {\n  name = "grp"\n  description = "web"\n'
            '  ingress {\n    description = "d"\n    from_port = 22\n    to_port = 22\n'
            f'    protocol = "tcp"\n    cidr_blocks = [{listed}]\n  }}\n}}\n'}, ["."]


def suppressions(n):
    return {"main.tf": "# sglint:ignore public-ingress -- reviewed\n" * n
            + 'resource "aws_security_group" "g" {\n  name = "grp"\n  description = "web"\n}\n'}, ["."]


def repeated_keys(n):
    body = "".join(f"locals {{\n  v{i} = {{ a = 1 }}\n}}\n" for i in range(n))
    return {"main.tf": body + "locals {\n  z = {\n" + "    kkkkk = 1\n" * 70 + "  }\n}\n"}, ["."]


def ring(n):
    return {"main.tf": "".join(
        f'resource "aws_security_group" "g{i}" {{\n  name = "grp{i}"\n  description = "tier {i}"\n'
        f'  ingress {{\n    description = "next"\n    from_port = 443\n    to_port = 443\n'
        f'    protocol = "tcp"\n    security_groups = [aws_security_group.g{(i + 1) % n}.id]\n  }}\n}}\n'
        for i in range(n))}, ["."]


def plan_with_tf(n):
    tf = 'variable "n" {}\n' + "".join(
        f'resource "aws_security_group" "g{i}" {{\n  count = var.n\n  name = "grp{i}"\n'
        f'  description = "tier {i}"\n}}\n' for i in range(n))
    changes = [{"address": f"aws_security_group.g{i}[0]", "mode": "managed", "type": "aws_security_group",
                "name": f"g{i}", "index": 0, "change": {"actions": ["create"], "after": {
                    "name": f"grp{i}", "description": f"tier {i}", "ingress": [], "egress": [], "tags": None},
                    "after_unknown": {"id": True}}} for i in range(n)]
    plan = json.dumps({"format_version": "1.2", "resource_changes": changes})
    return {"main.tf": tf, "plan.json": plan}, ["plan.json"]


CASES = [
    ("CIDRs in one rule", cidrs, 4_000),
    ("suppression comments", suppressions, 6_000),
    ("locals, then 70 repeated keys", repeated_keys, 15_000),
    ("groups in an inline cycle", ring, 300),
    ("plan groups with .tf files", plan_with_tf, 3_000),
]


def best_time(files, args):
    with tempfile.TemporaryDirectory() as d:
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([SGLINT, "check", *args, "--format", "concise", "--quiet"], cwd=d,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
        return min(times)


print(f"{'case':<32} {'1x':>8} {'10x':>9} {'time 1x':>9} {'time 10x':>9} {'ratio':>6}")
for name, make, n in CASES:
    small, large = best_time(*make(n)), best_time(*make(10 * n))
    print(f"{name:<32} {n:>8} {10 * n:>9} {small:>8.3f}s {large:>8.3f}s {large / small:>6.1f}")
