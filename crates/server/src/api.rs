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
    ClaimFilter, ClaimRow, EntityFilter, EventFilter, IncidentFilter, Page, PutOutcome, StoreError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{AppState, BodyFormat, ServerStore};

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
        .route("/documents/{id}/incidents", get(document_incidents))
        .route("/incidents", get(incidents))
        .route("/incidents/{id}", get(incident))
        .route("/grades/claims", get(claim_grade).put(put_claim_grade))
        .route("/grades/sources", get(source_grades).put(put_source_grade))
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
            StoreError::InvalidBoard(_)
            | StoreError::InvalidGrade(_)
            | StoreError::InvalidExtraction { .. }
            | StoreError::Span { .. } => StatusCode::UNPROCESSABLE_ENTITY,
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
    f: impl FnOnce(&dyn ServerStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&**state.pool.read()))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("store task failed: {e}")))?
}

/// Runs a store call on the write connection, on the blocking pool.
async fn write<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&mut dyn ServerStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&mut **state.pool.write()))
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
    let merger = s.merger;
    let (outcome, merged) = write(&s, move |st| {
        let outcome = st.put_extraction(&x, "http", replace)?;
        // Merged right after it is stored, as `claimgraph ingest` does; a document stored
        // earlier is merged only if that was not done.
        let merged = match merger {
            Some(m) if outcome != PutOutcome::Unchanged || !st.is_merged(&x.document.id)? => {
                Some(m.merge(st, &x).map_err(|e| e.to_string()))
            }
            _ => None,
        };
        Ok((outcome, merged))
    })
    .await?;
    let status = if outcome == PutOutcome::Inserted { StatusCode::CREATED } else { StatusCode::OK };
    let mut body = summary;
    body["outcome"] = json!(outcome);
    match merged {
        Some(Ok(m)) => body["merge"] = json!(m),
        // Stored all the same: `claimgraph merge` retries.
        Some(Err(e)) => body["merge_error"] = json!(e),
        None => {}
    }
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
        // Who it is: the actor with this kb id, else the one named exactly this.
        let entity =
            st.actor_entity(&key)?.ok_or_else(|| ApiError::not_found(format!("no actor {key:?}")))?;
        let key = entity.kb_id.clone().unwrap_or_else(|| entity.name.clone());
        let events = st.actor_involvement(&key, limit, offset)?;
        // Claims it made: in the documents where it (or a source of its name) is a claimant.
        let mut made = Vec::new();
        for doc in st.actor_claim_documents(&key, &entity.name, 200)? {
            let rows = st.claims(&ClaimFilter { doc: Some(doc), limit: 10_000, ..ClaimFilter::default() })?;
            made.extend(rows.into_iter().filter(|c| match &entity.kb_id {
                Some(kb) => c.claimant_kb_id.as_deref() == Some(kb.as_str()) || c.claimant == entity.name,
                None => {
                    c.claimant_entity.as_deref() == Some(entity.name.as_str()) || c.claimant == entity.name
                }
            }));
        }
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

/// The weight of an analyst's claim credibility grade (Admiralty 1 confirmed .. 5
/// improbable; 6, cannot be judged, and no grade weigh as an unjudged claim).
fn grade_weight(grade: Option<u8>) -> f64 {
    match grade {
        Some(1) => 1.0,
        Some(2) => 0.85,
        Some(3) => 0.7,
        Some(4) => 0.45,
        Some(5) => 0.2,
        _ => 1.0,
    }
}

/// A board with its evidence's claims and Heuer's scores: for each hypothesis the weighted
/// count of inconsistent evidence (lower is better), where a piece weighs the analyst's
/// board credibility, times the weight of the claim's credibility grade when one was given,
/// halved when the claim is hedged.
async fn scored_board(s: &Arc<AppState>, b: claimgraph_store::workspace::Board) -> Result<Value, ApiError> {
    let keys: Vec<(String, String)> =
        b.content.evidence.iter().map(|e| (e.doc_id.clone(), e.claim_id.clone())).collect();
    let found: Vec<(Option<ClaimRow>, Option<u8>)> = read(s, move |st| {
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
            let grade = st.claim_grade(&doc, &claim)?;
            out.push((per_doc[&doc].iter().find(|c| c.id == claim).cloned(), grade));
        }
        Ok(out)
    })
    .await?;
    let (claims, grades): (Vec<Option<ClaimRow>>, Vec<Option<u8>>) = found.into_iter().unzip();
    let h = b.content.hypotheses.len();
    let mut inconsistency = vec![0.0f64; h];
    let mut counts = vec![(0u32, 0u32, 0u32); h];
    for r in &b.content.ratings {
        let ev = &b.content.evidence[r.evidence];
        let hedged = claims[r.evidence].as_ref().is_some_and(|c| c.hedged);
        let weight = ev.credibility * if hedged { 0.5 } else { 1.0 } * grade_weight(grades[r.evidence]);
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
    v["grades"] = json!(grades);
    v["scores"] = json!(scores);
    Ok(v)
}

// ---- incidents and grades --------------------------------------------------------------------

fn merge_error(e: claimgraph_merge::MergeError) -> ApiError {
    match e {
        claimgraph_merge::MergeError::Store(s) => s.into(),
        other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

#[derive(Debug, Deserialize)]
struct IncidentQuery {
    actor: Option<String>,
    place: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Incidents (the `claimgraph incidents --json` records), earliest first.
async fn incidents(State(s): St, Q(q): Q<IncidentQuery>) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = Paging { limit: q.limit, offset: q.offset }.get()?;
    let event_type = parse_enum::<EventType>("event type", q.event_type.as_deref())?;
    let f = IncidentFilter {
        actor: non_empty(q.actor),
        place: non_empty(q.place),
        event_type: event_type.map(|t| code(&t)),
        since: non_empty(q.since),
        until: non_empty(q.until),
        limit,
        offset,
    };
    let items = read(&s, move |st| {
        let mut out = Vec::new();
        for id in st.incident_ids(&f)? {
            if let Some(i) = claimgraph_merge::incident(st, &id).map_err(merge_error)? {
                out.push(i);
            }
        }
        Ok(out)
    })
    .await?;
    Ok(listing(items, limit, offset))
}

/// One incident: every report's version of every attribute, the claims, a timeline.
async fn incident(State(s): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let detail = read(&s, move |st| {
        let full =
            st.resolve_incident(&id)?.ok_or_else(|| ApiError::not_found(format!("no incident {id:?}")))?;
        claimgraph_merge::incident_detail(st, &full)
            .map_err(merge_error)?
            .ok_or_else(|| ApiError::not_found(format!("no incident {id:?}")))
    })
    .await?;
    Ok(Json(json!(detail)))
}

/// The incident of each merged event of a document: `{"V1": "a1b2...", ...}`.
async fn document_incidents(State(s): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let map = read(&s, move |st| {
        let x = st.extraction(&id)?.ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
        let mut map = BTreeMap::new();
        for v in &x.events {
            if let Some(i) = st.incident_of(&x.document.id, &v.id)? {
                map.insert(v.id.clone(), i);
            }
        }
        Ok(map)
    })
    .await?;
    Ok(Json(json!(map)))
}

#[derive(Debug, Deserialize)]
struct ClaimKey {
    doc_id: String,
    claim_id: String,
}

async fn claim_grade(State(s): St, Q(k): Q<ClaimKey>) -> Result<Json<Value>, ApiError> {
    let grade = read(&s, move |st| Ok(st.claim_grade(&k.doc_id, &k.claim_id)?)).await?;
    Ok(Json(json!({ "grade": grade })))
}

#[derive(Debug, Deserialize)]
struct ClaimGrade {
    doc_id: String,
    claim_id: String,
    /// Credibility 1 (confirmed) to 6 (cannot be judged).
    grade: u8,
}

/// Records an analyst's credibility grade of a claim.
async fn put_claim_grade(State(s): St, J(g): J<ClaimGrade>) -> Result<Json<Value>, ApiError> {
    let back = json!({ "doc_id": g.doc_id, "claim_id": g.claim_id, "grade": g.grade });
    write(&s, move |st| Ok(st.set_claim_grade(&g.doc_id, &g.claim_id, g.grade)?)).await?;
    Ok(Json(back))
}

async fn source_grades(State(s): St) -> Result<Json<Value>, ApiError> {
    let items = read(&s, |st| Ok(st.source_grades()?)).await?;
    Ok(Json(json!({ "items": items })))
}

#[derive(Debug, Deserialize)]
struct SourceGradeIn {
    source: String,
    /// Admiralty reliability `A` to `F`.
    grade: String,
}

/// Records an analyst's reliability grade of a source (publisher or claimant).
async fn put_source_grade(State(s): St, J(g): J<SourceGradeIn>) -> Result<Json<Value>, ApiError> {
    let mut chars = g.grade.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "grade must be one letter, A to F"));
    };
    if g.source.trim().is_empty() || g.source.len() > 200 {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "source must be 1 to 200 bytes"));
    }
    let back = json!({ "source": g.source, "grade": g.grade });
    write(&s, move |st| Ok(st.set_source_grade(&g.source, c)?)).await?;
    Ok(Json(back))
}
