//! The JSON API under `/api`. Field names follow the v1 extraction contract
//! (`../shared/spec/extraction-v1.md`); listings are `{"items": [...], "limit", "offset"}`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use claimgraph_core::Meta;
use claimgraph_core::extraction::{EntityType, EventType, Stance};
use claimgraph_store::workspace::{BoardInput, Rating, Role, TimelineFilter};
use claimgraph_store::{
    ClaimFilter, ClaimRow, EntityFilter, EventFilter, Page, PutOutcome, SqliteStore, Store, StoreError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{AppState, BodyFormat};

/// The OpenAPI 3 description of this API, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Default and largest page size.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 1000;

type St = State<Arc<AppState>>;

pub(crate) fn routes(body_limit: usize) -> Router<Arc<AppState>> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/stats", get(stats))
        .route("/documents", get(documents).post(post_document))
        .route("/documents/{id}", get(document))
        .route("/entities", get(entities))
        .route("/events", get(events))
        .route("/claims", get(claims))
        .route("/actors/{key}", get(actor))
        .route("/search", get(search))
        .route("/timeline", get(timeline))
        .route("/evidence", get(evidence))
        .route("/boards", get(boards).post(create_board))
        .route("/boards/{id}", get(board).put(save_board).delete(delete_board))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such API route") })
        .layer(DefaultBodyLimit::max(body_limit))
}

// ---- errors and extractors ----------------------------------------------------------------

/// An error answer: `{"error": "..."}` with its status.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }

    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let status = match &e {
            StoreError::NotFound(_) => StatusCode::NOT_FOUND,
            StoreError::AmbiguousId { .. } => StatusCode::BAD_REQUEST,
            StoreError::InvalidBoard(_) | StoreError::InvalidExtraction { .. } | StoreError::Span { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            StoreError::BadValue { column: "timeline bucket", .. } => StatusCode::BAD_REQUEST,
            StoreError::Locked => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

/// Query parameters, with a JSON error on bad ones.
pub(crate) struct Q<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e: QueryRejection| ApiError::bad(e.body_text()))
    }
}

/// A JSON body, with a JSON error on a bad one.
pub(crate) struct J<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for J<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|j| J(j.0))
            .map_err(|e: JsonRejection| ApiError::new(e.status(), e.body_text()))
    }
}

/// Runs a store call on a read connection, on the blocking pool.
async fn read<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&state.pool.read()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("store task failed: {e}")))?
}

/// Runs a store call on the write connection, on the blocking pool.
async fn write<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&mut SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&mut state.pool.write()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("store task failed: {e}")))?
}

/// `limit` and `offset` of a listing.
#[derive(Debug, Deserialize)]
struct Paging {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl Paging {
    fn get(&self) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad(format!("limit must be between 1 and {MAX_LIMIT}")));
        }
        Ok((limit, self.offset.unwrap_or(0)))
    }
}

fn listing<T: Serialize>(items: Vec<T>, limit: usize, offset: usize) -> Json<Value> {
    Json(json!({ "items": items, "limit": limit, "offset": offset }))
}

/// Parses a contract enum from its JSON name (`ASSAULT`, `denies`).
fn parse_enum<T: DeserializeOwned>(what: &str, v: Option<&str>) -> Result<Option<T>, ApiError> {
    v.filter(|s| !s.is_empty())
        .map(|s| {
            serde_json::from_value(Value::String(s.to_string()))
                .map_err(|_| ApiError::bad(format!("unknown {what} {s:?}")))
        })
        .transpose()
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

// ---- handlers ---------------------------------------------------------------------------------

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn stats(State(s): St) -> Result<Json<Value>, ApiError> {
    let counts = read(&s, |st| Ok(st.counts()?)).await?;
    Ok(Json(json!(counts)))
}

async fn documents(State(s): St, Q(p): Q<Paging>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = p.get()?;
    let items = read(&s, move |st| Ok(st.documents(&Page { limit, offset })?)).await?;
    Ok(listing(items, limit, offset))
}

async fn document(State(s): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let x = read(&s, move |st| {
        st.extraction(&id)?.ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))
    })
    .await?;
    Ok(Json(json!(x)))
}

/// Query of `POST /api/documents`: metadata overrides and `replace`.
#[derive(Debug, Deserialize)]
struct PostQuery {
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    language: Option<String>,
    #[serde(default)]
    replace: bool,
}

async fn post_document(
    State(s): St,
    Q(q): Q<PostQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let mime = ctype.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let format = match mime.as_str() {
        "text/plain" | "" => BodyFormat::Text,
        "text/html" | "application/xhtml+xml" => BodyFormat::Html,
        "application/json" => BodyFormat::Json,
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("Content-Type {other:?}: send text/plain, text/html or application/json"),
            ));
        }
    };
    if body.is_empty() {
        return Err(ApiError::bad("the body is empty"));
    }
    if let Some(p) = &q.published {
        claimgraph_core::document::parse_iso_date(p)
            .map_err(|_| ApiError::bad(format!("published {p:?} is not a date (YYYY-MM-DD)")))?;
    }
    let meta = Meta {
        title: non_empty(q.title),
        url: non_empty(q.url),
        publisher: non_empty(q.publisher),
        published: non_empty(q.published),
        language: non_empty(q.language),
    };
    let ingester = s.ingester.clone();
    let ingested = tokio::task::spawn_blocking(move || ingester.ingest(&body, format, &meta, "http"))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("extraction failed: {e}")))?
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    let replace = q.replace;
    let x = ingested.extraction;
    let summary = json!({
        "id": x.document.id,
        "title": x.document.title,
        "entities": x.entities.len(),
        "events": x.events.len(),
        "claims": x.claims.len(),
        "warnings": ingested.warnings,
    });
    let outcome = write(&s, move |st| Ok(st.put_extraction(&x, "http", replace)?)).await?;
    let status = if outcome == PutOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    let mut body = summary;
    body["outcome"] = json!(outcome);
    Ok((status, Json(body)).into_response())
}

#[derive(Debug, Deserialize)]
struct EntityQuery {
    doc: Option<String>,
    #[serde(rename = "type")]
    entity_type: Option<String>,
    name: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entities(State(s): St, Q(q): Q<EntityQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = Paging { limit: q.limit, offset: q.offset }.get()?;
    let f = EntityFilter {
        doc: non_empty(q.doc),
        entity_type: parse_enum::<EntityType>("entity type", q.entity_type.as_deref())?,
        name: non_empty(q.name),
        limit,
        offset,
    };
    let items = read(&s, move |st| Ok(st.entities(&f)?)).await?;
    Ok(listing(items, limit, offset))
}

#[derive(Debug, Deserialize)]
struct EventQuery {
    doc: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    text: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn events(State(s): St, Q(q): Q<EventQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = Paging { limit: q.limit, offset: q.offset }.get()?;
    let f = EventFilter {
        doc: non_empty(q.doc),
        event_type: parse_enum::<EventType>("event type", q.event_type.as_deref())?,
        text: non_empty(q.text),
        limit,
        offset,
    };
    let items = read(&s, move |st| Ok(st.events(&f)?)).await?;
    Ok(listing(items, limit, offset))
}

#[derive(Debug, Deserialize)]
struct ClaimQuery {
    doc: Option<String>,
    stance: Option<String>,
    claimant: Option<String>,
    text: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn claims(State(s): St, Q(q): Q<ClaimQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = Paging { limit: q.limit, offset: q.offset }.get()?;
    let f = ClaimFilter {
        doc: non_empty(q.doc),
        stance: parse_enum::<Stance>("stance", q.stance.as_deref())?,
        claimant: non_empty(q.claimant),
        text: non_empty(q.text),
        limit,
        offset,
    };
    let items = read(&s, move |st| Ok(st.claims(&f)?)).await?;
    Ok(listing(items, limit, offset))
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn search(State(s): St, Q(q): Q<SearchQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, _) = Paging { limit: q.limit, offset: None }.get()?;
    let text = q.q.unwrap_or_default();
    if text.len() > 1000 {
        return Err(ApiError::bad("the query is longer than 1000 bytes"));
    }
    let items = read(&s, move |st| Ok(st.search(&text, limit)?)).await?;
    Ok(listing(items, limit, 0))
}

#[derive(Debug, Deserialize)]
struct TimelineQuery {
    actor: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    since: Option<String>,
    until: Option<String>,
    bucket: Option<String>,
}

async fn timeline(State(s): St, Q(q): Q<TimelineQuery>) -> Result<Json<Value>, ApiError> {
    let event_type = parse_enum::<EventType>("event type", q.event_type.as_deref())?;
    let f = TimelineFilter {
        actor: non_empty(q.actor),
        event_type: event_type.map(|t| code(&t)),
        since: non_empty(q.since),
        until: non_empty(q.until),
        bucket: non_empty(q.bucket),
    };
    let items = read(&s, move |st| Ok(st.timeline(&f)?)).await?;
    Ok(Json(json!({ "items": items })))
}

fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

/// One actor: who it is, its events as actor and as target, the claims it made, and the
/// actors it interacts with.
async fn actor(State(s): St, Path(key): Path<String>, Q(p): Q<Paging>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = p.get()?;
    let page = read(&s, move |st| {
        let events = st.actor_events(&key, limit, offset)?;
        // Who it is: the aggregated entity with this kb id, else this exact name.
        let found =
            st.entities(&EntityFilter { name: Some(key.clone()), limit: 200, ..EntityFilter::default() })?;
        let entity = found
            .iter()
            .find(|e| e.kb_id.as_deref() == Some(key.as_str()))
            .or_else(|| found.iter().find(|e| e.kb_id.is_none() && e.name == key))
            .cloned();
        let Some(entity) = entity else {
            return Err(ApiError::not_found(format!("no actor {key:?}")));
        };
        // Claims it made: the claimant filter matches names; keep those that resolve to it.
        let made = st.claims(&ClaimFilter {
            claimant: Some(entity.name.clone()),
            limit: 500,
            ..ClaimFilter::default()
        })?;
        let made: Vec<ClaimRow> = made
            .into_iter()
            .filter(|c| match &entity.kb_id {
                Some(kb) => c.claimant_kb_id.as_deref() == Some(kb.as_str()),
                None => {
                    c.claimant_entity.as_deref() == Some(entity.name.as_str()) || c.claimant == entity.name
                }
            })
            .collect();
        Ok((entity, events, made))
    })
    .await?;
    let (entity, events, made) = page;
    // The network: every other party of its events, with counts per direction.
    let mut links: BTreeMap<(String, Option<String>), (u64, u64)> = BTreeMap::new();
    for e in &events {
        let (other, other_kb) = match e.role {
            Role::Actor => (&e.event.target, &e.event.target_kb_id),
            Role::Target => (&e.event.actor, &e.event.actor_kb_id),
        };
        if let Some(name) = other {
            let slot = links.entry((name.clone(), other_kb.clone())).or_default();
            match e.role {
                Role::Actor => slot.0 += 1,
                Role::Target => slot.1 += 1,
            }
        }
    }
    let network: Vec<Value> = links
        .into_iter()
        .map(|((name, kb_id), (to, from))| {
            json!({ "name": name, "kb_id": kb_id, "key": kb_id.clone().unwrap_or_else(|| name.clone()),
                    "as_target": to, "as_actor": from })
        })
        .collect();
    let mut by_stance: HashMap<String, u64> = HashMap::new();
    for c in &made {
        *by_stance.entry(code(&c.stance)).or_default() += 1;
    }
    Ok(Json(json!({
        "entity": entity,
        "events": events,
        "claims": made,
        "claims_by_stance": by_stance,
        "network": network,
        "limit": limit,
        "offset": offset,
    })))
}

#[derive(Debug, Deserialize)]
struct EvidenceQuery {
    q: Option<String>,
    limit: Option<usize>,
}

/// Claims relevant to a question: claims by a claimant of that name, then claims in the
/// best full-text matches whose own text mentions a query term.
async fn evidence(State(s): St, Q(q): Q<EvidenceQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, _) = Paging { limit: q.limit, offset: None }.get()?;
    let text = q.q.unwrap_or_default();
    if text.trim().is_empty() || text.len() > 1000 {
        return Err(ApiError::bad("q must be 1 to 1000 bytes"));
    }
    let items = read(&s, move |st| {
        let terms: Vec<String> = text
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|t| t.chars().count() >= 3)
            .collect();
        let mut out: Vec<ClaimRow> = Vec::new();
        let push = |c: ClaimRow, out: &mut Vec<ClaimRow>| {
            if !out.iter().any(|o| o.doc_id == c.doc_id && o.id == c.id) {
                out.push(c);
            }
        };
        for c in
            st.claims(&ClaimFilter { claimant: Some(text.trim().to_string()), limit, ..Default::default() })?
        {
            push(c, &mut out);
        }
        // All terms first; when no document has them all, each term alone, so a question
        // still finds documents that answer part of it.
        let mut hits = st.search(&text, 25)?;
        if hits.is_empty() && terms.len() > 1 {
            for t in &terms {
                hits.extend(st.search(t, 10)?);
            }
        }
        for h in hits {
            if out.len() >= limit {
                break;
            }
            for c in
                st.claims(&ClaimFilter { doc: Some(h.doc_id.clone()), limit: 200, ..Default::default() })?
            {
                let said = c.evidence.iter().map(|e| e.text.to_lowercase()).collect::<Vec<_>>().join(" ");
                let who = c.claimant.to_lowercase();
                if terms.is_empty() || terms.iter().any(|t| said.contains(t) || who.contains(t)) {
                    push(c, &mut out);
                }
            }
        }
        out.truncate(limit);
        Ok(out)
    })
    .await?;
    Ok(listing(items, limit, 0))
}

async fn boards(State(s): St) -> Result<Json<Value>, ApiError> {
    let items = read(&s, |st| Ok(st.boards()?)).await?;
    Ok(Json(json!({ "items": items })))
}

async fn create_board(State(s): St, J(b): J<BoardInput>) -> Result<Response, ApiError> {
    let saved = write(&s, move |st| Ok(st.save_board(None, &b)?)).await?;
    let saved =
        saved.ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the new board vanished"))?;
    let id = saved.id;
    let body = scored_board(&s, saved).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/boards/{id}"))], Json(body)).into_response())
}

async fn board(State(s): St, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let b = read(&s, move |st| st.board(id)?.ok_or_else(|| ApiError::not_found(format!("no board {id}"))))
        .await?;
    Ok(Json(scored_board(&s, b).await?))
}

async fn save_board(State(s): St, Path(id): Path<i64>, J(b): J<BoardInput>) -> Result<Json<Value>, ApiError> {
    let saved = write(&s, move |st| {
        st.save_board(Some(id), &b)?.ok_or_else(|| ApiError::not_found(format!("no board {id}")))
    })
    .await?;
    Ok(Json(scored_board(&s, saved).await?))
}

async fn delete_board(State(s): St, Path(id): Path<i64>) -> Result<StatusCode, ApiError> {
    let gone = write(&s, move |st| Ok(st.delete_board(id)?)).await?;
    if gone { Ok(StatusCode::NO_CONTENT) } else { Err(ApiError::not_found(format!("no board {id}"))) }
}

/// A board with its evidence's claims and Heuer's scores: for each hypothesis the weighted
/// count of inconsistent evidence (lower is better), where a piece weighs its credibility,
/// halved when the claim is hedged.
async fn scored_board(s: &Arc<AppState>, b: claimgraph_store::workspace::Board) -> Result<Value, ApiError> {
    let keys: Vec<(String, String)> =
        b.content.evidence.iter().map(|e| (e.doc_id.clone(), e.claim_id.clone())).collect();
    let claims: Vec<Option<ClaimRow>> = read(s, move |st| {
        let mut per_doc: HashMap<String, Vec<ClaimRow>> = HashMap::new();
        let mut out = Vec::with_capacity(keys.len());
        for (doc, claim) in keys {
            if !per_doc.contains_key(&doc) {
                let rows = match st.claims(&ClaimFilter {
                    doc: Some(doc.clone()),
                    limit: 10_000,
                    ..Default::default()
                }) {
                    Ok(rows) => rows,
                    Err(StoreError::NotFound(_)) => Vec::new(),
                    Err(e) => return Err(e.into()),
                };
                per_doc.insert(doc.clone(), rows);
            }
            out.push(per_doc[&doc].iter().find(|c| c.id == claim).cloned());
        }
        Ok(out)
    })
    .await?;
    let h = b.content.hypotheses.len();
    let mut inconsistency = vec![0.0f64; h];
    let mut counts = vec![(0u32, 0u32, 0u32); h];
    for r in &b.content.ratings {
        let ev = &b.content.evidence[r.evidence];
        let hedged = claims[r.evidence].as_ref().is_some_and(|c| c.hedged);
        let weight = ev.credibility * if hedged { 0.5 } else { 1.0 };
        let c = &mut counts[r.hypothesis];
        match r.rating {
            Rating::Consistent => c.0 += 1,
            Rating::Inconsistent => {
                c.1 += 1;
                inconsistency[r.hypothesis] += weight;
            }
            Rating::Neutral => c.2 += 1,
        }
    }
    // Rank 1 is the hypothesis with the least weighted inconsistency (ties share a rank).
    let scores: Vec<Value> = (0..h)
        .map(|i| {
            let rank = 1 + inconsistency.iter().filter(|&&o| o < inconsistency[i] - 1e-9).count();
            json!({
                "hypothesis": i,
                "inconsistency": (inconsistency[i] * 1000.0).round() / 1000.0,
                "consistent": counts[i].0,
                "inconsistent": counts[i].1,
                "neutral": counts[i].2,
                "rank": rank,
            })
        })
        .collect();
    let mut v = json!(b);
    v["claims"] = json!(claims);
    v["scores"] = json!(scores);
    Ok(v)
}
