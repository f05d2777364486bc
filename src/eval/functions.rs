//! The Terraform built-in functions that security-group configurations use. Any other function,
//! or any unknown argument where the result depends on it, gives an unknown value. Every value a
//! function builds or copies is paid for from the module's budget.

use super::limits::{Budget, weight};
use super::value::{TextBuilder, Value};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Calls the function `name` with evaluated arguments; unknown when the budget cannot pay for the
/// result.
pub fn call(name: &str, args: Vec<Value>, budget: &Budget) -> Value {
    let result = match (name, args.as_slice()) {
        // What these build costs at most as much as their arguments, which were paid for.
        ("concat", _) => return concat(args),
        ("merge", _) => return merge(args),
        ("coalesce", _) => return coalesce(args),
        ("replace", [v, from, to]) => return replace(v, from, to, budget),
        ("distinct", [Value::List(items)]) => return distinct(items, budget),
        _ => call_cloning(name, &args, budget),
    };
    if budget.copy(&result) {
        result
    } else {
        Value::Unknown
    }
}

/// The functions whose result copies parts of their arguments (its copy is paid for after).
fn call_cloning(name: &str, args: &[Value], budget: &Budget) -> Value {
    match (name, args) {
        ("try", [first, ..]) => first.clone(),
        ("can", [value]) => {
            if value.is_unknown() {
                Value::Unknown
            } else {
                Value::Bool(true)
            }
        }
        ("flatten", [value]) => flatten(value).map_or(Value::Unknown, Value::List),
        ("tolist" | "toset" | "tomap" | "sensitive" | "nonsensitive", [value]) => value.clone(),
        ("tostring", [value]) => value
            .to_template_string()
            .map_or(Value::Unknown, Value::String),
        ("tonumber", [value]) => value.as_number().map_or(Value::Unknown, Value::Number),
        ("compact", [Value::List(items)]) => {
            if items.iter().any(Value::is_unknown) {
                return Value::Unknown;
            }
            Value::List(
                items
                    .iter()
                    .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
                    .cloned()
                    .collect(),
            )
        }
        ("length", [value]) => match value {
            Value::List(items) => Value::Number(items.len() as f64),
            Value::Object(map) => Value::Number(map.len() as f64),
            Value::String(s) => Value::Number(s.chars().count() as f64),
            _ => Value::Unknown,
        },
        ("keys", [Value::Object(map)]) => {
            Value::List(map.keys().map(|k| Value::String(k.clone())).collect())
        }
        ("values", [Value::Object(map)]) => Value::List(map.values().cloned().collect()),
        ("lookup", [Value::Object(map), key, rest @ ..]) => match key.to_template_string() {
            Some(k) => map
                .get(&k)
                .or(rest.first())
                .cloned()
                .unwrap_or(Value::Unknown),
            None => Value::Unknown,
        },
        ("element", [Value::List(items), index]) => match index.as_int() {
            Some(i) if !items.is_empty() => {
                items[i.rem_euclid(items.len() as i64) as usize].clone()
            }
            _ => Value::Unknown,
        },
        ("contains", [Value::List(items), value]) => {
            if items.iter().any(Value::is_unknown) || value.is_unknown() {
                Value::Unknown
            } else {
                Value::Bool(items.contains(value))
            }
        }
        ("join", [sep, Value::List(items)]) => {
            let Some(sep) = sep.as_str() else {
                return Value::Unknown;
            };
            let mut text = TextBuilder::default();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    text.text(sep);
                }
                text.value(item);
                if !budget.string(text.known_len()) {
                    return Value::Unknown;
                }
            }
            text.finish()
        }
        ("split", [sep, value]) => match (sep.as_str(), value.as_str()) {
            (Some(sep), Some(s)) if !sep.is_empty() => Value::List(
                s.split(sep)
                    .map(|p| carry_origin(value, p.to_string()))
                    .collect(),
            ),
            _ => Value::Unknown,
        },
        ("lower", [v]) => map_str(v, str::to_lowercase),
        ("upper", [v]) => map_str(v, str::to_uppercase),
        ("title", [v]) => map_str(v, title),
        ("trimspace", [v]) => match v {
            // The known parts of a template keep their inner spaces: only the ends are trimmed.
            Value::Template(parts) => {
                let last = parts.len().saturating_sub(1);
                Value::Template(
                    (parts.iter().enumerate())
                        .map(|(i, p)| {
                            p.as_ref().map(|p| match (i == 0, i == last) {
                                (true, _) => p.trim_start().to_string(),
                                (_, true) => p.trim_end().to_string(),
                                _ => p.clone(),
                            })
                        })
                        .collect(),
                )
            }
            v => map_str(v, |s| s.trim().to_string()),
        },
        ("format", [fmt, rest @ ..]) => format(fmt, rest, budget),
        ("cidrsubnet", [prefix, newbits, netnum]) => {
            match (prefix.as_str(), newbits.as_int(), netnum.as_int()) {
                (Some(p), Some(bits), Some(num)) => {
                    cidrsubnet(p, bits, num).map_or(Value::Unknown, |c| carry_origin(prefix, c))
                }
                _ => Value::Unknown,
            }
        }
        _ => Value::Unknown,
    }
}

/// `replace(string, substring, replacement)` for a plain substring (a `/regex/` is unknown). The
/// result's length is known before it is built: an empty substring matches between every two
/// characters, so `replace(s, "", s)` squares the length, and is refused past the string limit.
fn replace(v: &Value, from: &Value, to: &Value, budget: &Budget) -> Value {
    let (Some(from), Some(to)) = (from.as_str(), to.as_str()) else {
        return Value::Unknown;
    };
    if from.starts_with('/') {
        return Value::Unknown;
    }
    if let Value::Template(parts) = v {
        // Each known part on its own: a match across an unknown part cannot be seen.
        let mut out = Vec::with_capacity(parts.len());
        for part in parts {
            out.push(match part {
                Some(text) => match replace(
                    &Value::String(text.clone()),
                    &Value::String(from.into()),
                    &Value::String(to.into()),
                    budget,
                ) {
                    Value::String(replaced) => Some(replaced),
                    _ => return Value::Unknown,
                },
                None => None,
            });
        }
        return Value::Template(out);
    }
    let Some(s) = v.as_str() else {
        return Value::Unknown;
    };
    let matches = if from.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(from).count()
    };
    let len = (s.len() - matches * from.len()).saturating_add(matches.saturating_mul(to.len()));
    if !budget.string(len) {
        return Value::Unknown;
    }
    Value::String(s.replace(from, to))
}

/// `distinct(list)`: the first of each value, in order. Strings, numbers and booleans are found
/// in a hash set; other values are compared one by one, each comparison paid for.
fn distinct(items: &[Value], budget: &Budget) -> Value {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        let key = match item {
            Value::String(s) => Some((0, s.clone())),
            Value::Number(n) => Some((1, n.to_bits().to_string())),
            Value::Bool(b) => Some((2, b.to_string())),
            _ => None,
        };
        let new = match key {
            Some(key) => seen.insert(key),
            None => {
                if !budget.take(out.len() as u64 + weight(item)) {
                    return Value::Unknown;
                }
                !out.contains(item)
            }
        };
        if new {
            if !budget.copy(item) {
                return Value::Unknown;
            }
            out.push(item.clone());
        }
    }
    Value::List(out)
}

/// Keeps the provenance of a CIDR derived from a VPC's or subnet's `cidr_block`.
fn carry_origin(from: &Value, text: String) -> Value {
    match from {
        Value::NetworkCidr { of, .. } => Value::NetworkCidr {
            cidr: text,
            of: of.clone(),
        },
        _ => Value::String(text),
    }
}

/// Applies a text function to a string, or to each known part of a template.
fn map_str(v: &Value, f: impl Fn(&str) -> String) -> Value {
    match v {
        Value::Template(parts) => {
            Value::Template(parts.iter().map(|p| p.as_deref().map(&f)).collect())
        }
        v => v.as_str().map_or(Value::Unknown, |s| carry_origin(v, f(s))),
    }
}

/// `title`: the first letter of each word upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn coalesce(args: Vec<Value>) -> Value {
    for arg in args {
        match &arg {
            Value::Null => continue,
            Value::String(s) if s.is_empty() => continue,
            v if v.is_unknown() => return Value::Unknown,
            _ => return arg,
        }
    }
    Value::Unknown
}

fn concat(args: Vec<Value>) -> Value {
    let mut out = Vec::new();
    for arg in args {
        match arg {
            Value::List(items) => out.extend(items),
            _ => return Value::Unknown,
        }
    }
    Value::List(out)
}

fn flatten(value: &Value) -> Option<Vec<Value>> {
    match value {
        Value::List(items) => {
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::List(_) => out.extend(flatten(item)?),
                    Value::Unknown | Value::Repeated(_) => return None,
                    other => out.push(other.clone()),
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn merge(args: Vec<Value>) -> Value {
    let mut out = BTreeMap::new();
    for arg in args {
        match arg {
            Value::Object(map) => out.extend(map),
            Value::Null => {}
            _ => return Value::Unknown,
        }
    }
    Value::Object(out)
}

fn format(fmt: &Value, args: &[Value], budget: &Budget) -> Value {
    let Some(fmt) = fmt.as_str() else {
        return Value::Unknown;
    };
    let mut text = TextBuilder::default();
    let mut args = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            text.text(c.encode_utf8(&mut [0; 4]));
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            text.text("%");
            continue;
        }
        // `%[flags][width][.precision]verb`: flags, widths and other verbs change the text of
        // their argument, which is then not known here.
        let mut plain = true;
        let verb = loop {
            match chars.next() {
                Some(c) if "+-# 0123456789.".contains(c) => plain = false,
                other => break other,
            }
        };
        let Some(verb) = verb else {
            return Value::Unknown;
        };
        let Some(arg) = args.next() else {
            return Value::Unknown;
        };
        if plain && matches!(verb, 's' | 'd' | 'v') {
            text.value(arg);
        } else {
            text.unknown();
        }
        if !budget.string(text.known_len()) {
            return Value::Unknown;
        }
    }
    text.finish()
}

/// Terraform's `cidrsubnet(prefix, newbits, netnum)`.
fn cidrsubnet(prefix: &str, newbits: i64, netnum: i64) -> Option<String> {
    let net: IpNet = prefix.parse().ok()?;
    let newbits = u8::try_from(newbits).ok()?;
    let netnum = u128::try_from(netnum).ok()?;
    let len = net.prefix_len().checked_add(newbits)?;
    match net {
        IpNet::V4(n) => {
            if len > 32 || netnum >= 1u128 << newbits {
                return None;
            }
            let base = u32::from(n.network()) as u128;
            let addr = base | (netnum << (32 - len));
            Some(
                Ipv4Net::new(Ipv4Addr::from(addr as u32), len)
                    .ok()?
                    .to_string(),
            )
        }
        IpNet::V6(n) => {
            if len > 128 || newbits >= 128 || netnum >= 1u128 << newbits {
                return None;
            }
            let base = u128::from(n.network());
            let addr = base | (netnum << (128 - len as u32));
            Some(Ipv6Net::new(Ipv6Addr::from(addr), len).ok()?.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrsubnet_matches_terraform() {
        assert_eq!(
            cidrsubnet("10.0.0.0/16", 8, 2).as_deref(),
            Some("10.0.2.0/24")
        );
        assert_eq!(
            cidrsubnet("172.16.0.0/12", 4, 15).as_deref(),
            Some("172.31.0.0/16")
        );
        assert_eq!(cidrsubnet("10.0.0.0/16", 8, 256), None);
        assert_eq!(
            cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162).as_deref(),
            Some("fd00:fd12:3456:7800:a200::/72")
        );
    }

    #[test]
    fn unknown_arguments_give_unknown_results() {
        let budget = Budget::default();
        assert_eq!(
            call("concat", vec![Value::List(vec![]), Value::Unknown], &budget),
            Value::Unknown
        );
        assert_eq!(
            call(
                "coalesce",
                vec![Value::Unknown, Value::String("x".into())],
                &budget
            ),
            Value::Unknown
        );
        assert_eq!(call("no_such_function", vec![], &budget), Value::Unknown);
    }

    #[test]
    fn replace_with_an_empty_substring_is_refused_past_the_string_limit() {
        let budget = Budget::default();
        let s = |t: &str| Value::String(t.to_string());
        assert_eq!(
            call("replace", vec![s("abc"), s(""), s("-")], &budget),
            s("-a-b-c-")
        );
        let long = s(&"x".repeat(2000));
        assert_eq!(
            call("replace", vec![long.clone(), s(""), long], &budget),
            Value::Unknown
        );
        assert_eq!(
            budget.take_tripped(),
            Some(crate::eval::Limit::StringLength)
        );
    }

    #[test]
    fn distinct_keeps_the_first_of_each_in_order() {
        let budget = Budget::default();
        let n = |x: f64| Value::Number(x);
        let list = Value::List(vec![
            n(2.0),
            n(1.0),
            n(2.0),
            Value::String("2".into()),
            n(1.0),
        ]);
        assert_eq!(
            call("distinct", vec![list], &budget),
            Value::List(vec![n(2.0), n(1.0), Value::String("2".into())])
        );
    }
}
