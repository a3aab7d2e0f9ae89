//! Bulk data between local files and the cluster: streamed bodies with bounded buffers and
//! backpressure (`body`), progress display (`progress`) and format sniffing (`sniff`). Used by
//! `image-upload`; the export download reuses the same pieces.

pub mod body;
pub mod progress;
pub mod sniff;
