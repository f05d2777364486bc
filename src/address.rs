//! Terraform addresses: `module.a["k"].module.b.aws_security_group.web[0]`. Keys may hold dots,
//! brackets and spaces inside their quotes, so addresses are scanned, never split on `.`.

/// The module calls of an address, as (call name, the module instance address up to that call):
/// `module.a["k"].module.b.aws_vpc.x` gives
/// `[("a", "module.a[\"k\"]"), ("b", "module.a[\"k\"].module.b")]`.
pub fn module_segments(address: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut end = 0;
    while let Some(after) = address[end..].strip_prefix("module.") {
        let name_len = after.find(['.', '[']).unwrap_or(after.len());
        let mut len = "module.".len() + name_len;
        if after[name_len..].starts_with('[') {
            len += key_len(&after[name_len..]);
        }
        out.push((&after[..name_len], &address[..end + len]));
        end += len;
        if address[end..].starts_with('.') {
            end += 1;
        } else {
            break;
        }
    }
    out
}

/// The length of a `[...]` key at the start of `text`, quotes respected.
fn key_len(text: &str) -> usize {
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ']' if !in_quotes => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The address without any instance key: `module.a["k"].aws_security_group.web[0]` gives
/// `module.a.aws_security_group.web`.
pub fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut rest = address;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        rest = &rest[i + key_len(&rest[i..])..];
    }
    out.push_str(rest);
    out
}

/// The address without the instance key of its resource: `module.a["k"].aws_security_group.web[0]`
/// gives `module.a["k"].aws_security_group.web`.
pub fn without_resource_key(address: &str) -> &str {
    let mut last_key = None;
    let mut i = 0;
    while let Some(at) = address[i..].find('[') {
        let start = i + at;
        last_key = Some(start);
        i = start + key_len(&address[start..]);
    }
    match last_key {
        Some(start) if i == address.len() => &address[..start],
        _ => address,
    }
}

/// `type.name` and an optional `[key]` at the start of a reference such as
/// `aws_security_group.web[0].id`.
pub fn resource_reference(reference: &str) -> Option<(&str, &str)> {
    let (kind, rest) = reference.split_once('.')?;
    let name_len = rest.find(['.', '[']).unwrap_or(rest.len());
    let mut len = kind.len() + 1 + name_len;
    if rest[name_len..].starts_with('[') {
        len += key_len(&rest[name_len..]);
    }
    Some((kind, &reference[..len]))
}

/// Joins a module prefix and a relative address.
pub fn join(prefix: &str, relative: &str) -> String {
    if prefix.is_empty() {
        relative.to_string()
    } else {
        format!("{prefix}.{relative}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_resource_key_is_dropped() {
        assert_eq!(
            without_resource_key(r#"module.a["k.[x]"].aws_security_group.web["b]"]"#),
            r#"module.a["k.[x]"].aws_security_group.web"#
        );
        assert_eq!(
            without_resource_key(r#"module.a["k"].aws_security_group.web"#),
            r#"module.a["k"].aws_security_group.web"#
        );
        assert_eq!(without_resource_key("aws_instance.x[0]"), "aws_instance.x");
    }

    #[test]
    fn addresses_are_scanned_with_their_keys() {
        assert_eq!(
            module_segments(r#"module.a["x.y]"].module.b"#),
            [
                ("a", r#"module.a["x.y]"]"#),
                ("b", r#"module.a["x.y]"].module.b"#)
            ]
        );
        assert!(module_segments("").is_empty());
        assert_eq!(
            without_keys(r#"module.a["k.1"].aws_security_group.web[0]"#),
            "module.a.aws_security_group.web"
        );
        assert_eq!(
            resource_reference("aws_security_group.web[0].id"),
            Some(("aws_security_group", "aws_security_group.web[0]"))
        );
        assert_eq!(
            resource_reference("aws_vpc.main"),
            Some(("aws_vpc", "aws_vpc.main"))
        );
    }
}
