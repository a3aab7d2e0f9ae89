//! Bulk data between local files and the cluster: streamed bodies with bounded buffers and
//! backpressure (`body`), progress display (`progress`), format sniffing (`sniff`) and the
//! retry schedule of a transfer (`retry`), the end of a transfer by Ctrl+C or SIGTERM
//! ([`interrupted`]). Used by `image-upload`; the export download reuses the same pieces.

pub mod body;
pub mod export;
pub mod progress;
pub mod retry;
pub mod sniff;

/// Completes on Ctrl+C or SIGTERM, naming which: a transfer raced against it ends as a failure
/// that says what it leaves behind, instead of the process dying with a half-told story.
pub async fn interrupted() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return "Ctrl+C";
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => "Ctrl+C",
            _ = term.recv() => "SIGTERM",
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl+C"
    }
}
