//! `credentials add-ssh-key`, `remove-ssh-key` and `set-password`: the Secrets behind a VM's
//! `accessCredentials` (propagated by the guest agent), as upstream's
//! `pkg/virtctl/credentials/...` edits them: the same requests in the same order, the same
//! messages (the success lines carry no trailing newline, as upstream's).
//!
//! Beyond upstream: a Secret that `add-ssh-key` created is deleted again when the VM patch fails;
//! when upstream's fallback patch fails only because the first patch's target existed, the first
//! (real) error is reported; a key read from a file is matched without its trailing newline (so
//! duplicates are found and `remove-ssh-key --file` removes); `set-password` takes the password
//! from `--password-file` (`-` for stdin) or a prompt without echo, so it never has to sit on the
//! command line.
//!
//! The guest user flag `-u/--user` shadows the global `--user` (the kubeconfig user), and
//! `set-password`'s `-p/--password` the global basic-auth `--password`, as cobra's local flags
//! shadow persistent ones; the connection is therefore made without them.

use std::io::{IsTerminal, Read, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use clap::{Args, Subcommand};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use super::meta;
use crate::cluster::kubevirt::{Secrets, Vm, Vmi};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

#[derive(Args, Debug)]
pub struct CredentialsArgs {
    #[command(subcommand)]
    pub command: CredentialsCommand,
}

#[derive(Subcommand, Debug)]
pub enum CredentialsCommand {
    /// Add credentials to a virtual machine.
    #[command(name = "add-ssh-key", override_usage = "virtctl credentials add-ssh-key [flags]",
              after_help = ADD_EXAMPLES)]
    AddSshKey(AddSshKeyArgs),
    /// Remove credentials from a virtual machine.
    #[command(name = "remove-ssh-key", override_usage = "virtctl credentials remove-ssh-key [flags]",
              after_help = REMOVE_EXAMPLES)]
    RemoveSshKey(RemoveSshKeyArgs),
    /// Set password for a user
    #[command(name = "set-password", override_usage = "virtctl credentials set-password [flags]",
              after_help = PASSWORD_EXAMPLES)]
    SetPassword(SetPasswordArgs),
}

const ADD_EXAMPLES: &str = "Examples:
  # Add an SSH key for a running virtual machine.
  virtctl credentials add-ssh-key --user <username> --file <path-to-ssh-public-key> <vm-name>

  # Add an SSH key for a running virtual machine. Key is provided as literal parameter.
  virtctl credentials add-ssh-key --user <username> --value <literal-ssh-public-key> <vm-name>

  # Add an SSH key to a secret that is not owned by the virtual machine.
  virtctl credentials add-ssh-key --user <username> --file <path-to-ssh-public-key> --force <vm-name>

  # Create a new secret with the SSH key, and assign it to the specified virtual machine.
  virtctl credentials add-ssh-key --create-secret --user <username> --file <path-to-ssh-public-key> <vm-name>

  # Create a new secret with the SSH key, and assign it to a running VM. It will take effect after restart.
  virtctl credentials add-ssh-key --create-secret --user <username> --file <path-to-ssh-public-key> --force <vm-name>";

const REMOVE_EXAMPLES: &str = "Examples:
  # Remove an SSH key for a running virtual machine.
  virtctl credentials remove-ssh-key --user <username> --file <path-to-ssh-public-key> <vm-name>

  # Remove an SSH key for a running virtual machine. Key is provided as literal parameter.
  virtctl credentials remove-ssh-key --user <username> --value <literal-ssh-public-key> <vm-name>

  # Remove an SSH key from a secret that is not owned by the virtual machine.
  virtctl credentials remove-ssh-key --user <username> --file <path-to-ssh-public-key> --force <vm-name>";

const PASSWORD_EXAMPLES: &str = "Examples:
  # Set a user password for a virtual machine.
  virtctl credentials set-password --user <username> --password <password> <vm-name>

  # Set a user password in a secret that is not owned by the virtual machine.
  virtctl credentials set-password --user <username> --password <password> --force <vm-name>

  # Read the password from a file, from stdin (-) or, without either, from a prompt (beyond upstream).
  virtctl credentials set-password --user <username> --password-file - <vm-name> < password.txt";

/// Flags of all three commands.
#[derive(Args, Debug, Clone)]
pub struct CommonFlags {
    /// Name of the user.
    #[arg(short = 'u', long = "user", id = "user", value_name = "string")]
    pub user: Option<String>,
    /// Name of the secret with SSH keys.
    #[arg(long, value_name = "string", default_value = "")]
    pub secret: String,
    /// Force update of secret, even if it's not owned by the VM.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub force: bool,
    #[arg(hide = true, num_args = 0..)]
    pub args: Vec<String>,
}

/// The key flags of the ssh-key commands.
#[derive(Args, Debug, Clone)]
pub struct KeyFlags {
    /// Path to the SSH public key file.
    #[arg(short = 'f', long, value_name = "string")]
    pub file: Option<String>,
    /// Literal value of the SSH public key.
    #[arg(long, value_name = "string")]
    pub value: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddSshKeyArgs {
    #[command(flatten)]
    pub common: CommonFlags,
    #[command(flatten)]
    pub key: KeyFlags,
    /// Create a new secret for the SSH key. The new key will not be added to a running VM. Use --force to add a new secret even if the VM is running.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub create_secret: bool,
    /// Add the SSH key to an existing secret. Use --force option, if the secret does not have owner reference pointing to the VM.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub update_secret: bool,
}

#[derive(Args, Debug)]
pub struct RemoveSshKeyArgs {
    #[command(flatten)]
    pub common: CommonFlags,
    #[command(flatten)]
    pub key: KeyFlags,
}

#[derive(Args, Debug)]
pub struct SetPasswordArgs {
    #[command(flatten)]
    pub common: CommonFlags,
    /// Password for the user
    #[arg(short = 'p', long = "password", id = "password", value_name = "string", value_parser = secret)]
    pub password: Option<SecretString>,
    /// Read the password from this file ('-' for stdin) instead of --password; without either, a terminal prompts for it
    #[arg(long, value_name = "string")]
    pub password_file: Option<String>,
}

fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value))
}

pub async fn run(args: CredentialsArgs, ctx: &Ctx) -> Result<()> {
    match args.command {
        CredentialsCommand::AddSshKey(args) => add_ssh_key(args, ctx).await,
        CredentialsCommand::RemoveSshKey(args) => remove_ssh_key(args, ctx).await,
        CredentialsCommand::SetPassword(args) => set_password(args, ctx).await,
    }
}

// ---- validation (cobra's order: argument count, required flags, flag groups) ----

fn exactly_one(args: &[String]) -> Result<&str> {
    match args {
        [name] => Ok(name),
        _ => Err(Error::Usage(format!("accepts 1 arg(s), received {}", args.len()))),
    }
}

fn require(missing: &[(&str, bool)]) -> Result<()> {
    let names: Vec<String> = missing
        .iter()
        .filter(|(_, is_missing)| *is_missing)
        .map(|(name, _)| format!("{name:?}"))
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!("required flag(s) {} not set", names.join(", "))))
}

/// cobra's `MarkFlagsMutuallyExclusive` check for two flags.
fn exclusive(group: [&str; 2], set: [bool; 2]) -> Result<()> {
    if set.iter().all(|s| *s) {
        let [a, b] = group;
        return Err(Error::Usage(format!(
            "if any flags in the group [{a} {b}] are set none of the others can be; [{a} {b}] were all set"
        )));
    }
    Ok(())
}

/// The connection without the global flags the command's own flags shadow.
fn shadowed(ctx: &Ctx, password_too: bool) -> Ctx {
    ctx.shadowing(|connection| {
        connection.user = None;
        if password_too {
            connection.password = None;
        }
    })
}

fn namespace_error(e: Error) -> Error {
    e.context("error getting namespace", ": ")
}

/// The public key: `--value`, else the content of `--file` verbatim.
fn ssh_key(flags: &KeyFlags) -> Result<String> {
    let prefix = |e: Error| e.context("error getting ssh key", ": ");
    if let Some(value) = flags.value.as_deref().filter(|v| !v.is_empty()) {
        return Ok(value.to_string());
    }
    let Some(path) = flags.file.as_deref().filter(|f| !f.is_empty()) else {
        return Err(prefix(Error::Other(
            "one of --file, or --value must be specified".into(),
        )));
    };
    std::fs::read_to_string(path).map_err(|e| prefix(Error::Io(format!("open {path}: {}", go_io_text(&e)))))
}

fn go_io_text(err: &std::io::Error) -> String {
    crate::cluster::config::go_io_error(err)
}

/// What a line of a Secret must start with to hold `key`. A key read from a file ends in a
/// newline, which upstream keeps, so that it never matches; it is matched without it here.
fn key_prefix(key: &str) -> &str {
    key.trim()
}

fn line_holds_key(line: &str, key: &str) -> bool {
    line.trim().starts_with(key_prefix(key))
}

// ---- the VM's access credentials ----

fn access_credentials(vm: &Value) -> &[Value] {
    vm.pointer("/spec/template/spec/accessCredentials")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The Secrets of the `kind` credentials (`sshPublicKey`, `userPassword`) propagated by the
/// guest agent, for `user` (any user when `None`).
fn secrets_of(vm: &Value, kind: &str, user: Option<&str>) -> Vec<String> {
    access_credentials(vm)
        .iter()
        .filter_map(|credential| {
            let credential = credential.get(kind)?;
            let name = credential.pointer("/source/secret/secretName")?.as_str()?;
            let agent = credential.pointer("/propagationMethod/qemuGuestAgent")?;
            if name.is_empty() || agent.is_null() {
                return None;
            }
            if let Some(user) = user {
                let users = agent.get("users").and_then(Value::as_array)?;
                if !users.iter().any(|u| u.as_str() == Some(user)) {
                    return None;
                }
            }
            Some(name.to_string())
        })
        .collect()
}

fn find_secret_or_first(wanted: &str, secrets: &[String]) -> Result<String> {
    if wanted.is_empty() {
        if secrets.len() > 1 {
            return Err(Error::Other(
                "multiple secrets specified, use option --secret to specify which secret to modify".into(),
            ));
        }
        return Ok(secrets[0].clone());
    }
    if secrets.iter().any(|s| s == wanted) {
        return Ok(wanted.to_string());
    }
    Err(Error::Other(format!("secret {wanted} was not assigned")))
}

fn owned_by_vm(secret: &Value, vm: &Value) -> bool {
    let references = secret.pointer("/metadata/ownerReferences").and_then(Value::as_array);
    references
        .into_iter()
        .flatten()
        .any(|r| r["kind"] == "VirtualMachine" && r["name"] == meta(vm, "name") && r["uid"] == meta(vm, "uid"))
}

fn require_owner(secret: &Value, vm: &Value, name: &str) -> Result<()> {
    if owned_by_vm(secret, vm) {
        return Ok(());
    }
    Err(Error::Other(format!(
        "secret {name} does not have an owner reference pointing to VM {}",
        meta(vm, "name")
    )))
}

/// apimachinery's `rand.String(6)`: consonants and digits that cannot be mistaken for letters.
fn random_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u64) as usize] as char;
            bits /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// `add` of one key under `/data`.
fn add_data_op(key: &str, value: &[u8]) -> Value {
    json!({"op": "add", "path": format!("/data/{key}"), "value": BASE64.encode(value)})
}

/// Upstream's fallback when `/data` may be absent: test it is, add it, add the key.
fn with_data_added(op: &Value) -> Value {
    json!([
        {"op": "test", "path": "/data", "value": null},
        {"op": "add", "path": "/data", "value": {}},
        op,
    ])
}

/// Which of two failed patches to report: the fallback patch (which first adds the missing
/// container) fails with 422 when the container was there after all, and then the first
/// patch's error is the real one. `existed` is what an earlier read showed, when there was one.
fn cause(first: Error, second: Error, existed: Option<bool>) -> Error {
    let container_existed = existed.unwrap_or_else(|| second.api().is_some_and(|a| a.code == 422));
    if container_existed { first } else { second }
}

// ---- add-ssh-key ----

async fn add_ssh_key(args: AddSshKeyArgs, ctx: &Ctx) -> Result<()> {
    let vm_name = exactly_one(&args.common.args)?.to_string();
    require(&[("user", args.common.user.is_none())])?;
    exclusive(["file", "value"], [args.key.file.is_some(), args.key.value.is_some()])?;
    exclusive(
        ["create-secret", "update-secret"],
        [args.create_secret, args.update_secret],
    )?;
    let user = args.common.user.clone().unwrap_or_default();
    let ctx = &shadowed(ctx, false);
    let cluster = ctx.cluster().await.map_err(namespace_error)?;
    let key = ssh_key(&args.key)?;
    let namespace = cluster.namespace.as_str();
    let vm = Vm::new(&cluster.api, namespace, &vm_name)
        .get()
        .await
        .map_err(|e| e.context("error getting virtual machine", ": "))?;
    let create = args.create_secret || !args.update_secret && secrets_of(&vm, "sshPublicKey", Some(&user)).is_empty();
    if create {
        create_secret_with_key(ctx, &args, &vm, &user, &key).await
    } else {
        add_key_to_secret(ctx, &args.common, &vm, &user, &key).await
    }
}

async fn create_secret_with_key(ctx: &Ctx, args: &AddSshKeyArgs, vm: &Value, user: &str, key: &str) -> Result<()> {
    let cluster = ctx.cluster().await?;
    let (vm_name, namespace) = (meta(vm, "name"), meta(vm, "namespace"));
    if !args.common.force {
        match Vmi::new(&cluster.api, namespace, vm_name).get().await {
            Ok(_) => {
                return Err(Error::Other(format!(
                    "virtual machine {vm_name} is running. Use --force flag to update a running VM, it will take effect after restart"
                )));
            }
            Err(e) if e.api().is_some_and(|a| a.is_not_found()) => {}
            Err(e) => return Err(e.context("error when getting virtual machine instance", ": ")),
        }
    }
    let secrets = Secrets::new(&cluster.api, namespace);
    let body = json!({
        "kind": "Secret",
        "apiVersion": "v1",
        "metadata": {
            "generateName": format!("{vm_name}-ssh-key-"),
            "namespace": namespace,
            "ownerReferences": [{
                "apiVersion": "kubevirt.io/v1",
                "kind": "VirtualMachine",
                "name": vm_name,
                "uid": meta(vm, "uid"),
                "controller": true,
            }],
        },
        "data": {format!("ssh-key-{}", random_suffix()): BASE64.encode(key)},
    });
    let created = secrets
        .create(&body)
        .await
        .map_err(|e| e.context("error creating secret", ": "))?;
    let secret_name = meta(&created, "name").to_string();
    let credential = json!({
        "op": "add",
        "path": "/spec/template/spec/accessCredentials/-",
        "value": {"sshPublicKey": {
            "source": {"secret": {"secretName": secret_name}},
            "propagationMethod": {"qemuGuestAgent": {"users": [user]}},
        }},
    });
    let handle = Vm::new(&cluster.api, namespace, vm_name);
    let Err(first) = handle.patch(&json!([credential])).await else {
        return Ok(());
    };
    let fallback = json!([
        {"op": "test", "path": "/spec/template/spec/accessCredentials", "value": null},
        {"op": "add", "path": "/spec/template/spec/accessCredentials", "value": []},
        credential,
    ]);
    let Err(second) = handle.patch(&fallback).await else {
        return Ok(());
    };
    let existed = vm
        .pointer("/spec/template/spec/accessCredentials")
        .is_some_and(|v| !v.is_null());
    let err = cause(first, second, Some(existed)).context("error patching virtual machine", ": ");
    // Beyond upstream: the Secret exists only for this VM; leave nothing behind. What is said
    // of the Secret comes after the failure's own advice (a cut connection's, a 401's).
    let secret = match secrets.delete(&secret_name).await {
        Ok(()) => format!("the Secret {secret_name} created for the key was deleted again; nothing was changed"),
        Err(e) => format!("the Secret {secret_name} created for the key is left behind and could not be deleted: {e}"),
    };
    Err(err.with_further_hint(secret))
}

async fn add_key_to_secret(ctx: &Ctx, common: &CommonFlags, vm: &Value, user: &str, key: &str) -> Result<()> {
    let cluster = ctx.cluster().await?;
    let secrets = secrets_of(vm, "sshPublicKey", Some(user));
    if secrets.is_empty() {
        return Err(Error::Other(format!("no secrets specified for user: {user}")));
    }
    let name = find_secret_or_first(&common.secret, &secrets)?;
    let api = Secrets::new(&cluster.api, meta(vm, "namespace"));
    let secret = api
        .get(&name)
        .await
        .map_err(|e| e.context(format!("error getting secret \"{name}\""), ": "))?;
    if secret_holds_key(&secret, key) {
        return ctx.out.raw(format!("Secret \"{name}\" already contains this SSH key."));
    }
    if !common.force {
        require_owner(&secret, vm, &name)?;
    }
    let op = add_data_op(&format!("ssh-key-{}", random_suffix()), key.as_bytes());
    patch_secret_data(&api, &name, &op, Some(has_data(&secret))).await?;
    ctx.out.raw(format!("Successfully added the key to secret \"{name}\""))
}

fn has_data(secret: &Value) -> bool {
    secret.get("data").is_some_and(|d| !d.is_null())
}

/// Upstream's two attempts: add the key, else add `/data` and the key.
async fn patch_secret_data(api: &Secrets<'_>, name: &str, op: &Value, existed: Option<bool>) -> Result<()> {
    let Err(first) = api.patch(name, &json!([op])).await else {
        return Ok(());
    };
    match api.patch(name, &with_data_added(op)).await {
        Ok(_) => Ok(()),
        Err(second) => Err(cause(first, second, existed).context(format!("error patching secret \"{name}\""), ": ")),
    }
}

/// The decoded values of a Secret's `data`, by key.
fn decoded_data(secret: &Value) -> Vec<(String, String)> {
    let data = secret.get("data").and_then(Value::as_object);
    data.into_iter()
        .flatten()
        .map(|(k, v)| {
            let bytes = BASE64.decode(v.as_str().unwrap_or("")).unwrap_or_default();
            (k.clone(), String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn secret_holds_key(secret: &Value, key: &str) -> bool {
    decoded_data(secret)
        .iter()
        .any(|(_, text)| text.split('\n').any(|line| line_holds_key(line, key)))
}

// ---- remove-ssh-key ----

async fn remove_ssh_key(args: RemoveSshKeyArgs, ctx: &Ctx) -> Result<()> {
    require(&[("user", args.common.user.is_none())])?;
    exclusive(["file", "value"], [args.key.file.is_some(), args.key.value.is_some()])?;
    // Upstream declares no argument check and panics without one; extra arguments are ignored.
    let Some(vm_name) = args.common.args.first().cloned() else {
        return Err(Error::Usage("accepts 1 arg(s), received 0".into()));
    };
    let user = args.common.user.clone().unwrap_or_default();
    let ctx = &shadowed(ctx, false);
    let cluster = ctx.cluster().await.map_err(namespace_error)?;
    let key = ssh_key(&args.key)?;
    let vm = Vm::new(&cluster.api, &cluster.namespace, &vm_name)
        .get()
        .await
        .map_err(|e| e.context("error getting virtual machine", ": "))?;
    let secrets = secrets_of(&vm, "sshPublicKey", Some(&user));
    if secrets.is_empty() {
        return ctx.out.raw(format!("No secrets associated with user {user}"));
    }
    let chosen = if args.common.secret.is_empty() {
        secrets
    } else if secrets.contains(&args.common.secret) {
        vec![args.common.secret.clone()]
    } else {
        return Err(Error::Other(format!(
            "secret {} is not associated with user {user}",
            args.common.secret
        )));
    };
    let api = Secrets::new(&cluster.api, meta(&vm, "namespace"));
    for name in chosen {
        remove_key_with_retry(&api, &vm, &name, &key, args.common.force).await?;
    }
    Ok(())
}

/// client-go's `retry.DefaultRetry`: up to 5 tries, only on conflicts, about 10 ms apart.
async fn remove_key_with_retry(api: &Secrets<'_>, vm: &Value, name: &str, key: &str, force: bool) -> Result<()> {
    let mut tries = 0;
    loop {
        tries += 1;
        match remove_key(api, vm, name, key, force).await {
            Err(e) if tries < 5 && e.api().is_some_and(|a| a.code == 409) => {
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
            result => return result,
        }
    }
}

async fn remove_key(api: &Secrets<'_>, vm: &Value, name: &str, key: &str, force: bool) -> Result<()> {
    let mut secret = match api.get(name).await {
        Err(e) if e.api().is_some_and(|a| a.is_not_found()) => return Ok(()),
        other => other?,
    };
    if !force {
        require_owner(&secret, vm, name)?;
    }
    let mut data = serde_json::Map::new();
    for (file, text) in decoded_data(&secret) {
        let kept: Vec<&str> = text
            .split('\n')
            .filter(|line| !line_holds_key(line, key) && !line.trim().is_empty())
            .collect();
        if !kept.is_empty() {
            data.insert(file, json!(BASE64.encode(kept.join("\n"))));
        }
    }
    if has_data(&secret) {
        secret["data"] = Value::Object(data);
    }
    match api.replace(name, &secret).await {
        Err(e) if e.api().is_some_and(|a| a.is_not_found()) => Ok(()),
        other => other.map(drop),
    }
}

// ---- set-password ----

async fn set_password(args: SetPasswordArgs, ctx: &Ctx) -> Result<()> {
    let vm_name = exactly_one(&args.common.args)?.to_string();
    let interactive = std::io::stdin().is_terminal();
    let password_missing = args.password.is_none() && args.password_file.is_none() && !interactive;
    require(&[("password", password_missing), ("user", args.common.user.is_none())])?;
    exclusive(
        ["password", "password-file"],
        [args.password.is_some(), args.password_file.is_some()],
    )?;
    let user = args.common.user.clone().unwrap_or_default();
    let password = read_password(&args, &user)?;
    let ctx = &shadowed(ctx, true);
    let cluster = ctx.cluster().await.map_err(namespace_error)?;
    let vm = Vm::new(&cluster.api, &cluster.namespace, &vm_name)
        .get()
        .await
        .map_err(|e| e.context("error getting virtual machine", ": "))?;
    let secrets = secrets_of(&vm, "userPassword", None);
    if secrets.is_empty() {
        return Err(Error::Other(
            "no secrets assigned to UserPassword AccessCredentials".into(),
        ));
    }
    let name = find_secret_or_first(&args.common.secret, &secrets)?;
    let api = Secrets::new(&cluster.api, meta(&vm, "namespace"));
    let mut existed = None;
    if !args.common.force {
        let secret = api
            .get(&name)
            .await
            .map_err(|e| e.context(format!("error getting secret \"{name}\""), ": "))?;
        require_owner(&secret, &vm, &name)?;
        existed = Some(has_data(&secret));
    }
    // The user name goes into the path unescaped, as upstream's.
    let op = add_data_op(&user, password.expose_secret().as_bytes());
    patch_secret_data(&api, &name, &op, existed).await?;
    ctx.out.raw(format!("Successfully set password in secret \"{name}\""))
}

/// `--password`, else the first line of `--password-file` (`-`: stdin), else a prompt.
fn read_password(args: &SetPasswordArgs, user: &str) -> Result<SecretString> {
    if let Some(password) = &args.password {
        return Ok(password.clone());
    }
    let text = match args.password_file.as_deref() {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::Io(format!("cannot read the password from stdin: {e}")))?;
            text
        }
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| Error::Io(format!("open {path}: {}", go_io_text(&e))))?
        }
        None => prompt(&format!("Password for {user}: "))?,
    };
    let line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(Error::Usage("the password is empty".into()));
    }
    Ok(SecretString::from(line.to_string()))
}

/// Reads a line from the terminal without echoing it (raw mode, always undone).
fn prompt(text: &str) -> Result<String> {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{text}");
    let _ = stderr.flush();
    let raw = crate::terminal::RawMode::enable()?;
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    let interrupted = loop {
        match std::io::stdin().read(&mut byte)? {
            0 => break false,
            _ => match byte[0] {
                b'\r' | b'\n' => break false,
                3 | 4 => break true,
                8 | 127 => {
                    line.pop();
                }
                b => line.push(b),
            },
        }
    };
    raw.restore()?;
    let _ = writeln!(stderr);
    if interrupted {
        return Err(Error::Other("interrupted".into()));
    }
    String::from_utf8(line).map_err(|_| Error::Usage("the password is not valid UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_for_a_user_need_a_name_and_the_guest_agent() {
        let vm = json!({"spec": {"template": {"spec": {"accessCredentials": [
            {"sshPublicKey": {"source": {"secret": {"secretName": "a"}},
                "propagationMethod": {"qemuGuestAgent": {"users": ["u", "v"]}}}},
            {"sshPublicKey": {"source": {"secret": {"secretName": "b"}},
                "propagationMethod": {"noCloud": {}}}},
            {"sshPublicKey": {"source": {"secret": {"secretName": ""}},
                "propagationMethod": {"qemuGuestAgent": {"users": ["u"]}}}},
            {"userPassword": {"source": {"secret": {"secretName": "p"}},
                "propagationMethod": {"qemuGuestAgent": {}}}},
        ]}}}});
        assert_eq!(secrets_of(&vm, "sshPublicKey", Some("u")), ["a"]);
        assert!(secrets_of(&vm, "sshPublicKey", Some("w")).is_empty());
        assert_eq!(secrets_of(&vm, "userPassword", None), ["p"]);
    }

    #[test]
    fn secret_choice_follows_upstream() {
        let two = ["a".to_string(), "b".to_string()];
        assert_eq!(find_secret_or_first("", &two[..1]).unwrap(), "a");
        assert_eq!(find_secret_or_first("b", &two).unwrap(), "b");
        assert!(
            find_secret_or_first("", &two)
                .unwrap_err()
                .to_string()
                .starts_with("multiple secrets")
        );
        assert_eq!(
            find_secret_or_first("c", &two).unwrap_err().to_string(),
            "secret c was not assigned"
        );
    }

    #[test]
    fn keys_match_by_prefix_without_the_file_newline() {
        assert!(line_holds_key(
            "  ssh-ed25519 AAAA me@host",
            "ssh-ed25519 AAAA me@host\n"
        ));
        assert!(line_holds_key("ssh-ed25519 AAAA me@host", "ssh-ed25519 AAAA"));
        assert!(!line_holds_key("ssh-rsa BBBB", "ssh-ed25519 AAAA"));
    }

    #[test]
    fn random_suffixes_use_the_apimachinery_alphabet() {
        let s = random_suffix();
        assert_eq!(s.len(), 6);
        assert!(s.bytes().all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)), "{s}");
    }

    #[test]
    fn cobra_words_for_required_and_exclusive_flags() {
        assert_eq!(
            require(&[("password", true), ("user", true)]).unwrap_err().to_string(),
            "required flag(s) \"password\", \"user\" not set"
        );
        assert!(require(&[("user", false)]).is_ok());
        assert_eq!(
            exclusive(["file", "value"], [true, true]).unwrap_err().to_string(),
            "if any flags in the group [file value] are set none of the others can be; [file value] were all set"
        );
    }
}
