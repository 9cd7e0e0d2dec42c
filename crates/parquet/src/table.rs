//! One Parquet table: its schema, the rows buffered for the next row group, and the file
//! of the current partition.

use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::{ParquetError, Result};

/// Column kinds: `s`/`S` text (not null / nullable), `i`/`I` 64-bit integer, `F` double,
/// `B` boolean, `L` list of text.
type Spec = &'static [(&'static str, char)];

const DOCUMENTS: Spec = &[
    ("doc_id", 's'),
    ("published", 'S'),
    ("title", 'S'),
    ("url", 'S'),
    ("publisher", 'S'),
    ("language", 'S'),
    ("chars", 'i'),
    ("text", 's'),
    ("producer", 'S'),
    ("producer_version", 'S'),
    ("parser", 'S'),
    ("beam", 'I'),
    ("producer_models", 'S'),
    ("producer_rules", 'S'),
];

const ENTITIES: Spec = &[
    ("doc_id", 's'),
    ("entity_id", 's'),
    ("name", 's'),
    ("type", 's'),
    ("kind", 'S'),
    ("country", 'S'),
    ("kb_id", 'S'),
    ("aliases", 'L'),
];

const MENTIONS: Spec =
    &[("doc_id", 's'), ("entity_id", 's'), ("ord", 'i'), ("start", 'i'), ("end", 'i'), ("text", 's')];

const EVENTS: Spec = &[
    ("doc_id", 's'),
    ("published", 'S'),
    ("event_id", 's'),
    ("type", 's'),
    ("mode", 'S'),
    ("cameo", 'S'),
    ("actor_id", 'S'),
    ("actor", 'S'),
    ("actor_kb_id", 'S'),
    ("target_id", 'S'),
    ("target", 'S'),
    ("target_kb_id", 'S'),
    ("date_start", 'S'),
    ("date_end", 'S'),
    ("date_precision", 'S'),
    ("location", 'S'),
    ("country", 'S'),
    ("lat", 'F'),
    ("lon", 'F'),
    ("geonames_id", 'I'),
    ("fatalities_min", 'I'),
    ("fatalities_max", 'I'),
    ("injuries_min", 'I'),
    ("injuries_max", 'I'),
    ("status", 's'),
    ("evidence_start", 'I'),
    ("evidence_end", 'I'),
    ("evidence", 'L'),
];

const CLAIMS: Spec = &[
    ("doc_id", 's'),
    ("published", 'S'),
    ("claim_id", 's'),
    ("claimant", 's'),
    ("claimant_entity_id", 'S'),
    ("claimant_entity", 'S'),
    ("claimant_kb_id", 'S'),
    ("claimant_kind", 's'),
    ("claimant_count", 'I'),
    ("stance", 's'),
    ("hedged", 'B'),
    ("via", 'S'),
    ("evidence_start", 'I'),
    ("evidence_end", 'I'),
    ("evidence", 'L'),
];

const CLAIM_LINKS: Spec =
    &[("doc_id", 's'), ("claim_id", 's'), ("ord", 'i'), ("event_id", 's'), ("stance", 's')];

const INCIDENTS: Spec = &[
    ("incident", 's'),
    ("doc_id", 's'),
    ("event_id", 's'),
    ("published", 'S'),
    ("type", 's'),
    ("actor", 'S'),
    ("actor_kb_id", 'S'),
    ("target", 'S'),
    ("target_kb_id", 'S'),
    ("date_start", 'S'),
    ("date_end", 'S'),
    ("location", 'S'),
    ("country", 'S'),
    ("fatalities_min", 'I'),
    ("fatalities_max", 'I'),
    ("title", 'S'),
    ("publisher", 'S'),
    ("url", 'S'),
    ("dup_group", 's'),
];

fn spec(table: &str) -> Spec {
    match table {
        "documents" => DOCUMENTS,
        "entities" => ENTITIES,
        "mentions" => MENTIONS,
        "events" => EVENTS,
        "claims" => CLAIMS,
        "claim_links" => CLAIM_LINKS,
        "incidents" => INCIDENTS,
        other => unreachable!("no table {other}"),
    }
}

fn item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

/// The Arrow schema of one of the export's tables (see `docs/parquet.md`).
pub fn schema(table: &str) -> SchemaRef {
    let fields: Vec<Field> = spec(table)
        .iter()
        .map(|&(name, kind)| match kind {
            's' => Field::new(name, DataType::Utf8, false),
            'S' => Field::new(name, DataType::Utf8, true),
            'i' => Field::new(name, DataType::Int64, false),
            'I' => Field::new(name, DataType::Int64, true),
            'F' => Field::new(name, DataType::Float64, true),
            'B' => Field::new(name, DataType::Boolean, true),
            'L' => Field::new(name, DataType::List(item()), false),
            other => unreachable!("column kind {other}"),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// One value of a row, in schema order.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Text.
    S(Option<String>),
    /// Integer.
    I(Option<i64>),
    /// Double.
    F(Option<f64>),
    /// Boolean.
    B(Option<bool>),
    /// List of text.
    L(Vec<String>),
}

impl Val {
    pub fn s(v: &str) -> Val {
        Val::S(Some(v.to_string()))
    }
    pub fn opt(v: Option<&str>) -> Val {
        Val::S(v.map(str::to_string))
    }
    pub fn i(v: i64) -> Val {
        Val::I(Some(v))
    }
}

/// Buffered values of one column.
enum Col {
    S(Vec<Option<String>>),
    I(Vec<Option<i64>>),
    F(Vec<Option<f64>>),
    B(Vec<Option<bool>>),
    L(Vec<Vec<String>>),
}

impl Col {
    fn for_type(t: &DataType) -> Col {
        match t {
            DataType::Utf8 => Col::S(Vec::new()),
            DataType::Int64 => Col::I(Vec::new()),
            DataType::Float64 => Col::F(Vec::new()),
            DataType::Boolean => Col::B(Vec::new()),
            _ => Col::L(Vec::new()),
        }
    }

    fn push(&mut self, v: Val) -> bool {
        match (self, v) {
            (Col::S(c), Val::S(v)) => c.push(v),
            (Col::I(c), Val::I(v)) => c.push(v),
            (Col::F(c), Val::F(v)) => c.push(v),
            (Col::B(c), Val::B(v)) => c.push(v),
            (Col::L(c), Val::L(v)) => c.push(v),
            _ => return false,
        }
        true
    }

    /// The buffered values as an array; the buffer is emptied.
    fn take(&mut self) -> ArrayRef {
        match self {
            Col::S(c) => Arc::new(StringArray::from(std::mem::take(c))),
            Col::I(c) => Arc::new(Int64Array::from(std::mem::take(c))),
            Col::F(c) => Arc::new(Float64Array::from(std::mem::take(c))),
            Col::B(c) => Arc::new(BooleanArray::from(std::mem::take(c))),
            Col::L(c) => {
                let mut b = ListBuilder::new(StringBuilder::new()).with_field(item());
                for row in std::mem::take(c) {
                    for v in row {
                        b.values().append_value(v);
                    }
                    b.append(true);
                }
                Arc::new(b.finish())
            }
        }
    }
}

/// A table being written: rows buffer until a row group is full, then go to the file of
/// the current partition (created on first write).
pub struct Table {
    schema: SchemaRef,
    dir: PathBuf,
    row_group_rows: usize,
    cols: Vec<Col>,
    buffered: usize,
    partition: Option<String>,
    writer: Option<ArrowWriter<File>>,
    rows: u64,
    files: usize,
}

impl Table {
    pub fn new(schema: SchemaRef, dir: PathBuf, row_group_rows: usize) -> Self {
        let cols = schema.fields().iter().map(|f| Col::for_type(f.data_type())).collect();
        Table {
            schema,
            dir,
            row_group_rows: row_group_rows.max(1),
            cols,
            buffered: 0,
            partition: None,
            writer: None,
            rows: 0,
            files: 0,
        }
    }

    /// Where the next rows go: `dir/partition/part-0.parquet`, or `dir/part-0.parquet`.
    pub fn set_partition(&mut self, partition: Option<&str>) {
        self.partition = partition.map(str::to_string);
    }

    /// Appends one row (values in schema order).
    pub fn push(&mut self, row: Vec<Val>) -> Result<()> {
        debug_assert_eq!(row.len(), self.cols.len(), "row width of {}", self.dir.display());
        for (col, v) in self.cols.iter_mut().zip(row) {
            let ok = col.push(v);
            debug_assert!(ok, "value type in {}", self.dir.display());
        }
        self.buffered += 1;
        if self.buffered >= self.row_group_rows {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffered == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.cols.iter_mut().map(Col::take).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.rows += self.buffered as u64;
        self.buffered = 0;
        self.writer()?.write(&batch)?;
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut ArrowWriter<File>> {
        if self.writer.is_none() {
            let dir = match &self.partition {
                Some(p) => self.dir.join(p),
                None => self.dir.clone(),
            };
            fs::create_dir_all(&dir).map_err(|e| ParquetError::io(&dir, e))?;
            let path = dir.join("part-0.parquet");
            let file = File::create(&path).map_err(|e| ParquetError::io(&path, e))?;
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(self.row_group_rows))
                .set_created_by(format!("claimgraph {}", env!("CARGO_PKG_VERSION")))
                .build();
            self.writer = Some(ArrowWriter::try_new(file, self.schema.clone(), Some(props))?);
            self.files += 1;
        }
        // Just filled in above.
        Ok(self.writer.as_mut().expect("writer"))
    }

    /// Writes what is buffered and closes the current file.
    pub fn close(&mut self) -> Result<()> {
        self.flush()?;
        if let Some(w) = self.writer.take() {
            w.close()?;
        }
        Ok(())
    }

    /// Closes the table; when it never got a row, writes one empty file (in `partition`).
    pub fn finish(&mut self, partition: Option<&str>) -> Result<()> {
        self.close()?;
        if self.files == 0 {
            self.set_partition(partition);
            self.writer()?;
            self.close()?;
        }
        Ok(())
    }

    pub fn rows_written(&self) -> u64 {
        self.rows
    }

    pub fn files_written(&self) -> usize {
        self.files
    }
}
