//! `expose TYPE NAME`: a Service in front of a VMI, a VM or a VMI replica set, built exactly as
//! upstream builds it (ports from `--port` or the pod network's interface, selector per kind,
//! the exposed object as controlling owner).

use clap::Args;
use serde_json::{Map, Value, json};

use super::Positionals;
use crate::cluster::api::{JSON, Request};
use crate::cluster::resources::{
    SERVICES, VIRTUAL_MACHINE_INSTANCE_REPLICA_SETS, VIRTUAL_MACHINE_INSTANCES, VIRTUAL_MACHINES,
};
use crate::context::Ctx;
use crate::error::{Error, Result};

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl expose (TYPE NAME) [flags]",
    long_about = "Looks up a virtual machine instance, virtual machine or virtual machine instance replica set by name and use its selector as the selector for a new service on the specified port.\nA virtual machine instance replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component.\nNote that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service.\nAlso if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\nPossible types are (case insensitive, both single and plurant forms):\n\nvirtualmachineinstance (vmi), virtualmachine (vm), virtualmachineinstancereplicaset (vmirs)",
    after_help = "Examples:\n  # Expose SSH to a virtual machine instance called 'myvm' on each node via a NodePort service:\n  virtctl expose vmi myvm --port=22 --name=myvm-ssh --type=NodePort\n\n  # Expose all defined pod-network ports of a virtual machine instance replicaset on a service:\n  virtctl expose vmirs myvmirs --name=vmirs-service\n\n  # Expose port 8080 as port 80 from a virtual machine instance replicaset on a service:\n  virtctl expose vmirs myvmirs --port=80 --target-port=8080 --name=vmirs-service"
)]
pub struct ExposeArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// Name of the service created for the exposure of the VM.
    #[arg(long, value_name = "string")]
    pub name: Option<String>,
    /// ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.
    #[arg(long = "cluster-ip", value_name = "string", default_value = "")]
    pub cluster_ip: String,
    /// Additional external IP address (not managed by the cluster) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP. Optional.
    #[arg(long = "external-ip", value_name = "string", default_value = "")]
    pub external_ip: String,
    /// The port that the service should serve on.
    #[arg(long, value_name = "int32", default_value = "0", value_parser = parse_go_i32, allow_negative_numbers = true)]
    pub port: i32,
    /// The network protocol for the service to be created.
    #[arg(long, value_name = "string", default_value = "TCP")]
    pub protocol: String,
    /// Name or number for the port on the VM that the service should direct traffic to. Optional.
    #[arg(long = "target-port", value_name = "string", default_value = "")]
    pub target_port: String,
    /// Type for this service: ClusterIP, NodePort, or LoadBalancer.
    #[arg(long = "type", value_name = "string", default_value = "ClusterIP")]
    pub service_type: String,
    /// Name of the port. Optional.
    #[arg(long = "port-name", value_name = "string", default_value = "")]
    pub port_name: String,
    /// IP family over which the service will be exposed. Valid values are 'IPv4', 'IPv6', 'IPv4,IPv6' or 'IPv6,IPv4'
    #[arg(long = "ip-family", value_name = "string", default_value = "")]
    pub ip_family: String,
    /// IP family policy defines whether the service can use IPv4, IPv6, or both. Valid values are 'SingleStack', 'PreferDualStack' or 'RequireDualStack'
    #[arg(long = "ip-family-policy", value_name = "string", default_value = "")]
    pub ip_family_policy: String,
}

/// pflag's `int32` value: Go's `strconv.ParseInt(s, 0, 32)`.
fn parse_go_i32(text: &str) -> std::result::Result<i32, String> {
    let value = crate::go_syntax::parse_go_integer(text, "ParseInt", true)?;
    i32::try_from(value).map_err(|_| crate::go_syntax::go_range_error("ParseInt", text))
}

/// The flag values as the Service needs them.
struct Settings {
    protocol: &'static str,
    service_type: &'static str,
    ip_families: Vec<&'static str>,
    ip_family_policy: Option<&'static str>,
}

fn settings(args: &ExposeArgs) -> Result<Settings> {
    let protocol = match args.protocol.to_lowercase().as_str() {
        "tcp" => "TCP",
        "udp" => "UDP",
        _ => return Err(Error::Usage(format!("unknown protocol: {}", args.protocol))),
    };
    let service_type = match args.service_type.to_lowercase().as_str() {
        "clusterip" => "ClusterIP",
        "nodeport" => "NodePort",
        "loadbalancer" => "LoadBalancer",
        "externalname" => return Err(Error::Usage(format!("type: {} not supported", args.service_type))),
        _ => return Err(Error::Usage(format!("unknown service type: {}", args.service_type))),
    };
    let ip_families = match args.ip_family.to_lowercase().as_str() {
        "" => vec![],
        "ipv4" => vec!["IPv4"],
        "ipv6" => vec!["IPv6"],
        "ipv4,ipv6" => vec!["IPv4", "IPv6"],
        "ipv6,ipv4" => vec!["IPv6", "IPv4"],
        _ => return Err(Error::Usage(format!("unknown IPFamily/s: {}", args.ip_family))),
    };
    let ip_family_policy = match args.ip_family_policy.to_lowercase().as_str() {
        "" if ip_families.len() > 1 => Some("PreferDualStack"),
        "" => None,
        "singlestack" => Some("SingleStack"),
        "preferdualstack" => Some("PreferDualStack"),
        "requiredualstack" => Some("RequireDualStack"),
        _ => {
            return Err(Error::Usage(format!(
                "unknown IPFamilyPolicy/s: {}",
                args.ip_family_policy
            )));
        }
    };
    Ok(Settings {
        protocol,
        service_type,
        ip_families,
        ip_family_policy,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Exposed {
    Vmi,
    Vm,
    ReplicaSet,
}

impl Exposed {
    fn from_word(word: &str) -> Option<Exposed> {
        match word {
            "vmi" | "vmis" | "virtualmachineinstance" | "virtualmachineinstances" => Some(Exposed::Vmi),
            "vm" | "vms" | "virtualmachine" | "virtualmachines" => Some(Exposed::Vm),
            "vmirs" | "vmirss" | "virtualmachineinstancereplicaset" | "virtualmachineinstancereplicasets" => {
                Some(Exposed::ReplicaSet)
            }
            _ => None,
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Exposed::Vmi => "VirtualMachineInstance",
            Exposed::Vm => "VirtualMachine",
            Exposed::ReplicaSet => "VirtualMachineInstanceReplicaSet",
        }
    }
}

pub async fn run(args: ExposeArgs, ctx: &Ctx) -> Result<()> {
    let positionals = args.args.exactly(2)?;
    let name_flag = args
        .name
        .clone()
        .ok_or_else(|| Error::Usage("required flag(s) \"name\" not set".into()))?;
    let word = positionals[0].to_lowercase();
    let name = &positionals[1];
    let settings = settings(&args)?;
    let cluster = ctx
        .cluster()
        .await
        .map_err(|e| e.context("cannot obtain KubeVirt client", ": "))?;
    let (api, ns) = (&cluster.api, cluster.namespace.as_str());

    let exposed =
        Exposed::from_word(&word).ok_or_else(|| Error::Usage(format!("unsupported resource type: {word}")))?;
    let resource = match exposed {
        Exposed::Vmi => VIRTUAL_MACHINE_INSTANCES,
        Exposed::Vm => VIRTUAL_MACHINES,
        Exposed::ReplicaSet => VIRTUAL_MACHINE_INSTANCE_REPLICA_SETS,
    };
    let request = Request::get(resource.object(Some(ns), name)).resource(resource.plural, name);
    let object: Value = api
        .send(request)
        .await
        .and_then(|r| r.json())
        .map_err(|e| e.context(format!("error fetching {}", exposed.kind()), ": "))?;

    let spec = match exposed {
        Exposed::Vmi => object.get("spec"),
        _ => object.pointer("/spec/template/spec"),
    };
    let mut ports = spec.map(pod_network_ports).unwrap_or_default();
    let selector = match exposed {
        Exposed::ReplicaSet => replica_set_selector(&object)?,
        _ => json!({"vmi.kubevirt.io/id": vmi_id(name)}),
    };
    if args.port != 0 {
        let mut port = Map::new();
        if !args.port_name.is_empty() {
            port.insert("name".into(), json!(args.port_name));
        }
        port.insert("protocol".into(), json!(settings.protocol));
        port.insert("port".into(), json!(args.port));
        port.insert("targetPort".into(), int_or_string(&args.target_port));
        ports = vec![Value::Object(port)];
    }
    if ports.is_empty() {
        return Err(Error::Other(
            "couldn't find port via --port flag or introspection".into(),
        ));
    }

    let service = service(&name_flag, ns, exposed, &object, ports, selector, &args, &settings);
    let body = serde_json::to_vec(&service).expect("json value serializes");
    let request = Request::new(http::Method::POST, SERVICES.collection(Some(ns)))
        .body(body, JSON)
        .resource(SERVICES.plural, "");
    api.send(request)
        .await
        .map_err(|e| e.context("service creation failed", ": "))?;
    ctx.out
        .line(format!("Service {name_flag} successfully created for {word} {name}"))
}

/// A VMI replica set's `matchLabels`, the only selector a Service can take.
fn replica_set_selector(vmirs: &Value) -> Result<Value> {
    let selector = vmirs.pointer("/spec/selector");
    let labels = selector.and_then(|s| s.get("matchLabels")).and_then(Value::as_object);
    let Some(labels) = labels.filter(|l| !l.is_empty()) else {
        return Err(Error::Other(
            "cannot expose VirtualMachineInstanceReplicaSet without any selector labels".into(),
        ));
    };
    if selector
        .and_then(|s| s.get("matchExpressions"))
        .and_then(Value::as_array)
        .is_some_and(|e| !e.is_empty())
    {
        return Err(Error::Other(
            "cannot expose VirtualMachineInstanceReplicaSet with match expressions".into(),
        ));
    }
    Ok(Value::Object(labels.clone()))
}

#[allow(clippy::too_many_arguments)]
fn service(
    name: &str,
    ns: &str,
    exposed: Exposed,
    owner: &Value,
    ports: Vec<Value>,
    selector: Value,
    args: &ExposeArgs,
    settings: &Settings,
) -> Value {
    let field = |key: &str| owner.pointer(&format!("/metadata/{key}")).cloned().unwrap_or(json!(""));
    let mut spec = Map::new();
    spec.insert("ports".into(), json!(ports));
    spec.insert("selector".into(), selector);
    if !args.cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), json!(args.cluster_ip));
    }
    spec.insert("type".into(), json!(settings.service_type));
    if !args.external_ip.is_empty() {
        spec.insert("externalIPs".into(), json!([args.external_ip]));
    }
    if !settings.ip_families.is_empty() {
        spec.insert("ipFamilies".into(), json!(settings.ip_families));
    }
    if let Some(policy) = settings.ip_family_policy {
        spec.insert("ipFamilyPolicy".into(), json!(policy));
    }
    json!({
        "kind": "Service",
        "apiVersion": "v1",
        "metadata": {
            "name": name,
            "namespace": ns,
            "ownerReferences": [{
                "apiVersion": "kubevirt.io/v1",
                "kind": exposed.kind(),
                "name": field("name"),
                "uid": field("uid"),
                "controller": true,
                "blockOwnerDeletion": false,
            }],
        },
        "spec": spec,
        "status": {"loadBalancer": {}},
    })
}

/// `intstr.Parse`: a number when the text is one, else the text.
fn int_or_string(text: &str) -> Value {
    match text.parse::<i32>() {
        Ok(n) => json!(n),
        Err(_) => json!(text),
    }
}

/// The ports of the first pod network's interface, named `port-N`; target port 0.
fn pod_network_ports(spec: &Value) -> Vec<Value> {
    let networks = spec.get("networks").and_then(Value::as_array);
    let Some(pod_network) = networks
        .into_iter()
        .flatten()
        .find(|n| n.get("pod").is_some_and(|p| !p.is_null()))
        .and_then(|n| n.get("name"))
    else {
        return Vec::new();
    };
    let interfaces = spec.pointer("/domain/devices/interfaces").and_then(Value::as_array);
    let Some(interface) = interfaces
        .into_iter()
        .flatten()
        .find(|i| i.get("name") == Some(pod_network))
    else {
        return Vec::new();
    };
    let ports = interface
        .get("ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    ports
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut port = Map::new();
            port.insert("name".into(), json!(format!("port-{}", i + 1)));
            if let Some(protocol) = p.get("protocol").and_then(Value::as_str).filter(|s| !s.is_empty()) {
                port.insert("protocol".into(), json!(protocol));
            }
            port.insert("port".into(), p.get("port").cloned().unwrap_or(json!(0)));
            port.insert("targetPort".into(), json!(0));
            Value::Object(port)
        })
        .collect()
}

/// `CalculateVirtualMachineInstanceID`: the name when it fits a label value, else its first 54
/// characters, `-` and the first 8 hex digits of its SHA-1.
fn vmi_id(name: &str) -> String {
    if name.len() <= 63 {
        return name.to_string();
    }
    let digest = sha1(name.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", &name[..54])
}

/// SHA-1 (FIPS 180-4), for the label above only.
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_get_upstreams_hashed_vmi_id() {
        let hex: String = sha1(b"abc").iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(vmi_id("short"), "short");
        assert_eq!(vmi_id(&"a".repeat(70)), format!("{}-ed6c69d9", "a".repeat(54)));
    }

    #[test]
    fn pod_network_ports_come_from_the_first_pod_network() {
        let spec = json!({
            "networks": [{"name": "multus", "multus": {}}, {"name": "default", "pod": {}}],
            "domain": {"devices": {"interfaces": [
                {"name": "multus", "ports": [{"port": 1}]},
                {"name": "default", "ports": [{"port": 22, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}, {"port": 80}]}
            ]}}
        });
        assert_eq!(
            serde_json::to_string(&pod_network_ports(&spec)).unwrap(),
            r#"[{"name":"port-1","protocol":"TCP","port":22,"targetPort":0},{"name":"port-2","protocol":"UDP","port":53,"targetPort":0},{"name":"port-3","port":80,"targetPort":0}]"#
        );
        assert!(pod_network_ports(&json!({})).is_empty());
    }

    #[test]
    fn int32_flags_parse_as_go_does() {
        assert_eq!(parse_go_i32("22"), Ok(22));
        assert_eq!(parse_go_i32("0x10"), Ok(16));
        assert!(parse_go_i32("x").unwrap_err().contains("invalid syntax"));
        assert!(parse_go_i32("3000000000").unwrap_err().contains("value out of range"));
    }
}
