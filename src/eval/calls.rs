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
    /// For each local, where in a caller its value is written (see [`Evaluator::caller_span`]).
    local_origins: RefCell<HashMap<&'a str, Option<Span>>>,
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
            if let Some(source) = call.block.body.get_attribute("source") {
                self.hit_in(call.base, &source.value, Limit::Cycle);
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
                Some(a) => self.hit_in(call.base, &a.value, Limit::Instances),
                None => self.hit_in(call.base, call.block, Limit::Instances),
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
        let mut caller = self.place.call.as_ref().and_then(|c| c.caller.upgrade());
        while let Some(eval) = caller {
            if eval.place.module == module {
                return true;
            }
            caller = eval.place.call.as_ref().and_then(|c| c.caller.upgrade());
        }
        false
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

    /// Where in a caller the value of `expr` is written, when it is only read here: an
    /// expression of this module instance that writes no literal of its own and reads a
    /// variable its call sets (directly, through locals, or as the `count`/`for_each` of the
    /// resource) comes from that argument, and so does a finding about it. Followed up through
    /// every caller that only passes the value on.
    pub fn caller_span(&self, expr: &Expression, env: &Env) -> Option<Span> {
        self.place.call.as_ref()?;
        if writes_literal(expr) {
            return None;
        }
        let roots = Roots::of(expr);
        roots
            .variables
            .iter()
            .find_map(|v| self.argument_span(v))
            .or_else(|| roots.locals.iter().find_map(|l| self.local_origin(l)))
            .or(if roots.bound.iter().any(|n| env.binds(n)) {
                env.from_caller
            } else {
                None
            })
    }

    /// [`Evaluator::caller_span`] of `expr`, recorded with `here`, where the module reads it,
    /// for the finding to point at both; `here` when the value is written in this module.
    pub fn locate(&self, expr: &Expression, env: &Env, here: Span) -> Span {
        match self.caller_span(expr, env) {
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

    /// Where the caller writes the argument `variable`.
    fn argument_span(&self, variable: &str) -> Option<Span> {
        let call = self.place.call.as_ref()?;
        let attr = self.argument(variable)?;
        let caller = call.caller.upgrade()?;
        caller
            .caller_span(&attr.value, &call.env)
            .or_else(|| Some(call.decl.base.span(hcl_edit::Span::span(&attr.value)?)))
    }

    fn local_origin(&self, local: &str) -> Option<Span> {
        let (&key, written) = self.index.locals.get_key_value(local)?;
        if let Some(known) = self.place.local_origins.borrow().get(key) {
            return *known;
        }
        // A cycle of locals finds nothing the second time round.
        self.place.local_origins.borrow_mut().insert(key, None);
        let origin = written
            .expr()
            .and_then(|expr| self.caller_span(expr, &Env::default()));
        self.place.local_origins.borrow_mut().insert(key, origin);
        origin
    }

    /// Where the values a `count` or `for_each` binds come from, when a caller gives them.
    pub(crate) fn instance_origin(&self, expr: &Expression) -> Option<Span> {
        self.caller_span(expr, &Env::default())
    }
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
