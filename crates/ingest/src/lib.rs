//! claimgraph readers: plain text with encoding detection, HTML main text and metadata, JSON Lines, directories
