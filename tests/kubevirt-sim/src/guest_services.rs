//! Services inside the simulated guests that port-forward reaches: an SSH server.

use tokio::io::DuplexStream;

/// The guest's SSH server on one connection.
pub async fn ssh(io: DuplexStream) {
    drop(io);
}
