//! Byte offsets to `line:column` positions, computed once per file.

use std::ops::Range;

/// Where each line of a text starts, so byte offsets become 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The 1-based line and column (counted in characters) of a byte offset in `text`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    pub fn locate_span(&self, text: &str, span: &Range<usize>) -> (usize, usize) {
        self.locate(text, span.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "ab\nc─d\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 1), (1, 2));
        assert_eq!(idx.locate(text, 3), (2, 1));
        // `─` is three bytes but one column.
        assert_eq!(idx.locate(text, 7), (2, 3));
        assert_eq!(idx.locate(text, 9), (3, 1));
        assert_eq!(idx.locate(text, 10), (4, 1));
        assert_eq!(idx.locate(text, 99), (4, 2));
    }
}
