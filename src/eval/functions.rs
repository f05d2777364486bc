//! The Terraform built-in functions that security-group configurations use. Any other function,
//! or any unknown argument where the result depends on it, gives an unknown value.

use super::value::Value;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Calls the function `name` with evaluated arguments.
pub fn call(name: &str, args: Vec<Value>) -> Value {
    match (name, args.as_slice()) {
        ("try", [first, ..]) => first.clone(),
        ("can", [value]) => {
            if value.is_unknown() {
                Value::Unknown
            } else {
                Value::Bool(true)
            }
        }
        ("coalesce", _) => coalesce(args),
        ("concat", _) => concat(args),
        ("flatten", [value]) => flatten(value).map_or(Value::Unknown, Value::List),
        ("tolist" | "toset" | "tomap" | "sensitive" | "nonsensitive", [value]) => value.clone(),
        ("tostring", [value]) => value
            .to_template_string()
            .map_or(Value::Unknown, Value::String),
        ("tonumber", [value]) => value.as_number().map_or(Value::Unknown, Value::Number),
        ("distinct", [Value::List(items)]) => {
            let mut out: Vec<Value> = Vec::new();
            for item in items {
                if !out.contains(item) {
                    out.push(item.clone());
                }
            }
            Value::List(out)
        }
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
        ("merge", _) => merge(args),
        ("contains", [Value::List(items), value]) => {
            if items.iter().any(Value::is_unknown) || value.is_unknown() {
                Value::Unknown
            } else {
                Value::Bool(items.contains(value))
            }
        }
        ("join", [sep, Value::List(items)]) => {
            let parts: Option<Vec<String>> = items.iter().map(Value::to_template_string).collect();
            match (sep.as_str(), parts) {
                (Some(sep), Some(parts)) => Value::String(parts.join(sep)),
                _ => Value::Unknown,
            }
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
        ("trimspace", [v]) => map_str(v, |s| s.trim().to_string()),
        ("replace", [v, from, to]) => match (v.as_str(), from.as_str(), to.as_str()) {
            (Some(s), Some(from), Some(to)) if !from.starts_with('/') => {
                Value::String(s.replace(from, to))
            }
            _ => Value::Unknown,
        },
        ("format", [fmt, rest @ ..]) => format(fmt, rest),
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

fn map_str(v: &Value, f: impl Fn(&str) -> String) -> Value {
    v.as_str().map_or(Value::Unknown, |s| carry_origin(v, f(s)))
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

fn format(fmt: &Value, args: &[Value]) -> Value {
    let Some(fmt) = fmt.as_str() else {
        return Value::Unknown;
    };
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('s' | 'd' | 'v') => match args.next().and_then(Value::to_template_string) {
                Some(s) => out.push_str(&s),
                None => return Value::Unknown,
            },
            _ => return Value::Unknown,
        }
    }
    Value::String(out)
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
        assert_eq!(
            call("concat", vec![Value::List(vec![]), Value::Unknown]),
            Value::Unknown
        );
        assert_eq!(
            call("coalesce", vec![Value::Unknown, Value::String("x".into())]),
            Value::Unknown
        );
        assert_eq!(call("no_such_function", vec![]), Value::Unknown);
    }
}
