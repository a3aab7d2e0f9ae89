//! The entry points of the cargo-fuzz targets in `fuzz/` (hidden; not part of any API): one
//! function per parser that takes the fuzzer's bytes, runs the parser on them and asserts the
//! invariants that hold for every input (a value that parses prints and re-parses to itself, an
//! error keeps its documented wording). Nothing here may touch the network or the file system.
//! Sits above every module it drives, as `cli` does; nothing imports it.

use std::str::FromStr;

use crate::cluster::config::{self, Environment};
use crate::cluster::connection::ConnectionArgs;
use crate::cluster::types::quantity;
use crate::cluster::websocket::{self, Ended, Liveness};
use crate::commands::create::params::{self, Params};
use crate::commands::ssh::plan_scp;
use crate::commands::ssh::scp::Record;
use crate::commands::template::engine::{self, TemplateSpec};
use crate::go_syntax;
use crate::target::{PortSpec, Target, UserTarget};
use crate::transfer::sniff::{self, Format, HEAD_LEN, TAIL_LEN};

/// The fuzzer's bytes as text; the text parsers take nothing else.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// `transfer::sniff`: a file made of `data`, read as the upload reads it (head, tail, length).
pub fn sniff(data: &[u8]) {
    let head = &data[..data.len().min(HEAD_LEN)];
    let tail = &data[data.len().saturating_sub(TAIL_LEN)..];
    let file_len = data.len() as u64;
    let found = sniff::sniff(head, tail, file_len);
    match found.format {
        Format::Raw | Format::Iso => assert_eq!(found.virtual_size, Some(file_len)),
        format if format.is_compressed() => assert_eq!(found.virtual_size, None),
        Format::Tar | Format::Vhdx => assert_eq!(found.virtual_size, None),
        _ => {}
    }
    if found.format == Format::Qcow2 {
        assert_eq!(found.virtual_size, sniff::qcow2_virtual_size(head));
    }
}

/// `cluster::config`: a kubeconfig file's text, merged and resolved with no override flags and
/// an empty environment (what `virtctl` does before it dials).
pub fn kubeconfig(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(kubeconfig) = kube::config::Kubeconfig::from_yaml(text) else {
        return;
    };
    let (global, env) = (ConnectionArgs::default(), Environment::default());
    let Ok(resolved) = config::resolve(kubeconfig, &global, &env) else {
        return;
    };
    let clusters = &resolved.kubeconfig.clusters;
    assert_eq!(clusters.len(), 1, "one resolved cluster");
    let server = clusters[0].cluster.as_ref().and_then(|c| c.server.as_deref());
    assert!(
        server.is_some_and(|s| !s.is_empty()),
        "a resolved cluster always has a server"
    );
    let namespace = config::resolve_namespace(&global, resolved.namespace.as_deref(), &env);
    assert!(!namespace.is_empty());
}

/// `target`: `[USER@]TYPE/NAME[/NS]`, and scp's `SOURCE DESTINATION` split at the first NUL.
pub fn target(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Ok(target) = Target::from_str(text) {
        assert!(!target.name.is_empty() && !target.name.contains('/'));
        assert_eq!(target.to_string().parse::<Target>(), Ok(target));
    }
    if let Ok(UserTarget { user, target }) = UserTarget::from_str(text) {
        let printed = match &user {
            Some(user) => {
                assert!(!user.is_empty() && !user.contains('@'));
                format!("{user}@{target}")
            }
            None => target.to_string(),
        };
        assert_eq!(printed.parse::<UserTarget>(), Ok(UserTarget { user, target }));
    }
    let (source, destination) = text.split_once('\0').unwrap_or((text, ""));
    if let Ok(plan) = plan_scp(source, destination) {
        assert!(!plan.local_path.contains(':'), "the local side has no colon");
        let remote = if plan.to_remote { destination } else { source };
        assert!(remote.ends_with(&format!(":{}", plan.remote_path)));
    }
}

/// port-forward's `[PROTOCOL/]LOCAL[:REMOTE]` arguments, one per line.
pub fn port_specs(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for line in text.lines() {
        let Ok(spec) = PortSpec::from_str(line) else { continue };
        assert!(!spec.protocol.contains('/'));
        let printed = format!("{}/{}:{}", spec.protocol, spec.local, spec.remote);
        assert_eq!(printed.parse::<PortSpec>(), Ok(spec));
    }
}

/// `cluster::types::quantity`: a quantity that parses prints in canonical form, and that form
/// is its own canonical form and stands for the same number of bytes.
pub fn quantity(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let bytes = quantity::parse_bytes(text);
    let Ok(canonical) = quantity::canonical(text) else {
        return;
    };
    // apimachinery's canonical form is not always its own: a binary quantity that is not a whole
    // number of KiB prints as plain bytes (`812.5Ki` -> `832000`), which reads back as decimal SI
    // (`832k`). From the second form on it is stable, and every form is the same number.
    let again = quantity::canonical(&canonical).unwrap_or_else(|e| panic!("{text:?} -> {canonical:?}: {e}"));
    assert_eq!(
        quantity::canonical(&again).as_ref(),
        Ok(&again),
        "{text:?} -> {canonical:?}"
    );
    if let Ok(bytes) = bytes {
        assert_eq!(
            quantity::parse_bytes(&canonical),
            Ok(bytes),
            "{text:?} -> {canonical:?}"
        );
        assert_eq!(quantity::parse_bytes(&again), Ok(bytes), "{text:?} -> {again:?}");
    }
}

/// `go_syntax`: bools, durations (printed the Go way and read back to the same nanosecond),
/// base-0 integers and `stringToString` maps.
pub fn go_syntax(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Ok(value) = go_syntax::parse_go_bool(text) {
        assert_eq!(go_syntax::parse_go_bool(&value.to_string()), Ok(value));
    }
    if let Ok(duration) = go_syntax::parse_duration(text) {
        let printed = go_syntax::format_duration(duration);
        assert_eq!(
            go_syntax::parse_duration(&printed),
            Ok(duration),
            "{text:?} -> {printed:?}"
        );
    }
    for signed in [false, true] {
        if let Ok(value) = go_syntax::parse_go_integer(text, "ParseInt", signed) {
            assert!(signed || value >= 0);
        }
    }
    if let Ok(pairs) = go_syntax::parse_string_to_string(text) {
        let merged = go_syntax::merge_string_maps(std::slice::from_ref(&pairs));
        assert!(merged.len() <= pairs.len());
    }
}

/// `create`'s `key:value,...` flag syntax, read the way `--gpu` and `--volume-*` read it.
pub fn create_params(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let wording = "failed to parse \"--volume-import\" flag: ";
    let checked = |result: Result<(), crate::error::Error>| {
        if let Err(e) = result {
            assert!(e.to_string().starts_with(wording), "{e}");
        }
    };
    checked(params::param_of("volume-import", text, "name").map(|_| ()));
    checked(typed_params(text));
    if let Ok((prefix, name)) = params::split_prefixed_name(text) {
        assert!(!name.is_empty() && !name.contains('/') && !prefix.contains('/'));
    }
}

fn typed_params(text: &str) -> Result<(), crate::error::Error> {
    let mut params = Params::parse("volume-import", text)?;
    let name = params.take("name");
    assert!(!name.contains(','));
    params.uint("count")?;
    if let Some(size) = params.quantity("size")? {
        assert_eq!(quantity::canonical(&size), Ok(size.clone()));
    }
    if let Some(list) = params.list("list") {
        assert!(!list.is_empty());
    }
    params.finish()
}

/// The records of a remote `scp -f`, one per line: what parses is a safe name and a valid mode,
/// and writes back (as our own upload writes it) to the same record.
pub fn scp_records(data: &[u8]) {
    for line in data.split(|&b| b == b'\n') {
        let Ok(record) = Record::parse(line) else { continue };
        let printed = match &record {
            Record::Times { mtime, atime } => format!("T{mtime} 0 {atime} 0").into_bytes(),
            Record::File { mode, size, name } => scp_header('C', *mode, *size, name),
            Record::Dir { mode, name } => scp_header('D', *mode, 0, name),
            Record::End => b"E".to_vec(),
        };
        assert_eq!(Record::parse(&printed), Ok(record));
    }
}

fn scp_header(kind: char, mode: u32, size: u64, name: &[u8]) -> Vec<u8> {
    assert!(mode <= 0o7777);
    assert!(!name.is_empty() && name != b"." && name != b".." && !name.contains(&b'/'));
    let mut line = format!("{kind}{mode:04o} {size} ").into_bytes();
    line.extend_from_slice(name);
    line
}

/// `cluster::websocket`'s receiving half: `data` is what the server sent (frames, as bytes on
/// the connection), then the connection ends. The pump ends with a reason in upstream's words,
/// and never writes more than it received.
pub fn websocket_frames(data: &[u8]) {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime without drivers");
    }
    let mut output = Vec::new();
    let ended = RUNTIME.with(|runtime| {
        runtime.block_on(async {
            let connection = tokio::io::join(data, tokio::io::sink());
            let mut socket = tokio_tungstenite::WebSocketStream::from_raw_socket(
                connection,
                tokio_tungstenite::tungstenite::protocol::Role::Client,
                Some(websocket::config()),
            )
            .await;
            websocket::receive_remote(&mut socket, &mut output, &Liveness::default()).await
        })
    });
    assert!(output.len() <= data.len());
    match ended {
        Ended::Closed | Ended::Dropped => {}
        Ended::Failed(text) => assert!(text.starts_with("websocket: "), "{text}"),
        other => panic!("the receiving half cannot end with {other:?}"),
    }
}

/// `template::engine`: the text as a generator expression, then as a template spec (JSON) to
/// validate and process. Randomness is a fixed sequence so that a crash replays.
pub fn template(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut random = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let _ = engine::generate(text, &mut random);
    let Ok(spec) = serde_json::from_str::<TemplateSpec>(text) else {
        return;
    };
    let _ = engine::validate_references(&spec);
    if let Ok((vm, _message)) = engine::process(&spec, &mut random) {
        assert_eq!(vm["kind"], "VirtualMachine");
        assert_eq!(vm["apiVersion"], "kubevirt.io/v1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every committed input of every fuzz target (seeds and the crashes found) still passes.
    type FuzzTarget = (&'static str, fn(&[u8]));

    #[test]
    fn the_fuzz_corpora_replay_clean() {
        let targets: [FuzzTarget; 10] = [
            ("sniff", sniff),
            ("kubeconfig", kubeconfig),
            ("target", target),
            ("port_specs", port_specs),
            ("quantity", quantity),
            ("go_syntax", go_syntax),
            ("create_params", create_params),
            ("scp_records", scp_records),
            ("websocket_frames", websocket_frames),
            ("template", template),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        let mut replayed = 0;
        for (name, run) in targets {
            // A target without seeds would pass by replaying nothing: each must have some.
            let dir = root.join(name);
            let entries = std::fs::read_dir(&dir)
                .unwrap_or_else(|err| panic!("no corpus for `{name}` at {}: {err}", dir.display()));
            let before = replayed;
            for entry in entries.flatten() {
                run(&std::fs::read(entry.path()).unwrap());
                replayed += 1;
            }
            assert!(replayed > before, "the corpus of `{name}` is empty");
        }
    }
}
