//! Streaming command-line inputs: files, directories and `-` (standard input).

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::error::{ErrorKind, IngestError, Result};
use crate::format::{Format, SNIFF_BYTES, format_from_extension, sniff};
use crate::jsonl::read_jsonl;
use crate::limits::{check_size, read_bounded};
use crate::walk::{Entry, Walk};
use crate::{Loaded, ReadOptions, read_html, read_text_bytes};

/// Counts kept while [`Inputs`] runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents read.
    pub documents: usize,
    /// Errors reported (each one an `Err` item).
    pub errors: usize,
    /// Files a directory walk passed over: unknown extension, hidden, or not a regular file.
    pub skipped_files: usize,
}

type DocIter = Box<dyn Iterator<Item = Result<Loaded>> + Send>;

/// The stream of documents from command-line inputs; see [`read_inputs`].
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    opts: ReadOptions,
    walk: Option<Walk>,
    records: Option<DocIter>,
    stdin: Option<Box<dyn Read + Send>>,
    stats: Stats,
}

/// Streams the documents of `inputs`, in order.
///
/// * a directory is walked recursively in sorted order ([`crate::walk`]); files are read by
///   extension (`.txt .text .md`, `.html .htm .xhtml`, `.jsonl .ndjson`), others are counted
///   in [`Stats::skipped_files`];
/// * a file named explicitly is read by extension, or sniffed when the extension is unknown;
/// * `-` is standard input, sniffed (JSON Lines on stdin is streamed line by line).
///
/// A file larger than [`ReadOptions::max_bytes`] is rejected before it is read; stdin stops
/// at the limit. Every failure is an `Err` item naming the input, and the stream goes on.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Inputs {
    Inputs {
        pending: inputs.iter().cloned().collect(),
        opts: opts.clone(),
        walk: None,
        records: None,
        stdin: None,
        stats: Stats::default(),
    }
}

impl Inputs {
    /// Uses `reader` instead of the process's standard input for `-` (embedding, tests).
    pub fn with_stdin(mut self, reader: Box<dyn Read + Send>) -> Self {
        self.stdin = Some(reader);
        self
    }

    /// Counts so far (complete once the iterator is exhausted).
    pub fn stats(&self) -> Stats {
        self.stats
    }

    fn next_item(&mut self) -> Option<Result<Loaded>> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(Entry::File(path))) => match format_from_extension(&path) {
                        Some(format) => match self.open_file(&path, Some(format)) {
                            Some(item) => return Some(item),
                            None => continue,
                        },
                        None => self.stats.skipped_files += 1,
                    },
                    Some(Ok(Entry::Skipped(_))) => self.stats.skipped_files += 1,
                    Some(Err((path, e))) => return Some(Err(io_error(&path, e))),
                    None => self.walk = None,
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                match self.open_stdin() {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            match fs::metadata(&path) {
                Err(e) => return Some(Err(io_error(&path, e))),
                Ok(m) if m.is_dir() => self.walk = Some(Walk::new(&path)),
                Ok(_) => {
                    if let Some(item) = self.open_file(&path, None) {
                        return Some(item);
                    }
                }
            }
        }
    }

    /// Reads a file: returns its document, or starts streaming its records (JSON Lines)
    /// and returns `None`.
    fn open_file(&mut self, path: &Path, format: Option<Format>) -> Option<Result<Loaded>> {
        let name = path.display().to_string();
        let format = format.or_else(|| format_from_extension(path));
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(Err(io_error(path, e))),
        };
        if format == Some(Format::Jsonl) {
            self.records = Some(Box::new(read_jsonl(BufReader::new(file), &name, self.opts.clone())));
            return None;
        }
        let size = match file.metadata() {
            Ok(m) => m.len(),
            Err(e) => return Some(Err(io_error(path, e))),
        };
        if let Err(k) = check_size(size, &self.opts) {
            return Some(Err(IngestError::new(name, k)));
        }
        let bytes = match read_bounded(file, &self.opts) {
            Ok(b) => b,
            Err(k) => return Some(Err(IngestError::new(name, k))),
        };
        self.read_in_memory(bytes, format, name)
    }

    fn open_stdin(&mut self) -> Option<Result<Loaded>> {
        let mut reader: Box<dyn Read + Send> = self.stdin.take().unwrap_or_else(|| Box::new(io::stdin()));
        let head = match read_head(&mut reader) {
            Ok(head) => head,
            Err(e) => return Some(Err(IngestError::new("-", ErrorKind::Io(e)))),
        };
        let stream = Cursor::new(head).chain(reader);
        if sniff(stream.get_ref().0.get_ref()) == Format::Jsonl {
            self.records = Some(Box::new(read_jsonl(BufReader::new(stream), "-", self.opts.clone())));
            return None;
        }
        match read_bounded(stream, &self.opts) {
            Ok(bytes) => self.read_in_memory(bytes, None, "-".to_string()),
            Err(k) => Some(Err(IngestError::new("-", k))),
        }
    }

    fn read_in_memory(
        &mut self,
        bytes: Vec<u8>,
        format: Option<Format>,
        name: String,
    ) -> Option<Result<Loaded>> {
        match format.unwrap_or_else(|| sniff(&bytes)) {
            Format::Text => Some(read_text_bytes(&bytes, &name, &self.opts)),
            Format::Html => Some(read_html(&bytes, &name, &self.opts)),
            Format::Jsonl => {
                self.records = Some(Box::new(read_jsonl(Cursor::new(bytes), &name, self.opts.clone())));
                None
            }
        }
    }
}

/// The first bytes of standard input, enough to [`sniff`] it: up to [`SNIFF_BYTES`], but no
/// more than what has arrived once a `{` opens it (JSON Lines, streamed: a pipe that sends
/// one record and waits must not wait for a kilobyte first).
fn read_head(reader: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let mut buf = [0u8; SNIFF_BYTES];
    while head.len() < SNIFF_BYTES {
        let n = match reader.read(&mut buf[..SNIFF_BYTES - head.len()]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&buf[..n]);
        if sniff(&head) == Format::Jsonl {
            break;
        }
    }
    Ok(head)
}

fn io_error(path: &Path, e: io::Error) -> IngestError {
    IngestError::new(path.display().to_string(), ErrorKind::Io(e))
}

impl Iterator for Inputs {
    type Item = Result<Loaded>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_item()?;
        match &item {
            Ok(_) => self.stats.documents += 1,
            Err(_) => self.stats.errors += 1,
        }
        Some(item)
    }
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_can_move_to_another_thread() {
        fn send<T: Send>(_: &T) {}
        send(&read_inputs(&[], &ReadOptions::default()));
    }

    /// Gives its chunks one read at a time, and fails the test when read past them (as a
    /// pipe whose writer waits would block).
    struct Chunks(Vec<&'static [u8]>);

    impl std::io::Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            assert!(!self.0.is_empty(), "read past what the pipe has sent");
            let c = self.0.remove(0);
            buf[..c.len()].copy_from_slice(c);
            Ok(c.len())
        }
    }

    #[test]
    fn standard_input_head_stops_at_a_json_record() {
        let head = read_head(&mut Chunks(vec![b"  ", b"{\"text\": \"a\"}\n"])).unwrap();
        assert_eq!(head, b"  {\"text\": \"a\"}\n");
        // Text and HTML are read whole anyway: the head takes a kilobyte or all there is.
        let mut text = Chunks(vec![b"Kabul, Monday. ", b"More.", b""]);
        assert_eq!(read_head(&mut text).unwrap(), b"Kabul, Monday. More.");
    }
}
