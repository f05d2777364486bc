//! Terraform's JSON syntax (`*.tf.json`, which CDK for Terraform writes, and `*.tfvars.json`),
//! read as the native syntax it stands for: the JSON is rewritten as HCL text, which the parser
//! reads as any `.tf` file, and an [`OffsetMap`] takes each place in that text back to the
//! JSON it came from, so that findings point at the JSON file's lines.
//!
//! What is a block and what an attribute needs the provider's schema, which sglint does not
//! have; the rules of Terraform's JSON syntax are followed where they decide (top-level block
//! types, `dynamic`, `//` comments, strings as templates in configuration and as literal values
//! in variable files), and an object in a resource or provider body is taken for a nested block
//! except where it is a map of tags.

use crate::source::OffsetMap;
use std::fmt::Write as _;
use std::ops::Range;

/// The deepest nesting of JSON read; deeper is an error (a parser that recursed without limit
/// would overflow its stack).
const MAX_NESTING: usize = 256;

/// A JSON value with where it is written.
#[derive(Debug)]
struct Node {
    span: Range<usize>,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Null,
    Bool(bool),
    /// The number as written.
    Number,
    String(String),
    Array(Vec<Node>),
    /// Entries in order, repeated keys kept, each with the span of its key.
    Object(Vec<(String, Range<usize>, Node)>),
}

/// A JSON syntax error: where, and what.
pub type JsonError = (usize, String);

/// HCL text for a JSON configuration file, with the map back to it.
pub fn configuration(json: &str) -> Result<(String, OffsetMap), JsonError> {
    rewrite(
        json,
        false,
        "a Terraform JSON file is one object",
        |writer, key, value| {
            writer.top_level(key, value);
        },
    )
}

/// HCL text for a JSON variable file (`*.tfvars.json`): each value literal, as Terraform reads
/// such a file.
pub fn variables(json: &str) -> Result<(String, OffsetMap), JsonError> {
    rewrite(
        json,
        true,
        "a variable file is one JSON object",
        |writer, key, value| {
            if is_identifier(key) {
                writer.attribute(key, value);
            }
        },
    )
}

/// Reads `json`, which must be one object, and writes each of its entries with `entry`.
fn rewrite(
    json: &str,
    literal: bool,
    not_an_object: &str,
    mut entry: impl FnMut(&mut Writer<'_>, &str, &Node),
) -> Result<(String, OffsetMap), JsonError> {
    let root = parse(json)?;
    let Kind::Object(entries) = &root.kind else {
        return Err((root.span.start, not_an_object.to_string()));
    };
    let mut writer = Writer::new(json, literal);
    for (key, _, value) in entries {
        entry(&mut writer, key, value);
    }
    Ok((writer.out, OffsetMap::new(writer.anchors)))
}

/// Writes HCL text, recording where each value and block header came from.
struct Writer<'j> {
    json: &'j str,
    out: String,
    anchors: Vec<(Range<usize>, Range<usize>)>,
    /// Strings are literal values (a variable file), not templates.
    literal: bool,
}

/// What an object in a body is: a nested block, or an attribute's value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Objects are nested blocks (a resource, data source or provider).
    Blocks,
    /// Every entry is an attribute (locals, a module call, an output, a variable).
    Attributes,
}

impl<'j> Writer<'j> {
    fn new(json: &'j str, literal: bool) -> Writer<'j> {
        Writer {
            json,
            out: String::with_capacity(json.len()),
            anchors: Vec::new(),
            literal,
        }
    }

    fn top_level(&mut self, kind: &str, value: &Node) {
        let Kind::Object(entries) = &value.kind else {
            return;
        };
        match kind {
            "resource" | "data" => {
                for (kind_label, _, named) in entries {
                    let Kind::Object(named) = &named.kind else {
                        continue;
                    };
                    for (name, name_span, body) in named {
                        let labels = [
                            (kind_label.as_str(), None),
                            (name.as_str(), Some(name_span)),
                        ];
                        self.blocks(kind, &labels, body, Body::Blocks);
                    }
                }
            }
            "module" | "output" | "variable" | "provider" => {
                let body = if kind == "provider" {
                    Body::Blocks
                } else {
                    Body::Attributes
                };
                for (name, name_span, block) in entries {
                    self.blocks(kind, &[(name.as_str(), Some(name_span))], block, body);
                }
            }
            "locals" => self.blocks("locals", &[], value, Body::Attributes),
            _ => {}
        }
    }

    /// One block, or one per element when `body` is an array (as JSON writes repeated blocks).
    fn blocks(
        &mut self,
        ident: &str,
        labels: &[(&str, Option<&Range<usize>>)],
        body: &Node,
        mode: Body,
    ) {
        match &body.kind {
            Kind::Array(items) => {
                for item in items {
                    self.block(ident, labels, item, mode);
                }
            }
            Kind::Object(_) => self.block(ident, labels, body, mode),
            _ => {}
        }
    }

    fn block(
        &mut self,
        ident: &str,
        labels: &[(&str, Option<&Range<usize>>)],
        body: &Node,
        mode: Body,
    ) {
        let Kind::Object(entries) = &body.kind else {
            return;
        };
        if !is_identifier(ident) {
            return;
        }
        let start = self.out.len();
        self.out.push_str(ident);
        for (label, _) in labels {
            self.out.push(' ');
            self.string(label, false);
        }
        // The header (`resource "type" "name"`) comes from the last label's key, else the body.
        let json = labels
            .last()
            .and_then(|(_, span)| span.cloned())
            .unwrap_or_else(|| body.span.clone());
        self.anchors.push((start..self.out.len(), json));
        self.out.push_str(" {\n");
        for (key, _, value) in entries {
            if key == "//" || !is_identifier(key) {
                continue;
            }
            let nested = mode == Body::Blocks && is_block(key, value);
            if key == "dynamic" && mode == Body::Blocks {
                self.dynamic(value);
            } else if nested {
                self.blocks(key, &[], value, Body::Blocks);
            } else {
                self.attribute(key, value);
            }
        }
        self.out.push_str("}\n");
    }

    /// `"dynamic": { "ingress": { "for_each": ..., "content": { ... } } }`.
    fn dynamic(&mut self, value: &Node) {
        let Kind::Object(entries) = &value.kind else {
            return;
        };
        for (label, label_span, body) in entries {
            self.blocks(
                "dynamic",
                &[(label.as_str(), Some(label_span))],
                body,
                Body::Blocks,
            );
        }
    }

    fn attribute(&mut self, key: &str, value: &Node) {
        self.out.push_str(key);
        self.out.push_str(" = ");
        self.expression(value);
        self.out.push('\n');
    }

    /// A value as an HCL expression; its nesting is bounded by the reader's [`MAX_NESTING`].
    fn expression(&mut self, node: &Node) {
        let start = self.out.len();
        match &node.kind {
            Kind::Null => self.out.push_str("null"),
            Kind::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            // The number as written: JSON's and HCL's number syntaxes agree.
            Kind::Number => self.out.push_str(&self.json[node.span.clone()]),
            Kind::String(s) => self.string(s, !self.literal),
            Kind::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expression(item);
                }
                self.out.push(']');
            }
            Kind::Object(entries) => {
                self.out.push('{');
                let mut first = true;
                for (key, _, value) in entries {
                    if key == "//" && !self.literal {
                        continue;
                    }
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.string(key, !self.literal);
                    self.out.push_str(" = ");
                    self.expression(value);
                }
                self.out.push('}');
            }
        }
        self.anchors
            .push((start..self.out.len(), node.span.clone()));
    }

    /// A quoted HCL string: a template (`${...}` kept) or a literal value (`${` escaped).
    fn string(&mut self, s: &str, template: bool) {
        self.out.push('"');
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '$' | '%' if !template && chars.peek() == Some(&'{') => {
                    self.out.push(c);
                    self.out.push(c);
                }
                c if c.is_control() => {
                    let _ = write!(self.out, "\\u{:04x}", u32::from(c));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// Whether an entry of a resource or provider body is a nested block: an object, or a list of
/// objects, other than a map of tags (a map-typed attribute; in the AWS provider, almost only
/// tags are).
fn is_block(key: &str, value: &Node) -> bool {
    if key == "tags" || key == "tags_all" || key.ends_with("_tags") && key != "default_tags" {
        return false;
    }
    match &value.kind {
        Kind::Object(_) => true,
        Kind::Array(items) => {
            !items.is_empty() && items.iter().all(|i| matches!(i.kind, Kind::Object(_)))
        }
        _ => false,
    }
}

/// Whether a key can be written as an HCL identifier (others cannot be attributes).
fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// Reads a JSON text into nodes that know where they are written.
fn parse(json: &str) -> Result<Node, JsonError> {
    let mut parser = Parser {
        text: json,
        bytes: json.as_bytes(),
        at: 0,
    };
    let node = parser.value(0)?;
    parser.space();
    if parser.at < parser.bytes.len() {
        return Err((
            parser.at,
            "unexpected text after the JSON value".to_string(),
        ));
    }
    Ok(node)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn error<T>(&self, what: &str) -> Result<T, JsonError> {
        // An escape at the very end steps past it: the error is at the end, on a character.
        let mut at = self.at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        Err((at, format!("invalid JSON: {what}")))
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        if depth > MAX_NESTING {
            return self.error(&format!("nested more than {MAX_NESTING} levels deep"));
        }
        self.space();
        let start = self.at;
        let kind =
            match self.bytes.get(self.at) {
                None => return self.error("the text ends where a value was expected"),
                Some(b'{') => {
                    let mut entries = Vec::new();
                    self.items(b'}', |parser| {
                        parser.space();
                        let key_start = parser.at;
                        if parser.bytes.get(parser.at) != Some(&b'"') {
                            return parser.error("expected a key in quotes");
                        }
                        let key = parser.string()?;
                        let key_span = key_start..parser.at;
                        parser.space();
                        if parser.bytes.get(parser.at) != Some(&b':') {
                            return parser.error("expected `:` after a key");
                        }
                        parser.at += 1;
                        entries.push((key, key_span, parser.value(depth + 1)?));
                        Ok(())
                    })?;
                    Kind::Object(entries)
                }
                Some(b'[') => {
                    let mut items = Vec::new();
                    self.items(b']', |parser| {
                        items.push(parser.value(depth + 1)?);
                        Ok(())
                    })?;
                    Kind::Array(items)
                }
                Some(b'"') => Kind::String(self.string()?),
                Some(b't') if self.text[self.at..].starts_with("true") => {
                    self.at += 4;
                    Kind::Bool(true)
                }
                Some(b'f') if self.text[self.at..].starts_with("false") => {
                    self.at += 5;
                    Kind::Bool(false)
                }
                Some(b'n') if self.text[self.at..].starts_with("null") => {
                    self.at += 4;
                    Kind::Null
                }
                Some(b'-' | b'0'..=b'9') => {
                    while self.bytes.get(self.at).is_some_and(|b| {
                        matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    }) {
                        self.at += 1;
                    }
                    if self.text[start..self.at].parse::<f64>().is_err() {
                        return self.error("not a number");
                    }
                    Kind::Number
                }
                Some(_) => return self.error("expected a value"),
            };
        Ok(Node {
            span: start..self.at,
            kind,
        })
    }

    /// The items of an object or array, from its opening bracket at `at` to `close`, each read
    /// by `item`, separated by commas.
    fn items(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.at += 1;
        self.space();
        if self.bytes.get(self.at) == Some(&close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(&c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.error(&format!("expected `,` or `{}`", char::from(close))),
            }
        }
    }

    /// A string at `at` (its opening quote), unescaped.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(stop) = rest.find(['"', '\\']) else {
                return self.error("a string is not closed");
            };
            if rest[..stop].chars().any(|c| (c as u32) < 0x20) {
                return self.error("a control character in a string");
            }
            out.push_str(&rest[..stop]);
            self.at += stop;
            if self.bytes[self.at] == b'"' {
                self.at += 1;
                return Ok(out);
            }
            let escaped = self.bytes.get(self.at + 1).copied();
            self.at += 2;
            match escaped {
                Some(b'"') => out.push('"'),
                Some(b'\\') => out.push('\\'),
                Some(b'/') => out.push('/'),
                Some(b'b') => out.push('\u{8}'),
                Some(b'f') => out.push('\u{c}'),
                Some(b'n') => out.push('\n'),
                Some(b'r') => out.push('\r'),
                Some(b't') => out.push('\t'),
                Some(b'u') => {
                    let unit = self.hex4()?;
                    let c = if (0xd800..0xdc00).contains(&unit)
                        && self.text[self.at..].starts_with("\\u")
                    {
                        self.at += 2;
                        let low = self.hex4()?;
                        char::from_u32(
                            0x10000 + ((unit - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff),
                        )
                    } else {
                        char::from_u32(unit)
                    };
                    out.push(c.unwrap_or('\u{fffd}'));
                }
                _ => return self.error("an unknown escape in a string"),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or_default();
        let Ok(unit) = u32::from_str_radix(digits, 16) else {
            return self.error("`\\u` needs four hexadecimal digits");
        };
        self.at += 4;
        Ok(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn configuration_becomes_the_blocks_it_stands_for() {
        let json = r#"{"//": "x", "resource": {"aws_security_group": {"web": {"name": "${var.n}", "ingress": [{"from_port": 22}], "tags": {"Name": "a"}, "dynamic": {"egress": {"for_each": [1], "content": {"to_port": 1}}}}}}, "locals": {"a": "$${literal}"}}"#;
        let (hcl, _) = configuration(json).unwrap();
        assert_eq!(
            hcl,
            "resource \"aws_security_group\" \"web\" {\nname = \"${var.n}\"\ningress {\nfrom_port = 22\n}\ntags = {\"Name\" = \"a\"}\ndynamic \"egress\" {\nfor_each = [1]\ncontent {\nto_port = 1\n}\n}\n}\nlocals {\na = \"$${literal}\"\n}\n"
        );
        hcl_edit::parser::parse_body(&hcl).expect("HCL");
    }

    #[test]
    fn variable_files_hold_literal_values() {
        let (hcl, _) =
            variables(r#"{"cidr": "${not_a_reference}", "n": 1e3, "l": [true, null]}"#).unwrap();
        assert_eq!(
            hcl,
            "cidr = \"$${not_a_reference}\"\nn = 1e3\nl = [true, null]\n"
        );
    }

    #[test]
    fn spans_of_the_written_text_go_back_to_the_json() {
        let json = "{\"locals\": {\n  \"port\": 22,\n  \"cidr\": \"0.0.0.0/0\"\n}}";
        let (hcl, map) = configuration(json).unwrap();
        let written = hcl.find("\"0.0.0.0/0\"").unwrap();
        let span = map.span(Span::new(3, written..written + 11));
        assert_eq!(span.file, 3);
        assert_eq!(&json[span.range()], "\"0.0.0.0/0\"");
        let inside = map.span(Span::new(0, written + 1..written + 8));
        assert_eq!(&json[inside.range()], "0.0.0.0");
    }

    #[test]
    fn broken_json_is_a_located_error() {
        assert_eq!(
            configuration("{\"resource\": [1, }").unwrap_err(),
            (17, "invalid JSON: expected a value".to_string())
        );
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (at, why) = configuration(&format!("{{\"locals\": {{\"a\": {deep}}}}}")).unwrap_err();
        assert!(why.contains("nested more than 256 levels"), "{why}");
        assert!(at < 300);
        assert!(configuration("[1]").is_err());
        let (at, _) = configuration("{\"//\": \"a \\").unwrap_err();
        assert_eq!(at, 11, "at the end of the text, not past it");
        assert!(configuration("{\"a\": \"\\ud800\"}").is_ok());
    }
}
