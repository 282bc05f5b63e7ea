//! A consultation's plain handlers: files uploaded by its operators and answers
//! with files (multipart forms), and the answers' CSV and XLSX exports.

pub mod export;
pub mod files;
