//! Polite HTTP GETs with `ureq`: timeouts, retries with backoff, a delay per host, limits
//! on redirects and size, and content-type checks.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::ResponseExt;

use crate::WatchConfig;
use crate::error::FetchError;

/// What a request should return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// An RSS/Atom feed (XML of any declared type; the parser judges).
    Feed,
    /// An HTML page.
    Html,
}

/// A successful response (200, or 304 to a conditional request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// 200 or 304.
    pub status: u16,
    /// The URL after redirects.
    pub url: String,
    /// The body (empty for 304).
    pub body: Vec<u8>,
    /// `ETag` header.
    pub etag: Option<String>,
    /// `Last-Modified` header.
    pub last_modified: Option<String>,
}

/// An HTTP client that remembers when it last asked each host.
#[derive(Debug)]
pub struct Fetcher {
    agent: Agent,
    max_bytes: u64,
    retries: u32,
    backoff: Duration,
    politeness: Duration,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    /// A client with the limits of `config`.
    pub fn new(config: &WatchConfig) -> Self {
        let agent: Agent = Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .http_status_as_error(false)
            .user_agent(config.user_agent.as_str())
            .build()
            .into();
        Fetcher {
            agent,
            max_bytes: config.max_bytes,
            retries: config.retries,
            backoff: config.backoff,
            politeness: config.politeness,
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, conditionally when `validators` (ETag, Last-Modified) are given, retrying
    /// transient failures with exponential backoff.
    pub fn get(
        &mut self,
        url: &str,
        validators: Option<(Option<&str>, Option<&str>)>,
        expect: Expect,
    ) -> Result<Fetched, FetchError> {
        let parsed = url::Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(FetchError::BadUrl(url.to_string()));
        }
        let host = parsed.host_str().unwrap_or_default().to_string();
        let mut attempt = 0;
        loop {
            self.wait_for(&host);
            let result = self.once(url, validators, expect);
            match result {
                Err(e) if e.is_transient() && attempt < self.retries => {
                    std::thread::sleep(self.backoff * 2u32.saturating_pow(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Sleeps until the politeness delay since the last request to `host` has passed.
    fn wait_for(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < self.politeness {
                std::thread::sleep(self.politeness - since);
            }
        }
        self.last_request.insert(host.to_string(), Instant::now());
    }

    fn once(
        &self,
        url: &str,
        validators: Option<(Option<&str>, Option<&str>)>,
        expect: Expect,
    ) -> Result<Fetched, FetchError> {
        let accept = match expect {
            Expect::Feed => {
                "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
            }
            Expect::Html => "text/html, application/xhtml+xml;q=0.9",
        };
        let mut req = self.agent.get(url).header("Accept", accept);
        if let Some((etag, modified)) = validators {
            if let Some(etag) = etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(modified) = modified {
                req = req.header("If-Modified-Since", modified);
            }
        }
        let mut resp = req.call().map_err(classify)?;
        let status = resp.status().as_u16();
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let final_url = resp.get_uri().to_string();
        if status == 304 && validators.is_some() {
            return Ok(Fetched { status, url: final_url, body: Vec::new(), etag, last_modified });
        }
        if status != 200 {
            return Err(FetchError::Status(status));
        }
        if let Some(length) = header("content-length").and_then(|l| l.trim().parse::<u64>().ok())
            && length > self.max_bytes
        {
            return Err(FetchError::TooLarge(self.max_bytes));
        }
        let mime =
            header("content-type").map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
        if let Some(mime) = &mime
            && !acceptable(mime, expect)
        {
            return Err(FetchError::ContentType(mime.clone()));
        }
        let body = resp.body_mut().with_config().limit(self.max_bytes).read_to_vec().map_err(classify)?;
        Ok(Fetched { status, url: final_url, body, etag, last_modified })
    }
}

/// Whether a declared media type can hold what is expected.
fn acceptable(mime: &str, expect: Expect) -> bool {
    match expect {
        Expect::Html => matches!(mime, "text/html" | "application/xhtml+xml"),
        Expect::Feed => {
            mime.ends_with("xml")
                || mime.ends_with("+xml")
                || matches!(
                    mime,
                    "text/plain" | "application/octet-stream" | "application/json" | "application/feed+json"
                )
        }
    }
}

fn classify(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::StatusCode(s) => FetchError::Status(s),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
        ureq::Error::BodyExceedsLimit(n) => FetchError::TooLarge(n),
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::BadUri(u) => FetchError::BadUrl(u),
        other => FetchError::Network(other.to_string()),
    }
}
