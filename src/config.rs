//! citelint.toml: schema, discovery and per-file resolution.
//!
//! Precedence (one place, as typos does it): `--config FILE` for every file;
//! otherwise the nearest `citelint.toml` or `.citelint.toml` walking up from
//! the file's directory; otherwise the built-in defaults. `--isolated` ignores
//! config files altogether. A bad config is a miette error at the bad line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic as MietteDiagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::claims::Claims;
use crate::data::{MarkerData, SourcesData, CLAIMS, MARKERS, SEGMENTER, SOURCES};
use crate::diagnostic::Severity;
use crate::document::Segmenter;
use crate::rules;

pub const FILE_NAMES: [&str; 2] = ["citelint.toml", ".citelint.toml"];
pub const DEFAULT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// A configuration error, rendered by miette with the offending line.
#[derive(Debug, thiserror::Error, MietteDiagnostic)]
#[error("{message}")]
#[diagnostic(code(config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    fn at(
        path: &Path,
        text: &str,
        span: std::ops::Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Box<Self> {
        Box::new(ConfigError {
            message,
            src: Some(NamedSource::new(path.display().to_string(), text.to_string())),
            span: Some((span.start, span.end.saturating_sub(span.start)).into()),
            label: label.to_string(),
            help,
        })
    }

    pub fn plain(message: String) -> Box<Self> {
        Box::new(ConfigError {
            message,
            src: None,
            span: None,
            label: String::new(),
            help: None,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    extensions: Option<Vec<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    /// Drafts read for the cross-article numbers check even when not named.
    corpus: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    sources: Option<RawSources>,
    markers: Option<RawMarkers>,
    numbers: Option<crate::quantity::lexicon::RawNumbers>,
    claims: Option<Spanned<toml::Table>>,
    segment: Option<Spanned<toml::Table>>,
    /// Another config file this one builds on (relative to this file).
    extend: Option<Spanned<String>>,
    /// Baseline file (relative to this file's directory).
    baseline: Option<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

/// `[[overrides]]`: rules (and fail-on) for files matching `paths`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    fail_on: Option<Spanned<String>>,
}

/// Globs and the directory they are relative to.
#[derive(Debug, Clone)]
pub struct Globs {
    set: GlobSet,
    pub patterns: Vec<String>,
    pub root: PathBuf,
}

impl Globs {
    /// Globs relative to `root` (already absolute); `None` names the bad one.
    pub fn new(patterns: &[String], root: PathBuf) -> Result<Self, (usize, globset::Error)> {
        let mut b = GlobSetBuilder::new();
        for (i, g) in patterns.iter().enumerate() {
            b.add(Glob::new(g).map_err(|e| (i, e))?);
        }
        Ok(Globs {
            set: b.build().map_err(|e| (0, e))?,
            patterns: patterns.to_vec(),
            root,
        })
    }

    pub fn is_match(&self, path: &Path) -> bool {
        let abs = crate::fsutil::absolute(path);
        match abs.strip_prefix(&self.root) {
            Ok(rel) => self.set.is_match(rel),
            Err(_) => self.set.is_match(path),
        }
    }
}

/// One `[[overrides]]` table, validated.
#[derive(Debug, Clone)]
pub struct Override {
    pub globs: Globs,
    pub severities: Vec<(&'static str, Option<Severity>)>,
    pub fail_on: Option<Severity>,
    /// `path/citelint.toml [[overrides]] #2` for `config --show`.
    pub origin: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawSources {
    headings: Option<Vec<String>>,
    not_sources: Option<Vec<String>>,
    tracking_params: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawMarkers {
    year_min: Option<Spanned<u32>>,
    year_max: Option<Spanned<u32>>,
    max_id: Option<u32>,
}

/// The effective configuration for a set of files.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from (None: built-in defaults).
    pub path: Option<PathBuf>,
    /// Directory that include/exclude globs are relative to.
    pub root: PathBuf,
    pub extensions: Vec<String>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    /// `corpus`: drafts read for the cross-article check of the files named
    /// on the command line (see `discover::corpus`).
    pub corpus: Option<Globs>,
    pub fail_on: Option<Severity>,
    /// Rule code → severity (`None` = off).
    pub severities: HashMap<&'static str, Option<Severity>>,
    pub markers: MarkerData,
    pub sources: SourcesData,
    /// Quantity tables: the compiled-in ones plus `[numbers]` additions.
    pub numbers: Arc<crate::quantity::Lexicon>,
    /// Baseline file from the `baseline` key, joined to its config's directory.
    pub baseline: Option<PathBuf>,
    /// Config files this one was built from, nearest first (`extend` chain).
    pub chain: Vec<PathBuf>,
    /// Every `[[overrides]]` table, parents' first; later ones win.
    pub overrides: Vec<Override>,
    /// The overrides applied to get this config (see `Config::for_file`).
    pub applied: Vec<String>,
    /// The claim detector (shared with the defaults unless `[claims]` is set).
    pub claims: Arc<Claims>,
    pub segmenter: Arc<Segmenter>,
}

/// Compiles the built-in rule data (claim detector, quantity tables,
/// segmenter) on separate threads: every check needs all three, and
/// compiling them one after the other was most of a one-file run's time.
fn compile_builtin_data() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::thread::scope(|s| {
            s.spawn(|| LazyLock::force(&CLAIMS));
            s.spawn(|| LazyLock::force(&crate::quantity::NUMBERS));
            LazyLock::force(&SEGMENTER);
        });
    });
}

impl Config {
    pub fn defaults(root: PathBuf) -> Self {
        compile_builtin_data();
        Config {
            path: None,
            root,
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            include: None,
            exclude: None,
            corpus: None,
            fail_on: None,
            severities: HashMap::new(),
            markers: MARKERS.clone(),
            sources: SOURCES.clone(),
            numbers: Arc::clone(&crate::quantity::NUMBERS),
            baseline: None,
            chain: Vec::new(),
            overrides: Vec::new(),
            applied: Vec::new(),
            claims: Arc::clone(&CLAIMS),
            segmenter: Arc::clone(&SEGMENTER),
        }
    }

    pub fn load(path: &Path) -> Result<Self, Box<ConfigError>> {
        Self::from_str(path, &read_config(path)?)
    }

    pub fn from_str(path: &Path, text: &str) -> Result<Self, Box<ConfigError>> {
        Self::from_str_chain(path, text, &mut vec![identity(path)])
    }

    /// Loads `path`, following `extend`; `stack` holds the files being loaded
    /// (absolute), to detect cycles.
    fn load_chain(path: &Path, stack: &mut Vec<PathBuf>) -> Result<Self, Box<ConfigError>> {
        Self::from_str_chain(path, &read_config(path)?, stack)
    }

    fn from_str_chain(path: &Path, text: &str, stack: &mut Vec<PathBuf>) -> Result<Self, Box<ConfigError>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            ConfigError::at(
                path,
                text,
                span,
                format!("invalid config {}: {}", path.display(), e.message().trim()),
                "here",
                Some("docs/configuration.md lists every key".into()),
            )
        })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // `extend`: start from the parent's effective config; keys set here win.
        let mut cfg = match &raw.extend {
            Some(ext) => {
                let parent = root.join(ext.get_ref());
                let parent_abs = identity(&parent);
                if let Some(i) = stack.iter().position(|p| *p == parent_abs) {
                    let cycle: Vec<String> = stack[i..]
                        .iter()
                        .chain(std::iter::once(&parent_abs))
                        .map(|p| p.display().to_string())
                        .collect();
                    return Err(ConfigError::at(
                        path,
                        text,
                        ext.span(),
                        format!("config files extend each other in a cycle: {}", cycle.join(" -> ")),
                        "extends a file that is already being loaded",
                        Some("remove `extend` from one of the files".into()),
                    ));
                }
                if !parent.is_file() {
                    let (what, label) = if parent.is_dir() {
                        ("is a directory, not a config file", "a directory")
                    } else if parent.exists() {
                        ("is not a regular file", "not a file")
                    } else {
                        ("does not exist", "no such file")
                    };
                    return Err(ConfigError::at(
                        path,
                        text,
                        ext.span(),
                        format!("extended config {} {what}", parent.display()),
                        label,
                        Some("`extend` names a file, relative to the directory of this config file".into()),
                    ));
                }
                stack.push(parent_abs);
                let base = Self::load_chain(&parent, stack)?;
                stack.pop();
                base
            }
            None => Config::defaults(root.clone()),
        };
        cfg.root = root.clone();
        cfg.chain.insert(0, crate::fsutil::absolute(path));
        cfg.path = Some(path.to_path_buf());
        if let Some(ext) = raw.extensions {
            cfg.extensions = ext
                .into_iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect();
        }
        let globs = |list: Vec<Spanned<String>>| -> Result<Globs, Box<ConfigError>> {
            let patterns: Vec<String> = list.iter().map(|g| g.get_ref().clone()).collect();
            Globs::new(&patterns, crate::fsutil::absolute(&root)).map_err(|(i, e)| {
                ConfigError::at(
                    path,
                    text,
                    list[i].span(),
                    format!("invalid glob {:?}", list[i].get_ref()),
                    &e.kind().to_string(),
                    None,
                )
            })
        };
        if let Some(inc) = raw.include {
            cfg.include = Some(globs(inc)?);
        }
        if let Some(exc) = raw.exclude {
            cfg.exclude = Some(globs(exc)?);
        }
        if let Some(c) = raw.corpus {
            cfg.corpus = Some(globs(c)?).filter(|g| !g.patterns.is_empty());
        }
        if let Some(b) = &raw.baseline {
            if b.get_ref().trim().is_empty() {
                return Err(ConfigError::at(
                    path,
                    text,
                    b.span(),
                    "empty baseline path".into(),
                    "expected a file name",
                    Some("e.g. baseline = \"citelint-baseline.json\"".into()),
                ));
            }
            cfg.baseline = Some(root.join(b.get_ref()));
        }
        for (i, o) in raw.overrides.into_iter().enumerate() {
            let mut severities = Vec::new();
            for (key, value) in o.rules {
                severities.push(rule_severity(path, text, &key, &value)?);
            }
            let fail_on = match o.fail_on {
                Some(f) => Some(parse_fail_on(path, text, &f)?),
                None => None,
            };
            cfg.overrides.push(Override {
                globs: globs(o.paths)?,
                severities,
                fail_on,
                origin: format!("{} [[overrides]] #{}", path.display(), i + 1),
            });
        }
        if let Some(f) = raw.fail_on {
            cfg.fail_on = Some(parse_fail_on(path, text, &f)?);
        }
        for (key, value) in raw.rules {
            let (code, sev) = rule_severity(path, text, &key, &value)?;
            cfg.severities.insert(code, sev);
        }
        if let Some(s) = raw.sources {
            cfg.sources.set_headings(s.headings, s.not_sources);
            if let Some(t) = s.tracking_params {
                cfg.sources.tracking_params = t;
            }
        }
        if let Some(n) = &raw.numbers {
            cfg.numbers = crate::quantity::Lexicon::with_config(n, path, text)?;
        }
        if let Some(m) = raw.markers {
            set_markers(&mut cfg, m, path, text)?;
        }
        if let Some(c) = raw.claims {
            let data = merge_data(crate::claims::CLAIMS_TOML, c.get_ref())
                .and_then(|t| crate::claims::ClaimsData::deserialize(t).map_err(|e| e.to_string()))
                .and_then(Claims::new)
                .map_err(|e| data_error(path, text, c.span(), "claims", &e))?;
            cfg.claims = Arc::new(data);
        }
        if let Some(c) = raw.segment {
            let data = merge_data(crate::data::SEGMENT_TOML, c.get_ref())
                .and_then(|t| crate::data::SegmentData::deserialize(t).map_err(|e| e.to_string()))
                .and_then(|d| Segmenter::new(&d))
                .map_err(|e| data_error(path, text, c.span(), "segment", &e))?;
            cfg.segmenter = Arc::new(data);
        }
        Ok(cfg)
    }

    /// The severity a rule runs at here (`None`: off).
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.severities.get(code) {
            Some(s) => *s,
            None => Some(default),
        }
    }

    /// Whether a file found by walking a directory is linted under this config.
    pub fn selects(&self, path: &Path) -> bool {
        let ext_ok = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
        ext_ok && !self.is_excluded(path) && self.is_included(path)
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.is_match(path))
    }

    fn is_included(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(path))
    }

    /// This config as it applies to `file`: with the `[[overrides]]` whose
    /// globs match it applied in order (later ones win). `None` when no
    /// override matches (the config applies unchanged).
    pub fn for_file(&self, file: &Path) -> Option<Config> {
        let matching: Vec<&Override> = self.overrides.iter().filter(|o| o.globs.is_match(file)).collect();
        if matching.is_empty() {
            return None;
        }
        let mut cfg = self.clone();
        for o in matching {
            for (code, sev) in &o.severities {
                cfg.severities.insert(code, *sev);
            }
            if o.fail_on.is_some() {
                cfg.fail_on = o.fail_on;
            }
            cfg.applied.push(format!("{} (paths {:?})", o.origin, o.globs.patterns));
        }
        Some(cfg)
    }

    /// Indices of the overrides that match `file` (the cache key for `for_file`).
    pub fn matching_overrides(&self, file: &Path) -> Vec<usize> {
        (0..self.overrides.len())
            .filter(|&i| self.overrides[i].globs.is_match(file))
            .collect()
    }
}

/// What makes two config paths the same file, for `extend` cycles: the
/// canonical path (symlinks resolved) when it exists, else the lexical
/// absolute path.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| crate::fsutil::absolute(path))
}

fn parse_fail_on(path: &Path, text: &str, f: &Spanned<String>) -> Result<Severity, Box<ConfigError>> {
    Severity::parse(f.get_ref()).ok_or_else(|| {
        ConfigError::at(
            path,
            text,
            f.span(),
            format!("invalid fail-on {:?}", f.get_ref()),
            "expected \"error\", \"warning\" or \"info\"",
            None,
        )
    })
}

/// A `[rules]` entry: the rule's code and its severity (`None`: off).
fn rule_severity(
    path: &Path,
    text: &str,
    key: &Spanned<String>,
    value: &Spanned<String>,
) -> Result<(&'static str, Option<Severity>), Box<ConfigError>> {
    let Some(rule) = rules::lookup(key.get_ref()) else {
        return Err(ConfigError::at(
            path,
            text,
            key.span(),
            format!("unknown rule {:?} in [rules]", key.get_ref()),
            "not a rule code or name",
            Some("`citelint rules` lists every rule".into()),
        ));
    };
    let sev = match value.get_ref().to_ascii_lowercase().as_str() {
        "off" | "none" | "ignore" => None,
        other => Some(Severity::parse(other).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                value.span(),
                format!("invalid severity {:?} for {}", value.get_ref(), rule.code),
                "expected \"off\", \"info\", \"warning\" or \"error\"",
                None,
            )
        })?),
    };
    Ok((rule.code, sev))
}

/// A base config (by address) and the indices of its overrides that match.
type OverrideKey = (usize, Vec<usize>);

/// Lays a user's `[claims]`/`[segment]` table over the compiled-in data:
/// tables merge key by key, other values replace, and `extra-<key>` appends
/// to the list `<key>` of the same table.
fn merge_data(default: &str, user: &toml::Table) -> Result<toml::Table, String> {
    fn merge(base: &mut toml::Table, user: &toml::Table, at: &str) -> Result<(), String> {
        for (k, v) in user {
            if let Some(target) = k.strip_prefix("extra-") {
                let Some(toml::Value::Array(list)) = base.get_mut(target) else {
                    return Err(format!("`{at}{k}`: there is no list `{target}` to extend"));
                };
                let toml::Value::Array(more) = v else {
                    return Err(format!("`{at}{k}` must be a list"));
                };
                list.extend(more.iter().cloned());
                continue;
            }
            match (base.get_mut(k), v) {
                (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u, &format!("{at}{k}."))?,
                (Some(_), _) => {
                    base.insert(k.clone(), v.clone());
                }
                (None, _) => return Err(format!("unknown key `{at}{k}`")),
            }
        }
        Ok(())
    }
    let mut base: toml::Table = toml::from_str(default).map_err(|e| e.to_string())?;
    base.remove("examples");
    merge(&mut base, user, "")?;
    Ok(base)
}

fn data_error(path: &Path, text: &str, span: std::ops::Range<usize>, table: &str, e: &str) -> Box<ConfigError> {
    // Point at the offending key when it can be found in the table.
    let key = e.split('`').nth(1).and_then(|k| k.rsplit('.').next()).unwrap_or("");
    let span = (!key.is_empty())
        .then(|| {
            text[span.start..]
                .find(key)
                .map(|o| span.start + o..span.start + o + key.len())
        })
        .flatten()
        .unwrap_or(span);
    ConfigError::at(
        path,
        text,
        span,
        format!("invalid [{table}] in {}: {}", path.display(), e.trim()),
        "here",
        Some(format!("rules/{table}.toml lists every key and its default")),
    )
}

/// Finds and caches the configuration for each directory.
pub struct Resolver {
    fixed: Option<Arc<Config>>,
    isolated: bool,
    cache: Mutex<HashMap<PathBuf, Arc<Config>>>,
    /// Configs with `[[overrides]]` applied, by (config, matching overrides).
    overridden: Mutex<HashMap<OverrideKey, Arc<Config>>>,
    cwd: PathBuf,
}

impl Resolver {
    pub fn new(config_file: Option<&Path>, isolated: bool) -> Result<Self, Box<ConfigError>> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let fixed = match config_file {
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None if isolated => Some(Arc::new(Config::defaults(cwd.clone()))),
            None => None,
        };
        Ok(Resolver {
            fixed,
            isolated,
            cache: Mutex::new(HashMap::new()),
            overridden: Mutex::new(HashMap::new()),
            cwd,
        })
    }

    /// The config for a file (or for stdin, resolved from the working
    /// directory), with the `[[overrides]]` matching the file applied.
    pub fn for_path(&self, file: Option<&Path>) -> Result<Arc<Config>, Box<ConfigError>> {
        let cfg = self.for_path_base(file)?;
        let Some(f) = file else {
            return Ok(cfg);
        };
        if cfg.overrides.is_empty() {
            return Ok(cfg);
        }
        let key = (Arc::as_ptr(&cfg) as usize, cfg.matching_overrides(f));
        if key.1.is_empty() {
            return Ok(cfg);
        }
        let mut cache = self.overridden.lock().expect("override cache");
        if let Some(c) = cache.get(&key) {
            return Ok(Arc::clone(c));
        }
        let derived = Arc::new(cfg.for_file(f).unwrap_or_else(|| (*cfg).clone()));
        cache.insert(key, Arc::clone(&derived));
        Ok(derived)
    }

    fn for_path_base(&self, file: Option<&Path>) -> Result<Arc<Config>, Box<ConfigError>> {
        if let Some(c) = &self.fixed {
            return Ok(Arc::clone(c));
        }
        let dir = match file {
            Some(f) => std::path::absolute(f)
                .ok()
                .and_then(|a| a.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| self.cwd.clone()),
            None => self.cwd.clone(),
        };
        self.for_dir(&dir)
    }

    fn for_dir(&self, dir: &Path) -> Result<Arc<Config>, Box<ConfigError>> {
        if let Some(c) = self.cache.lock().expect("config cache").get(dir) {
            return Ok(Arc::clone(c));
        }
        let found = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file());
        let cfg = match (found, dir.parent()) {
            (Some(p), _) => Arc::new(Config::load(&p)?),
            (None, Some(parent)) if !self.isolated => self.for_dir(parent)?,
            _ => Arc::new(Config::defaults(self.cwd.clone())),
        };
        self.cache
            .lock()
            .expect("config cache")
            .insert(dir.to_path_buf(), Arc::clone(&cfg));
        Ok(cfg)
    }
}

/// A config file's text; bytes that are not UTF-8 are an error pointing
/// at the first of them.
fn read_config(path: &Path) -> Result<String, Box<ConfigError>> {
    let bytes = std::fs::read(path).map_err(|e| {
        ConfigError::plain(format!(
            "cannot read config {}: {}",
            path.display(),
            crate::discover::describe_io(&e)
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        // The lossy text has the same prefix, so `at` is a character boundary in it.
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConfigError::at(
            path,
            &text,
            at..at + char::REPLACEMENT_CHARACTER.len_utf8(),
            format!(
                "config {} is not valid UTF-8 (line {line}, column {column})",
                path.display()
            ),
            "not UTF-8",
            Some("save the file as UTF-8".into()),
        )
    })
}

/// `[markers]`: the year range must not be empty.
fn set_markers(cfg: &mut Config, m: RawMarkers, path: &Path, text: &str) -> Result<(), Box<ConfigError>> {
    if let Some(v) = &m.year_min {
        cfg.markers.year_min = *v.get_ref();
    }
    if let Some(v) = &m.year_max {
        cfg.markers.year_max = *v.get_ref();
    }
    if let Some(v) = m.max_id {
        cfg.markers.max_id = v;
    }
    let (lo, hi) = (cfg.markers.year_min, cfg.markers.year_max);
    if lo > hi {
        let span = m.year_min.or(m.year_max).map_or(0..0, |v| v.span());
        return Err(ConfigError::at(
            path,
            text,
            span,
            format!("[markers] year-min ({lo}) is greater than year-max ({hi})"),
            "the year range is empty",
            Some("year-min must be at most year-max".into()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(text: &str) -> Result<Config, Box<ConfigError>> {
        Config::from_str(Path::new("/tmp/x/citelint.toml"), text)
    }

    #[test]
    fn rules_by_code_or_name() {
        let c = cfg("[rules]\nCIT002 = \"off\"\nundefined-marker = \"warning\"\n").unwrap();
        assert_eq!(c.severity("CIT002", Severity::Warning), None);
        assert_eq!(c.severity("CIT001", Severity::Error), Some(Severity::Warning));
        assert_eq!(c.severity("SRC001", Severity::Error), Some(Severity::Error));
    }

    #[test]
    fn errors_point_at_the_bad_line() {
        let text = "fail-on = \"error\"\n[rules]\nCIT999 = \"off\"\n";
        let e = cfg(text).unwrap_err();
        assert!(e.message.contains("CIT999"));
        let span = e.span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "CIT999");

        let text = "[rules]\nCIT001 = \"loud\"\n";
        let e = cfg(text).unwrap_err();
        assert!(e.message.contains("loud"));

        let text = "unknown-key = 1\n";
        let e = cfg(text).unwrap_err();
        assert!(e.message.contains("unknown"), "{}", e.message);
        assert_eq!(e.span.unwrap().offset(), 0);

        let e = cfg("extensions = [\n").unwrap_err();
        assert!(e.span.is_some());
    }

    #[test]
    fn extensions_and_globs() {
        let c = cfg("extensions = [\".md\"]\nexclude = [\"archive/**\"]\n").unwrap();
        assert!(c.selects(Path::new("/tmp/x/a.md")));
        assert!(!c.selects(Path::new("/tmp/x/a.txt")));
        assert!(!c.selects(Path::new("/tmp/x/archive/old.md")));
    }

    #[test]
    fn claims_and_segment_overrides() {
        let c = cfg("[claims]\nthreshold = 5\nscope = \"paragraph\"\n[claims.lexicons]\nextra-event-verbs = [\"patrolled\"]\n[claims.weights]\nmodal = -3\n[segment]\nextra-never-final = [\"Bde.\"]\n").unwrap();
        assert_eq!(c.claims.data.threshold, 5);
        assert_eq!(c.claims.data.scope, crate::claims::Scope::Paragraph);
        assert!(c.claims.data.lexicons.event_verbs.iter().any(|v| v == "patrolled"));
        assert!(c.claims.data.lexicons.event_verbs.iter().any(|v| v == "operate"));
        assert_eq!(c.claims.data.weights.modal, -3);
        assert_eq!(c.claims.data.weights.entity, 1);

        let text = "[claims.lexicons]\nextra-nouns = [\"x\"]\n";
        let e = cfg(text).unwrap_err();
        assert!(e.message.contains("extra-nouns"), "{}", e.message);
        let span = e.span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "extra-nouns");

        let e = cfg("[claims.patterns]\nanalysis = [\"(unclosed\"]\n").unwrap_err();
        assert!(e.message.contains("[claims]"), "{}", e.message);
        let e = cfg("[claims]\nscope = \"page\"\n").unwrap_err();
        assert!(e.message.contains("page"), "{}", e.message);
    }

    #[test]
    fn data_overrides() {
        let c = cfg("[sources]\nheadings = [\"Quellen\"]\n[markers]\nyear-min = 1800\n").unwrap();
        assert!(c.sources.is_sources_heading("Quellen"));
        assert!(!c.sources.is_sources_heading("Sources"));
        assert_eq!(c.markers.year_min, 1800);
    }
}
