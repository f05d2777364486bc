//! Builds the [`Model`] of one module from its parsed files by evaluating the attributes that
//! matter for security groups.

use super::*;
use crate::eval::{
    Env, Evaluator, ModuleCall, ModuleIndex, ModuleTree, ProviderModule, ResourceDecl, Value,
    key_value, object_key,
};
use crate::source::TreeBase;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, Object, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The environments a group is evaluated in: its names and tags in `naming` (which leaves a
/// `count` instance's number unknown), everything else in `values`.
#[derive(Clone, Copy)]
struct Envs<'e> {
    naming: &'e Env,
    values: &'e Env,
}

/// Builds the model of one module on its own (its module calls not followed).
pub fn build(index: &ModuleIndex<'_>) -> Model {
    let eval = Evaluator::new(index);
    let mut model = Model::default();
    build_instance(&eval, &mut model);
    model.referenced_groups = index
        .complete
        .then(|| super::references::referenced_groups(index));
    model.limits = eval.take_limits();
    model.index();
    model
}

/// Builds the model of the root module `root` of `tree` and of every module instance its calls
/// make, to any depth: one model, in which each resource has its address in the plan
/// (`module.web.aws_security_group.this`).
pub fn build_tree(tree: &ModuleTree<'_>, root: usize) -> Model {
    let eval = Evaluator::root(tree, root);
    let mut model = Model::default();
    let mut referenced = Some(rustc_hash::FxHashSet::default());
    let mut modules_referenced = rustc_hash::FxHashMap::default();
    let mut pending = vec![Rc::clone(&eval)];
    while let Some(instance) = pending.pop() {
        build_instance(&instance, &mut model);
        let index = instance.index();
        if let Some(found) = &mut referenced {
            if index.complete {
                let prefix = crate::address::without_keys(instance.prefix());
                let groups = modules_referenced
                    .entry(instance.module())
                    .or_insert_with(|| super::references::referenced_groups(index));
                found.extend(groups.iter().map(|g| format!("{prefix}{g}")));
            } else {
                referenced = None;
            }
        }
        // Children are modelled in their calls' order (the stack pops the last pushed first).
        for call in index.calls.iter().rev() {
            for child in eval_children(&instance, call).iter().rev() {
                let address = child.prefix().trim_end_matches('.').to_string();
                model
                    .module_calls
                    .insert(address, header_span(call.base, call.block));
                pending.push(Rc::clone(child));
            }
        }
    }
    model.referenced_groups = referenced;
    model.limits = eval.take_limits();
    model.forwarded = eval.take_forwarded();
    model.index();
    model
}

/// The evaluators of the instances of a module call.
fn eval_children<'i, 'a>(
    eval: &Evaluator<'i, 'a>,
    call: &ModuleCall<'a>,
) -> Vec<Rc<Evaluator<'i, 'a>>> {
    eval.module_instances(call)
        .iter()
        .map(|c| Rc::clone(&c.eval))
        .collect()
}

/// Adds the resources of one module instance to `model`.
fn build_instance(eval: &Evaluator<'_, '_>, model: &mut Model) {
    let index = eval.index();
    let model = &mut *model;
    for decl in index.modelled_resources() {
        let builder = Builder {
            eval,
            base: decl.base,
            references_are_dependencies: true,
        };
        match decl.kind {
            "aws_security_group" | "aws_default_security_group" => {
                for instance in eval.instances(decl) {
                    builder.group(decl, &instance.address, &instance.env, model);
                }
            }
            "aws_security_group_rule"
            | "aws_vpc_security_group_ingress_rule"
            | "aws_vpc_security_group_egress_rule" => {
                let fields = Fields::Resource(decl);
                let header = header_span(decl.base, decl.block);
                for instance in eval.instances(decl) {
                    builder.rule_resource(
                        decl.kind,
                        &fields,
                        &instance.address,
                        header,
                        &instance.env,
                        model,
                    );
                }
            }
            "aws_vpc" | "aws_default_vpc" | "aws_subnet" => {
                let fields = Fields::Resource(decl);
                for instance in eval.instances(decl) {
                    builder.network(decl.kind, &fields, &instance.address, &instance.env, model);
                }
            }
            _ if attaches_groups(decl) => {
                for instance in eval.instances(decl) {
                    builder.attachments(decl, &instance.address, &instance.env, model);
                }
            }
            _ => {}
        }
    }
}

/// Attributes that attach security groups to network interfaces, at the top of a resource or in
/// one of its blocks (`vpc_config`, `network_interfaces`, ...). Inside the security-group resources
/// `security_groups` names rule sources instead; those resources never reach this.
const ATTACHMENT_FIELDS: &[&str] = &[
    "vpc_security_group_ids",
    "security_groups",
    "security_group_ids",
    "security_group_names",
];

/// Whether a resource writes an attachment attribute, at its top or in one of its blocks.
fn attaches_groups(decl: &ResourceDecl<'_>) -> bool {
    ATTACHMENT_FIELDS.iter().any(|f| decl.has_attribute(f))
        || decl
            .blocks()
            .any(|(_, b)| ATTACHMENT_FIELDS.iter().any(|f| b.body.has_attribute(f)))
}

/// A resource whose attributes are already evaluated (from a plan or a state). Every attribute
/// points at `span`; unknown attributes are [`Value::Unknown`], absent ones are missing.
#[derive(Clone, Debug)]
pub struct EvaluatedResource {
    pub address: String,
    pub kind: String,
    pub span: Span,
    pub values: BTreeMap<String, Value>,
    /// For a group that already exists (in a state, or changed rather than created by a plan):
    /// its `ingress` and `egress` also list the rules that rule resources manage.
    pub lists_managed_rules: bool,
}

/// Builds the model of resources that are already evaluated. `referenced_groups` is what the
/// configuration refers to, when known (see [`Model::referenced_groups`]).
pub fn build_evaluated(
    resources: impl IntoIterator<Item = EvaluatedResource>,
    referenced_groups: Option<rustc_hash::FxHashSet<String>>,
) -> Model {
    let index = ModuleIndex::default();
    let eval = Evaluator::new(&index);
    let env = Env::default();
    let mut model = Model {
        referenced_groups,
        ..Model::default()
    };
    let mut existing_groups = rustc_hash::FxHashSet::default();
    for resource in resources {
        if resource.lists_managed_rules {
            existing_groups.insert(resource.address.clone());
        }
        // Planned and deployed values name groups by id, not by reference.
        let builder = Builder {
            eval: &eval,
            base: TreeBase {
                file: resource.span.file,
                offset: 0,
            },
            references_are_dependencies: false,
        };
        let fields = Fields::Value(&resource.values, resource.span);
        match resource.kind.as_str() {
            "aws_security_group" | "aws_default_security_group" => {
                builder.evaluated_group(&resource, &fields, &env, &mut model)
            }
            "aws_security_group_rule"
            | "aws_vpc_security_group_ingress_rule"
            | "aws_vpc_security_group_egress_rule" => builder.rule_resource(
                &resource.kind,
                &fields,
                &resource.address,
                resource.span,
                &env,
                &mut model,
            ),
            "aws_vpc" | "aws_default_vpc" | "aws_subnet" => {
                builder.network(&resource.kind, &fields, &resource.address, &env, &mut model)
            }
            _ => value_attachments(&resource, &mut model),
        }
    }
    drop_echoed_inline_rules(&mut model, &existing_groups);
    // Planned and deployed values list both directions whether written or not: the inline
    // rules left are what the configuration wrote.
    let position: rustc_hash::FxHashMap<&str, usize> = (model.groups.iter().enumerate())
        .map(|(i, g)| (g.address.as_str(), i))
        .collect();
    let written: Vec<(usize, Direction)> = (model.rules.iter().filter(|r| r.is_inline()))
        .filter_map(|r| position.get(r.address.as_str()).map(|&i| (i, r.direction)))
        .collect();
    drop(position);
    for (i, direction) in written {
        let directions = &mut model.groups[i].inline_directions;
        if !directions.contains(&direction) {
            directions.push(direction);
        }
    }
    model.index();
    model
}

/// In the values of a group that exists, `ingress` and `egress` list every rule of the group,
/// including those that rule resources manage. In such a group (one of `existing_groups`), an
/// inline source whose permission a rule resource of the same group grants is that echo, not an
/// inline rule: it is removed, and an inline rule whose every source was an echo goes with it. A
/// group the plan creates lists only its own inline rules.
fn drop_echoed_inline_rules(model: &mut Model, existing_groups: &rustc_hash::FxHashSet<String>) {
    let is_inline =
        |rule: &SgRule| rule.origin.is_inline() && existing_groups.contains(&rule.address);
    let granted: rustc_hash::FxHashSet<(GroupRef, Permission)> = model
        .rules
        .iter()
        .filter(|rule| !is_inline(rule))
        .flat_map(|rule| {
            rule.sources
                .iter()
                .filter_map(|s| rule.permission(&s.value).map(|p| (rule.group.clone(), p)))
        })
        .collect();
    if granted.is_empty() {
        return;
    }
    model.rules.retain_mut(|rule| {
        if !is_inline(rule) || rule.sources.is_empty() {
            return true;
        }
        let echoed: Vec<bool> = rule
            .sources
            .iter()
            .map(|s| {
                rule.permission(&s.value)
                    .is_some_and(|p| granted.contains(&(rule.group.clone(), p)))
            })
            .collect();
        let mut echoed = echoed.into_iter();
        rule.sources.retain(|_| !echoed.next().unwrap_or(false));
        !rule.sources.is_empty()
    });
}

/// The span of a resource or block header: from its type up to its last label.
fn header_span(base: TreeBase, block: &Block) -> Span {
    let start = block.ident.span().map_or(0, |s| s.start);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| block.ident.span())
        .map_or(start, |s| s.end);
    base.span(start..end)
}

/// Where a resource's or a rule's attributes are written: a resource (merged with its
/// overrides), a block body or an object literal in the builder's file, or an evaluated object (a
/// list attribute that is not a literal) whose fields all point at one span.
enum Fields<'b> {
    Resource(&'b ResourceDecl<'b>),
    Body(&'b Body),
    Object(&'b Object),
    Value(&'b BTreeMap<String, Value>, Span),
}

struct Field<'b> {
    value: Value,
    span: Span,
    expr: Option<&'b Expression>,
    /// The tree `expr` is written in.
    base: TreeBase,
}

#[derive(Clone, Copy)]
struct Builder<'e, 'i, 'a> {
    eval: &'e Evaluator<'i, 'a>,
    /// The tree of the expressions it reads.
    base: TreeBase,
    /// See [`SgRule::references_are_dependencies`].
    references_are_dependencies: bool,
}

impl Builder<'_, '_, '_> {
    /// The builder of what is written in the tree of `base`.
    fn in_tree(&self, base: TreeBase) -> Self {
        Builder { base, ..*self }
    }

    fn span(&self, expr: &Expression) -> Span {
        self.base.span(expr.span().unwrap_or(0..0))
    }

    /// Where a finding about the value of `expr` points: where the value is written, in this
    /// module or in the caller that passes it in.
    fn located(&self, expr: &Expression, env: &Env, value: &Value) -> Span {
        self.eval.locate(expr, env, value, self.span(expr))
    }

    fn value(&self, expr: &Expression, env: &Env) -> Value {
        self.eval.eval_in(self.base, expr, env)
    }

    fn field<'b>(&self, fields: &Fields<'b>, name: &str, env: &Env) -> Option<Field<'b>> {
        let written = |builder: Self, attr: &'b hcl_edit::structure::Attribute| {
            let value = builder.value(&attr.value, env);
            Field {
                span: builder.located(&attr.value, env, &value),
                value,
                expr: Some(&attr.value),
                base: builder.base,
            }
        };
        match fields {
            Fields::Resource(decl) => decl
                .attribute(name)
                .map(|(base, attr)| written(self.in_tree(base), attr)),
            Fields::Body(body) => body.get_attribute(name).map(|a| written(*self, a)),
            // The last entry of a name wins, as in Terraform (`cidr` and `"cidr"` are one key).
            Fields::Object(object) => object
                .iter()
                .filter(|(k, _)| object_key(k) == Some(name))
                .last()
                .map(|(_, v)| {
                    let value = self.value(v.expr(), env);
                    Field {
                        span: self.located(v.expr(), env, &value),
                        value,
                        expr: Some(v.expr()),
                        base: self.base,
                    }
                }),
            Fields::Value(map, span) => map.get(name).map(|v| Field {
                value: v.clone(),
                span: *span,
                expr: None,
                base: TreeBase {
                    file: span.file,
                    offset: 0,
                },
            }),
        }
    }

    fn text(&self, fields: &Fields<'_>, name: &str, env: &Env) -> Option<Attr<Text>> {
        self.field(fields, name, env).and_then(|f| {
            Some(Attr {
                value: match f.value {
                    Value::Null => return None,
                    v => text(&v),
                },
                span: f.span,
            })
        })
    }

    fn int(&self, fields: &Fields<'_>, name: &str, env: &Env) -> Option<Attr<Option<i64>>> {
        self.field(fields, name, env).map(|f| Attr {
            value: f.value.as_int(),
            span: f.span,
        })
    }

    fn protocol(
        &self,
        fields: &Fields<'_>,
        name: &str,
        env: &Env,
    ) -> Option<Attr<Option<Protocol>>> {
        self.field(fields, name, env).map(|f| Attr {
            value: f.value.to_template_string().map(|p| Protocol::parse(&p)),
            span: f.span,
        })
    }

    /// The items of a list attribute, each with the span of its own element when the list is
    /// written literally (legacy `["${var.list}"]` elements are flattened).
    fn list(&self, field: Field<'_>, env: &Env) -> Vec<Attr<Value>> {
        if let Some(Expression::Array(items)) = field.expr {
            let builder = self.in_tree(field.base);
            let mut out = Vec::new();
            for item in items.iter() {
                let value = builder.value(item, env);
                let span = builder.located(item, env, &value);
                match value {
                    Value::List(values) => {
                        out.extend(values.into_iter().map(|value| Attr { value, span }))
                    }
                    value => out.push(Attr { value, span }),
                }
            }
            return out;
        }
        match field.value {
            Value::List(values) => values
                .into_iter()
                .map(|value| Attr {
                    value,
                    span: field.span,
                })
                .collect(),
            Value::Null => Vec::new(),
            Value::Repeated(value) => vec![Attr {
                value: *value,
                span: field.span,
            }],
            value => vec![Attr {
                value,
                span: field.span,
            }],
        }
    }

    /// A group with the attributes every input has; its tags are found by the caller.
    fn security_group(
        &self,
        kind: &str,
        fields: &Fields<'_>,
        address: &str,
        header: Span,
        tagging: Tagging,
        envs: Envs<'_>,
    ) -> SecurityGroup {
        let env = envs.values;
        let kind = if kind == "aws_default_security_group" {
            GroupKind::Default
        } else {
            GroupKind::Custom
        };
        let vpc = match self.field(fields, "vpc_id", env).map(|f| f.value) {
            None | Some(Value::Null) => VpcLink::DefaultVpc,
            Some(Value::VpcId(vpc)) => VpcLink::Declared(vpc),
            Some(_) => VpcLink::Unknown,
        };
        SecurityGroup {
            address: address.to_string(),
            kind,
            header,
            name: self.text(fields, "name", envs.naming),
            name_prefix: self.text(fields, "name_prefix", envs.naming),
            name_tag: tagging.name_tag,
            tags: tagging.tags,
            default_tags: tagging.default_tags,
            description: self.text(fields, "description", env),
            vpc,
            inline_directions: Vec::new(),
        }
    }

    fn evaluated_group(
        &self,
        resource: &EvaluatedResource,
        fields: &Fields<'_>,
        env: &Env,
        model: &mut Model,
    ) {
        let group = self.security_group(
            &resource.kind,
            fields,
            &resource.address,
            resource.span,
            evaluated_tagging(&resource.values, resource.span),
            Envs {
                naming: env,
                values: env,
            },
        );
        model.groups.push(group);
        for (key, direction) in [
            ("ingress", Direction::Ingress),
            ("egress", Direction::Egress),
        ] {
            let owner = Owner {
                address: &resource.address,
                direction,
            };
            let items = match resource.values.get(key) {
                Some(Value::List(items)) => items,
                _ => continue,
            };
            for item in items {
                if let Value::Object(map) = item {
                    self.inline_rule(
                        &Fields::Value(map, resource.span),
                        resource.span,
                        RuleOrigin::Inline,
                        &owner,
                        env,
                        model,
                    );
                }
            }
        }
    }

    fn group(&self, decl: &ResourceDecl<'_>, address: &str, env: &Env, model: &mut Model) {
        let body = Fields::Resource(decl);
        // A name is judged by what every instance shares: `workers-${count.index}` is
        // `workers-` and an instance number, never port 22 for the 23rd instance.
        let naming = env.with_count_index_unknown();
        let mut group = self.security_group(
            decl.kind,
            &body,
            address,
            header_span(self.base, decl.block),
            self.tagging(decl, &naming),
            Envs {
                naming: &naming,
                values: env,
            },
        );
        let written = decl.attributes().map(|(_, a)| a.key.as_str());
        let written = written.chain(decl.blocks().filter_map(|(_, b)| match b.ident.as_str() {
            "dynamic" => b.labels.first().map(|l| l.as_str()),
            ident => Some(ident),
        }));
        for direction in written.filter_map(direction) {
            if !group.inline_directions.contains(&direction) {
                group.inline_directions.push(direction);
            }
        }
        model.groups.push(group);

        for (file, block) in decl.blocks() {
            let builder = self.in_tree(file);
            let ident = block.ident.as_str();
            if let Some(direction) = direction(ident) {
                let owner = Owner { address, direction };
                let header = header_span(file, block);
                builder.inline_rule(
                    &Fields::Body(&block.body),
                    header,
                    RuleOrigin::Inline,
                    &owner,
                    env,
                    model,
                );
            } else if ident == "dynamic"
                && let Some(direction) = block.labels.first().and_then(|l| direction(l.as_str()))
            {
                builder.dynamic_rules(block, &Owner { address, direction }, env, model);
            }
        }
        // `ingress = [{ ... }]`: the attribute form of inline rules.
        for (file, attr) in decl.attributes() {
            let Some(direction) = direction(attr.key.as_str()) else {
                continue;
            };
            let builder = self.in_tree(file);
            let owner = Owner { address, direction };
            match &attr.value {
                Expression::Array(items) => {
                    for item in items.iter() {
                        match item {
                            Expression::Object(object) => {
                                let header = builder.span(item);
                                builder.inline_rule(
                                    &Fields::Object(object),
                                    header,
                                    RuleOrigin::Inline,
                                    &owner,
                                    env,
                                    model,
                                );
                            }
                            other => builder.evaluated_rules(other, &owner, env, model),
                        }
                    }
                }
                other => builder.evaluated_rules(other, &owner, env, model),
            }
        }
    }

    fn evaluated_rules(&self, expr: &Expression, owner: &Owner<'_>, env: &Env, model: &mut Model) {
        let value = self.value(expr, env);
        let span = self.located(expr, env, &value);
        let items = match value {
            Value::List(items) => items,
            object @ Value::Object(_) => vec![object],
            _ => return,
        };
        for item in &items {
            if let Value::Object(map) = item {
                self.inline_rule(
                    &Fields::Value(map, span),
                    span,
                    RuleOrigin::Inline,
                    owner,
                    env,
                    model,
                );
            }
        }
    }

    fn dynamic_rules(&self, block: &Block, owner: &Owner<'_>, env: &Env, model: &mut Model) {
        let Some(content) = block.body.get_blocks("content").next() else {
            return;
        };
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .or_else(|| block.labels.first().map(|l| l.as_str().to_string()))
            .unwrap_or_default();
        let Some(for_each) = block.body.get_attribute("for_each") else {
            return;
        };
        // A dynamic block whose for_each is unknown may produce no rule at all: skip it.
        let Some(items) = crate::eval::for_each_items(&self.value(&for_each.value, env)) else {
            return;
        };
        if items.len() > crate::eval::MAX_INSTANCES {
            self.eval
                .hit_in(self.base, &for_each.value, crate::eval::Limit::Instances);
            return;
        }
        let header = header_span(self.base, block);
        let from_caller = self.eval.instance_origin(&for_each.value, env);
        for (key, value) in items {
            let mut inner = env.with(&iterator, key_value(key, value));
            inner.from_caller = from_caller.or(inner.from_caller);
            self.inline_rule(
                &Fields::Body(&content.body),
                header,
                RuleOrigin::Dynamic,
                owner,
                &inner,
                model,
            );
        }
    }

    /// Builds one rule from its attributes; `spec` says which attributes hold its sources.
    fn push_rule(&self, shape: RuleShape<'_, '_>, env: &Env, model: &mut Model) {
        let fields = shape.fields;
        let mut sources = Vec::new();
        for &(name, kind) in shape.spec.sources {
            let Some(field) = self.field(fields, name, env) else {
                continue;
            };
            if let SourceField::SelfFlag = kind {
                match field.value.as_bool() {
                    Some(false) => {}
                    known => sources.push(Attr {
                        value: known.map_or(RuleSource::Unknown, |_| RuleSource::SelfRef),
                        span: field.span,
                    }),
                }
                continue;
            }
            sources.extend(self.list(field, env).into_iter().map(|a| match kind {
                SourceField::Cidrs(family) => cidr_source(a, family),
                SourceField::PrefixLists => prefix_list_source(a),
                SourceField::Groups | SourceField::SelfFlag => Attr {
                    value: RuleSource::Group(group_ref(&a.value)),
                    span: a.span,
                },
            }));
        }
        model.rules.push(SgRule {
            address: shape.address.to_string(),
            group: shape.group,
            direction: shape.direction,
            origin: shape.origin,
            header: shape.header,
            protocol: self.protocol(fields, shape.spec.protocol, env),
            from_port: self.int(fields, "from_port", env),
            to_port: self.int(fields, "to_port", env),
            sources,
            description: self.text(fields, "description", env),
            references_are_dependencies: self.references_are_dependencies,
        });
    }

    fn inline_rule(
        &self,
        fields: &Fields<'_>,
        header: Span,
        origin: RuleOrigin,
        owner: &Owner<'_>,
        env: &Env,
        model: &mut Model,
    ) {
        self.push_rule(
            RuleShape {
                fields,
                spec: &INLINE,
                address: owner.address,
                group: GroupRef::Internal(owner.address.to_string()),
                direction: owner.direction,
                origin,
                header,
            },
            env,
            model,
        );
    }

    fn rule_resource(
        &self,
        kind: &str,
        body: &Fields<'_>,
        address: &str,
        header: Span,
        env: &Env,
        model: &mut Model,
    ) {
        let direction = match kind {
            "aws_vpc_security_group_ingress_rule" => Direction::Ingress,
            "aws_vpc_security_group_egress_rule" => Direction::Egress,
            _ => match self
                .field(body, "type", env)
                .and_then(|f| f.value.as_str().and_then(direction))
            {
                Some(d) => d,
                None => return,
            },
        };
        let (spec, origin) = if kind == "aws_security_group_rule" {
            (&SECURITY_GROUP_RULE, RuleOrigin::SecurityGroupRule)
        } else {
            (&VPC_SECURITY_GROUP_RULE, RuleOrigin::VpcSecurityGroupRule)
        };
        let group = self
            .field(body, "security_group_id", env)
            .map_or(GroupRef::Unknown, |f| group_ref(&f.value));
        self.push_rule(
            RuleShape {
                fields: body,
                spec,
                address,
                group,
                direction,
                origin,
                header,
            },
            env,
            model,
        );
    }

    fn network(&self, kind: &str, body: &Fields<'_>, address: &str, env: &Env, model: &mut Model) {
        let cidrs = ["cidr_block", "ipv6_cidr_block"]
            .iter()
            .filter_map(|name| self.field(body, name, env))
            .filter_map(|f| f.value.as_str().and_then(|s| s.parse().ok()))
            .collect();
        let vpc = match self.field(body, "vpc_id", env).map(|f| f.value) {
            Some(Value::VpcId(vpc)) => Some(vpc),
            _ => None,
        };
        let network = Network {
            address: address.to_string(),
            vpc,
            cidrs,
        };
        if kind == "aws_subnet" {
            model.subnets.push(network);
        } else {
            model.vpcs.push(network);
        }
    }

    /// The tags a resource writes and those its provider adds, with the `Name` tag pointing at its
    /// value wherever it is written in `tags`.
    fn tagging(&self, decl: &ResourceDecl<'_>, env: &Env) -> Tagging {
        let default_tags = self.default_tags(decl, env);
        let Some((file, tags)) = decl.attribute("tags") else {
            return Tagging {
                name_tag: None,
                tags: Tags::none(),
                default_tags,
            };
        };
        let builder = self.in_tree(file);
        let expr = &tags.value;
        let value = builder.value(expr, env);
        let name_tag = match &value {
            Value::Object(map) => map.get("Name").cloned(),
            Value::Null => None,
            _ => Some(Value::Unknown),
        };
        let written = literal_entries(expr);
        let name_tag = name_tag.map(|value| {
            let at = written
                .iter()
                .find(|(k, _)| object_key(k) == Some("Name"))
                .map_or(expr, |(_, v)| *v);
            Attr {
                span: builder.located(at, env, &value),
                value: text(&value),
            }
        });
        Tagging {
            name_tag,
            tags: builder.tag_keys(expr, value, &written),
            default_tags,
        }
    }

    /// The keys of the tag map `expr` evaluates to (`value`); `written` are the entries of its
    /// object literals, which place the keys and are all that is known of a map not known whole.
    fn tag_keys(
        &self,
        expr: &Expression,
        value: Value,
        written: &[(&ObjectKey, &Expression)],
    ) -> Tags {
        let span = self.span(expr);
        let key_span = |key: &ObjectKey| key.span().map_or(span, |r| self.base.span(r));
        match value {
            Value::Object(map) => Tags {
                keys: map
                    .into_keys()
                    .map(|key| TagKey {
                        span: written
                            .iter()
                            .find(|(k, _)| object_key(k) == Some(key.as_str()))
                            .map_or(span, |(k, _)| key_span(k)),
                        key,
                    })
                    .collect(),
                complete: true,
                span: Some(span),
            },
            Value::Null => Tags {
                span: Some(span),
                ..Tags::none()
            },
            _ => Tags {
                keys: written
                    .iter()
                    .filter_map(|(k, _)| {
                        object_key(k).map(|key| TagKey {
                            key: key.to_string(),
                            span: key_span(k),
                        })
                    })
                    .collect(),
                complete: false,
                span: Some(span),
            },
        }
    }

    /// The `default_tags` of the `aws` provider the resource uses: a `provider "aws"` block of
    /// its module, or, for a module instance with none, of the nearest caller with one (Terraform
    /// passes the default provider configuration down to modules; an aliased one only through
    /// `providers`, which sglint does not follow: unknown). With no block anywhere, a root
    /// module's provider is configured as if by an empty block (no default tags), unless the
    /// module may be called by others, whose provider is not known.
    fn default_tags(&self, decl: &ResourceDecl<'_>, env: &Env) -> Tags {
        let alias = match decl.attribute("provider").map(|(_, a)| &a.value) {
            None => None,
            Some(Expression::Traversal(t)) => match t.operators.first().map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(alias)) => Some(alias.as_str()),
                _ => return Tags::unknown(None),
            },
            Some(_) => return Tags::unknown(None),
        };
        match self.eval.provider_module() {
            ProviderModule::Here => self.provider_tags(alias, env),
            ProviderModule::Caller(caller) if alias.is_none() => Builder {
                eval: &caller,
                ..*self
            }
            .provider_tags(None, &Env::default()),
            ProviderModule::Unconfigured if alias.is_none() => Tags::none(),
            _ => Tags::unknown(None),
        }
    }

    /// The `default_tags` of this builder's module's `provider "aws"` block of `alias`.
    fn provider_tags(&self, alias: Option<&str>, env: &Env) -> Tags {
        let providers = &self.eval.index().aws_providers;
        let provider = providers.iter().find(|(file, p)| {
            let written = p.body.get_attribute("alias").map(|a| &a.value);
            match (written, alias) {
                (None, None) => true,
                (Some(expr), Some(alias)) => {
                    self.eval.eval_in(*file, expr, &Env::default()).as_str() == Some(alias)
                }
                _ => false,
            }
        });
        let Some(&(file, provider)) = provider else {
            return Tags::unknown(None);
        };
        // No `default_tags` block, or one without `tags`: the provider adds none.
        let Some(tags) = provider
            .body
            .get_blocks("default_tags")
            .next()
            .and_then(|b| b.body.get_attribute("tags"))
        else {
            return Tags::none();
        };
        let builder = self.in_tree(file);
        let value = builder.value(&tags.value, env);
        builder.tag_keys(&tags.value, value, &literal_entries(&tags.value))
    }

    /// The attachments a resource writes: its own attributes and those of its blocks.
    fn attachments(&self, decl: &ResourceDecl<'_>, address: &str, env: &Env, model: &mut Model) {
        let mut push = |prefix: Option<&str>, builder: Self, fields: Fields<'_>| {
            for &name in ATTACHMENT_FIELDS {
                let Some(field) = builder.field(&fields, name, env) else {
                    continue;
                };
                let span = field.span;
                model.attachments.push(Attachment {
                    address: address.to_string(),
                    attribute: prefix.map_or(name.to_string(), |p| format!("{p}.{name}")),
                    groups: Attr {
                        value: builder.attached_groups(field, env),
                        span,
                    },
                });
            }
        };
        push(None, *self, Fields::Resource(decl));
        for (file, block) in decl.blocks().filter(|(_, b)| b.ident.as_str() != "dynamic") {
            let fields = Fields::Body(&block.body);
            push(Some(block.ident.as_str()), self.in_tree(file), fields);
        }
    }

    /// The groups of an attachment attribute, when the length of its list is known. A literal
    /// list's elements count one each even when their values are unknown.
    fn attached_groups(&self, field: Field<'_>, env: &Env) -> Option<usize> {
        if let Some(Expression::Array(items)) = field.expr {
            let builder = self.in_tree(field.base);
            let mut groups = Vec::new();
            for item in items.iter() {
                match builder.value(item, env) {
                    Value::List(values) => groups.extend(values.iter().map(group_ref)),
                    value => groups.push(group_ref(&value)),
                }
            }
            return Some(distinct_groups(groups));
        }
        match field.value {
            Value::List(values) => Some(distinct_groups(values.iter().map(group_ref))),
            Value::Null => Some(0),
            _ => None,
        }
    }
}

/// A group's tags, however they were found.
struct Tagging {
    name_tag: Option<Attr<Text>>,
    tags: Tags,
    default_tags: Tags,
}

/// The tags of an evaluated group: `tags` as written, and `tags_all`, which adds the provider's
/// default tags. Every key points at the resource.
fn evaluated_tagging(values: &BTreeMap<String, Value>, span: Span) -> Tagging {
    let keys = |map: &BTreeMap<String, Value>, skip: &Tags| -> Vec<TagKey> {
        map.keys()
            .filter(|k| !skip.contains(k))
            .map(|key| TagKey {
                key: key.clone(),
                span,
            })
            .collect()
    };
    let (tags, name_tag) = match values.get("tags") {
        Some(Value::Object(map)) => (
            Tags {
                keys: keys(map, &Tags::none()),
                complete: true,
                span: Some(span),
            },
            map.get("Name").cloned(),
        ),
        Some(Value::Null) | None => (Tags::none(), None),
        Some(_) => (Tags::unknown(Some(span)), Some(Value::Unknown)),
    };
    let default_tags = match values.get("tags_all") {
        Some(Value::Object(map)) => Tags {
            keys: keys(map, &tags),
            complete: true,
            span: None,
        },
        Some(Value::Null) | None => Tags::none(),
        Some(_) => Tags::unknown(None),
    };
    Tagging {
        name_tag: name_tag.map(|value| Attr {
            value: text(&value),
            span,
        }),
        tags,
        default_tags,
    }
}

/// The attachments of an evaluated resource: its attributes and those of its blocks (lists of
/// objects). Every attachment points at the resource.
fn value_attachments(resource: &EvaluatedResource, model: &mut Model) {
    let mut push = |attribute: String, value: &Value| {
        let groups = match value {
            Value::List(values) => Some(distinct_groups(values.iter().map(group_ref))),
            Value::Null => return,
            _ => None,
        };
        model.attachments.push(Attachment {
            address: resource.address.clone(),
            attribute,
            groups: Attr {
                value: groups,
                span: resource.span,
            },
        });
    };
    for (key, value) in &resource.values {
        if ATTACHMENT_FIELDS.contains(&key.as_str()) {
            push(key.clone(), value);
        } else if let Value::List(blocks) = value {
            for block in blocks {
                if let Value::Object(fields) = block {
                    for (name, value) in fields {
                        if ATTACHMENT_FIELDS.contains(&name.as_str()) {
                            push(format!("{key}.{name}"), value);
                        }
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Family {
    V4,
    V6,
}

/// What an attribute of a rule holds.
#[derive(Clone, Copy)]
enum SourceField {
    Cidrs(Family),
    PrefixLists,
    Groups,
    SelfFlag,
}

/// The attribute names of one kind of rule.
struct RuleSpec {
    protocol: &'static str,
    sources: &'static [(&'static str, SourceField)],
}

const INLINE: RuleSpec = RuleSpec {
    protocol: "protocol",
    sources: &[
        ("cidr_blocks", SourceField::Cidrs(Family::V4)),
        ("ipv6_cidr_blocks", SourceField::Cidrs(Family::V6)),
        ("prefix_list_ids", SourceField::PrefixLists),
        ("security_groups", SourceField::Groups),
        ("self", SourceField::SelfFlag),
    ],
};

const SECURITY_GROUP_RULE: RuleSpec = RuleSpec {
    protocol: "protocol",
    sources: &[
        ("cidr_blocks", SourceField::Cidrs(Family::V4)),
        ("ipv6_cidr_blocks", SourceField::Cidrs(Family::V6)),
        ("prefix_list_ids", SourceField::PrefixLists),
        ("source_security_group_id", SourceField::Groups),
        ("self", SourceField::SelfFlag),
    ],
};

const VPC_SECURITY_GROUP_RULE: RuleSpec = RuleSpec {
    protocol: "ip_protocol",
    sources: &[
        ("cidr_ipv4", SourceField::Cidrs(Family::V4)),
        ("cidr_ipv6", SourceField::Cidrs(Family::V6)),
        ("prefix_list_id", SourceField::PrefixLists),
        ("referenced_security_group_id", SourceField::Groups),
    ],
};

/// The group an inline rule belongs to and its direction.
struct Owner<'s> {
    address: &'s str,
    direction: Direction,
}

/// Everything about a rule except what its attributes evaluate to.
struct RuleShape<'f, 'b> {
    fields: &'f Fields<'b>,
    spec: &'static RuleSpec,
    address: &'f str,
    group: GroupRef,
    direction: Direction,
    origin: RuleOrigin,
    header: Span,
}

fn direction(word: &str) -> Option<Direction> {
    match word {
        "ingress" => Some(Direction::Ingress),
        "egress" => Some(Direction::Egress),
        _ => None,
    }
}

/// The entries of the object literals in `expr`, itself or an argument of a function such as
/// `merge`: where a tag map writes its keys.
fn literal_entries(expr: &Expression) -> Vec<(&ObjectKey, &Expression)> {
    match expr {
        Expression::Object(object) => object.iter().map(|(k, v)| (k, v.expr())).collect(),
        Expression::FuncCall(call) => call.args.iter().flat_map(literal_entries).collect(),
        Expression::Parenthesis(p) => literal_entries(p.inner()),
        _ => Vec::new(),
    }
}

fn text(value: &Value) -> Text {
    match value {
        Value::Template(parts) => Text::Partial(parts.clone()),
        other => other
            .to_template_string()
            .map_or(Text::Unknown, Text::Known),
    }
}

/// A group reference from a value: a declared group, an external one, or unknown.
fn group_ref(value: &Value) -> GroupRef {
    match value {
        Value::GroupId(address) => GroupRef::Internal(address.clone()),
        Value::External(name) => match name.strip_suffix(".default_security_group_id") {
            Some(vpc) => GroupRef::VpcDefault(vpc.to_string()),
            None => GroupRef::External(name.clone()),
        },
        Value::String(id) if id.starts_with("sg-") => GroupRef::External(id.clone()),
        _ => GroupRef::Unknown,
    }
}

fn cidr_source(attr: Attr<Value>, family: Family) -> Attr<RuleSource> {
    if let Value::External(name) = &attr.value
        && is_network_block(name)
    {
        return Attr {
            value: RuleSource::NetworkBlock(name.clone()),
            span: attr.span,
        };
    }
    let origin = match &attr.value {
        Value::NetworkCidr { of, .. } => CidrOrigin::Network(of.clone()),
        _ => CidrOrigin::Literal,
    };
    let text = attr.value.as_str().map(str::trim);
    let value = match family {
        Family::V4 => text
            .and_then(|t| t.parse::<Ipv4Net>().ok())
            .map_or(RuleSource::Unknown, |n| RuleSource::Ipv4(n, origin)),
        Family::V6 => text
            .and_then(|t| t.parse::<Ipv6Net>().ok())
            .map_or(RuleSource::Unknown, |n| RuleSource::Ipv6(n, origin)),
    };
    Attr {
        value,
        span: attr.span,
    }
}

fn prefix_list_source(attr: Attr<Value>) -> Attr<RuleSource> {
    Attr {
        value: attr.value.as_str().map_or(RuleSource::Unknown, |s| {
            RuleSource::PrefixList(s.to_string())
        }),
        span: attr.span,
    }
}
