//! Module calls: a `module` block's instances, each evaluated as Terraform would with the call's
//! arguments as its variables, and its outputs read back by the caller (`module.db.id`).

use super::{Env, Evaluator, Instance, Limit, MAX_INSTANCES, Roots, Shared, Slot};
use super::{ModuleCall, ModuleIndex, Value};
use crate::source::Span;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::Attribute;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

/// The arguments of a `module` block that are not the child's variables.
const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// What a module call leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A module of the tree, by its place in [`ModuleTree::modules`].
    Module(usize),
    /// A module sglint does not evaluate (a registry or git source without `terraform init`, a
    /// directory outside the linted tree): its outputs are unknown.
    NotEvaluated,
}

/// The modules of one tree of calls, and where each of their calls leads.
#[derive(Debug, Default)]
pub struct ModuleTree<'a> {
    pub modules: Vec<ModuleIndex<'a>>,
    /// For each module (same order), the target of each of its calls, by call name.
    pub targets: Vec<HashMap<&'a str, Target>>,
}

/// Whose `provider "aws"` blocks configure a module instance's resources (see
/// [`Evaluator::provider_module`]).
pub enum ProviderModule<'i, 'a> {
    /// The module's own.
    Here,
    /// The nearest caller's that writes any.
    Caller(Rc<Evaluator<'i, 'a>>),
    /// None up to the root, which no one else calls: Terraform configures the provider as if
    /// by an empty block.
    Unconfigured,
    /// None up to a root that other configurations may call: their provider is not known.
    Unknown,
}

/// The instance of a module a caller made, and its instance key (`None`: the call has neither
/// `count` nor `for_each`, or the number of instances is not known).
pub(crate) struct Child<'i, 'a> {
    pub key: Option<Value>,
    pub eval: Rc<Evaluator<'i, 'a>>,
}

/// The call an evaluator's module instance was made by.
struct Call<'i, 'a> {
    caller: Weak<Evaluator<'i, 'a>>,
    decl: ModuleCall<'a>,
    /// `count` or `each` of the instance, in the caller.
    env: Env,
}

/// Where an evaluator's module sits in a tree of calls.
#[derive(Default)]
pub(crate) struct Place<'i, 'a> {
    tree: Option<&'i ModuleTree<'a>>,
    module: usize,
    /// The address of the module instance, ending in a dot (`module.web.`), empty for a root.
    prefix: String,
    call: Option<Call<'i, 'a>>,
    /// The evaluator itself, to hand its children a way back to it.
    me: Weak<Evaluator<'i, 'a>>,
    children: RefCell<HashMap<&'a str, Slot<Rc<Vec<Child<'i, 'a>>>>>>,
    outputs: RefCell<HashMap<&'a str, Shared>>,
}

impl<'i, 'a> Evaluator<'i, 'a> {
    /// The evaluator of the root module `module` of `tree`, whose calls are followed.
    pub fn root(tree: &'i ModuleTree<'a>, module: usize) -> Rc<Self> {
        Rc::new_cyclic(|me| {
            let place = Place {
                tree: Some(tree),
                module,
                me: me.clone(),
                ..Place::default()
            };
            Evaluator::with_place(&tree.modules[module], Rc::default(), place)
        })
    }

    /// Which module of its tree this evaluator's module is (0 for a module on its own).
    pub fn module(&self) -> usize {
        self.place.module
    }

    /// The address of the module instance, ending in a dot (`module.web["a"].`), or empty.
    pub fn prefix(&self) -> &str {
        &self.place.prefix
    }

    /// `address` of this module, as the plan writes it: with the module instance's address.
    pub(crate) fn prefixed(&self, address: &str) -> String {
        format!("{}{address}", self.place.prefix)
    }

    /// Whether this is an instance of a module call (whose variables its caller gives).
    pub fn is_called(&self) -> bool {
        self.place.call.is_some()
    }

    /// The instances of the module call `call`, made once; empty when its target is not
    /// evaluated or the number of instances is known to be zero.
    pub(crate) fn module_instances(&self, call: &ModuleCall<'a>) -> Rc<Vec<Child<'i, 'a>>> {
        let Some(tree) = self.place.tree else {
            return Rc::default();
        };
        let Some(&Target::Module(target)) = tree.targets[self.place.module].get(call.name) else {
            return Rc::default();
        };
        if let Some(slot) = self.place.children.borrow().get(call.name) {
            return match slot {
                Slot::Done(children) => Rc::clone(children),
                Slot::InProgress => Rc::default(),
            };
        }
        self.place
            .children
            .borrow_mut()
            .insert(call.name, Slot::InProgress);
        let children = Rc::new(self.make_instances(tree, target, call));
        self.place
            .children
            .borrow_mut()
            .insert(call.name, Slot::Done(Rc::clone(&children)));
        children
    }

    fn make_instances(
        &self,
        tree: &'i ModuleTree<'a>,
        target: usize,
        call: &ModuleCall<'a>,
    ) -> Vec<Child<'i, 'a>> {
        // A module that calls itself, directly or through others, would never end: Terraform
        // rejects it; sglint evaluates the chain once.
        if self.calls_back_to(target) {
            match call.block.body.get_attribute("source") {
                Some(source) => self.hit_in(call.base, &source.value, Limit::ModuleCycle),
                None => self.hit_in(call.base, &call.block.ident, Limit::ModuleCycle),
            }
            return Vec::new();
        }
        let attribute = |name| call.block.body.get_attribute(name).map(|a| (call.base, a));
        let relative = format!("module.{}", call.name);
        let instances = self.instances_of(relative, attribute("count"), attribute("for_each"));
        let made = self.state.module_instances.get() + instances.len();
        if made > MAX_INSTANCES {
            let spot = attribute("for_each").or(attribute("count")).map(|(_, a)| a);
            match spot {
                Some(a) => self.hit_in(call.base, &a.value, Limit::ModuleInstances),
                None => self.hit_in(call.base, &call.block.ident, Limit::ModuleInstances),
            }
            return Vec::new();
        }
        self.state.module_instances.set(made);
        let repeated = attribute("count").is_some() || attribute("for_each").is_some();
        instances
            .into_iter()
            .map(|Instance { address, env }| {
                let key = (repeated && address.ends_with(']')).then(|| instance_key(&env));
                let place = Place {
                    tree: Some(tree),
                    module: target,
                    prefix: format!("{address}."),
                    call: Some(Call {
                        caller: self.place.me.clone(),
                        decl: *call,
                        env,
                    }),
                    ..Place::default()
                };
                let state = Rc::clone(&self.state);
                let eval = Rc::new_cyclic(|me| {
                    let place = Place {
                        me: me.clone(),
                        ..place
                    };
                    Evaluator::with_place(&tree.modules[target], state, place)
                });
                Child { key, eval }
            })
            .collect()
    }

    /// Whether `module` is this evaluator's module or one of its callers'.
    fn calls_back_to(&self, module: usize) -> bool {
        if self.place.module == module {
            return true;
        }
        let mut caller = self.caller();
        while let Some(eval) = caller {
            if eval.place.module == module {
                return true;
            }
            caller = eval.caller();
        }
        false
    }

    /// Whose `provider "aws"` blocks configure this module instance's resources.
    pub fn provider_module(&self) -> ProviderModule<'i, 'a> {
        if !self.index.aws_providers.is_empty() {
            return ProviderModule::Here;
        }
        let mut topmost = None;
        let mut caller = self.caller();
        while let Some(eval) = caller {
            if !eval.index.aws_providers.is_empty() {
                return ProviderModule::Caller(eval);
            }
            caller = eval.caller();
            topmost = Some(eval);
        }
        let root = topmost.as_ref().map_or(self.index, |t| t.index);
        if root.may_be_called || !root.complete {
            ProviderModule::Unknown
        } else {
            ProviderModule::Unconfigured
        }
    }

    /// The evaluator of the module that made this instance.
    pub(crate) fn caller(&self) -> Option<Rc<Evaluator<'i, 'a>>> {
        self.place.call.as_ref()?.caller.upgrade()
    }

    /// The argument of the call that sets `var.NAME` of this module instance.
    pub(crate) fn argument(&self, name: &str) -> Option<&'a Attribute> {
        let call = self.place.call.as_ref()?;
        if META_ARGUMENTS.contains(&name) {
            return None;
        }
        call.decl.block.body.get_attribute(name)
    }

    /// The value of an argument of this instance's call, evaluated by the caller.
    pub(crate) fn argument_value(&self, argument: &Attribute) -> Value {
        let call = self.place.call.as_ref();
        match call.and_then(|c| Some((c, c.caller.upgrade()?))) {
            Some((call, caller)) => caller.eval_in(call.decl.base, &argument.value, &call.env),
            None => Value::Unknown,
        }
    }

    /// `module.NAME` read from `ops` on: an output of one instance, or the outputs of all.
    /// `None` when the call is not evaluated (its outputs are named, as values from elsewhere).
    pub(crate) fn module_value(
        &self,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Env,
    ) -> Option<Value> {
        let call = *self.index.call(name)?;
        if !matches!(
            self.place.tree?.targets[self.place.module].get(call.name),
            Some(Target::Module(_))
        ) {
            return None;
        }
        let children = self.module_instances(&call);
        let repeated =
            call.block.body.has_attribute("count") || call.block.body.has_attribute("for_each");
        let output_at = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(output)) => Some(output.as_str()),
            _ => None,
        };
        if !repeated {
            let child = children.first()?;
            return Some(match output_at(0) {
                Some(output) => {
                    let value = child.eval.output(output);
                    self.apply_ops(std::borrow::Cow::Borrowed(&value), &ops[1..], env)
                }
                None => {
                    let all = child.eval.all_outputs();
                    self.apply_ops(std::borrow::Cow::Owned(all), ops, env)
                }
            });
        }
        // `module.NAME[KEY].OUTPUT`: the one instance's output, without evaluating the others.
        if let Some(TraversalOperator::Index(index)) = ops.first().map(|o| o.value())
            && let Some(output) = output_at(1)
        {
            let key = self.eval(index, env);
            let child = children.iter().find(|c| match &c.key {
                Some(k) => same_key(k, &key),
                None => false,
            });
            return Some(match child {
                Some(child) => {
                    let value = child.eval.output(output);
                    self.apply_ops(std::borrow::Cow::Borrowed(&value), &ops[2..], env)
                }
                None => Value::Unknown,
            });
        }
        let objects = children
            .iter()
            .map(|c| (c.key.clone(), c.eval.all_outputs()));
        let value = if call.block.body.has_attribute("count") {
            match children.as_slice() {
                [only] if only.key.is_none() => Value::Repeated(Box::new(only.eval.all_outputs())),
                _ => Value::List(objects.map(|(_, o)| o).collect()),
            }
        } else {
            match children.as_slice() {
                [only] if only.key.is_none() => Value::Unknown,
                _ => Value::Object(
                    objects
                        .filter_map(|(k, o)| Some((k?.to_template_string()?, o)))
                        .collect(),
                ),
            }
        };
        Some(self.apply_ops(std::borrow::Cow::Owned(value), ops, env))
    }

    /// The value of the output `name`, evaluated once.
    pub(crate) fn output(&self, name: &str) -> Rc<Value> {
        let Some((&key, &written)) = self.index.outputs.get_key_value(name) else {
            return Rc::new(Value::Unknown);
        };
        let value = || match written.expr() {
            Some(expr) => self.eval_in(written.base, expr, &Env::default()),
            None => Value::Unknown,
        };
        self.shared(&self.place.outputs, key, value, None)
    }

    /// Every output, as an object (what `module.NAME` is).
    fn all_outputs(&self) -> Value {
        let names: Vec<&'a str> = self.index.outputs.keys().copied().collect();
        let map: BTreeMap<String, Value> = names
            .into_iter()
            .map(|name| (name.to_string(), self.copied(&self.output(name))))
            .collect();
        Value::Object(map)
    }

    /// Where in a caller the value of `expr` (which evaluated to `value`) is written, when this
    /// module instance only reads it: the expression reads a variable its call sets (directly,
    /// through locals, or through the `count`/`for_each` it is evaluated for) and does not
    /// write the value's text itself. Followed up through every caller that only passes the
    /// value on, to the literal in the caller that writes it when there is one.
    fn caller_span(&self, expr: &Expression, env: &Env, value: &Value) -> Option<Span> {
        self.place.call.as_ref()?;
        let texts = value_texts(value);
        // A reference (a group's id) cannot be written as a literal: a `lookup` key next to it
        // is not where it comes from.
        let reference = matches!(
            value,
            Value::GroupId(_) | Value::VpcId(_) | Value::External(_) | Value::Unknown
        );
        self.state.origin_visited.borrow_mut().clear();
        self.origin(expr, env, (!reference).then_some(&texts[..]))
    }

    /// See [`Evaluator::caller_span`]; with `texts` `None`, a literal in `expr` does not keep
    /// the value here (a `for_each` filter's `"ingress"` is not one of the values it binds).
    fn origin(&self, expr: &Expression, env: &Env, texts: Option<&[&str]>) -> Option<Span> {
        self.place.call.as_ref()?;
        // Paid for like evaluation, so that no chain of locals makes the search long.
        if !self.state.budget.take(1) || texts.is_some_and(|texts| writes_any(expr, texts)) {
            return None;
        }
        let roots = Roots::of(expr);
        roots
            .variables
            .iter()
            .find_map(|v| self.argument_span(v, texts))
            .or_else(|| {
                roots
                    .locals
                    .iter()
                    .find_map(|l| self.local_origin(l, texts))
            })
            .or(if roots.bound.iter().any(|n| env.binds(n)) {
                env.from_caller
            } else {
                None
            })
    }

    /// [`Evaluator::caller_span`] of `expr`, recorded with `here`, where the module reads it,
    /// for the finding to point at both; `here` when the value is written in this module.
    pub fn locate(&self, expr: &Expression, env: &Env, value: &Value, here: Span) -> Span {
        match self.caller_span(expr, env, value) {
            Some(there) => {
                self.state
                    .forwarded
                    .borrow_mut()
                    .entry(there)
                    .or_insert(here);
                there
            }
            None => here,
        }
    }

    /// Where the caller writes the argument `variable`: the literal of its value that holds
    /// one of `texts`, or the whole argument.
    fn argument_span(&self, variable: &str, texts: Option<&[&str]>) -> Option<Span> {
        let call = self.place.call.as_ref()?;
        let attr = self.argument(variable)?;
        let caller = call.caller.upgrade()?;
        let base = call.decl.base;
        caller.origin(&attr.value, &call.env, texts).or_else(|| {
            let range = texts
                .and_then(|texts| literal_holding(&attr.value, texts))
                .or_else(|| hcl_edit::Span::span(&attr.value))?;
            Some(base.span(range))
        })
    }

    /// Where a caller writes what the local `local` passes on. Each local is looked at once per
    /// search (see [`TreeState::origin_visited`]): a cycle of locals, or many locals reading the
    /// same ones, ends.
    fn local_origin(&self, local: &str, texts: Option<&[&str]>) -> Option<Span> {
        let written = self.index.locals.get(local)?;
        let first = (self.state.origin_visited.borrow_mut())
            .insert((self.place.prefix.clone(), local.to_string()));
        if !first {
            return None;
        }
        // As deep as evaluation goes, no deeper: a longer chain was not evaluated either.
        let depth = &self.state.origin_depth;
        if depth.get() >= super::MAX_DEPTH {
            return None;
        }
        depth.set(depth.get() + 1);
        let origin = written
            .expr()
            .and_then(|expr| self.origin(expr, &Env::default(), texts));
        depth.set(depth.get() - 1);
        origin
    }

    /// Where the values a `count`, `for_each` or dynamic block's `for_each` binds come from,
    /// when a caller gives them.
    pub fn instance_origin(&self, expr: &Expression, env: &Env) -> Option<Span> {
        self.state.origin_visited.borrow_mut().clear();
        self.origin(expr, env, None)
    }
}

/// The most strings of a value looked for in the expressions that pass it on.
const MAX_TEXTS: usize = 8;

/// The strings a value holds (a CIDR, a name, a description), the first [`MAX_TEXTS`].
fn value_texts(value: &Value) -> Vec<&str> {
    fn walk<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
        if out.len() >= MAX_TEXTS {
            return;
        }
        match value {
            Value::String(s) | Value::NetworkCidr { cidr: s, .. } if !s.is_empty() => out.push(s),
            Value::List(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            Value::Repeated(item) => walk(item, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out
}

/// Whether `expr` writes a value of its own rather than only reading one: one of `texts` as
/// (part of) a literal, or, when no text is asked about, any string, number or boolean
/// literal outside indexes and object keys.
fn writes_any(expr: &Expression, texts: &[&str]) -> bool {
    if texts.is_empty() {
        return writes_literal(expr);
    }
    literal_holding(expr, texts).is_some()
}

/// The range of the first literal in `expr` whose text holds one of `texts`.
fn literal_holding(expr: &Expression, texts: &[&str]) -> Option<std::ops::Range<usize>> {
    struct Holding<'t> {
        texts: &'t [&'t str],
        found: Option<std::ops::Range<usize>>,
    }
    impl Holding<'_> {
        fn check(&mut self, text: &str, range: Option<std::ops::Range<usize>>) {
            if self.found.is_none() && self.texts.iter().any(|t| text.contains(t)) {
                self.found = range;
            }
        }
    }
    impl hcl_edit::visit::Visit for Holding<'_> {
        fn visit_string(&mut self, s: &hcl_edit::Decorated<String>) {
            self.check(s.value(), hcl_edit::Span::span(s));
        }
        fn visit_literal(&mut self, literal: &hcl_edit::Spanned<String>) {
            self.check(literal.value(), hcl_edit::Span::span(literal));
        }
        fn visit_object_key(&mut self, _: &ObjectKey) {}
    }
    if texts.is_empty() {
        return None;
    }
    let mut holding = Holding { texts, found: None };
    hcl_edit::visit::Visit::visit_expr(&mut holding, expr);
    holding.found
}

/// The key of a `count` or `for_each` instance.
fn instance_key(env: &Env) -> Value {
    match (env.get("each"), env.get("count")) {
        (Some(each), _) => super::get_attr(each, "key"),
        (None, Some(count)) => super::get_attr(count, "index"),
        _ => Value::Unknown,
    }
}

/// Whether an index given to `module.NAME[...]` names the instance of key `key`.
fn same_key(key: &Value, index: &Value) -> bool {
    match (key, index) {
        (Value::Number(a), _) => index.as_number() == Some(*a),
        (Value::String(a), _) => index.to_template_string().as_deref() == Some(a),
        _ => false,
    }
}

/// Whether an expression writes a value of its own (a string, number or boolean literal, or
/// a template's literal text) rather than only reading one: an index or an object's key is not
/// a value written.
fn writes_literal(expr: &Expression) -> bool {
    struct Literals(bool);
    impl hcl_edit::visit::Visit for Literals {
        fn visit_string(&mut self, _: &hcl_edit::Decorated<String>) {
            self.0 = true;
        }
        fn visit_number(&mut self, _: &hcl_edit::Formatted<hcl_edit::Number>) {
            self.0 = true;
        }
        fn visit_bool(&mut self, _: &hcl_edit::Decorated<bool>) {
            self.0 = true;
        }
        fn visit_literal(&mut self, literal: &hcl_edit::Spanned<String>) {
            self.0 |= !literal.value().is_empty();
        }
        fn visit_object_key(&mut self, _: &ObjectKey) {}
        fn visit_traversal_operator(&mut self, _: &TraversalOperator) {}
    }
    let mut found = Literals(false);
    hcl_edit::visit::Visit::visit_expr(&mut found, expr);
    found.0
}
