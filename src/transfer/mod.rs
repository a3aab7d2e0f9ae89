//! Bulk data between local files and the cluster: streamed bodies with bounded buffers and
//! backpressure (`body`), progress display (`progress`), format sniffing (`sniff`) and the
//! retry schedule of a transfer (`retry`). Used by
//! `image-upload`; the export download reuses the same pieces.

pub mod body;
pub mod export;
pub mod progress;
pub mod retry;
pub mod sniff;
