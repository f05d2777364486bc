//! What a plan's `configuration` tells about its modelled resources, copied out of the document:
//! the references of the attributes that recover unknown values, module calls and outputs, and the
//! providers' default tags. It is small and owned, so the document and its text can be dropped
//! before the model is built.

use super::format::{ConfigModule, Configuration, Expression, ProviderConfig};
use super::resources::GROUP_FIELDS;
use crate::address::module_segments;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The configuration's module tree and provider blocks.
pub struct ConfigTree {
    pub root: ModuleConfig,
    /// Provider blocks by the key resources name them with.
    pub providers: BTreeMap<String, ProviderConfig>,
}

/// One module of the configuration (no instance keys: a module with `for_each` appears once).
pub struct ModuleConfig {
    /// Groups, and resources that write a group attribute, by address relative to the module.
    pub resources: BTreeMap<String, ResourceConfig>,
    pub calls: BTreeMap<String, CallConfig>,
    /// The references of each output's expression.
    pub outputs: BTreeMap<String, Vec<String>>,
}

/// A resource block: the attributes it writes that conversion reads.
pub struct ResourceConfig {
    /// The references of each attribute written (an attribute written literally has none), in
    /// a short list: at most four attributes are read.
    pub attributes: Vec<(String, Vec<String>)>,
    /// The key of its provider in [`ConfigTree::providers`].
    pub provider_key: Option<String>,
}

/// A `module` block.
pub struct CallConfig {
    pub source: Option<String>,
    /// The references of each argument.
    pub arguments: BTreeMap<String, Vec<String>>,
    pub module: Option<ModuleConfig>,
}

/// The attributes of a group that conversion reads from the configuration.
const GROUP_ATTRIBUTES: &[&str] = &["description", "vpc_id", "ingress", "egress"];

impl ConfigTree {
    /// Copies what conversion needs out of a document's configuration.
    pub fn new(configuration: Configuration<'_>) -> Option<ConfigTree> {
        Some(ConfigTree {
            root: ModuleConfig::new(configuration.root_module.as_ref()?),
            providers: configuration.provider_config,
        })
    }

    /// The configuration of a module instance (`module.a["k"].module.b`).
    pub fn module(&self, prefix: &str) -> Option<&ModuleConfig> {
        let mut module = &self.root;
        for (name, _) in module_segments(prefix) {
            module = module.calls.get(name)?.module.as_ref()?;
        }
        Some(module)
    }
}

impl ResourceConfig {
    /// The references of attribute `name`, if the configuration writes it.
    pub fn attribute(&self, name: &str) -> Option<&[String]> {
        self.attributes
            .iter()
            .find(|(written, _)| written == name)
            .map(|(_, references)| references.as_slice())
    }
}

impl ModuleConfig {
    fn new(module: &ConfigModule<'_>) -> ModuleConfig {
        let resources = module
            .resources
            .iter()
            .filter_map(|resource| {
                let group = matches!(
                    &*resource.kind,
                    "aws_security_group" | "aws_default_security_group"
                );
                let read = if group {
                    GROUP_ATTRIBUTES
                } else {
                    GROUP_FIELDS
                };
                // Other resources are parsed only when they may write a group attribute (every
                // name in GROUP_FIELDS contains `security_group`): most resources of a plan do not.
                let written: BTreeMap<&str, &RawValue> = resource
                    .expressions
                    .filter(|e| group || e.get().contains("security_group"))
                    .and_then(|e| serde_json::from_str(e.get()).ok())
                    .unwrap_or_default();
                let attributes: Vec<(String, Vec<String>)> = written
                    .into_iter()
                    .filter(|(name, _)| read.contains(name))
                    .map(|(name, e)| (name.to_string(), Expression::references(e)))
                    .collect();
                (group || !attributes.is_empty()).then(|| {
                    let config = ResourceConfig {
                        attributes,
                        provider_key: resource.provider_config_key.as_deref().map(str::to_string),
                    };
                    (resource.address.to_string(), config)
                })
            })
            .collect();
        let calls = module
            .module_calls
            .iter()
            .map(|(name, call)| {
                let call = CallConfig {
                    source: call.source.clone(),
                    arguments: call
                        .expressions
                        .iter()
                        .map(|(name, e)| (name.clone(), Expression::references(e)))
                        .collect(),
                    module: call.module.as_ref().map(ModuleConfig::new),
                };
                (name.clone(), call)
            })
            .collect();
        let outputs = module
            .outputs
            .iter()
            .filter_map(|(name, output)| {
                Some((name.clone(), Expression::references(output.expression?)))
            })
            .collect();
        ModuleConfig {
            resources,
            calls,
            outputs,
        }
    }
}
