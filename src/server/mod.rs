//! `citelint server`: a Language Server over standard input and output.
//!
//! Open drafts are checked with the same engine as `citelint check`
//! (`analysis.rs`); findings are published on open and, debounced, after
//! changes. Requests: code actions (quick fixes from `fix`, and "disable for
//! this line"), hover, definition and references (`features.rs`). The
//! configuration is the nearest `citelint.toml`, read again when one is saved.

pub mod analysis;
pub mod convert;
pub mod features;
pub mod numbers;

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, GotoDefinition, HoverRequest, References, Request as _};
use lsp_types::{
    CodeActionProviderCapability, HoverProviderCapability, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use crate::config::Resolver;
use analysis::{analyze, Analysis};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// How long a draft must stay unchanged before it is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

struct Server {
    conn: Connection,
    resolver: Resolver,
    docs: HashMap<Uri, (PathBuf, String)>,
    /// Drafts changed since their last check, and when.
    dirty: HashMap<Uri, Instant>,
    /// The configured corpus's figures, read on the first hover that needs them.
    corpus: Option<Vec<numbers::CorpusFile>>,
}

pub fn run() -> Result<()> {
    let (conn, io) = Connection::stdio();
    let caps = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    conn.initialize(serde_json::to_value(caps)?)?;
    // Compile the rule data now, not on the first draft opened.
    let warm = crate::config::Config::defaults(PathBuf::from("."));
    crate::engine::check_text(
        "warm-up.md",
        b"Warm [1] up.\n",
        crate::document::Format::Markdown,
        None,
        &warm,
    );
    let mut server = Server {
        conn,
        resolver: Resolver::new(None, false).map_err(|e| e.to_string())?,
        docs: HashMap::new(),
        dirty: HashMap::new(),
        corpus: None,
    };
    server.serve()?;
    drop(server);
    io.join()?;
    Ok(())
}

impl Server {
    fn serve(&mut self) -> Result<()> {
        loop {
            let wait = self
                .dirty
                .values()
                .map(|t| DEBOUNCE.saturating_sub(t.elapsed()))
                .min()
                .unwrap_or(Duration::from_secs(3600));
            match self.conn.receiver.recv_timeout(wait) {
                Ok(Message::Request(req)) => {
                    if self.conn.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    self.request(req)?;
                }
                Ok(Message::Notification(n)) => self.notification(n)?,
                Ok(Message::Response(_)) => {}
                Err(e) if e.is_timeout() => {}
                Err(_) => return Ok(()),
            }
            let due: Vec<Uri> = self
                .dirty
                .iter()
                .filter(|(_, t)| t.elapsed() >= DEBOUNCE)
                .map(|(u, _)| u.clone())
                .collect();
            for uri in due {
                self.dirty.remove(&uri);
                self.publish(&uri)?;
            }
        }
    }

    fn analysis(&self, uri: &Uri) -> Option<Analysis> {
        let (path, text) = self.docs.get(uri)?;
        analyze(path, text, &self.resolver).ok()
    }

    fn publish(&self, uri: &Uri) -> Result<()> {
        let diagnostics = match self.docs.get(uri) {
            Some((path, text)) => match analyze(path, text, &self.resolver) {
                Ok(a) => {
                    if let Some((sc_uri, diags)) = features::sidecar_diagnostics(&a) {
                        let params = PublishDiagnosticsParams::new(sc_uri, diags, None);
                        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params))?;
                    }
                    features::diagnostics(&a)
                }
                Err(e) => {
                    self.log(&format!("citelint: {e}"))?;
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, None);
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params))
    }

    fn log(&self, message: &str) -> Result<()> {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: message.to_string(),
        };
        self.send(Notification::new("window/logMessage".to_string(), params))
    }

    fn send(&self, msg: impl Into<Message>) -> Result<()> {
        self.conn.sender.send(msg.into())?;
        Ok(())
    }

    fn notification(&mut self, n: Notification) -> Result<()> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                let path = path_of(&uri);
                self.docs.insert(uri.clone(), (path, p.text_document.text));
                self.publish(&uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                if let (Some(doc), Some(change)) = (self.docs.get_mut(&uri), p.content_changes.into_iter().last()) {
                    doc.1 = change.text;
                    self.dirty.insert(uri, Instant::now());
                }
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                self.docs.remove(&p.text_document.uri);
                self.dirty.remove(&p.text_document.uri);
                let params = PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params))?;
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                // A saved citelint.toml or sidecar changes every open draft's findings.
                if let Ok(r) = Resolver::new(None, false) {
                    self.resolver = r;
                }
                self.corpus = None;
                let uris: Vec<Uri> = self.docs.keys().cloned().collect();
                for uri in uris {
                    self.dirty.insert(uri, Instant::now());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Result<()> {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            CodeActionRequest::METHOD => {
                let (_, p) = extract::<CodeActionRequest>(req)?;
                let uri = p.text_document.uri;
                self.analysis(&uri).map(|a| {
                    let r = features::offset(&a, p.range.start)..features::offset(&a, p.range.end);
                    serde_json::to_value(features::code_actions(&a, &uri, &r))
                })
            }
            HoverRequest::METHOD => {
                let (_, p) = extract::<HoverRequest>(req)?;
                let pos = p.text_document_position_params;
                self.analysis(&pos.text_document.uri).map(|a| {
                    let at = features::offset(&a, pos.position);
                    let corpus = self.corpus.get_or_insert_with(|| numbers::read_corpus(&a.cfg));
                    let figure = numbers::hover(&a.doc, &a.path, &a.cfg, corpus, at);
                    serde_json::to_value(features::hover(&a, at, figure))
                })
            }
            GotoDefinition::METHOD => {
                let (_, p) = extract::<GotoDefinition>(req)?;
                let pos = p.text_document_position_params;
                let uri = pos.text_document.uri;
                self.analysis(&uri)
                    .map(|a| serde_json::to_value(features::definition(&a, &uri, features::offset(&a, pos.position))))
            }
            References::METHOD => {
                let (_, p) = extract::<References>(req)?;
                let pos = p.text_document_position;
                let uri = pos.text_document.uri;
                self.analysis(&uri)
                    .map(|a| serde_json::to_value(features::references(&a, &uri, features::offset(&a, pos.position))))
            }
            _ => {
                let resp = Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, "unsupported".into());
                return self.send(resp);
            }
        };
        let value = result.transpose()?.unwrap_or(serde_json::Value::Null);
        self.send(Response::new_ok(id, value))
    }
}

fn extract<R: lsp_types::request::Request>(req: Request) -> Result<(RequestId, R::Params)> {
    req.extract(R::METHOD).map_err(|e| match e {
        ExtractError::JsonError { method, error } => format!("{method}: {error}").into(),
        ExtractError::MethodMismatch(r) => format!("unexpected {}", r.method).into(),
    })
}

/// The file a document is, or a stand-in path named after its URI (an
/// unsaved buffer is configured like a file in the working directory).
fn path_of(uri: &Uri) -> PathBuf {
    convert::to_path(uri).unwrap_or_else(|| {
        let name = uri.as_str().rsplit('/').next().unwrap_or("untitled.md");
        PathBuf::from(name)
    })
}
