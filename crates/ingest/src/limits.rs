//! Size limits and bounded reads, so no input can make memory grow past
//! [`ReadOptions::max_bytes`](crate::ReadOptions::max_bytes).

use std::io::{self, BufRead, Read};

use crate::ReadOptions;
use crate::error::ErrorKind;

/// Fails with [`ErrorKind::TooLarge`] when `size` exceeds the limit.
pub(crate) fn check_size(size: u64, opts: &ReadOptions) -> Result<(), ErrorKind> {
    if size > opts.max_bytes {
        return Err(ErrorKind::TooLarge { size, limit: opts.max_bytes });
    }
    Ok(())
}

/// Reads `reader` to its end, or fails with [`ErrorKind::TooLarge`] as soon as more than the
/// limit has been read (the reported size is then a lower bound).
pub(crate) fn read_bounded(reader: impl Read, opts: &ReadOptions) -> Result<Vec<u8>, ErrorKind> {
    let mut buf = Vec::new();
    reader.take(opts.max_bytes.saturating_add(1)).read_to_end(&mut buf)?;
    check_size(buf.len() as u64, opts)?;
    Ok(buf)
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// End of input: nothing was read.
    Eof,
    /// A line (without its `\n`) is in the buffer.
    Line,
    /// The line was longer than the limit; it was consumed but not kept. Holds its length.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes of it: a longer
/// line is consumed up to its end without being stored.
pub(crate) fn read_line_bounded(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<LineRead> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let avail = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        let content = if done { take - 1 } else { take };
        if len + content as u64 <= limit {
            buf.extend_from_slice(&avail[..content]);
        }
        len += content as u64;
        reader.consume(take);
        if done {
            break;
        }
    }
    if !any {
        return Ok(LineRead::Eof);
    }
    if len > limit {
        buf.clear();
        return Ok(LineRead::TooLong(len));
    }
    Ok(LineRead::Line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\nlong line here\n\nlast"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5).unwrap(), LineRead::Line);
        assert_eq!(buf, b"ab");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5).unwrap(), LineRead::TooLong(14));
        assert!(buf.is_empty());
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5).unwrap(), LineRead::Line);
        assert!(buf.is_empty());
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5).unwrap(), LineRead::Line);
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5).unwrap(), LineRead::Eof);
    }

    #[test]
    fn bounded_read() {
        let opts = ReadOptions { max_bytes: 3, ..ReadOptions::default() };
        assert_eq!(read_bounded(&b"abc"[..], &opts).unwrap(), b"abc");
        assert!(matches!(
            read_bounded(&b"abcdef"[..], &opts),
            Err(ErrorKind::TooLarge { size: 4, limit: 3 })
        ));
    }
}
