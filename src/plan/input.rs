//! Turns the bytes of a plan or state file into JSON text: decodes UTF-16 (PowerShell
//! redirection), strips CI wrapper lines, and recognizes files that are not JSON plans at all.

use std::ops::Range;

/// Text decoded from a file named as a plan, or why it cannot be one.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err("is a binary plan file (a zip archive), not JSON: run \
                    `terraform show -json tfplan > plan.json` and lint plan.json"
            .to_string());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 or UTF-16 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "is UTF-16 text with an invalid character".to_string())
}

/// The range of `text` that holds the JSON document, without the lines that
/// `hashicorp/setup-terraform`'s wrapper puts around it (`[command]...` before, `::debug::...`
/// after). Text that does not start with `{` after such lines is returned whole.
pub fn json_range(text: &str) -> Range<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('{') || !is_wrapper_line(trimmed) {
            break;
        }
        start += line.len();
    }
    let mut end = start;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if !is_wrapper_line(line.trim()) {
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    start..end
}

fn is_wrapper_line(line: &str) -> bool {
    line.is_empty() || line.starts_with("[command]") || line.starts_with("::")
}

/// Why a JSON text that is neither a plan nor a state was given, in words, when it is something
/// recognizable; `keys` are the top-level keys of the object.
pub fn not_a_plan(text: &str, keys: &[String]) -> String {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.contains("\"@level\"") {
        return "is `terraform plan -json` output (one log message per line), not a plan: run \
                `terraform plan -out=tfplan`, then `terraform show -json tfplan > plan.json`, and \
                lint plan.json"
            .to_string();
    }
    let keys = if keys.is_empty() {
        "no keys".to_string()
    } else {
        let shown: Vec<String> = keys.iter().take(5).map(|k| format!("`{k}`")).collect();
        format!("keys {}", shown.join(", "))
    };
    format!(
        "is JSON but neither a Terraform plan nor a state (its top level has {keys}): lint the \
         output of `terraform show -json tfplan` or `terraform show -json`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "{\"a\":1}".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap(), "{\"a\":1}");
    }

    #[test]
    fn wrapper_lines_are_stripped() {
        let text = "[command]/usr/bin/terraform show -json tfplan\n{\"a\":1}\n::debug::stderr:\n::debug::exitcode: 0\n";
        assert_eq!(&text[json_range(text)], "{\"a\":1}");
        assert_eq!(&"{\"a\":1}"[json_range("{\"a\":1}")], "{\"a\":1}");
    }
}
