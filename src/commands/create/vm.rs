//! `create vm`: a VirtualMachine manifest (kubevirt.io/v1) from flags: run strategy, memory or an
//! instancetype and preference (named or inferred from a volume), volumes (containerdisk, PVC,
//! DataVolume imports, sysprep), cloud-init and access credentials.
//!
//! Upstream's processing order is kept, since it decides defaults, errors and list order: the
//! memory first, then each flag given in [`run`]'s order, then cloud-init, then inference.

use std::collections::BTreeMap;

use clap::Args;
use serde_json::{Map, Value, json};

use super::params::{Params, flag_error, param_of, split_prefixed_name};
use crate::context::Ctx;
use crate::error::{Error, Result, go_quote};
use crate::go_syntax::parse_go_bool;

pub const LONG_ABOUT: &str = "Create a VirtualMachine manifest.

If no boot order was specified volumes have the following fixed boot order:
Containerdisk > PVC > DataSource > Clone PVC > Blank > Imported volumes";

pub const EXAMPLES: &str = "Examples:
  # Create a manifest for a VirtualMachine with a random name:
  virtctl create vm

  # Create a manifest for a VirtualMachine with a specified name and RunStrategy Always
  virtctl create vm --name=my-vm --run-strategy=Always

  # Create a manifest for a VirtualMachine with a specified VirtualMachineClusterInstancetype
  virtctl create vm --instancetype=my-instancetype

  # Create a manifest for a VirtualMachine with a specified VirtualMachineInstancetype (namespaced)
  virtctl create vm --instancetype=virtualmachineinstancetype/my-instancetype

  # Create a manifest for a VirtualMachine with a specified VirtualMachineClusterPreference
  virtctl create vm --preference=my-preference

  # Create a manifest for a VirtualMachine with a specified VirtualMachinePreference (namespaced)
  virtctl create vm --preference=virtualmachinepreference/my-preference

  # Create a manifest for a VirtualMachine with specified memory and an ephemeral containerdisk volume
  virtctl create vm --memory=1Gi --volume-containerdisk=src:my.registry/my-image:my-tag

  # Create a manifest for a VirtualMachine with a cloned DataSource in namespace and specified size
  virtctl create vm --volume-import=type:ds,src:my-ns/my-ds,size:50Gi

  # Create a manifest for a VirtualMachine with a cloned DataSource and inferred instancetype and preference
  virtctl create vm --volume-import=type:ds,src:my-annotated-ds --infer-instancetype --infer-preference

  # Create a manifest for a VirtualMachine with multiple volumes and specified boot order
  virtctl create vm --volume-containerdisk=src:my.registry/my-image:my-tag --volume-import=type:ds,src:my-ds,bootorder:1

  # Create a manifest for a VirtualMachine with multiple volumes and inferred instancetype and preference with specified volumes
  virtctl create vm --volume-import=type:ds,src:my-annotated-ds --volume-pvc=my-annotated-pvc --infer-instancetype=my-annotated-ds --infer-preference=my-annotated-pvc

  # Create a manifest for a VirtualMachine with a cloned PVC
  virtctl create vm --volume-import=type:pvc,src:my-ns/my-pvc

  # Create a manifest for a VirtualMachine using a PVC without cloning it
  virtctl create vm --volume-pvc=src:my-pvc

  # Create a manifest for a VirtualMachine with a clone DataSource and a blank volume
  virtctl create vm --volume-import=type:ds,src:my-ns/my-ds --volume-import=type:blank,size:50Gi

  # Create a manifest for a VirtualMachine with a specified VirtualMachineCluster{Instancetype,Preference} and cloned DataSource
  virtctl create vm --instancetype=my-instancetype --preference=my-preference --volume-import=type:ds,src:my-ds

  # Create a manifest for a VirtualMachine with a specified VirtualMachineCluster{Instancetype,Preference} and two cloned DataSources (flag can be provided multiple times)
  virtctl create vm --instancetype=my-instancetype --preference=my-preference --volume-import=type:ds,src:my-ds1 --volume-import=type:ds,src:my-ds2

  # Create a manifest for a VirtualMachine with a specified VirtualMachineCluster{Instancetype,Preference} and directly used PVC
  virtctl create vm --instancetype=my-instancetype --preference=my-preference --volume-pvc=my-pvc

  # Create a manifest for a VirtualMachine with a specified DataVolumeTemplate
  virtctl create vm --volume-import type:pvc,name:my-pvc,namespace:default,size:256Mi

  # Create a manifest for a VirtualMachine with a generated cloud-init config setting the user and adding an ssh authorized key
  virtctl create vm --user cloud-user --ssh-key=\"ssh-ed25519 AAAA....\"

  # Create a manifest for a VirtualMachine with a generated cloud-init config setting the user and setting the password from a file
  virtctl create vm --user cloud-user --password-file=/path/to/file
\t
  # Create a manifest for a VirtualMachine with SSH public keys injected into the VM from a secret called my-keys to the user also specified in the cloud-init config
  virtctl create vm --user cloud-user --access-cred=type:ssh,src:my-keys

  # Create a manifest for a VirtualMachine with SSH public keys injected into the VM from a secret called my-keys to a user specified as param
  virtctl create vm --access-cred=type:ssh,src:my-keys,user:myuser

  # Create a manifest for a VirtualMachine with password injected into the VM from a secret called my-pws
  virtctl create vm --access-cred=type:password,src:my-pws

  # Create a manifest for a VirtualMachine with a Containerdisk and a Sysprep volume (source ConfigMap needs to exist)
  virtctl create vm --memory=1Gi --volume-containerdisk=src:my.registry/my-image:my-tag --volume-sysprep=src:my-cm";

const VOLUME_IMPORT_HELP: &str = "Specify the source for DataVolume. Can be provided multiple times.
Supported parameters:
  type blank - size:resource.Quantity,type:string,name:string,bootorder:uint
  type gcs - secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type http - certconfigmap:string,extraheaders:[]string,secretextraheaders:[]string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type imageio - certconfigmap:string,diskid:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type pvc - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint
  type registry - certconfigmap:string,imagestream:string,pullmethod:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type s3 - certconfigmap:string,secretref:string,url:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type vddk - backingfile:string,initimageurl:string,secretref:string,thumbprint:string,url:string,uuid:string,size:resource.Quantity,type:string,name:string,bootorder:uint
  type snapshot - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint
  type ds - name:string,src:string,size:resource.Quantity,type:string,bootorder:uint";

#[derive(Args, Debug)]
pub struct VmArgs {
    /// cobra's `NoArgs`: a stray word is reported as an unknown sub-command.
    #[arg(hide = true, num_args = 0..)]
    pub extra: Vec<String>,
    /// Specify the name of the VM.
    #[arg(long, value_name = "string")]
    pub name: Option<String>,
    /// Specify the RunStrategy of the VM. [default: Always]
    #[arg(long = "run-strategy", value_name = "string")]
    pub run_strategy: Option<String>,
    /// Specify the termination grace period of the VM. [default: 180]
    #[arg(long = "termination-grace-period", value_name = "int64", allow_hyphen_values = true,
          value_parser = super::parse_go_i64)]
    pub termination_grace_period: Option<i64>,
    /// Specify the memory of the VM. [default: 512Mi]
    #[arg(long, value_name = "string")]
    pub memory: Option<String>,
    /// Specify the Instance Type of the VM. Mutually exclusive with instancetype inference flags.
    #[arg(long, value_name = "string")]
    pub instancetype: Option<String>,
    /// Specify if the Instance Type of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-instancetype-from. [default: true]
    #[arg(long = "infer-instancetype", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub infer_instancetype: Option<bool>,
    /// Specify the volume to infer the Instance Type of the VM from. Mutually exclusive with --infer-instancetype.
    #[arg(long = "infer-instancetype-from", value_name = "string")]
    pub infer_instancetype_from: Option<String>,
    /// Specify the Preference of the VM. Mutually exclusive with preference inference flags.
    #[arg(long, value_name = "string")]
    pub preference: Option<String>,
    /// Specify if the Preference of the VM should be inferred from the first boot disk. Mutually exclusive with --infer-preference-from. [default: true]
    #[arg(long = "infer-preference", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub infer_preference: Option<bool>,
    /// Specify the volume to infer the Preference of the VM from. Mutually exclusive with --infer-preference.
    #[arg(long = "infer-preference-from", value_name = "string")]
    pub infer_preference_from: Option<String>,
    #[arg(
        long = "volume-containerdisk",
        value_name = "stringArray",
        help = "Specify a containerdisk to be used by the VM. Can be provided multiple times.\nSupported parameters: name:string,src:string,bootorder:uint"
    )]
    pub volume_containerdisk: Vec<String>,
    #[arg(
        long = "volume-pvc",
        value_name = "stringArray",
        help = "Specify a PVCs to be used by the VM. Can be provided multiple times.\nSupported parameters: name:string,src:string,bootorder:uint"
    )]
    pub volume_pvc: Vec<String>,
    #[arg(long = "volume-import", value_name = "stringArray", help = VOLUME_IMPORT_HELP)]
    pub volume_import: Vec<String>,
    #[arg(
        long = "volume-sysprep",
        value_name = "string",
        help = "Specify a ConfigMap or Secret to be used as sysprep volume by the VM.\nSupported parameters: src:string,type:string"
    )]
    pub volume_sysprep: Option<String>,
    /// Specify the user in the cloud-init user data that is added to the VM.
    #[arg(long, value_name = "string")]
    pub user: Option<String>,
    /// Specify a file to read the password from for the cloud-init user data that is added to the VM.
    #[arg(long = "password-file", value_name = "string")]
    pub password_file: Option<String>,
    /// Specify one or more SSH authorized keys in the cloud-init user data that is added to the VM.
    #[arg(long = "ssh-key", value_name = "strings", value_parser = parse_csv)]
    pub ssh_key: Vec<CsvValues>,
    #[arg(long = "ga-manage-ssh", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool,
          help = "Specify if the qemu-guest-agent should be able to manage SSH in the cloud-init user data that is added to the VM.\nThis is useful in combination with the \"credentials add-ssh-key\" command or when using the --access-cred flag. [default: false]")]
    pub ga_manage_ssh: Option<bool>,
    #[arg(
        long = "access-cred",
        value_name = "stringArray",
        help = "Specify an access credential to be injected into the VM. Can be provided multiple times.\nSupported parameters: type:string,src:string,method:string,user:string"
    )]
    pub access_cred: Vec<String>,
    #[arg(
        long = "cloud-init",
        value_name = "string",
        help = "Specify the type of the generated cloud-init data source.\nSupported values: nocloud, configdrive, none [default: nocloud]"
    )]
    pub cloud_init: Option<String>,
    /// Specify the base64 encoded cloud-init user data of the VM.
    #[arg(long = "cloud-init-user-data", value_name = "string")]
    pub cloud_init_user_data: Option<String>,
    /// Specify the base64 encoded cloud-init network data of the VM.
    #[arg(long = "cloud-init-network-data", value_name = "string")]
    pub cloud_init_network_data: Option<String>,
    #[arg(
        long = "volume-datasource",
        value_name = "stringArray",
        help = "Specify a DataSource to be cloned by the VM. Can be provided multiple times.\nSupported parameters: name:string,src:string,bootorder:uint,size:resource.Quantity\nDEPRECATED: Use --volume-import with type:ds and same params instead."
    )]
    pub volume_datasource: Vec<String>,
    #[arg(
        long = "volume-clone-pvc",
        value_name = "stringArray",
        help = "Specify a PVC to be cloned by the VM. Can be provided multiple times.\nSupported parameters: name:string,src:string,bootorder:uint,size:resource.Quantity\nDEPRECATED: Use --volume-import with type:pvc and same params instead."
    )]
    pub volume_clone_pvc: Vec<String>,
    #[arg(
        long = "volume-blank",
        value_name = "stringArray",
        help = "Specify a blank volume to be used by the VM. Can be provided multiple times.\nSupported parameters: name:string,size:resource.Quantity\nDEPRECATED: Use --volume-import with type:blank and same params instead."
    )]
    pub volume_blank: Vec<String>,
    #[command(flatten)]
    pub format: super::FormatArg,
}

/// One occurrence of a pflag `stringSlice` flag: a line of comma-separated values, read as CSV.
#[derive(Debug, Clone)]
pub struct CsvValues(pub Vec<String>);

const CLOUD_INIT_DISK: &str = "cloudinitdisk";
const CLOUD_INIT_HEADER: &str = "#cloud-config";
const RUN_STRATEGIES: [&str; 5] = ["Always", "Manual", "Halted", "Once", "RerunOnFailure"];

/// Upstream's detail for a `user` param where the credential takes none, naming the param (beyond
/// upstream).
fn user_invalid(user: &str) -> Error {
    flag_error(
        "access-cred",
        format!("user cannot be specified with selected access credential type and method (user:{user})"),
    )
}

pub async fn run(args: VmArgs, ctx: &Ctx) -> Result<()> {
    if let Some(extra) = args.extra.first() {
        return Err(Error::Usage(format!(
            "unknown command {} for \"virtctl create vm\"",
            go_quote(extra)
        )));
    }
    let user_data = args.cloud_init_user_data.is_some();
    super::exclusive_groups(&[
        &[
            ("memory", args.memory.is_some()),
            ("instancetype", args.instancetype.is_some()),
            ("infer-instancetype", args.infer_instancetype.is_some()),
            ("infer-instancetype-from", args.infer_instancetype_from.is_some()),
        ],
        &[
            ("preference", args.preference.is_some()),
            ("infer-preference", args.infer_preference.is_some()),
            ("infer-preference-from", args.infer_preference_from.is_some()),
        ],
        &[("cloud-init-user-data", user_data), ("user", args.user.is_some())],
        &[
            ("cloud-init-user-data", user_data),
            ("password-file", args.password_file.is_some()),
        ],
        &[
            ("cloud-init-user-data", user_data),
            ("ssh-key", !args.ssh_key.is_empty()),
        ],
        &[
            ("cloud-init-user-data", user_data),
            ("ga-manage-ssh", args.ga_manage_ssh.is_some()),
        ],
    ])?;
    let namespace = super::namespace_override(ctx).await?;
    let name = match args.name.as_deref() {
        None | Some("") => super::random_name("vm-"),
        Some(name) => name.to_string(),
    };
    let mut builder = Builder::new(args, name, namespace)?;
    builder.apply_flags(ctx)?;
    builder.cloud_init(ctx)?;
    builder.infer()?;
    super::print(ctx, &builder.args.format, &builder.manifest())
}

/// What a volume is, for inference and the duplicate checks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum VolumeKind {
    ContainerDisk,
    Pvc,
    DataVolume,
    Sysprep,
    CloudInit,
}

#[derive(Debug)]
struct Volume {
    name: String,
    kind: VolumeKind,
    /// The volume source: one key (`containerDisk`, `dataVolume`, ...) and its value.
    source: (&'static str, Value),
}

/// The VM being built, field by field, and the flag state that later steps read.
struct Builder {
    args: VmArgs,
    name: String,
    namespace: Option<String>,
    run_strategy: &'static str,
    memory: Option<String>,
    instancetype: Option<Map<String, Value>>,
    preference: Option<Map<String, Value>>,
    disks: Vec<Value>,
    volumes: Vec<Volume>,
    /// `dataVolumeTemplates`: name and spec.
    data_volumes: Vec<(String, Value)>,
    access_credentials: Vec<Value>,
    boot_orders: BTreeMap<u32, String>,
    /// `--cloud-init` as given, or as an access credential set it.
    cloud_init: Option<String>,
    /// `--ga-manage-ssh` as given, or as an ssh access credential set it.
    ga_manage_ssh: Option<bool>,
}

impl Builder {
    fn new(args: VmArgs, name: String, namespace: Option<String>) -> Result<Builder> {
        let memory = crate::cluster::types::quantity::canonical(args.memory.as_deref().unwrap_or("512Mi"))
            .map_err(|detail| flag_error("memory", detail))?;
        Ok(Builder {
            name,
            namespace,
            run_strategy: "Always",
            memory: Some(memory),
            instancetype: None,
            preference: None,
            disks: Vec::new(),
            volumes: Vec::new(),
            data_volumes: Vec::new(),
            access_credentials: Vec::new(),
            boot_orders: BTreeMap::new(),
            cloud_init: args.cloud_init.clone(),
            ga_manage_ssh: args.ga_manage_ssh,
            args,
        })
    }

    /// Each flag given, in upstream's order (which is also the default boot order of volumes).
    fn apply_flags(&mut self, ctx: &Ctx) -> Result<()> {
        if let Some(strategy) = self.args.run_strategy.clone() {
            self.run_strategy = RUN_STRATEGIES
                .into_iter()
                .find(|s| s.eq_ignore_ascii_case(&strategy))
                .ok_or_else(|| {
                    flag_error(
                        "run-strategy",
                        format!(
                            "invalid run strategy \"{strategy}\", supported values are: {}",
                            RUN_STRATEGIES.join(", ")
                        ),
                    )
                })?;
        }
        if let Some(text) = self.args.instancetype.clone() {
            let matcher = matcher(
                "instancetype",
                &text,
                ["virtualmachineinstancetype", "virtualmachineclusterinstancetype"],
            )?;
            self.memory = None;
            self.instancetype = Some(matcher);
        }
        if let Some(text) = self.args.preference.clone() {
            let matcher = matcher(
                "preference",
                &text,
                ["virtualmachinepreference", "virtualmachineclusterpreference"],
            )?;
            self.preference = Some(matcher);
        }
        for (index, value) in self.args.volume_containerdisk.clone().iter().enumerate() {
            self.containerdisk(index, value)?;
        }
        for value in self.args.volume_pvc.clone() {
            self.pvc(&value)?;
        }
        let mut imports = self.args.volume_import.clone();
        let aliases = [
            ("volume-datasource", "ds", &self.args.volume_datasource),
            ("volume-clone-pvc", "pvc", &self.args.volume_clone_pvc),
            ("volume-blank", "blank", &self.args.volume_blank),
        ];
        for (flag, kind, values) in aliases {
            if values.is_empty() {
                continue;
            }
            ctx.out.note(format!(
                "Flag --{flag} has been deprecated, use flag --volume-import instead"
            ));
            for value in values {
                if value.is_empty() {
                    return Err(flag_error("volume-import", "params may not be empty"));
                }
                // Each value goes first, as upstream prepends them (its documented boot order).
                imports.insert(0, format!("type:{kind},{value}"));
            }
        }
        for value in &imports {
            self.import(value)?;
        }
        if let Some(value) = self.args.volume_sysprep.clone() {
            self.sysprep(&value)?;
        }
        for value in self.args.access_cred.clone() {
            let credential = self.access_credential(&value)?;
            self.access_credentials.push(credential);
        }
        Ok(())
    }

    fn add_volume(&mut self, flag: &str, name: &str, kind: VolumeKind, source: (&'static str, Value)) -> Result<()> {
        check_label(flag, name)?;
        if self.volume(name).is_some() {
            return Err(flag_error(
                flag,
                format!("there is already a volume with name \"{name}\""),
            ));
        }
        self.volumes.push(Volume {
            name: name.to_string(),
            kind,
            source,
        });
        Ok(())
    }

    fn volume(&self, name: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.name == name)
    }

    fn add_boot_order(&mut self, flag: &str, name: &str, boot_order: Option<u32>) -> Result<()> {
        let Some(order) = boot_order else {
            return Ok(());
        };
        if order == 0 {
            return Err(flag_error(flag, "bootorder must be greater than 0"));
        }
        if self.boot_orders.contains_key(&order) {
            return Err(flag_error(
                flag,
                format!("bootorder {order} was specified multiple times"),
            ));
        }
        self.disks.push(json!({ "bootOrder": order, "name": name }));
        self.boot_orders.insert(order, name.to_string());
        Ok(())
    }

    fn containerdisk(&mut self, index: usize, value: &str) -> Result<()> {
        const FLAG: &str = "volume-containerdisk";
        let (name, src, boot_order) = volume_params(FLAG, value)?;
        if src.is_empty() {
            return Err(flag_error(FLAG, "src must be specified"));
        }
        let name = if name.is_empty() {
            format!("{}-containerdisk-{index}", self.name)
        } else {
            name
        };
        self.add_volume(
            FLAG,
            &name,
            VolumeKind::ContainerDisk,
            ("containerDisk", json!({ "image": src })),
        )?;
        self.add_boot_order(FLAG, &name, boot_order)
    }

    fn pvc(&mut self, value: &str) -> Result<()> {
        const FLAG: &str = "volume-pvc";
        let (name, src, boot_order) = volume_params(FLAG, value)?;
        let claim = local_name(FLAG, &src, "pvc")?;
        let name = if name.is_empty() { claim.clone() } else { name };
        self.add_volume(
            FLAG,
            &name,
            VolumeKind::Pvc,
            ("persistentVolumeClaim", json!({ "claimName": claim })),
        )?;
        self.add_boot_order(FLAG, &name, boot_order)
    }

    fn import(&mut self, value: &str) -> Result<()> {
        const FLAG: &str = "volume-import";
        let kind = param_of(FLAG, value, "type")?.ok_or_else(|| flag_error(FLAG, "type must be specified"))?;
        let (spec, boot_order) = match kind.as_str() {
            "blank" | "gcs" | "http" | "imageio" | "registry" | "s3" | "vddk" => import_source(&kind, value)?,
            "pvc" | "snapshot" | "ds" => object_source(&kind, value)?,
            _ => {
                return Err(flag_error(
                    FLAG,
                    format!("invalid volume import type \"{kind}\", see help for supported values"),
                ));
            }
        };
        let size = param_of(FLAG, value, "size")?;
        if size.is_none() && !matches!(kind.as_str(), "pvc" | "snapshot" | "ds") {
            return Err(flag_error(FLAG, "size must be specified"));
        }
        let name = param_of(FLAG, value, "name")?.unwrap_or_else(|| super::random_name("imported-volume-"));
        self.add_volume(
            FLAG,
            &name,
            VolumeKind::DataVolume,
            ("dataVolume", json!({ "name": name })),
        )?;
        let mut spec = spec;
        let resources = match size {
            Some(size) => {
                let size = crate::cluster::types::quantity::canonical(&size).map_err(|d| flag_error(FLAG, d))?;
                json!({ "requests": { "storage": size } })
            }
            None => json!({}),
        };
        spec.insert("storage".into(), json!({ "resources": resources }));
        self.data_volumes.push((name.clone(), Value::Object(spec)));
        self.add_boot_order(FLAG, &name, boot_order)
    }

    fn sysprep(&mut self, value: &str) -> Result<()> {
        const FLAG: &str = "volume-sysprep";
        let mut params = Params::parse(FLAG, value)?;
        let src = params.take("src");
        let kind = params.take("type");
        params.finish()?;
        if src.is_empty() {
            return Err(flag_error(FLAG, "src must be specified"));
        }
        let (namespace, name) = split_prefixed_name(&src).map_err(|e| flag_error(FLAG, format!("src invalid: {e}")))?;
        if !namespace.is_empty() {
            return Err(flag_error(
                FLAG,
                format!("not allowed to specify namespace of configmap or secret \"{name}\""),
            ));
        }
        if self.volume("sysprepdisk").is_some() {
            return Err(flag_error(FLAG, "there is already a volume with name \"sysprepdisk\""));
        }
        let key = match kind.to_ascii_lowercase().as_str() {
            "" | "configmap" => "configMap",
            "secret" => "secret",
            _ => {
                return Err(flag_error(
                    FLAG,
                    format!("invalid sysprep source type \"{kind}\", supported values are: configmap, secret"),
                ));
            }
        };
        self.volumes.push(Volume {
            name: "sysprepdisk".into(),
            kind: VolumeKind::Sysprep,
            source: ("sysprep", json!({ key: { "name": src } })),
        });
        Ok(())
    }

    fn access_credential(&mut self, value: &str) -> Result<Value> {
        const FLAG: &str = "access-cred";
        let mut params = Params::parse(FLAG, value)?;
        let kind = params.take("type");
        let src = params.take("src");
        let method = params.take("method");
        let user = params.take("user");
        params.finish()?;
        let secret = local_name(FLAG, &src, "secret")?;
        let source = json!({ "secret": { "secretName": secret } });
        match kind.to_ascii_lowercase().as_str() {
            "ssh" | "" => {}
            "password" => {
                if !method.is_empty() && !method.eq_ignore_ascii_case("ga") {
                    return Err(flag_error(
                        FLAG,
                        format!("invalid access credentials password method \"{method}\", supported values are: ga"),
                    ));
                }
                if !user.is_empty() {
                    return Err(user_invalid(&user));
                }
                return Ok(json!({ "userPassword": {
                    "propagationMethod": { "qemuGuestAgent": {} },
                    "source": source,
                }}));
            }
            _ => {
                return Err(flag_error(
                    FLAG,
                    format!("invalid access credential type \"{kind}\", supported values are: ssh, password"),
                ));
            }
        }
        let propagation = match method.to_ascii_lowercase().as_str() {
            "ga" | "" => {
                let user = if user.is_empty() {
                    self.args.user.clone().unwrap_or_default()
                } else {
                    user
                };
                if user.is_empty() {
                    return Err(flag_error(
                        FLAG,
                        "user must be specified with access credential ssh method ga (\"--user\" flag or param \"user\")",
                    ));
                }
                // The guest agent may only write the keys when SELinux lets it.
                self.ga_manage_ssh.get_or_insert(true);
                json!({ "qemuGuestAgent": { "users": [user] } })
            }
            method @ ("nocloud" | "configdrive") => {
                if !user.is_empty() {
                    return Err(user_invalid(&user));
                }
                let cloud_init = self.cloud_init.get_or_insert_with(|| method.to_string());
                if !cloud_init.eq_ignore_ascii_case(method) {
                    return Err(flag_error(
                        FLAG,
                        format!(
                            "method param and value passed to --cloud-init have to match: {method} vs {cloud_init}"
                        ),
                    ));
                }
                let key = if method == "nocloud" { "noCloud" } else { "configDrive" };
                json!({ key: {} })
            }
            _ => {
                return Err(flag_error(
                    FLAG,
                    format!(
                        "invalid access credentials ssh method \"{method}\", supported values are: ga, nocloud, configdrive"
                    ),
                ));
            }
        };
        Ok(json!({ "sshPublicKey": { "propagationMethod": propagation, "source": source } }))
    }

    /// The cloud-init volume, when any cloud-init flag was given (or set by an access credential).
    fn cloud_init(&mut self, ctx: &Ctx) -> Result<()> {
        let args = &self.args;
        let given = args.user.is_some()
            || args.password_file.is_some()
            || !args.ssh_key.is_empty()
            || self.ga_manage_ssh.is_some()
            || self.cloud_init.is_some()
            || args.cloud_init_user_data.is_some()
            || args.cloud_init_network_data.is_some();
        if !given {
            return Ok(());
        }
        if args.password_file.is_some() {
            ctx.out
                .note("WARNING: --password-file: The password is stored in cleartext in the VM definition!");
            // Beyond upstream: the way to keep it out of the manifest.
            ctx.out.note(
                "hint: anyone who can read the VM can read it; to keep the password in a Secret instead, use \
                 --access-cred type:password,src:SECRET",
            );
        }
        if self.volume(CLOUD_INIT_DISK).is_some() {
            return Err(Error::Usage(format!(
                "there is already a volume with name \"{CLOUD_INIT_DISK}\""
            )));
        }
        let kind = self.cloud_init.as_deref().unwrap_or("nocloud").to_ascii_lowercase();
        let key = match kind.as_str() {
            "nocloud" => "cloudInitNoCloud",
            "configdrive" => "cloudInitConfigDrive",
            "none" => {
                if args.password_file.is_some()
                    || !args.ssh_key.is_empty()
                    || self.ga_manage_ssh.is_some()
                    || args.cloud_init_user_data.is_some()
                    || args.cloud_init_network_data.is_some()
                {
                    ctx.out.note(
                        "WARNING: --cloud-init: was set to none, not creating a data source although other cloud-init options were set",
                    );
                }
                return Ok(());
            }
            _ => {
                return Err(flag_error(
                    "cloud-init",
                    format!(
                        "invalid cloud-init data source type \"{}\", supported values are: nocloud, configdrive, none",
                        self.cloud_init.as_deref().unwrap_or_default()
                    ),
                ));
            }
        };
        let mut source = Map::new();
        let network_data = args.cloud_init_network_data.clone().unwrap_or_default();
        if !network_data.is_empty() {
            source.insert("networkDataBase64".into(), json!(network_data));
        }
        let user_data = args.cloud_init_user_data.clone().unwrap_or_default();
        let mut only_header = false;
        if !user_data.is_empty() {
            source.insert("userDataBase64".into(), json!(user_data));
        } else {
            let config = self.cloud_config()?;
            only_header = config == CLOUD_INIT_HEADER;
            source.insert("userData".into(), json!(config));
        }
        // Without an explicit --cloud-init, a config with nothing in it is left out.
        if self.cloud_init.is_none() && only_header && network_data.is_empty() {
            return Ok(());
        }
        self.volumes.push(Volume {
            name: CLOUD_INIT_DISK.into(),
            kind: VolumeKind::CloudInit,
            source: (key, Value::Object(source)),
        });
        Ok(())
    }

    /// The generated `#cloud-config` user data (lines joined by `\n`, no trailing newline).
    fn cloud_config(&self) -> Result<String> {
        let mut config = CLOUD_INIT_HEADER.to_string();
        if let Some(user) = self.args.user.as_deref().filter(|u| !u.is_empty()) {
            config += &format!("\nuser: {user}");
        }
        if let Some(path) = self.args.password_file.as_deref().filter(|p| !p.is_empty()) {
            let data = std::fs::read(path).map_err(|e| flag_error("password-file", go_io_text(path, &e)))?;
            let password = String::from_utf8_lossy(&data).trim().to_string();
            if !password.is_empty() {
                config += &format!("\npassword: {password}\nchpasswd: {{ expire: False }}");
            }
        }
        let keys: Vec<&String> = self.args.ssh_key.iter().flat_map(|k| &k.0).collect();
        if !keys.is_empty() {
            config += "\nssh_authorized_keys:";
            for key in keys {
                config += &format!("\n  - {key}");
            }
        }
        if self.ga_manage_ssh == Some(true) {
            config += "\nruncmd:\n  - [ setsebool, -P, 'virt_qemu_ga_manage_ssh', 'on' ]";
        }
        Ok(config)
    }

    /// Instancetype and preference inferred from a volume, last of all. Implicit inference (no
    /// `--infer-*` flag given) drops its errors and asks the cluster to ignore failures.
    fn infer(&mut self) -> Result<()> {
        let args = &self.args;
        let explicit_instancetype = args.infer_instancetype.is_some() || args.infer_instancetype_from.is_some();
        if args.infer_instancetype.unwrap_or(true) && args.instancetype.is_none() && args.memory.is_none() {
            match self.inference_volume(args.infer_instancetype_from.as_deref()) {
                Ok(volume) => {
                    let mut matcher = Map::new();
                    matcher.insert("inferFromVolume".into(), json!(volume));
                    if explicit_instancetype {
                        self.memory = None;
                    } else {
                        matcher.insert("inferFromVolumeFailurePolicy".into(), json!("Ignore"));
                    }
                    self.instancetype = Some(matcher);
                }
                Err(err) if explicit_instancetype => return Err(err),
                Err(_) => {}
            }
        }
        let args = &self.args;
        let explicit_preference = args.infer_preference.is_some() || args.infer_preference_from.is_some();
        if args.infer_preference.unwrap_or(true) && args.preference.is_none() {
            match self.inference_volume(args.infer_preference_from.as_deref()) {
                Ok(volume) => {
                    let mut matcher = Map::new();
                    matcher.insert("inferFromVolume".into(), json!(volume));
                    if !explicit_preference {
                        matcher.insert("inferFromVolumeFailurePolicy".into(), json!("Ignore"));
                    }
                    self.preference = Some(matcher);
                }
                Err(err) if explicit_preference => return Err(err),
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// The volume to infer from: the one named, else the one with the lowest boot order, else
    /// the first; it must be a PVC or a DataVolume from a source that carries the annotations.
    fn inference_volume(&self, named: Option<&str>) -> Result<String> {
        let name = match named.filter(|n| !n.is_empty()) {
            Some(name) => name.to_string(),
            None => {
                let first = self.volumes.first().ok_or_else(|| {
                    Error::Usage("at least one volume is needed to infer an instance type or preference".into())
                })?;
                match self.boot_orders.values().next() {
                    Some(lowest) => lowest.clone(),
                    None => first.name.clone(),
                }
            }
        };
        let volume = self
            .volume(&name)
            .ok_or_else(|| Error::Usage(format!("there is no volume with name \"{name}\"")))?;
        match volume.kind {
            VolumeKind::Pvc => Ok(name),
            VolumeKind::DataVolume => {
                let Some((_, spec)) = self.data_volumes.iter().find(|(n, _)| *n == name) else {
                    return Ok(name);
                };
                let source = &spec["source"];
                let usable = ["pvc", "registry", "snapshot"].iter().any(|k| source.get(k).is_some())
                    || spec["sourceRef"]["kind"] == "DataSource";
                if usable {
                    Ok(name)
                } else {
                    Err(Error::Usage(
                        "this datavolume is not valid to infer an instancetype or preference from \
                         (source needs to be PVC, Registry or Snapshot, sourceRef needs to be DataSource)"
                            .into(),
                    ))
                }
            }
            _ => Err(Error::Usage(
                "inference of instancetype or preference works only with datasources, datavolumes or pvcs".into(),
            )),
        }
    }

    /// The VirtualMachine object; absent optional fields are left out as upstream's `omitempty`.
    fn manifest(&self) -> Value {
        let mut domain = Map::new();
        let mut devices = Map::new();
        if !self.disks.is_empty() {
            devices.insert("disks".into(), Value::Array(self.disks.clone()));
        }
        domain.insert("devices".into(), Value::Object(devices));
        if let Some(memory) = &self.memory {
            domain.insert("memory".into(), json!({ "guest": memory }));
        }
        domain.insert("resources".into(), json!({}));

        let mut vmi_spec = Map::new();
        if !self.access_credentials.is_empty() {
            vmi_spec.insert(
                "accessCredentials".into(),
                Value::Array(self.access_credentials.clone()),
            );
        }
        vmi_spec.insert("domain".into(), Value::Object(domain));
        vmi_spec.insert(
            "terminationGracePeriodSeconds".into(),
            json!(self.args.termination_grace_period.unwrap_or(180)),
        );
        if !self.volumes.is_empty() {
            let volumes = self
                .volumes
                .iter()
                .map(|v| {
                    let (key, source) = &v.source;
                    json!({ "name": v.name, *key: source })
                })
                .collect();
            vmi_spec.insert("volumes".into(), Value::Array(volumes));
        }

        let mut spec = Map::new();
        if !self.data_volumes.is_empty() {
            let templates = self
                .data_volumes
                .iter()
                .map(|(name, spec)| json!({ "metadata": { "name": name }, "spec": spec }))
                .collect();
            spec.insert("dataVolumeTemplates".into(), Value::Array(templates));
        }
        if let Some(matcher) = &self.instancetype {
            spec.insert("instancetype".into(), Value::Object(matcher.clone()));
        }
        if let Some(matcher) = &self.preference {
            spec.insert("preference".into(), Value::Object(matcher.clone()));
        }
        spec.insert("runStrategy".into(), json!(self.run_strategy));
        spec.insert(
            "template".into(),
            json!({ "metadata": {}, "spec": Value::Object(vmi_spec) }),
        );
        json!({
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachine",
            "metadata": super::metadata(&self.name, self.namespace.as_deref()),
            "spec": Value::Object(spec),
            "status": {},
        })
    }
}

/// `--instancetype` / `--preference`: `[kind/]name`, the kind lower-cased and one of `kinds`.
fn matcher(flag: &str, text: &str, kinds: [&str; 2]) -> Result<Map<String, Value>> {
    let (kind, name) = split_prefixed_name(text).map_err(|e| flag_error(flag, e))?;
    let kind = kind.to_ascii_lowercase();
    if !kind.is_empty() && !kinds.contains(&kind.as_str()) {
        return Err(flag_error(
            flag,
            format!(
                "invalid {flag} kind \"{kind}\", supported values are: {}, {}",
                kinds[0], kinds[1]
            ),
        ));
    }
    let mut matcher = Map::new();
    if !kind.is_empty() {
        matcher.insert("kind".into(), json!(kind));
    }
    matcher.insert("name".into(), json!(name));
    Ok(matcher)
}

/// The `name`, `src` and `bootorder` params of `--volume-containerdisk` / `--volume-pvc`.
fn volume_params(flag: &str, value: &str) -> Result<(String, String, Option<u32>)> {
    let mut params = Params::parse(flag, value)?;
    let name = params.take("name");
    let src = params.take("src");
    let boot_order = params.uint("bootorder")?;
    params.finish()?;
    Ok((name, src, boot_order))
}

/// A `src` naming an object in the VM's own namespace: required, no `namespace/` prefix.
fn local_name(flag: &str, src: &str, what: &str) -> Result<String> {
    if src.is_empty() {
        return Err(flag_error(flag, "src must be specified"));
    }
    let (namespace, name) = split_prefixed_name(src).map_err(|e| flag_error(flag, format!("src invalid: {e}")))?;
    if !namespace.is_empty() {
        return Err(flag_error(
            flag,
            format!("not allowed to specify namespace of {what} \"{name}\""),
        ));
    }
    Ok(name.to_string())
}

/// The DataVolume spec of an import from a URL-like source (or a blank disk), and its boot order.
/// The typed params are read in upstream's struct order (size, then bootorder), then unknown
/// params fail, then the source's own required params.
fn import_source(kind: &str, value: &str) -> Result<(Map<String, Value>, Option<u32>)> {
    const FLAG: &str = "volume-import";
    // The string params each source takes, with their field names in the DataVolume source.
    let keys: &[(&str, &str)] = match kind {
        "gcs" => &[("secretref", "secretRef"), ("url", "url")],
        "http" => &[
            ("certconfigmap", "certConfigMap"),
            ("secretref", "secretRef"),
            ("url", "url"),
        ],
        "imageio" => &[
            ("certconfigmap", "certConfigMap"),
            ("diskid", "diskId"),
            ("secretref", "secretRef"),
            ("url", "url"),
        ],
        "registry" => &[
            ("certconfigmap", "certConfigMap"),
            ("imagestream", "imageStream"),
            ("pullmethod", "pullMethod"),
            ("secretref", "secretRef"),
            ("url", "url"),
        ],
        "s3" => &[
            ("certconfigmap", "certConfigMap"),
            ("secretref", "secretRef"),
            ("url", "url"),
        ],
        "vddk" => &[
            ("backingfile", "backingFile"),
            ("initimageurl", "initImageURL"),
            ("secretref", "secretRef"),
            ("thumbprint", "thumbprint"),
            ("url", "url"),
            ("uuid", "uuid"),
        ],
        _ => &[],
    };
    let mut params = Params::parse(FLAG, value)?;
    let mut values: BTreeMap<&str, String> = BTreeMap::new();
    for (key, _) in keys {
        values.insert(key, params.take(key));
    }
    let mut lists = Vec::new();
    if kind == "http" {
        for (key, field) in [
            ("extraheaders", "extraHeaders"),
            ("secretextraheaders", "secretExtraHeaders"),
        ] {
            if let Some(list) = params.list(key) {
                lists.push((field, list));
            }
        }
    }
    params.quantity("size")?;
    params.take("type");
    params.take("name");
    let boot_order = params.uint("bootorder")?;
    params.finish()?;

    let given = |key: &str| values.get(key).is_some_and(|v| !v.is_empty());
    let required: &[&str] = match kind {
        "gcs" | "http" | "s3" => &["url"],
        "vddk" => &["url", "uuid", "thumbprint", "secretref", "backingfile"],
        _ => &[],
    };
    if let Some(missing) = required.iter().find(|key| !given(key)) {
        return Err(flag_error(
            FLAG,
            format!("{missing} is required with {kind} volume source"),
        ));
    }
    if kind == "imageio" && !(given("url") && given("diskid")) {
        return Err(flag_error(
            FLAG,
            "url and diskid are both required with imageio volume source",
        ));
    }
    if kind == "registry" {
        if given("pullmethod") && !matches!(values["pullmethod"].as_str(), "pod" | "node") {
            return Err(flag_error(
                FLAG,
                format!(
                    "pullmethod must be set to pod or node (pullmethod:{})",
                    values["pullmethod"]
                ),
            ));
        }
        if given("url") == given("imagestream") {
            return Err(flag_error(FLAG, "exactly one of url or imagestream must be defined"));
        }
    }
    // `url` (and imageio's `diskId`) are always written; the other strings only when set.
    let mut fields = Map::new();
    for (key, field) in keys {
        let always = (*key == "url" && kind != "registry" && kind != "vddk") || (*key == "diskid");
        if always || given(key) {
            fields.insert(field.to_string(), json!(values[key]));
        }
    }
    for (field, list) in lists {
        fields.insert(field.into(), json!(list));
    }
    let mut spec = Map::new();
    spec.insert("source".into(), json!({ kind: Value::Object(fields) }));
    Ok((spec, boot_order))
}

/// The DataVolume spec of a clone of a PVC or snapshot (`src: ns/name`, namespace required) or
/// of a DataSource (`src: [ns/]name`), and its boot order.
fn object_source(kind: &str, value: &str) -> Result<(Map<String, Value>, Option<u32>)> {
    const FLAG: &str = "volume-import";
    let mut params = Params::parse(FLAG, value)?;
    params.take("name");
    let src = params.take("src");
    params.quantity("size")?;
    params.take("type");
    let boot_order = params.uint("bootorder")?;
    params.finish()?;
    if src.is_empty() {
        return Err(flag_error(FLAG, "src must be specified"));
    }
    let (namespace, name) = split_prefixed_name(&src).map_err(|e| flag_error(FLAG, format!("src invalid: {e}")))?;
    let mut spec = Map::new();
    if kind == "ds" {
        let mut reference = Map::new();
        reference.insert("kind".into(), json!("DataSource"));
        reference.insert("name".into(), json!(name));
        if !namespace.is_empty() {
            reference.insert("namespace".into(), json!(namespace));
        }
        spec.insert("sourceRef".into(), Value::Object(reference));
        return Ok((spec, boot_order));
    }
    if namespace.is_empty() {
        return Err(flag_error(
            FLAG,
            format!("namespace of {kind} \"{name}\" must be specified"),
        ));
    }
    spec.insert(
        "source".into(),
        json!({ kind: { "name": name, "namespace": namespace } }),
    );
    Ok((spec, boot_order))
}

/// A volume name must be a DNS-1123 label; the detail is apimachinery's.
fn check_label(flag: &str, name: &str) -> Result<()> {
    let errors = dns1123_label_errors(name);
    if errors.is_empty() {
        return Ok(());
    }
    Err(flag_error(
        flag,
        format!("invalid name \"{name}\": {}", errors.join(",")),
    ))
}

/// apimachinery's `validation.IsDNS1123Label`.
fn dns1123_label_errors(name: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if name.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    let label = |part: &str| {
        let bytes = part.as_bytes();
        let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        !bytes.is_empty()
            && bytes.first().is_some_and(edge)
            && bytes.last().is_some_and(edge)
            && bytes.iter().all(|b| edge(b) || *b == b'-')
    };
    if !label(name) {
        if name.split('.').all(label) {
            errors.push("must not contain dots".to_string());
        } else {
            errors.push(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must \
                 start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for \
                 validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                    .to_string(),
            );
        }
    }
    errors
}

/// Go's `os.ReadFile` error for `path`.
fn go_io_text(path: &str, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => format!("open {path}: no such file or directory"),
        std::io::ErrorKind::PermissionDenied => format!("open {path}: permission denied"),
        std::io::ErrorKind::IsADirectory => format!("read {path}: is a directory"),
        _ => format!("open {path}: {err}"),
    }
}

/// pflag's `stringSlice` value: the first line of `text` read as CSV (Go's `encoding/csv`).
fn parse_csv(text: &str) -> std::result::Result<CsvValues, String> {
    if text.is_empty() {
        return Ok(CsvValues(Vec::new()));
    }
    let mut fields = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    loop {
        let mut field = String::new();
        if chars.get(i) == Some(&'"') {
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(format!(
                            "parse error on line 1, column {}: extraneous or missing \" in quoted-field",
                            i + 1
                        ));
                    }
                    Some('"') if chars.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(c) => {
                        field.push(*c);
                        i += 1;
                    }
                }
            }
            if !matches!(chars.get(i), None | Some(',' | '\n' | '\r')) {
                return Err(format!(
                    "parse error on line 1, column {}: extraneous or missing \" in quoted-field",
                    i + 1
                ));
            }
        } else {
            while let Some(&c) = chars.get(i) {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                if c == '"' {
                    return Err(format!(
                        "parse error on line 1, column {}: bare \" in non-quoted-field",
                        i + 1
                    ));
                }
                field.push(c);
                i += 1;
            }
        }
        fields.push(field);
        if chars.get(i) == Some(&',') {
            i += 1;
            continue;
        }
        break;
    }
    Ok(CsvValues(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_checked_as_apimachinery_does() {
        assert!(dns1123_label_errors("root-1").is_empty());
        assert_eq!(dns1123_label_errors("a.b"), vec!["must not contain dots".to_string()]);
        assert!(dns1123_label_errors("Bad_Name")[0].starts_with("a lowercase RFC 1123 label"));
        assert_eq!(dns1123_label_errors(&"a".repeat(64)).len(), 1);
        assert_eq!(dns1123_label_errors("").len(), 1);
    }

    #[test]
    fn ssh_keys_are_read_as_csv() {
        assert_eq!(parse_csv("a b,c").unwrap().0, vec!["a b", "c"]);
        assert_eq!(parse_csv("\"a,b\",c").unwrap().0, vec!["a,b", "c"]);
        assert_eq!(parse_csv("\"say \"\"hi\"\"\"").unwrap().0, vec!["say \"hi\""]);
        assert!(parse_csv("a\"b").unwrap_err().contains("bare \""));
        assert!(parse_csv("\"ab").unwrap_err().contains("extraneous or missing"));
        assert!(parse_csv("").unwrap().0.is_empty());
    }
}
