//! `vmexport create|delete|download NAME`: manage a VirtualMachineExport and download a volume,
//! the VM's manifests or an OCI archive from it.
//!
//! Arguments are checked in upstream's order (§9.3) before anything is sent or written. Beyond
//! upstream: the output goes to `FILE.part` and is renamed after success (a failed run leaves an
//! existing file alone), cut or stalled connections are retried and resumed with Range, and an
//! export that `download` created is kept when the download fails, with the way to go on. The
//! download itself is `transfer::export::from_export` (shared with `memory-dump`); this module
//! checks the command line and turns it into its settings.

use std::time::Duration;

use clap::Args;

use super::Positionals;
use crate::cluster::export::{ExportRequest, Exports, InternalAccess, Source};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{parse_duration, parse_go_bool};
use crate::transfer::export::{self as fetch, Destination, Fetch, Settings};

const EXAMPLES: &str = "Examples:
  # Create a VirtualMachineExport to export a volume from a virtual machine:
  virtctl vmexport create vm1-export --vm=vm1

  # Create a VirtualMachineExport to export a volume from a virtual machine snapshot
  virtctl vmexport create snap1-export --snapshot=snap1

  # Create a VirtualMachineExport to export a volume from a PVC
  virtctl vmexport create pvc1-export --pvc=pvc1

  # Delete a VirtualMachineExport resource
  virtctl vmexport delete snap1-export

  # Download a volume from an already existing VirtualMachineExport (--volume is optional when only one volume is available)
  virtctl vmexport download vm1-export --volume=volume1 --output=disk.img.gz

  # Download a volume as before but through local port 5410
  virtctl vmexport download vm1-export --volume=volume1 --output=disk.img.gz --port-forward --local-port=5410

  # Create a VirtualMachineExport and download the requested volume from it
  virtctl vmexport download vm1-export --vm=vm1 --volume=volume1 --output=disk.img.gz

  # Create a VirtualMachineExport and get the VirtualMachine manifest in Yaml format
  virtctl vmexport download vm1-export --vm=vm1 --manifest

  # Get the VirtualMachine manifest in Yaml format from an existing VirtualMachineExport including CDI header secret
  virtctl vmexport download existing-export --include-secret --manifest";

/// Upstream's default readiness wait.
const DEFAULT_READINESS_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Args, Debug, Clone)]
#[command(override_usage = "virtctl vmexport [flags]", after_help = EXAMPLES)]
pub struct VmexportArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --annotations=[]: Specify custom annotations to VM export object and its associated pod
    #[arg(long, value_name = "strings", value_delimiter = ',')]
    pub annotations: Vec<String>,
    /// --delete-vme=false: When used with the 'download' option, specifies that the vmexport object should always be deleted after the download finishes.
    #[arg(long = "delete-vme", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub delete_vme: bool,
    /// --format='': Used to specify the format of the downloaded image. There's three options: gzip (default), raw and oci.
    #[arg(long, value_name = "string", default_value = "")]
    pub format: String,
    /// --idle-timeout=60s: Give up on (and retry) a download connection that delivers no data for this long.
    #[arg(long = "idle-timeout", value_name = "duration", default_value = "60s", value_parser = parse_duration)]
    pub idle_timeout: Duration,
    /// --include-secret=false: When used with manifest and set to true include a secret that contains proper headers for CDI to import using the manifest
    #[arg(long = "include-secret", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub include_secret: bool,
    /// --insecure=false: When used with the 'download' option, specifies that the http request should be insecure.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub insecure: bool,
    /// --keep-vme=false: When used with the 'download' option, specifies that the vmexport object should always be retained after the download finishes.
    #[arg(long = "keep-vme", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub keep_vme: bool,
    /// --labels=[]: Specify custom labels to VM export object and its associated pod
    #[arg(long, value_name = "strings", value_delimiter = ',')]
    pub labels: Vec<String>,
    /// --local-port='0': Defines the specific port to be used in port-forward.
    #[arg(long = "local-port", value_name = "string", default_value = "0")]
    pub local_port: String,
    /// --manifest=false: Instead of downloading a volume, retrieve the VM manifest
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub manifest: bool,
    /// --manifest-output-format='': Manifest output format, defaults to Yaml. Valid options are yaml or json
    #[arg(long = "manifest-output-format", value_name = "string", default_value = "")]
    pub manifest_output_format: String,
    /// --output='': Specifies the output path of the volume or manifest to be downloaded.
    #[arg(long, value_name = "string", default_value = "")]
    pub output: String,
    /// --port-forward=false: Configures port-forwarding on a random port. Useful to download without proper ingress/route configuration
    #[arg(long = "port-forward", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub port_forward: bool,
    /// --pvc='': Sets PersistentVolumeClaim as vmexport kind and specifies the PVC name.
    #[arg(long, value_name = "string", default_value = "")]
    pub pvc: String,
    /// --readiness-timeout='': Specify maximum wait for VM export object to be ready
    #[arg(long = "readiness-timeout", value_name = "string", default_value = "")]
    pub readiness_timeout: String,
    /// --retry=0: When export server returns a transient error, we retry this number of times before giving up
    #[arg(long, value_name = "int", default_value_t = 0, allow_negative_numbers = true)]
    pub retry: i64,
    /// --service-url='': Specify service url to use in the returned manifest, instead of the external URL in the Virtual Machine export status. This is useful for NodePorts or if you don't have an external URL configured
    #[arg(long = "service-url", value_name = "string", default_value = "")]
    pub service_url: String,
    /// --snapshot='': Sets VirtualMachineSnapshot as vmexport kind and specifies the snapshot name.
    #[arg(long, value_name = "string", default_value = "")]
    pub snapshot: String,
    /// --ttl='': The time after the export was created that it is eligible to be automatically deleted, defaults to 2 hours by the server side if not specified
    #[arg(long, value_name = "string", default_value = "")]
    pub ttl: String,
    /// --vm='': Sets VirtualMachine as vmexport kind and specifies the vm name.
    #[arg(long, value_name = "string", default_value = "")]
    pub vm: String,
    /// --vmtemplate='': Sets VirtualMachineTemplate as vmexport kind and specifies the template name.
    #[arg(long, value_name = "string", default_value = "")]
    pub vmtemplate: String,
    /// --volume='': Specifies the volume to be downloaded.
    #[arg(long, value_name = "string", default_value = "")]
    pub volume: String,
}

/// The function asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Create,
    Delete,
    Download,
}

/// What `download` fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    Gzip,
    Raw,
    Oci,
    Manifest { json: bool },
}

/// The checked invocation (§9.3): nothing here needs the cluster.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub function: Function,
    pub request: ExportRequest,
    pub output: Option<Destination>,
    pub payload: Payload,
    pub readiness_timeout: Duration,
    pub service_url: Option<String>,
    pub volume: Option<String>,
    pub insecure: bool,
    pub keep: bool,
    pub delete: bool,
    pub include_secret: bool,
    pub retries: u32,
    pub idle_timeout: Duration,
    pub port_forward: bool,
    /// `--local-port` (checked with `--port-forward`)
    pub local_port: u16,
}

fn incompatible(flag: &str, with: &str) -> Error {
    Error::Usage(format!("the '{flag}' flag is incompatible with '{with}'"))
}

fn invalid(flag: &str, values: &str) -> Error {
    Error::Usage(format!("{flag} is not a valid value, acceptable values are {values}"))
}

/// `key=value` entries as a map; entries without `=` are dropped, as upstream does.
fn pairs(entries: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for entry in entries {
        if let Some((k, v)) = entry.split_once('=') {
            out.retain(|(existing, _)| existing != k);
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

/// cobra's mutually exclusive group check.
fn exclusive(group: &[(&str, bool)]) -> Result<()> {
    let mut set: Vec<&str> = group.iter().filter(|(_, on)| *on).map(|(n, _)| *n).collect();
    if set.len() > 1 {
        set.sort_unstable();
        let names: Vec<&str> = group.iter().map(|(n, _)| *n).collect();
        return Err(Error::Usage(format!(
            "if any flags in the group [{}] are set none of the others can be; [{}] were all set",
            names.join(" "),
            set.join(" ")
        )));
    }
    Ok(())
}

impl VmexportArgs {
    /// §9.3 in upstream's order, then the durations.
    pub fn check(&self) -> Result<Invocation> {
        let positionals = self.args.exactly(2)?;
        exclusive(&[
            ("vm", !self.vm.is_empty()),
            ("snapshot", !self.snapshot.is_empty()),
            ("pvc", !self.pvc.is_empty()),
            ("vmtemplate", !self.vmtemplate.is_empty()),
        ])?;
        exclusive(&[("keep-vme", self.keep_vme), ("delete-vme", self.delete_vme)])?;
        let source = if !self.vm.is_empty() {
            Some(Source::Vm(self.vm.clone()))
        } else if !self.snapshot.is_empty() {
            Some(Source::Snapshot(self.snapshot.clone()))
        } else if !self.pvc.is_empty() {
            Some(Source::Pvc(self.pvc.clone()))
        } else if !self.vmtemplate.is_empty() {
            Some(Source::Template(self.vmtemplate.clone()))
        } else {
            None
        };
        let name = positionals[0].to_lowercase();
        let function = match name.as_str() {
            "create" => {
                if source.is_none() {
                    return Err(Error::Usage(
                        "need to specify export kind when attempting to create a VirtualMachineExport [--pvc|--vm|--snapshot|--vmtemplate]"
                            .into(),
                    ));
                }
                self.reject_download_flags("create")?;
                Function::Create
            }
            "delete" => {
                if source.is_some() {
                    return Err(Error::Usage("should not specify export kind".into()));
                }
                self.reject_download_flags("delete")?;
                if !self.readiness_timeout.is_empty() {
                    return Err(incompatible("--readiness-timeout", "delete"));
                }
                if !self.labels.is_empty() {
                    return Err(incompatible("--labels", "delete"));
                }
                if !self.annotations.is_empty() {
                    return Err(incompatible("--annotations", "delete"));
                }
                Function::Delete
            }
            "download" => {
                self.check_download()?;
                Function::Download
            }
            _ => return Err(Error::Usage(format!("invalid function '{name}'"))),
        };
        let ttl = if self.ttl.is_empty() {
            None
        } else {
            Some(parse_duration(&self.ttl).map_err(|e| Error::Usage(format!("time: {e}")))?)
        };
        let readiness_timeout = if self.readiness_timeout.is_empty() {
            DEFAULT_READINESS_TIMEOUT
        } else {
            parse_duration(&self.readiness_timeout).map_err(|e| Error::Usage(format!("time: {e}")))?
        };
        let payload = if self.manifest {
            Payload::Manifest {
                json: self.manifest_output_format.eq_ignore_ascii_case("json"),
            }
        } else {
            match self.format.as_str() {
                "raw" => Payload::Raw,
                "oci" => Payload::Oci,
                _ => Payload::Gzip,
            }
        };
        let service_url = Some(self.service_url.clone()).filter(|s| !s.is_empty());
        Ok(Invocation {
            function,
            request: ExportRequest {
                name: positionals[1].clone(),
                source,
                ttl,
                labels: pairs(&self.labels),
                annotations: pairs(&self.annotations),
            },
            output: Some(self.output.as_str())
                .filter(|o| !o.is_empty())
                .map(Destination::from_flag),
            payload,
            readiness_timeout,
            service_url,
            volume: Some(self.volume.clone()).filter(|v| !v.is_empty()),
            // Beyond upstream: --port-forward keeps TLS verified (against the Service's name).
            insecure: self.insecure,
            keep: self.keep_vme,
            delete: self.delete_vme,
            include_secret: self.include_secret,
            retries: u32::try_from(self.retry.max(0)).unwrap_or(u32::MAX),
            idle_timeout: self.idle_timeout,
            port_forward: self.port_forward,
            local_port: self.local_port.parse().unwrap_or(0),
        })
    }

    /// The flags only `download` takes, rejected for `create` and `delete` in upstream's order.
    fn reject_download_flags(&self, function: &str) -> Result<()> {
        let checks = [
            ("--output", !self.output.is_empty()),
            ("--volume", !self.volume.is_empty()),
            ("--insecure", self.insecure),
            ("--keep-vme", self.keep_vme),
            ("--delete-vme", self.delete_vme),
            ("--port-forward", self.port_forward),
            ("--local-port", self.local_port != "0"),
            ("--format", !self.format.is_empty()),
            ("--service-url", !self.service_url.is_empty()),
            ("--retry", self.retry != 0),
        ];
        match checks.iter().find(|(_, on)| *on) {
            Some((flag, _)) => Err(incompatible(flag, function)),
            None => Ok(()),
        }
    }

    fn check_download(&self) -> Result<()> {
        if self.port_forward && !self.local_port.parse::<i64>().is_ok_and(|p| (0..=65535).contains(&p)) {
            return Err(invalid("--local-port", "valid port numbers"));
        }
        if !["", "gzip", "raw", "oci"].contains(&self.format.as_str()) {
            return Err(invalid("--format", "gzip/raw/oci"));
        }
        if self.format == "oci" {
            if !self.volume.is_empty() {
                return Err(incompatible("--volume", "--format=oci"));
            }
            if self.manifest {
                return Err(incompatible("--manifest", "--format=oci"));
            }
            if !self.pvc.is_empty() {
                return Err(incompatible("--pvc", "--format=oci"));
            }
        }
        if self.retry < 0 {
            return Err(invalid("--retry", "positive integers"));
        }
        if self.manifest {
            if !self.volume.is_empty() {
                return Err(incompatible("--volume", "--manifest"));
            }
            let format = self.manifest_output_format.to_lowercase();
            if !["", "json", "yaml"].contains(&format.as_str()) {
                return Err(invalid("--manifest-output-format", "json/yaml"));
            }
            if !self.pvc.is_empty() {
                return Err(incompatible("--pvc", "--manifest"));
            }
        }
        if !self.manifest && self.output.is_empty() {
            return Err(Error::Usage(
                "warning: Binary output can mess up your terminal. Use '--output -' to output into stdout anyway or consider '--output <FILE>' to save to a file".into(),
            ));
        }
        Ok(())
    }
}

pub async fn run(args: VmexportArgs, ctx: &Ctx) -> Result<()> {
    let invocation = args.check()?;
    let cluster = ctx.cluster().await?;
    let exports = Exports::discover(&cluster.api, &cluster.namespace).await?;
    let to_stdout = matches!(invocation.output, Some(Destination::File(_)));
    let say = |text: &str| say(ctx, to_stdout, text);
    let name = &invocation.request.name;
    match invocation.function {
        Function::Create => exports.create_and_say(&invocation.request, &say).await.map(drop),
        Function::Delete => exports.delete_and_say(name, &say).await,
        Function::Download => {
            let settings = invocation.settings();
            fetch::from_export(&exports, &cluster.cluster_ca, &settings, &say).await
        }
    }
}

/// Upstream's messages: on stdout when the output is a file, else on stderr.
fn say(ctx: &Ctx, to_stdout: bool, text: &str) {
    if to_stdout {
        // A closed stdout must not stop the download itself.
        let _ = ctx.out.line(text);
    } else {
        ctx.out.note(text);
    }
}

impl Invocation {
    /// What the shared download flow needs from this command line.
    fn settings(&self) -> Settings {
        let fetch = match self.payload {
            Payload::Gzip | Payload::Raw => Fetch::Volume {
                name: self.volume.clone(),
                decompress: self.payload == Payload::Raw,
            },
            Payload::Oci => Fetch::Oci,
            Payload::Manifest { json } => Fetch::Manifest {
                json,
                include_secret: self.include_secret,
            },
        };
        Settings {
            request: self.request.clone(),
            fetch,
            output: self.output.clone(),
            readiness_timeout: self.readiness_timeout,
            service_url: self.service_url.clone(),
            insecure: self.insecure,
            keep: self.keep,
            delete: self.delete,
            retries: self.retries,
            idle_timeout: self.idle_timeout,
            port_forward: self.port_forward.then_some(self.local_port),
            internal_access: InternalAccess::PortForwardOrServiceUrl,
            again: self.again(),
        }
    }

    /// The command that downloads again from the kept export (no source: it exists).
    fn again(&self) -> String {
        let mut again = format!("virtctl vmexport download {}", self.request.name);
        match &self.output {
            Some(Destination::File(path)) => {
                again.push_str(&format!(" --output {}", super::shell_quote(&path.to_string_lossy())))
            }
            Some(Destination::Stdout) => again.push_str(" --output -"),
            None => {}
        }
        match self.payload {
            Payload::Raw => again.push_str(" --format raw"),
            Payload::Oci => again.push_str(" --format oci"),
            Payload::Manifest { json } => {
                again.push_str(" --manifest");
                if json {
                    again.push_str(" --manifest-output-format json");
                }
            }
            Payload::Gzip => {}
        }
        if let Some(volume) = &self.volume {
            again.push_str(&format!(" --volume {}", super::shell_quote(volume)));
        }
        again
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: VmexportArgs,
    }

    fn check(args: &[&str]) -> Result<Invocation> {
        let mut argv = vec!["vmexport"];
        argv.extend_from_slice(args);
        Wrapper::try_parse_from(argv).unwrap().args.check()
    }

    #[test]
    fn labels_keep_the_first_equals_and_drop_entries_without_one() {
        let inv = check(&["create", "e", "--vm=v", "--labels=a=b=c,nokey", "--labels", "d=e"]).unwrap();
        assert_eq!(
            inv.request.labels,
            vec![("a".to_string(), "b=c".to_string()), ("d".to_string(), "e".to_string())]
        );
    }

    #[test]
    fn port_forward_keeps_tls_verified_and_takes_the_local_port() {
        let inv = check(&["download", "e", "--output=f", "--port-forward", "--local-port=5410"]).unwrap();
        assert!(!inv.insecure);
        assert_eq!(inv.service_url, None);
        assert_eq!(inv.local_port, 5410);
        assert_eq!(
            check(&["download", "e", "--output=f", "--port-forward", "--local-port=70000"])
                .unwrap_err()
                .to_string(),
            "--local-port is not a valid value, acceptable values are valid port numbers"
        );
    }

    #[test]
    fn rules_in_order() {
        let err = |args: &[&str]| check(args).unwrap_err().to_string();
        assert_eq!(
            err(&["create", "e", "--vm=v", "--output=f", "--volume=x"]),
            "the '--output' flag is incompatible with 'create'"
        );
        assert_eq!(
            err(&["delete", "e", "--annotations=a=b"]),
            "the '--annotations' flag is incompatible with 'delete'"
        );
        assert_eq!(
            err(&["download", "e", "--output=f", "--format=oci", "--manifest"]),
            "the '--manifest' flag is incompatible with '--format=oci'"
        );
        assert_eq!(err(&["Create", "e"]).split(' ').next(), Some("need"));
    }
}
