//! `virtctl port-forward TYPE/NAME[/NAMESPACE] [PROTOCOL/]LOCAL[:REMOTE]...`: local TCP and UDP
//! listeners whose every connection (or UDP peer) gets its own port-forward websocket, or one
//! port over stdin/stdout with `--stdio` (what ssh's ProxyCommand uses).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use bytes::Bytes;
use clap::Args;
use tokio::net::{TcpListener, UdpSocket};
use tokio::sync::mpsc;

use crate::cluster::api::Api;
use crate::cluster::websocket::{self, Ended, Endpoint, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::output::Output;
use crate::target::{PortSpec, Target};
use crate::terminal::{self, Stdin};

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl port-forward type/name[/namespace] [protocol/]localPort[:targetPort]... [flags]",
    long_about = "Forward local ports to a virtualmachine or virtualmachineinstance.\n\nThe target argument supports the syntax TYPE/NAME[/NAMESPACE]: TYPE is vm or vmi (or their long and plural forms), NAMESPACE defaults to the current one. Dots are part of the name.\nThe port argument supports the syntax [PROTOCOL/]LOCAL[:REMOTE]: PROTOCOL is tcp (default) or udp; REMOTE defaults to LOCAL; LOCAL 0 picks a free port (printed on stderr).",
    after_help = "Examples:\n  # Forward the local port 8080 to the vm port:\n  virtctl port-forward vm/testvm 8080\n\n  # Forward the local port 8080 to the vm port 9090:\n  virtctl port-forward vm/testvm 8080:9090\n\n  # Forward to vm testvm in namespace mynamespace:\n  virtctl port-forward vm/testvm/mynamespace 8080:9090\n\n  # Forward the local port 8080 to the vmi port 9090 using UDP:\n  virtctl port-forward vmi/testvmi udp/8080:9090\n\n  # Use as SSH proxy to access a vm:\n  ssh -o 'ProxyCommand=virtctl port-forward --stdio=true vm/testvm/mynamespace 22' fedora@testvm.mynamespace"
)]
pub struct PortForwardArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// Address to bind to
    #[arg(long, default_value = "127.0.0.1", value_name = "string")]
    pub address: String,
    /// Forward a single port over stdin/stdout instead of opening local listeners
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub stdio: bool,
}

/// A validated plan: what to forward where.
#[derive(Debug)]
struct Plan {
    target: Target,
    ports: Vec<PortSpec>,
}

fn plan(args: &PortForwardArgs) -> Result<Plan> {
    let values = &args.args.values;
    if values.len() < 2 {
        return Err(Error::Usage(format!(
            "argument validation failed: requires at least 2 arg(s), only received {}",
            values.len()
        )));
    }
    let target: Target = values[0].parse().map_err(Error::Usage)?;
    let ports = values[1..]
        .iter()
        .map(|p| p.parse::<PortSpec>().map_err(Error::Usage))
        .collect::<Result<Vec<_>>>()?;
    Ok(Plan { target, ports })
}

/// The websocket endpoint for one forwarded port.
fn endpoint(target: &Target, namespace: &str, remote: u16, protocol: &str) -> Endpoint {
    Endpoint::port_forward(target.kind.resource(), namespace, &target.name, remote, protocol)
}

pub async fn run(args: PortForwardArgs, ctx: &Ctx) -> Result<()> {
    let plan = plan(&args)?;
    if args.stdio {
        if plan.ports.len() != 1 {
            return Err(Error::Usage("only one port supported when forwarding to stdout".into()));
        }
        let cluster = ctx.cluster().await?;
        let namespace = plan.target.namespace_or(&cluster.namespace).to_string();
        return stdio(&cluster.api, &plan.target, &namespace, &plan.ports[0]).await;
    }
    for port in &plan.ports {
        if port.protocol != "tcp" && port.protocol != "udp" {
            return Err(Error::Usage(format!("unknown protocol: {}", port.protocol)));
        }
    }
    let address = resolve_address(&args.address).await?;
    let cluster = ctx.cluster().await?;
    let namespace = plan.target.namespace_or(&cluster.namespace).to_string();
    let mut tasks = tokio::task::JoinSet::new();
    for port in &plan.ports {
        let local = SocketAddr::new(address, port.local);
        let forward = Arc::new(Forward {
            api: cluster.api.clone(),
            target: plan.target.clone(),
            namespace: namespace.clone(),
            remote: port.remote,
            out: ctx.out,
        });
        if port.protocol == "tcp" {
            let listener = TcpListener::bind(local)
                .await
                .map_err(|e| Error::Io(format!("listen tcp {local}: {e}")))?;
            let bound = listener.local_addr()?;
            ctx.out.note(format!("forwarding tcp {bound} to {}", port.remote));
            tasks.spawn(forward.tcp(listener));
        } else {
            let socket = UdpSocket::bind(local)
                .await
                .map_err(|e| Error::Io(format!("listen udp {local}: {e}")))?;
            let bound = socket.local_addr()?;
            ctx.out.note(format!("forwarding udp {bound} to {}", port.remote));
            tasks.spawn(forward.udp(socket));
        }
    }
    tokio::select! {
        _ = terminal::terminated() => Ok(()),
        Some(Ok(Err(e))) = tasks.join_next() => Err(e),
    }
}

async fn resolve_address(address: &str) -> Result<IpAddr> {
    if let Ok(ip) = address.parse::<IpAddr>() {
        return Ok(ip);
    }
    let mut addrs = tokio::net::lookup_host((address, 0))
        .await
        .map_err(|e| Error::Usage(format!("unable to resolve address {address}: {e}")))?;
    addrs
        .next()
        .map(|a| a.ip())
        .ok_or_else(|| Error::Usage(format!("unable to resolve address {address}")))
}

/// stdin -> websocket -> stdout until stdin ends (exit 0) or the tunnel breaks.
async fn stdio(api: &Api, target: &Target, namespace: &str, port: &PortSpec) -> Result<()> {
    let endpoint = endpoint(target, namespace, port.remote, &port.protocol);
    let socket = websocket::dial(api, &endpoint).await.map_err(|e| {
        e.context(
            format!("can't access {}/{}.{namespace}", target.kind.word(), target.name),
            ": ",
        )
    })?;
    let options = PumpOptions::default();
    let ended = websocket::pump(socket, Stdin::spawn(options.chunk), tokio::io::stdout(), &options).await;
    ended.into_result().map_err(Error::Other)
}

/// One forwarded port.
struct Forward {
    api: Api,
    target: Target,
    namespace: String,
    remote: u16,
    out: Output,
}

impl Forward {
    fn endpoint(&self, protocol: &str) -> Endpoint {
        endpoint(&self.target, &self.namespace, self.remote, protocol)
    }

    fn access_error(&self, err: &Error) -> String {
        format!(
            "can't access {}/{}.{}: {err}",
            self.target.kind.word(),
            self.target.name,
            self.namespace
        )
    }

    /// Every accepted connection gets its own websocket. Unlike upstream, a failed dial does
    /// not stop the listener: the next connection tries again.
    async fn tcp(self: Arc<Self>, listener: TcpListener) -> Result<()> {
        loop {
            let (stream, _) = listener.accept().await?;
            let _ = stream.set_nodelay(true);
            let this = self.clone();
            tokio::spawn(async move {
                let socket = match websocket::dial(&this.api, &this.endpoint("tcp")).await {
                    Ok(socket) => socket,
                    Err(e) => {
                        this.out.note(this.access_error(&e));
                        return;
                    }
                };
                let (read, write) = stream.into_split();
                let ended = websocket::pump(socket, read, write, &PumpOptions::default()).await;
                if let Some(e) = ended.failure() {
                    this.out.note(format!("error handling connection: {e}"));
                }
            });
        }
    }

    /// Each UDP peer address gets its own websocket; one datagram per binary message.
    async fn udp(self: Arc<Self>, socket: UdpSocket) -> Result<()> {
        let socket = Arc::new(socket);
        let mut peers: HashMap<SocketAddr, mpsc::Sender<Bytes>> = HashMap::new();
        let (gone_tx, mut gone_rx) = mpsc::unbounded_channel::<SocketAddr>();
        let mut buf = vec![0u8; 65536];
        loop {
            let (n, peer) = tokio::select! {
                received = socket.recv_from(&mut buf) => received?,
                Some(peer) = gone_rx.recv() => {
                    peers.remove(&peer);
                    continue;
                }
            };
            let datagram = Bytes::copy_from_slice(&buf[..n]);
            if let Some(tx) = peers.get(&peer)
                && tx.send(datagram.clone()).await.is_ok()
            {
                continue;
            }
            let (tx, rx) = mpsc::channel(256);
            let _ = tx.send(datagram).await;
            peers.insert(peer, tx);
            let this = self.clone();
            let socket = socket.clone();
            let gone = gone_tx.clone();
            tokio::spawn(async move {
                this.udp_peer(socket, peer, rx).await;
                let _ = gone.send(peer);
            });
        }
    }

    /// One UDP peer's websocket: its datagrams go out, the answers come back to it. Only lost
    /// pings are reported; otherwise the tunnel ends quietly and the peer's next datagram opens
    /// a new one.
    async fn udp_peer(&self, socket: Arc<UdpSocket>, peer: SocketAddr, mut datagrams: mpsc::Receiver<Bytes>) {
        let ws = match websocket::dial(&self.api, &self.endpoint("udp")).await {
            Ok(ws) => ws,
            Err(e) => {
                self.out.note(self.access_error(&e));
                return;
            }
        };
        let deliver = |data: Bytes| {
            let socket = socket.clone();
            async move {
                let _ = socket.send_to(&data, peer).await;
            }
        };
        if let Ended::NoPong(after) = websocket::pump_datagrams(ws, &mut datagrams, deliver).await {
            self.out
                .note(format!("error handling connection: {}", websocket::no_pong(after)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(values: &[&str]) -> PortForwardArgs {
        PortForwardArgs {
            args: Positionals {
                values: values.iter().map(|s| s.to_string()).collect(),
            },
            address: "127.0.0.1".into(),
            stdio: false,
        }
    }

    #[test]
    fn plans_are_validated_before_anything_is_sent() {
        assert!(
            plan(&args(&["vm/x"]))
                .unwrap_err()
                .to_string()
                .contains("requires at least 2")
        );
        assert_eq!(
            plan(&args(&["x", "80"])).unwrap_err().to_string(),
            "target must contain type and name separated by '/'"
        );
        let p = plan(&args(&["vmi/x/ns", "80", "udp/53"])).unwrap();
        assert_eq!(p.ports.len(), 2);
        assert_eq!(
            endpoint(&p.target, "ns", 53, "udp"),
            Endpoint::port_forward(crate::cluster::kubevirt::VMIS, "ns", "x", 53, "udp")
        );
    }
}
