//! claimgraph text stage: tokenizer, sentence splitter and CoNLL-U reading/writing, all with
//! exact offsets into a [`claimgraph_core::Document`]'s normalized text.

pub mod conllu;
