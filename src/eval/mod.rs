//! Evaluation of HCL expressions to [`Value`]s within one module: literals, templates, locals,
//! variables (defaults and tfvars), resource attributes, `count`/`for_each`, splats and functions.

mod calls;
mod functions;
pub mod index;
pub mod limits;
pub mod value;

pub use calls::{ModuleTree, ProviderModule, Target};
pub use index::{ModuleCall, ModuleIndex, ResourceDecl, Written, is_override_name};
pub use limits::{EVALUATION_LIMIT, Limit, MAX_INSTANCES};
use value::TextBuilder;
pub use value::Value;

use crate::source::{Span, TreeBase};
use limits::{Budget, MAX_DEPTH};

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Element, Template};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Names bound while evaluating: `count`, `each`, a dynamic block's iterator, `for` variables.
/// Each binding points to the ones before it, so that binding one more name copies nothing.
#[derive(Clone, Debug, Default)]
pub struct Env {
    innermost: Option<Rc<Binding>>,
    /// Where in a caller the values of a `count` or `for_each` bound here are written, when
    /// they come from the module's call (see [`Evaluator::caller_span`]).
    pub from_caller: Option<Span>,
}

#[derive(Debug)]
struct Binding {
    name: String,
    value: Value,
    outer: Option<Rc<Binding>>,
}

impl Env {
    /// A new environment with one more binding (shadowing any of the same name).
    pub fn with(&self, name: &str, value: Value) -> Env {
        Env {
            innermost: Some(Rc::new(Binding {
                name: name.to_string(),
                value,
                outer: self.innermost.clone(),
            })),
            from_caller: self.from_caller,
        }
    }

    /// This environment with `count.index` unknown when it binds `count`: what is the same for
    /// every instance of a `count` resource (a name's literal parts, not its instance number).
    pub fn with_count_index_unknown(&self) -> Env {
        match self.get("count") {
            Some(_) => self.with("count", index_object(Value::Unknown)),
            None => self.clone(),
        }
    }

    /// Whether `name` is bound here.
    pub fn binds(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn get(&self, name: &str) -> Option<&Value> {
        let mut binding = self.innermost.as_deref();
        while let Some(b) = binding {
            if b.name == name {
                return Some(&b.value);
            }
            binding = b.outer.as_deref();
        }
        None
    }
}

/// A place where evaluation stopped at a limit: the expression's span and the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitHit {
    pub span: Span,
    pub limit: Limit,
}

/// The most limit hits one module records (each is one finding).
const MAX_LIMIT_HITS: usize = 50;

/// One instance of a resource: its address and the `count`/`each` bindings it is evaluated with.
#[derive(Clone, Debug)]
pub struct Instance {
    pub address: String,
    pub env: Env,
}

/// Builds the `{ key, value }` object bound to `each` and to dynamic block iterators.
pub fn key_value(key: Value, value: Value) -> Value {
    Value::Object(BTreeMap::from([
        ("key".to_string(), key),
        ("value".to_string(), value),
    ]))
}

/// The elements of a `for_each` collection as (key, value) pairs, or `None` when unknown. A list
/// of strings is taken as the set `for_each` needs: each key is the string itself.
pub fn for_each_items(collection: &Value) -> Option<Vec<(Value, Value)>> {
    match collection {
        Value::Object(map) => Some(
            map.iter()
                .map(|(k, v)| (Value::String(k.clone()), v.clone()))
                .collect(),
        ),
        Value::List(items) => {
            if items.iter().any(Value::is_unknown) {
                return None;
            }
            Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| match v {
                        // A set of strings: each.key is the string itself.
                        Value::String(_) => (v.clone(), v.clone()),
                        _ => (Value::Number(i as f64), v.clone()),
                    })
                    .collect(),
            )
        }
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// A cached evaluation: in progress (a reference back to it is a cycle), or its value.
enum Slot<T> {
    InProgress,
    Done(T),
}

/// A value evaluated once and shared by every reference to it: a reference reads the part it
/// needs out of it (a local's value is copied whole only where it is used whole).
type Shared = Slot<Rc<Value>>;

/// What every evaluator of one tree of module calls shares: one budget, one depth and one list
/// of limits met, so that no configuration makes evaluation run long however its modules call
/// each other.
#[derive(Debug, Default)]
struct TreeState {
    budget: Budget,
    depth: Cell<u32>,
    limits: RefCell<Vec<LimitHit>>,
    /// Whether the spent budget has been reported (once: everything after it is unknown).
    spent_reported: Cell<bool>,
    /// Module instances made so far (see [`MAX_INSTANCES`]).
    module_instances: Cell<usize>,
    /// For each place in a caller that a module instance's value comes from, the first place
    /// in the module that reads it (see [`Evaluator::caller_span`]).
    forwarded: RefCell<HashMap<Span, Span>>,
    /// The locals (by module instance and name) one search for where a value comes from has
    /// looked at (see [`Evaluator::caller_span`]).
    origin_visited: RefCell<rustc_hash::FxHashSet<(String, String)>>,
    /// How many locals deep that search is.
    origin_depth: Cell<u32>,
}

/// Evaluates expressions of one module (or one instance of a module call), caching locals,
/// variables, resources, outputs and the instances of its module calls. Every step is paid for
/// from one budget, so no configuration makes evaluation run long or grow without bound.
pub struct Evaluator<'i, 'a> {
    index: &'i ModuleIndex<'a>,
    locals: RefCell<HashMap<&'a str, Shared>>,
    variables: RefCell<HashMap<&'a str, Shared>>,
    /// By resource type and name.
    resources: RefCell<HashMap<(&'a str, &'a str), Shared>>,
    state: Rc<TreeState>,
    /// The tree of the expression being evaluated.
    base: Cell<TreeBase>,
    /// The locals whose value depends on a variable the module's callers set (see
    /// [`Evaluator::decided_by_callers`]), found once when first needed.
    caller_locals: std::cell::OnceCell<rustc_hash::FxHashSet<&'a str>>,
    /// Where the module sits in a tree of calls (for a module evaluated on its own: nowhere).
    pub(crate) place: calls::Place<'i, 'a>,
}

impl<'i, 'a> Evaluator<'i, 'a> {
    /// An evaluator of one module on its own: its module calls are not followed.
    pub fn new(index: &'i ModuleIndex<'a>) -> Self {
        Evaluator::with_place(index, Rc::default(), calls::Place::default())
    }

    fn with_place(
        index: &'i ModuleIndex<'a>,
        state: Rc<TreeState>,
        place: calls::Place<'i, 'a>,
    ) -> Self {
        Evaluator {
            index,
            locals: RefCell::default(),
            variables: RefCell::default(),
            resources: RefCell::default(),
            state,
            base: Cell::new(TreeBase::default()),
            caller_locals: std::cell::OnceCell::new(),
            place,
        }
    }

    pub fn index(&self) -> &'i ModuleIndex<'a> {
        self.index
    }

    /// Runs `f` with the expressions it evaluates written in the tree of `base`.
    fn in_tree<R>(&self, base: TreeBase, f: impl FnOnce() -> R) -> R {
        let outer = self.base.replace(base);
        let result = f();
        self.base.set(outer);
        result
    }

    /// Evaluates an expression of the tree of `base`.
    pub fn eval_in(&self, base: TreeBase, expr: &Expression, env: &Env) -> Value {
        self.in_tree(base, || self.eval(expr, env))
    }

    /// Records that `expr`, of the tree of `base`, was not evaluated because of `limit`.
    pub fn hit_in(&self, base: TreeBase, expr: &impl hcl_edit::Span, limit: Limit) {
        self.in_tree(base, || self.hit(expr, limit))
    }

    /// The places where evaluation stopped at a limit, in the order met.
    pub fn take_limits(&self) -> Vec<LimitHit> {
        self.state.limits.take()
    }

    /// The places in callers that values of module instances came from, each with the place in
    /// the module that reads it.
    pub fn take_forwarded(&self) -> HashMap<Span, Span> {
        self.state.forwarded.take()
    }

    /// Records that `expr`, in the current tree, was not evaluated because of `limit`.
    fn hit(&self, expr: &impl hcl_edit::Span, limit: Limit) {
        let Some(range) = expr.span() else { return };
        let hit = LimitHit {
            span: self.base.get().span(range),
            limit,
        };
        let mut limits = self.state.limits.borrow_mut();
        if limits.len() < MAX_LIMIT_HITS && !limits.contains(&hit) {
            limits.push(hit);
        }
    }

    /// Evaluates an expression.
    pub fn eval(&self, expr: &Expression, env: &Env) -> Value {
        if self.state.depth.get() >= MAX_DEPTH {
            self.hit(expr, Limit::Depth);
            return Value::Unknown;
        }
        if !self.state.budget.take(1) {
            return Value::Unknown;
        }
        self.state.depth.set(self.state.depth.get() + 1);
        let value = self.eval_inner(expr, env);
        self.state.depth.set(self.state.depth.get() - 1);
        if let Some(limit) = self.state.budget.take_tripped() {
            self.hit(expr, limit);
            return Value::Unknown;
        }
        // The innermost expression during which the budget ran out is where it is reported.
        if self.state.budget.is_spent() {
            if !self.state.spent_reported.replace(true) {
                self.hit(expr, Limit::Work);
            }
            return Value::Unknown;
        }
        value
    }

    /// A copy of `value`, paid for; unknown when the budget cannot pay for it.
    fn copied(&self, value: &Value) -> Value {
        if self.state.budget.copy(value) {
            value.clone()
        } else {
            Value::Unknown
        }
    }

    fn eval_inner(&self, expr: &Expression, env: &Env) -> Value {
        match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => n.value().as_f64().map_or(Value::Unknown, Value::Number),
            Expression::String(s) => {
                if self.state.budget.string(s.value().len()) {
                    Value::String(s.value().clone())
                } else {
                    Value::Unknown
                }
            }
            Expression::Array(items) => {
                Value::List(items.iter().map(|e| self.eval(e, env)).collect())
            }
            Expression::Object(object) => {
                let mut map = BTreeMap::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        ObjectKey::Ident(ident) => ident.as_str().to_string(),
                        ObjectKey::Expression(e) => match self.eval(e, env).to_template_string() {
                            Some(k) => k,
                            None => return Value::Unknown,
                        },
                    };
                    map.insert(key, self.eval(value.expr(), env));
                }
                Value::Object(map)
            }
            Expression::StringTemplate(t) => self.eval_template(t, env),
            Expression::HeredocTemplate(h) => self.eval_template(&h.template, env),
            Expression::Parenthesis(p) => self.eval(p.inner(), env),
            Expression::Variable(v) => env
                .get(v.as_str())
                .map_or(Value::Unknown, |value| self.copied(value)),
            Expression::Conditional(c) => match self.eval(&c.cond_expr, env).as_bool() {
                Some(true) => self.eval(&c.true_expr, env),
                Some(false) => self.eval(&c.false_expr, env),
                None => Value::Unknown,
            },
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                if !call.name.namespace.is_empty() {
                    return Value::Unknown;
                }
                let mut args: Vec<Value> = call.args.iter().map(|a| self.eval(a, env)).collect();
                if call.args.expand_final()
                    && let Some(Value::List(last)) = args.pop()
                {
                    args.extend(last);
                }
                functions::call(name, args, &self.state.budget)
            }
            Expression::Traversal(t) => self.eval_traversal(&t.expr, &t.operators, env),
            Expression::UnaryOp(op) => {
                let v = self.eval(&op.expr, env);
                match op.operator.value() {
                    UnaryOperator::Not => v.as_bool().map_or(Value::Unknown, |b| Value::Bool(!b)),
                    UnaryOperator::Neg => {
                        v.as_number().map_or(Value::Unknown, |n| Value::Number(-n))
                    }
                }
            }
            Expression::BinaryOp(op) => {
                let lhs = self.eval(&op.lhs_expr, env);
                let rhs = self.eval(&op.rhs_expr, env);
                binary(*op.operator.value(), &lhs, &rhs)
            }
            Expression::ForExpr(f) => self.eval_for(f, env),
        }
    }

    fn eval_template(&self, template: &Template, env: &Env) -> Value {
        let elements: Vec<&Element> = template.iter().collect();
        // `"${x}"` is the value of `x` itself, not its string form (Terraform 0.11 style).
        if let [Element::Interpolation(i)] = elements.as_slice() {
            return self.eval(&i.expr, env);
        }
        let mut text = TextBuilder::default();
        for element in elements {
            match element {
                Element::Literal(s) => text.text(s.value()),
                Element::Interpolation(i) => text.value(&self.eval(&i.expr, env)),
                Element::Directive(_) => text.unknown(),
            }
            if !self.state.budget.string(text.known_len()) {
                return Value::Unknown;
            }
        }
        text.finish()
    }

    fn eval_for(&self, f: &hcl_edit::expr::ForExpr, env: &Env) -> Value {
        // A list binds each element's index (`for i, v in list`), an object each key.
        let items: Vec<(Value, Value)> = match self.eval(&f.intro.collection_expr, env) {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
            Value::Object(map) => map
                .into_iter()
                .map(|(k, v)| (Value::String(k), v))
                .collect(),
            Value::Null => Vec::new(),
            _ => return Value::Unknown,
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        for (key, value) in items {
            if self.state.budget.is_spent() {
                return Value::Unknown;
            }
            let mut inner = env.with(f.intro.value_var.as_str(), value);
            if let Some(key_var) = &f.intro.key_var {
                inner = inner.with(key_var.as_str(), key);
            }
            if let Some(cond) = &f.cond {
                match self.eval(&cond.expr, &inner).as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return Value::Unknown,
                }
            }
            let value = self.eval(&f.value_expr, &inner);
            match &f.key_expr {
                None => list.push(value),
                Some(key_expr) => {
                    let Some(key) = self.eval(key_expr, &inner).to_template_string() else {
                        return Value::Unknown;
                    };
                    if f.grouping {
                        match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(group) => group.push(value),
                            _ => return Value::Unknown,
                        }
                    } else {
                        map.insert(key, value);
                    }
                }
            }
        }
        if f.key_expr.is_some() {
            Value::Object(map)
        } else {
            Value::List(list)
        }
    }

    fn eval_traversal(
        &self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Env,
    ) -> Value {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(name)) => Some(name.as_str()),
            _ => None,
        };
        let (start, rest): (Cow<'_, Value>, _) = match root {
            Expression::Variable(v) if env.get(v.as_str()).is_none() => match v.as_str() {
                "var" => match attr(0) {
                    Some(name) => {
                        let value = self.shared_variable(name);
                        return self.apply_ops(Cow::Borrowed(&value), &ops[1..], env);
                    }
                    None => return Value::Unknown,
                },
                "local" => match attr(0) {
                    Some(name) => {
                        let value = self.shared_local(name);
                        return self.apply_ops(Cow::Borrowed(&value), &ops[1..], env);
                    }
                    None => return Value::Unknown,
                },
                "data" => {
                    let (Some(kind), Some(name)) = (attr(0), attr(1)) else {
                        return Value::Unknown;
                    };
                    // A data source is the object it finds; its CIDR blocks are named too
                    // (`data.aws_subnet.app[*].cidr_block`), which says that they are internal.
                    let read = ops.iter().skip(2).find_map(|o| match o.value() {
                        TraversalOperator::GetAttr(a) => Some(a.as_str()),
                        _ => None,
                    });
                    let data = self.prefixed(&format!("data.{kind}.{name}"));
                    return match read {
                        Some(block @ ("cidr_block" | "ipv6_cidr_block")) => {
                            Value::External(format!("{data}.{block}"))
                        }
                        _ => Value::External(data),
                    };
                }
                "module" => {
                    let Some(module) = attr(0) else {
                        return Value::Unknown;
                    };
                    if let Some(value) = self.module_value(module, &ops[1..], env) {
                        return value;
                    }
                    let called = self.prefixed(&format!("module.{module}"));
                    return match attr(1) {
                        Some(output) => Value::External(format!("{called}.{output}")),
                        None => Value::External(called),
                    };
                }
                "count" | "each" | "path" | "terraform" | "self" => return Value::Unknown,
                kind => match attr(0) {
                    Some(name) => {
                        if attr(1) == Some("id")
                            && let Some(id) = self.single_instance_id(kind, name)
                        {
                            return self.apply_ops(Cow::Owned(id), &ops[2..], env);
                        }
                        let object = self.resource(kind, name);
                        return self.apply_ops(Cow::Borrowed(&object), &ops[1..], env);
                    }
                    None => return Value::Unknown,
                },
            },
            Expression::Variable(v) => match env.get(v.as_str()) {
                Some(value) => (Cow::Borrowed(value), ops),
                None => return Value::Unknown,
            },
            other => (Cow::Owned(self.eval(other, env)), ops),
        };
        self.apply_ops(start, rest, env)
    }

    /// Applies attribute accesses, indexes and splats to `value`; a borrowed value is copied
    /// only in the part that is read, and the copy is paid for.
    fn apply_ops(
        &self,
        mut value: Cow<'_, Value>,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Env,
    ) -> Value {
        if ops.is_empty() {
            return match value {
                Cow::Borrowed(v) => self.copied(v),
                Cow::Owned(v) => v,
            };
        }
        for (i, op) in ops.iter().enumerate() {
            value = Cow::Owned(match op.value() {
                TraversalOperator::GetAttr(name) => {
                    let part = get_attr(&value, name.as_str());
                    if !self.state.budget.copy(&part) {
                        return Value::Unknown;
                    }
                    part
                }
                TraversalOperator::Index(index) => {
                    let part = index_value(&value, &self.eval(index, env));
                    if !self.state.budget.copy(&part) {
                        return Value::Unknown;
                    }
                    part
                }
                TraversalOperator::LegacyIndex(index) => {
                    index_value(&value, &Value::Number(*index.value() as f64))
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    // A full splat (`[*]`) applies every following operator to each element; an
                    // attribute splat (`.*`) only the attribute accesses right after it.
                    let rest = &ops[i + 1..];
                    let inner = match op.value() {
                        TraversalOperator::AttrSplat(_) => rest
                            .iter()
                            .position(|o| !matches!(o.value(), TraversalOperator::GetAttr(_)))
                            .unwrap_or(rest.len()),
                        _ => rest.len(),
                    };
                    let (each, after) = rest.split_at(inner);
                    let apply = |item: &Value| self.apply_ops(Cow::Borrowed(item), each, env);
                    let splatted = match &*value {
                        Value::List(items) => Value::List(items.iter().map(apply).collect()),
                        Value::Repeated(item) => Value::Repeated(Box::new(apply(item))),
                        Value::Null => Value::List(Vec::new()),
                        Value::Unknown => Value::Unknown,
                        single => Value::List(vec![apply(single)]),
                    };
                    return self.apply_ops(Cow::Owned(splatted), after, env);
                }
            });
            if self.state.budget.is_spent() {
                return Value::Unknown;
            }
        }
        value.into_owned()
    }

    /// `var.NAME`: the tfvars value, else the default, else unknown.
    pub fn variable(&self, name: &str) -> Value {
        self.copied(&self.shared_variable(name))
    }

    /// `local.NAME`, evaluated once; a cycle evaluates to unknown.
    pub fn local(&self, name: &str) -> Value {
        self.copied(&self.shared_local(name))
    }

    fn shared_variable(&self, name: &str) -> Rc<Value> {
        let index = self.index;
        let typed = index.variable_types.get(name).copied();
        if self.is_called() {
            // A module instance's variables are its call's arguments, then their defaults; the
            // tfvars files of its directory are not read.
            if let Some(attr) = self.argument(name) {
                let key = attr.key.as_str();
                return self.shared(&self.variables, key, || self.argument_value(attr), typed);
            }
            return match index.variable_defaults.get_key_value(name) {
                Some((&key, &written)) => {
                    self.shared(&self.variables, key, || self.written(written), typed)
                }
                None => Rc::new(Value::Unknown),
            };
        }
        let written = index
            .tfvars
            .get_key_value(name)
            .or_else(|| index.variable_defaults.get_key_value(name));
        match written {
            Some((&key, &written)) => {
                self.shared(&self.variables, key, || self.written(written), typed)
            }
            None => Rc::new(Value::Unknown),
        }
    }

    fn shared_local(&self, name: &str) -> Rc<Value> {
        match self.index.locals.get_key_value(name) {
            Some((&key, &written)) => {
                self.shared(&self.locals, key, || self.written(written), None)
            }
            None => Rc::new(Value::Unknown),
        }
    }

    /// The value of a declared expression, evaluated where it is written.
    fn written(&self, written: Written<'a>) -> Value {
        match written.expr() {
            Some(expr) => self.eval_in(written.base, expr, &Env::default()),
            None => Value::Unknown,
        }
    }

    /// The value `cache` holds for `key`, when it is evaluated (unknown when it is being
    /// evaluated: a reference back to it is a cycle).
    fn cached(&self, cache: &RefCell<HashMap<&'a str, Shared>>, key: &str) -> Option<Rc<Value>> {
        match cache.borrow().get(key)? {
            Slot::Done(v) => Some(Rc::clone(v)),
            Slot::InProgress => {
                self.state.budget.trip(Limit::Cycle);
                Some(Rc::new(Value::Unknown))
            }
        }
    }

    /// The value of a local, variable or output, evaluated the first time it is asked for; one
    /// that depends on itself is unknown, and the place reported. A variable's `type` gives the
    /// defaults of its `optional` attributes.
    fn shared(
        &self,
        cache: &RefCell<HashMap<&'a str, Shared>>,
        key: &'a str,
        evaluate: impl FnOnce() -> Value,
        typed: Option<Written<'a>>,
    ) -> Rc<Value> {
        if let Some(cached) = self.cached(cache, key) {
            return cached;
        }
        cache.borrow_mut().insert(key, Slot::InProgress);
        let mut value = evaluate();
        if let Some(typed) = typed
            && let Some(ty) = typed.expr()
        {
            value = self.in_tree(typed.base, || self.with_type_defaults(ty, value, 0));
        }
        let value = Rc::new(value);
        cache
            .borrow_mut()
            .insert(key, Slot::Done(Rc::clone(&value)));
        value
    }

    /// `value` with the defaults its type constraint gives: an `optional(type, default)`
    /// attribute of an `object(...)` that is absent or null takes the default, in lists, sets,
    /// maps and nested objects too, as Terraform converts a variable's value.
    fn with_type_defaults(&self, ty: &Expression, value: Value, depth: u32) -> Value {
        let Expression::FuncCall(call) = ty else {
            return value;
        };
        if depth >= MAX_DEPTH || !call.name.namespace.is_empty() {
            return value;
        }
        // Every object, list element and attribute visited is paid for: a type of many
        // attributes over a default of many elements costs their product.
        if !self.state.budget.take(1) {
            if !self.state.spent_reported.replace(true) {
                self.hit(ty, Limit::Work);
            }
            return Value::Unknown;
        }
        let mut args = call.args.iter();
        let (Some(inner), None) = (args.next(), args.next()) else {
            return value;
        };
        match (call.name.name.as_str(), inner, value) {
            ("list" | "set", _, Value::List(items)) => Value::List(
                items
                    .into_iter()
                    .map(|item| self.with_type_defaults(inner, item, depth + 1))
                    .collect(),
            ),
            ("map", _, Value::Object(map)) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, self.with_type_defaults(inner, v, depth + 1)))
                    .collect(),
            ),
            ("object", Expression::Object(attributes), Value::Object(mut map)) => {
                for (key, attribute) in attributes.iter() {
                    let Some(name) = object_key(key).map(str::to_string) else {
                        continue;
                    };
                    let (ty, default) = match attribute.expr() {
                        Expression::FuncCall(optional)
                            if optional.name.name.as_str() == "optional"
                                && optional.name.namespace.is_empty() =>
                        {
                            let mut args = optional.args.iter();
                            match args.next() {
                                Some(ty) => (ty, args.next()),
                                None => continue,
                            }
                        }
                        ty => (ty, None),
                    };
                    if !self.state.budget.take(1) {
                        if !self.state.spent_reported.replace(true) {
                            self.hit(ty, Limit::Work);
                        }
                        return Value::Unknown;
                    }
                    let current = map.remove(&name).unwrap_or(Value::Null);
                    let current = match (current, default) {
                        (Value::Null, Some(default)) => self.eval(default, &Env::default()),
                        (current, _) => current,
                    };
                    map.insert(name, self.with_type_defaults(ty, current, depth + 1));
                }
                Value::Object(map)
            }
            (_, _, value) => value,
        }
    }

    /// Whether a `count` or `for_each` that makes no instance depends, directly or through
    /// locals, on a variable that the module's callers set: in a module that may be called,
    /// `count = var.enabled ? 1 : 0` with a default of `false` is the callers' choice, so the
    /// resource may exist. A variable set in the module's tfvars is known, and decides.
    fn decided_by_callers(&self, expr: &Expression) -> bool {
        if !self.open_to_callers() {
            return false;
        }
        let roots = Roots::of(expr);
        let locals = self.caller_locals.get_or_init(|| self.find_caller_locals());
        roots.variables.iter().any(|v| self.is_callers(v))
            || roots.locals.iter().any(|l| locals.contains(l.as_str()))
    }

    /// Whether callers sglint does not see may set some of this module's variables: a root
    /// module that may be called, or an instance of a call made (at any depth) from one.
    fn open_to_callers(&self) -> bool {
        match self.caller() {
            None => self.index.may_be_called,
            Some(caller) => caller.open_to_callers(),
        }
    }

    /// Whether a variable's value comes from callers sglint does not see: for a root, one its
    /// own tfvars do not set; for a module instance, one its call sets from such a value.
    fn is_callers(&self, variable: &str) -> bool {
        match self.caller() {
            None => !self.index.tfvars.contains_key(variable),
            Some(caller) => self
                .argument(variable)
                .is_some_and(|argument| caller.decided_by_callers(&argument.value)),
        }
    }

    /// The locals that read, directly or through other locals, a variable the callers set: each
    /// local's expression is read once, and the dependence spread back along the locals that
    /// read it, so a long chain of locals costs its length, not its square. Deferred locals are
    /// read from a tree parsed for the purpose and dropped, part by part.
    fn find_caller_locals(&self) -> rustc_hash::FxHashSet<&'a str> {
        let index = self.index;
        let mut readers: HashMap<&str, Vec<&'a str>> = HashMap::default();
        let mut found = rustc_hash::FxHashSet::default();
        let mut pending: Vec<&'a str> = Vec::new();
        let mut read = |name: &'a str, expr: &Expression| {
            let roots = Roots::of(expr);
            if roots.variables.iter().any(|v| self.is_callers(v)) && found.insert(name) {
                pending.push(name);
            }
            for local in roots.locals {
                if let Some((&read, _)) = index.locals.get_key_value(local.as_str()) {
                    readers.entry(read).or_default().push(name);
                }
            }
        };
        for (&name, written) in &index.locals {
            if !written.is_deferred()
                && let Some(expr) = written.expr()
            {
                read(name, expr);
            }
        }
        for part in &index.deferred_locals {
            part.with_tree(|tree| {
                for (declared, at) in part.names() {
                    if let Some((&name, written)) = index.locals.get_key_value(declared)
                        && written.is_at(part, at)
                        && let Some(expr) = part.declared_in(tree, at, "")
                    {
                        read(name, expr);
                    }
                }
            });
        }
        while let Some(name) = pending.pop() {
            for &reader in readers.get(name).map_or(&[][..], Vec::as_slice) {
                if found.insert(reader) {
                    pending.push(reader);
                }
            }
        }
        found
    }

    /// The instances of a resource, from its `count` or `for_each`.
    pub fn instances(&self, decl: &ResourceDecl<'_>) -> Vec<Instance> {
        self.instances_of(
            decl.address(),
            decl.attribute("count"),
            decl.attribute("for_each"),
        )
    }

    /// The instances of the resource or module call at `relative` (an address in this module)
    /// with the `count` or `for_each` it writes, each with its address in the tree of calls.
    fn instances_of(
        &self,
        relative: String,
        count: Option<(TreeBase, &hcl_edit::structure::Attribute)>,
        for_each: Option<(TreeBase, &hcl_edit::structure::Attribute)>,
    ) -> Vec<Instance> {
        let base = self.prefixed(&relative);
        let origin = |(file, attr): (TreeBase, &hcl_edit::structure::Attribute)| {
            self.in_tree(file, || self.instance_origin(&attr.value, &Env::default()))
        };
        let bound = |binding: &str, value: Value, from_caller: Option<Span>| {
            let mut env = Env::default().with(binding, value);
            env.from_caller = from_caller;
            env
        };
        let unknown = |binding: &str, value: Value, from_caller| {
            vec![Instance {
                address: base.clone(),
                env: bound(binding, value, from_caller),
            }]
        };
        if let Some((file, count)) = count {
            let from_caller = origin((file, count));
            return match self.eval_in(file, &count.value, &Env::default()).as_int() {
                Some(n) if n > MAX_INSTANCES as i64 => {
                    self.hit_in(file, &count.value, Limit::Instances);
                    unknown("count", index_object(Value::Unknown), from_caller)
                }
                Some(n) if n <= 0 && self.decided_by_callers(&count.value) => {
                    unknown("count", index_object(Value::Unknown), from_caller)
                }
                // Each instance is paid for: a tree of calls multiplies them.
                Some(n) if !self.state.budget.take(n.max(0) as u64 * limits::INSTANCE) => {
                    self.hit_in(file, &count.value, Limit::Work);
                    unknown("count", index_object(Value::Unknown), from_caller)
                }
                Some(n) => (0..n.max(0))
                    .map(|i| Instance {
                        address: format!("{base}[{i}]"),
                        env: bound("count", index_object(Value::Number(i as f64)), from_caller),
                    })
                    .collect(),
                None => unknown("count", index_object(Value::Unknown), from_caller),
            };
        }
        if let Some((file, for_each)) = for_each {
            let from_caller = origin((file, for_each));
            let unknown_each = || key_value(Value::Unknown, Value::Unknown);
            return match for_each_items(&self.eval_in(file, &for_each.value, &Env::default())) {
                Some(items) if items.len() > MAX_INSTANCES => {
                    self.hit_in(file, &for_each.value, Limit::Instances);
                    unknown("each", unknown_each(), from_caller)
                }
                Some(items) if items.is_empty() && self.decided_by_callers(&for_each.value) => {
                    unknown("each", unknown_each(), from_caller)
                }
                Some(items)
                    if !self
                        .state
                        .budget
                        .take(items.len() as u64 * limits::INSTANCE) =>
                {
                    self.hit_in(file, &for_each.value, Limit::Work);
                    unknown("each", unknown_each(), from_caller)
                }
                Some(items) => items
                    .into_iter()
                    .map(|(key, value)| Instance {
                        address: format!(
                            "{base}[{}]",
                            match &key {
                                Value::String(s) => format!("{s:?}"),
                                other => other.to_template_string().unwrap_or_default(),
                            }
                        ),
                        env: bound("each", key_value(key, value), from_caller),
                    })
                    .collect(),
                None => unknown("each", unknown_each(), from_caller),
            };
        }
        vec![Instance {
            address: base,
            env: Env::default(),
        }]
    }

    /// The value of `kind.name`: an object per instance (a list for `count`, a map for
    /// `for_each`), with the attributes sglint knows how to evaluate.
    fn resource(&self, kind: &str, name: &str) -> Rc<Value> {
        let Some(decl) = self.index.resource(kind, name) else {
            return Rc::new(Value::Unknown);
        };
        let key = (decl.kind, decl.name);
        if let Some(slot) = self.resources.borrow().get(&key) {
            return match slot {
                Slot::Done(v) => Rc::clone(v),
                Slot::InProgress => Rc::new(Value::Unknown),
            };
        }
        self.resources.borrow_mut().insert(key, Slot::InProgress);
        let instances = self.instances(decl);
        let objects = instances.iter().map(|i| self.instance_object(decl, i));
        let value = if decl.has_attribute("count") {
            if instances.len() == 1 && !instances[0].address.ends_with(']') {
                Value::Repeated(Box::new(self.instance_object(decl, &instances[0])))
            } else {
                Value::List(objects.collect())
            }
        } else if decl.has_attribute("for_each") {
            if instances.len() == 1 && !instances[0].address.ends_with(']') {
                Value::Unknown
            } else {
                Value::Object(
                    instances
                        .iter()
                        .zip(objects)
                        .map(|(i, o)| (instance_key(&i.env), o))
                        .collect(),
                )
            }
        } else {
            objects.into_iter().next().unwrap_or(Value::Unknown)
        };
        let value = Rc::new(value);
        self.resources
            .borrow_mut()
            .insert(key, Slot::Done(Rc::clone(&value)));
        value
    }

    /// The `id` of a group or VPC without `count` or `for_each`, which is known without
    /// evaluating the rest of its object (a reference reads `id` far more often than anything).
    fn single_instance_id(&self, kind: &str, name: &str) -> Option<Value> {
        let id = id_of(kind)?;
        let Some(decl) = self.index.resource(kind, name) else {
            let address = format!("{kind}.{name}");
            let repeated = self.index.declared_elsewhere?.get(&address)?;
            return (!repeated).then(|| id(address));
        };
        if decl.has_attribute("count") || decl.has_attribute("for_each") {
            return None;
        }
        Some(id(self.prefixed(&decl.address())))
    }

    fn instance_object(&self, decl: &ResourceDecl<'_>, instance: &Instance) -> Value {
        let mut object = BTreeMap::new();
        let attr = |name: &str| {
            decl.attribute(name)
                .map(|(file, a)| self.eval_in(file, &a.value, &instance.env))
        };
        match decl.kind {
            "aws_security_group" | "aws_default_security_group" => {
                object
                    .extend(id_of(decl.kind).map(|id| ("id".into(), id(instance.address.clone()))));
                for name in ["name", "name_prefix", "vpc_id", "description"] {
                    if let Some(v) = attr(name) {
                        object.insert(name.into(), v);
                    }
                }
            }
            "aws_vpc" | "aws_default_vpc" | "aws_subnet" => {
                object
                    .extend(id_of(decl.kind).map(|id| ("id".into(), id(instance.address.clone()))));
                // A block not known before apply (or one AWS or IPAM assigns) is still this
                // network's: it is named, so that a rule using it is known to use an internal
                // range.
                for name in ["cidr_block", "ipv6_cidr_block"] {
                    let v = match attr(name) {
                        Some(Value::String(cidr) | Value::NetworkCidr { cidr, .. }) => {
                            Value::NetworkCidr {
                                cidr,
                                of: instance.address.clone(),
                            }
                        }
                        Some(Value::Null) => Value::Null,
                        _ => Value::External(format!("{}.{name}", instance.address)),
                    };
                    object.insert(name.into(), v);
                }
                if let Some(v) = attr("vpc_id") {
                    object.insert("vpc_id".into(), v);
                }
                if decl.kind != "aws_subnet" {
                    let default_group = format!("{}.default_security_group_id", instance.address);
                    object.insert(
                        "default_security_group_id".into(),
                        Value::External(default_group),
                    );
                }
            }
            _ => return Value::Unknown,
        }
        Value::Object(object)
    }
}

/// How an instance of `kind` gives its `id` from its address: a group's or a VPC's; `None` for
/// other kinds, whose `id` is read from their object.
fn id_of(kind: &str) -> Option<fn(String) -> Value> {
    match kind {
        "aws_security_group" | "aws_default_security_group" => Some(Value::GroupId),
        "aws_vpc" | "aws_default_vpc" => Some(Value::VpcId),
        _ => None,
    }
}

fn index_object(index: Value) -> Value {
    Value::Object(BTreeMap::from([("index".to_string(), index)]))
}

fn instance_key(env: &Env) -> String {
    env.get("each")
        .map(|each| get_attr(each, "key"))
        .and_then(|k| k.to_template_string())
        .unwrap_or_default()
}

fn get_attr(value: &Value, name: &str) -> Value {
    match value {
        Value::Object(map) => map.get(name).cloned().unwrap_or(Value::Unknown),
        Value::External(base) => Value::External(format!("{base}.{name}")),
        _ => Value::Unknown,
    }
}

fn index_value(value: &Value, index: &Value) -> Value {
    match value {
        Value::List(items) => index
            .as_int()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| items.get(i).cloned())
            .unwrap_or(Value::Unknown),
        Value::Repeated(item) => (**item).clone(),
        Value::Object(map) => index
            .to_template_string()
            .and_then(|k| map.get(&k).cloned())
            .unwrap_or(Value::Unknown),
        Value::External(base) => Value::External(base.clone()),
        _ => Value::Unknown,
    }
}

fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> Value {
    use BinaryOperator as B;
    match op {
        B::And | B::Or => match (lhs.as_bool(), rhs.as_bool()) {
            (Some(a), Some(b)) => Value::Bool(if op == B::And { a && b } else { a || b }),
            (Some(false), None) if op == B::And => Value::Bool(false),
            (Some(true), None) if op == B::Or => Value::Bool(true),
            _ => Value::Unknown,
        },
        B::Eq | B::NotEq => {
            if lhs.is_unknown() || rhs.is_unknown() {
                return Value::Unknown;
            }
            let equal = match (lhs.as_number(), rhs.as_number()) {
                (Some(a), Some(b))
                    if matches!(lhs, Value::Number(_)) == matches!(rhs, Value::Number(_)) =>
                {
                    a == b
                }
                _ => lhs == rhs,
            };
            Value::Bool(if op == B::Eq { equal } else { !equal })
        }
        _ => {
            let (Some(a), Some(b)) = (lhs.as_number(), rhs.as_number()) else {
                return Value::Unknown;
            };
            match op {
                B::Plus => Value::Number(a + b),
                B::Minus => Value::Number(a - b),
                B::Mul => Value::Number(a * b),
                B::Div if b != 0.0 => Value::Number(a / b),
                B::Mod if b != 0.0 => Value::Number(a % b),
                B::Less => Value::Bool(a < b),
                B::LessEq => Value::Bool(a <= b),
                B::Greater => Value::Bool(a > b),
                B::GreaterEq => Value::Bool(a >= b),
                _ => Value::Unknown,
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// The name an object literal's key writes, when it is written as a name or a string
/// (`cidr` and `"cidr"` are one key).
pub fn object_key(key: &ObjectKey) -> Option<&str> {
    match key {
        ObjectKey::Ident(ident) => Some(ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.as_str()),
        ObjectKey::Expression(_) => None,
    }
}

/// The variables and locals an expression reads.
#[derive(Default)]
struct Roots {
    variables: Vec<String>,
    locals: Vec<String>,
    /// The other names it reads (`count`, `each`, a dynamic block's iterator, ...).
    bound: Vec<String>,
}

impl Roots {
    fn of(expr: &Expression) -> Roots {
        let mut roots = Roots::default();
        hcl_edit::visit::Visit::visit_expr(&mut roots, expr);
        roots
    }
}

impl hcl_edit::visit::Visit for Roots {
    fn visit_traversal(&mut self, traversal: &hcl_edit::expr::Traversal) {
        if let Expression::Variable(root) = &traversal.expr
            && let Some(TraversalOperator::GetAttr(name)) =
                traversal.operators.first().map(|o| o.value())
        {
            match root.as_str() {
                "var" => self.variables.push(name.as_str().to_string()),
                "local" => self.locals.push(name.as_str().to_string()),
                "data" | "module" | "path" | "terraform" | "self" => {}
                other => self.bound.push(other.to_string()),
            }
        }
        hcl_edit::visit::visit_traversal(self, traversal);
    }
}
