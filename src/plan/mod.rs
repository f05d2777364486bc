//! Plan and state input: `terraform show -json` output read into the same model as `.tf` files,
//! with findings mapped back to the `.tf` lines when the configuration is on disk.

mod config_files;
mod configuration;
mod format;
mod input;
mod resources;
mod usage;

use crate::files;
use crate::model::Model;
use crate::source::SourceFile;
use format::Document;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How to read plans.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// Where the configuration's `.tf` files are. [`load`] defaults it to the plan file's
    /// directory (the current directory for standard input); [`from_bytes`] maps findings to
    /// `.tf` files only when it is given.
    pub config_dir: Option<PathBuf>,
    /// Also lint the resources of `resource_drift` (changed outside Terraform).
    pub include_drift: bool,
    /// Keep the plan's text, for output that shows source snippets (unless it is one long line,
    /// as Terraform writes plans: no snippet of it is shown). Without it the text is dropped
    /// before the model is built: the largest thing in memory is never held twice.
    pub keep_text: bool,
}

/// The id of the plan file among [`LoadedPlan::sources`].
pub const PLAN_FILE: usize = 0;

/// A plan read into a model. `sources[PLAN_FILE]` is the plan, with the positions of its resources
/// (its text only when [`PlanOptions::keep_text`] asks for it); the others are `.tf` files its
/// findings were mapped to.
pub struct LoadedPlan {
    pub sources: Vec<SourceFile>,
    pub model: Model,
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Whether a path named on the command line is read as a plan or state.
pub fn is_plan_path(path: &Path) -> bool {
    path.as_os_str() == STDIN
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && crate::discover::file_kind(path).is_none()
}

/// Reads a plan or state file (or standard input for `-`) and builds its model. The error says,
/// in plain words, what the file is and what to run instead.
pub fn load(path: &Path, options: &PlanOptions) -> Result<LoadedPlan, String> {
    let stdin = path.as_os_str() == STDIN;
    let display = if stdin {
        PathBuf::from(STDIN_DISPLAY)
    } else {
        path.to_path_buf()
    };
    let bytes = if stdin {
        files::read_stdin(files::MAX_PLAN_FILE)
    } else {
        files::read(path, files::MAX_PLAN_FILE)
    }
    .map_err(|why| format!("{}: {why}", shown(&display)))?;
    let config_dir = match &options.config_dir {
        Some(dir) => dir.clone(),
        None if stdin => PathBuf::from("."),
        None => match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        },
    };
    let options = PlanOptions {
        config_dir: Some(config_dir),
        ..options.clone()
    };
    from_bytes(display, bytes, &options)
}

/// How standard input is named in findings.
const STDIN_DISPLAY: &str = "<stdin>";

/// How errors name the input: its path, or "standard input".
fn shown(display: &Path) -> String {
    if display.as_os_str() == STDIN_DISPLAY {
        "standard input".to_string()
    } else {
        display.display().to_string()
    }
}

/// Builds the model of a plan or state given as bytes (for standard input, fuzzing and
/// benchmarks). `display` names it in errors and findings.
pub fn from_bytes(
    display: PathBuf,
    bytes: Vec<u8>,
    options: &PlanOptions,
) -> Result<LoadedPlan, String> {
    let shown = shown(&display);
    let text = input::decode(bytes).map_err(|why| format!("{shown}: {why}"))?;
    let (resources, positions) = {
        let mut doc = read_document(&text[input::json_range(&text)])
            .map_err(|why| format!("{shown}: {why}"))?;
        let origin = resources::Origin {
            text: &text,
            file: PLAN_FILE,
        };
        resources::read(&mut doc, &origin, options.include_drift)
    };
    let keep_text = options.keep_text && crate::emit::can_show_snippets(&text);
    let mut plan = SourceFile::new(display, text, true);
    plan.positions = positions;
    if !keep_text {
        plan.text = None;
    }
    // The document, and the text unless it is kept, are dropped: before the model is built.
    crate::memory::release_freed();
    let (mut model, config) = resources.model();
    let files = match &options.config_dir {
        Some(dir) => config_files::map_to_config(&mut model, dir, config.as_ref().map(|c| &c.root)),
        None => Vec::new(),
    };
    let mut sources = vec![plan];
    sources.extend(files);
    Ok(LoadedPlan { sources, model })
}

/// Parses the document and checks that it is a plan or a state of a format version sglint reads.
fn read_document(json: &str) -> Result<Document<'_>, String> {
    if json.trim().is_empty() {
        return Err("is empty: lint the output of `terraform show -json tfplan`".to_string());
    }
    let first_line = json.lines().next().unwrap_or_default();
    let doc: Document<'_> = match serde_json::from_str(json) {
        Ok(doc) => doc,
        Err(_) if first_line.contains("\"@level\"") => {
            return Err(input::not_a_plan(json, &[]));
        }
        Err(e) if e.is_data() => {
            let keys = top_level_keys(json);
            return Err(if keys.iter().any(|k| PLAN_KEYS.contains(&k.as_str())) {
                format!("has the keys of a plan or state, but not the values Terraform writes: {e}")
            } else {
                input::not_a_plan(json, &keys)
            });
        }
        Err(e) => return Err(format!("is not valid JSON: {e}")),
    };
    if doc.resource_changes.is_none() && doc.planned_values.is_none() && doc.values.is_none() {
        return Err(input::not_a_plan(json, &top_level_keys(json)));
    }
    if let Some(version) = &doc.format_version {
        let major = version.split('.').next().unwrap_or_default();
        if major != "0" && major != "1" {
            return Err(format!(
                "uses JSON format version {version}, which this sglint does not read (it reads \
                 0.1 to 1.x); upgrade sglint"
            ));
        }
    }
    Ok(doc)
}

/// Top-level keys only plans and states have.
const PLAN_KEYS: &[&str] = &[
    "planned_values",
    "resource_changes",
    "values",
    "prior_state",
];

fn top_level_keys(json: &str) -> Vec<String> {
    serde_json::from_str::<BTreeMap<String, IgnoredAny>>(json)
        .map(|m| m.into_keys().collect())
        .unwrap_or_default()
}
