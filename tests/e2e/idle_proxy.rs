//! A TCP proxy that cuts idle connections, as a load balancer in front of an API server does
//! (HAProxy's `timeout tunnel`, a cloud load balancer's idle timeout): bytes pass both ways
//! unchanged (TLS goes through end to end), and a connection that carries no byte in either
//! direction for `idle` is closed on both sides. For the faults tests that show virtctl's
//! keep-alive pings holding a quiet stream open.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// A running proxy; it stops (and closes every connection) when dropped.
pub struct IdleProxy {
    pub addr: SocketAddr,
    counters: Arc<Counters>,
    _runtime: tokio::runtime::Runtime,
}

#[derive(Default)]
struct Counters {
    accepted: AtomicUsize,
    cut: AtomicUsize,
}

impl IdleProxy {
    /// Listens on a free port of 127.0.0.1 and relays each connection to `upstream`.
    pub fn start(upstream: SocketAddr, idle: Duration) -> IdleProxy {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("the proxy's runtime");
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("the proxy listens");
        let addr = listener.local_addr().expect("the proxy's address");
        let counters = Arc::new(Counters::default());
        runtime.spawn(accept(listener, upstream, idle, counters.clone()));
        IdleProxy {
            addr,
            counters,
            _runtime: runtime,
        }
    }

    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.counters.accepted.load(Ordering::SeqCst)
    }

    /// Connections closed for being idle so far.
    pub fn cut(&self) -> usize {
        self.counters.cut.load(Ordering::SeqCst)
    }
}

async fn accept(listener: TcpListener, upstream: SocketAddr, idle: Duration, counters: Arc<Counters>) {
    while let Ok((client, _)) = listener.accept().await {
        counters.accepted.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(relay(client, upstream, idle, counters.clone()));
    }
}

/// Copies both ways until both sides are done, or closes both once nothing moved for `idle`.
async fn relay(client: TcpStream, upstream: SocketAddr, idle: Duration, counters: Arc<Counters>) {
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = (client.set_nodelay(true), server.set_nodelay(true));
    let started = Instant::now();
    // Milliseconds since `started` of the last byte in either direction.
    let last = Arc::new(AtomicU64::new(0));
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let both_ways = async {
        tokio::join!(
            pump(client_read, server_write, started, last.clone()),
            pump(server_read, client_write, started, last.clone()),
        )
    };
    let watchdog = async {
        loop {
            let quiet = started
                .elapsed()
                .saturating_sub(Duration::from_millis(last.load(Ordering::SeqCst)));
            if quiet >= idle {
                // Counted before the close, so whoever sees the close sees the count.
                counters.cut.fetch_add(1, Ordering::SeqCst);
                return;
            }
            tokio::time::sleep(idle - quiet).await;
        }
    };
    // Dropping the halves when either ends closes both connections.
    tokio::select! {
        _ = both_ways => {}
        () = watchdog => {}
    }
}

async fn pump(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, started: Instant, last: Arc<AtomicU64>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
        last.store(started.elapsed().as_millis() as u64, Ordering::SeqCst);
    }
    let _ = to.shutdown().await;
}
