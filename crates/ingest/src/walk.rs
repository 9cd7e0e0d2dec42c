//! A lazy, recursive, sorted directory walk.
//!
//! Only one directory listing per level is held at a time, so memory grows with depth and
//! directory width, never with the size of the tree. Entries are visited in byte order of
//! their names. Hidden entries (names starting with `.`) and symbolic links to directories
//! are not entered (this also rules out link cycles); symbolic links to files are followed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One thing found by a [`Walk`].
#[derive(Debug)]
pub enum Entry {
    /// A regular file (or a link to one) to consider.
    File(PathBuf),
    /// A file or directory that the walk does not enter: hidden, a link to a directory,
    /// or neither file nor directory.
    Skipped(PathBuf),
}

/// Iterator over the files under a directory; see the [module docs](self).
#[derive(Debug)]
pub struct Walk {
    /// Pending entries per directory level, in reverse order so that `pop` gives the next.
    stack: Vec<Vec<PathBuf>>,
}

impl Walk {
    /// A walk of everything under `root` (which is listed when first advanced).
    pub fn new(root: &Path) -> Self {
        Walk { stack: vec![vec![root.to_path_buf()]] }
    }

    fn push_dir(&mut self, dir: &Path) -> io::Result<()> {
        let mut children = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<Vec<_>>>()?;
        children.sort_by(|a, b| b.file_name().cmp(&a.file_name()));
        self.stack.push(children);
        Ok(())
    }
}

impl Iterator for Walk {
    type Item = Result<Entry, (PathBuf, io::Error)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let top = self.stack.last_mut()?;
            let Some(path) = top.pop() else {
                self.stack.pop();
                continue;
            };
            let is_root = self.stack.len() == 1;
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            // the root is followed even when it is a link: the user named it
            let meta = match if is_root { fs::metadata(&path) } else { fs::symlink_metadata(&path) } {
                Ok(m) => m,
                Err(e) => return Some(Err((path, e))),
            };
            if hidden && !is_root {
                return Some(Ok(Entry::Skipped(path)));
            }
            if meta.is_dir() {
                if let Err(e) = self.push_dir(&path) {
                    return Some(Err((path, e)));
                }
                continue;
            }
            let is_file = if meta.file_type().is_symlink() {
                fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false)
            } else {
                meta.is_file()
            };
            return Some(Ok(if is_file { Entry::File(path) } else { Entry::Skipped(path) }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_recursive_and_hidden_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for f in ["z.txt", "a.txt", "b/sub/c.html", "b/a.md", ".hidden.txt", ".git/x.txt"] {
            fs::write(root.join(f), "x").unwrap();
        }
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        for e in Walk::new(root) {
            match e.unwrap() {
                Entry::File(p) => files.push(p.strip_prefix(root).unwrap().to_path_buf()),
                Entry::Skipped(p) => skipped.push(p.strip_prefix(root).unwrap().to_path_buf()),
            }
        }
        let files: Vec<_> = files.iter().map(|p| p.to_str().unwrap().to_string()).collect();
        assert_eq!(files, ["a.txt", "b/a.md", "b/sub/c.html", "z.txt"]);
        assert_eq!(skipped.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn linked_root_is_followed_but_inner_dir_links_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir_all(&real).unwrap();
        fs::write(real.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&real, real.join("loop")).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let entries: Vec<Entry> = Walk::new(&link).map(Result::unwrap).collect();
        assert!(
            matches!(&entries[..], [Entry::File(a), Entry::Skipped(l)] if a.ends_with("a.txt") && l.ends_with("loop"))
        );
    }
}
