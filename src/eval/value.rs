//! The values an expression evaluates to: known, partly known (templates) or unknown.

use std::collections::BTreeMap;

/// A Terraform value as far as it is known before apply.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Not known before apply (or not evaluated): never treated as empty or as a match.
    Unknown,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A string with known literal parts (`Some`) and unknown interpolations (`None`).
    Template(Vec<Option<String>>),
    List(Vec<Value>),
    /// A list of unknown length whose elements are all this value (a `count` that is unknown).
    Repeated(Box<Value>),
    Object(BTreeMap<String, Value>),
    /// The id of a security group declared in the module: its resource address.
    GroupId(String),
    /// The id of an `aws_vpc` declared in the module: its resource address.
    VpcId(String),
    /// The `cidr_block` of an `aws_vpc` or `aws_subnet` declared in the module.
    NetworkCidr {
        cidr: String,
        of: String,
    },
    /// A value from outside the module (`data.*`, `module.*`), named by its expression.
    External(String),
}

impl Value {
    /// The string, when the value is a fully known string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::NetworkCidr { cidr: s, .. } => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// The number, converting numeric strings as Terraform does.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The number as an integer, when it is one.
    pub fn as_int(&self) -> Option<i64> {
        self.as_number()
            .filter(|n| n.fract() == 0.0 && n.abs() < 1e15)
            .map(|n| n as i64)
    }

    /// Whether any part of this value is not known.
    pub fn is_unknown(&self) -> bool {
        matches!(
            self,
            Value::Unknown | Value::External(_) | Value::Template(_) | Value::Repeated(_)
        )
    }

    /// The string form used when the value is interpolated into a template.
    pub fn to_template_string(&self) -> Option<String> {
        match self {
            Value::String(s) | Value::NetworkCidr { cidr: s, .. } => Some(s.clone()),
            Value::Number(n) => Some(format_number(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Formats a number the way Terraform prints it (integers without a fraction).
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Text built from known pieces and pieces not known before apply: a string when every piece is
/// known, a [`Value::Template`] when some are, unknown when none is.
#[derive(Default)]
pub(crate) struct TextBuilder {
    parts: Vec<Option<String>>,
    len: usize,
}

impl TextBuilder {
    /// Appends known text.
    pub fn text(&mut self, text: &str) {
        self.len += text.len();
        match self.parts.last_mut() {
            Some(Some(last)) => last.push_str(text),
            _ => self.parts.push(Some(text.to_string())),
        }
    }

    /// Appends a piece not known before apply.
    pub fn unknown(&mut self) {
        if !matches!(self.parts.last(), Some(None)) {
            self.parts.push(None);
        }
    }

    /// Appends a value as a template interpolates it, keeping the known parts of a template.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Template(parts) => {
                for part in parts {
                    match part {
                        Some(text) => self.text(text),
                        None => self.unknown(),
                    }
                }
            }
            other => match other.to_template_string() {
                Some(text) => self.text(&text),
                None => self.unknown(),
            },
        }
    }

    /// The bytes of known text so far.
    pub fn known_len(&self) -> usize {
        self.len
    }

    pub fn finish(self) -> Value {
        match self.parts.as_slice() {
            [] => Value::String(String::new()),
            [Some(text)] => Value::String(text.clone()),
            [None] => Value::Unknown,
            _ => Value::Template(self.parts),
        }
    }
}
