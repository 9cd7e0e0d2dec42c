//! claimgraph NLP stage: averaged perceptron, POS tagger, lemmatizer, dependency parser,
//! model files, training and evaluation.

pub mod perceptron;
