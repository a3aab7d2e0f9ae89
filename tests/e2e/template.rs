//! `template process|create|convert` against the simulator's virt-template API: server-side and
//! local processing agree, stdin templates, generated parameters, `--create`, `--print-params`,
//! the errors of each step, and the requests sent.

use serde_json::{Value, json};

use crate::support::*;

const TEMPLATES: &str = "/apis/template.kubevirt.io/v1beta1/namespaces/default/virtualmachinetemplates";
const PROCESS: &str = "/apis/subresources.template.kubevirt.io/v1beta1/namespaces/default/virtualmachinetemplates";

/// A template with a required name, a JSON-typed CPU count, a label key and a message; the VM
/// carries a hard-coded namespace (which processing drops).
fn fedora_template() -> Value {
    json!({
        "apiVersion": "template.kubevirt.io/v1beta1",
        "kind": "VirtualMachineTemplate",
        "metadata": {"name": "fedora", "namespace": NS},
        "spec": {
            "message": "VM ${NAME} is ready, log in with the password you set",
            "parameters": [
                {"name": "NAME", "description": "The VM's name", "required": true},
                {"name": "CPUS", "value": "2"},
                {"name": "APP", "value": "web"}
            ],
            "virtualMachine": {
                "apiVersion": "kubevirt.io/v1",
                "kind": "VirtualMachine",
                "metadata": {"name": "${NAME}", "namespace": "elsewhere", "labels": {"${APP}": "yes"}},
                "spec": {
                    "runStrategy": "Halted",
                    "template": {"spec": {"domain": {"cpu": {"cores": "${{CPUS}}"}, "memory": {"guest": "1Gi"}}}}
                }
            }
        }
    })
}

/// What `fedora_template` processes to with `NAME=myvm`, as upstream prints it.
const FEDORA_YAML: &str = "apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  labels:
    web: \"yes\"
  name: myvm
spec:
  runStrategy: Halted
  template:
    metadata: {}
    spec:
      domain:
        cpu:
          cores: 2
        devices: {}
        memory:
          guest: 1Gi
        resources: {}
status: {}
";

const FEDORA_MESSAGE: &str = "VM myvm is ready, log in with the password you set";

/// A template whose VM name is generated from `vm-[a-z0-9]{8}`.
fn generated_template() -> Value {
    json!({
        "apiVersion": "template.kubevirt.io/v1beta1",
        "kind": "VirtualMachineTemplate",
        "metadata": {"name": "random", "namespace": NS},
        "spec": {
            "parameters": [{"name": "NAME", "generate": "expression", "from": "vm-[a-z0-9]{8}"}],
            "virtualMachine": {"metadata": {"name": "${NAME}"}, "spec": {"runStrategy": "Halted"}}
        }
    })
}

/// Whether `name` is `vm-` and eight lower-case letters or digits.
fn matches_generated_pattern(name: &str) -> bool {
    name.strip_prefix("vm-")
        .is_some_and(|rest| rest.len() == 8 && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// [`FEDORA_YAML`] as a JSON value.
fn fedora_vm() -> Value {
    json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
           "metadata": {"labels": {"web": "yes"}, "name": "myvm"},
           "spec": {"runStrategy": "Halted", "template": {"metadata": {}, "spec": {"domain": {
               "cpu": {"cores": 2}, "devices": {}, "memory": {"guest": "1Gi"}, "resources": {}}}}},
           "status": {}})
}

// ---- process ----------------------------------------------------------------------------------

#[test]
fn server_side_and_local_processing_give_the_same_vm() {
    let env = Env::new();
    env.sim.create(fedora_template());

    let remote = env.run(&["template", "process", "fedora", "-p", "NAME=myvm"]);
    remote.ok(FEDORA_YAML);
    assert_eq!(
        remote.stderr, FEDORA_MESSAGE,
        "the message comes verbatim, without a newline"
    );
    assert_eq!(
        env.wire(),
        [format!(
            "POST {PROCESS}/fedora/process {{\"parameters\":{{\"NAME\":\"myvm\"}}}}"
        )]
    );
    assert_eq!(env.sent()[0].content_type.as_deref(), Some("application/json"));

    let local = env.run(&["template", "process", "--name", "fedora", "--local", "-p", "NAME=myvm"]);
    local.ok(FEDORA_YAML);
    assert_eq!(local.stderr, FEDORA_MESSAGE);
    assert_eq!(env.wire()[1], format!("GET {TEMPLATES}/fedora"));

    let remote_json = env.run(&["template", "process", "fedora", "-p", "NAME=myvm", "-o", "json"]);
    let local_json = env.run(&[
        "template",
        "process",
        "fedora",
        "--local",
        "-p",
        "NAME=myvm",
        "-o",
        "json",
    ]);
    assert_eq!(remote_json.code, 0, "{remote_json:#?}");
    assert_eq!(remote_json.stdout, local_json.stdout);
    assert!(
        remote_json
            .stdout
            .starts_with("{\n \"kind\": \"VirtualMachine\",\n \"apiVersion\": \"kubevirt.io/v1\",")
    );
    assert!(
        !remote_json.stdout.ends_with('\n'),
        "Go's MarshalIndent output has no final newline"
    );
    let parsed: Value = serde_json::from_str(&remote_json.stdout).unwrap();
    assert_eq!(parsed, fedora_vm());
}

#[test]
fn stdin_templates_are_processed_locally_without_a_request() {
    let env = Env::new();
    let mut template = fedora_template();
    template["spec"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "UNUSED", "value": "x"}));
    let text = serde_json::to_string(&template).unwrap();

    let outcome = Outcome::of(
        env.virtctl()
            .args(["template", "process", "-f", "-", "-p", "NAME=myvm"])
            .write_stdin(text),
    );

    outcome.ok(FEDORA_YAML);
    assert_eq!(
        outcome.stderr,
        format!("Warning: spec.parameters[3].name: UNUSED is defined but never referenced\n{FEDORA_MESSAGE}")
    );
    assert_eq!(env.wire(), Vec::<String>::new(), "a file template needs no request");
}

#[test]
fn yaml_files_work_and_missing_required_values_fail_locally() {
    let env = Env::new();
    let path = env.write("t.yaml", FEDORA_TEMPLATE_YAML);

    env.run(&["template", "process", "-f", path.to_str().unwrap(), "-p", "NAME=myvm"])
        .ok(FEDORA_YAML);
    env.run(&["template", "process", "-f", path.to_str().unwrap()])
        .fails_with(
            "error processing VirtualMachineTemplate locally: spec.parameters[0].value: Required value: \
         parameter 'NAME' is required and a value must be specified",
        );
    env.run(&["template", "process", "-f", "/no/such.yaml"])
        .fails_with("error opening file /no/such.yaml: open /no/such.yaml: no such file or directory");
}

/// [`fedora_template`] as a YAML file.
const FEDORA_TEMPLATE_YAML: &str = "apiVersion: template.kubevirt.io/v1beta1
kind: VirtualMachineTemplate
metadata:
  name: fedora
spec:
  message: VM ${NAME} is ready, log in with the password you set
  parameters:
  - name: NAME
    required: true
  - name: CPUS
    value: \"2\"
  - name: APP
    value: web
  virtualMachine:
    apiVersion: kubevirt.io/v1
    kind: VirtualMachine
    metadata:
      name: ${NAME}
      namespace: elsewhere
      labels:
        ${APP}: \"yes\"
    spec:
      runStrategy: Halted
      template:
        spec:
          domain:
            cpu:
              cores: ${{CPUS}}
            memory:
              guest: 1Gi
";

#[test]
fn generated_parameters_match_their_expression_on_both_sides() {
    let env = Env::new();
    env.sim.create(generated_template());

    for args in [
        &["template", "process", "random", "-o", "json"][..],
        &["template", "process", "random", "--local", "-o", "json"][..],
    ] {
        let outcome = env.run(args);
        assert_eq!(outcome.code, 0, "{outcome:#?}");
        let vm: Value = serde_json::from_str(&outcome.stdout).unwrap();
        let name = vm["metadata"]["name"].as_str().unwrap();
        assert!(
            matches_generated_pattern(name),
            "{name} does not match vm-[a-z0-9]{{8}}"
        );
    }
}

#[test]
fn create_makes_the_vm_in_the_cluster() {
    let env = Env::new();
    env.sim.create(fedora_template());

    env.run(&[
        "template",
        "process",
        "fedora",
        "--create",
        "-p",
        "NAME=made",
        "-p",
        "CPUS=4",
    ])
    .ok_quiet("virtualmachine.kubevirt.io/made created\n");

    assert_eq!(
        env.wire(),
        [format!(
            "POST {PROCESS}/fedora/create {{\"parameters\":{{\"CPUS\":\"4\",\"NAME\":\"made\"}}}}"
        )]
    );
    let vm = env.vm("made").expect("the VM was created in the request's namespace");
    assert_eq!(vm["spec"]["template"]["spec"]["domain"]["cpu"]["cores"], json!(4));
    assert_eq!(vm["metadata"]["labels"], json!({"web": "yes"}));

    // A second time the name is taken: the server's internal error, with the step's prefix.
    env.run(&["template", "process", "fedora", "--create", "-p", "NAME=made"])
        .fails_with(
            "error creating VirtualMachine from remote VirtualMachineTemplate default/fedora: Internal error \
         occurred: error creating VirtualMachine: virtualmachines.kubevirt.io \"made\" already exists",
        );
}

#[test]
fn generated_names_are_used_for_created_vms() {
    let env = Env::new();
    env.sim.create(generated_template());

    let outcome = env.run(&["template", "process", "random", "--create"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    let name = outcome
        .stdout
        .strip_prefix("virtualmachine.kubevirt.io/")
        .and_then(|rest| rest.strip_suffix(" created\n"))
        .expect("the created line");
    assert!(matches_generated_pattern(name), "{name}");
    assert!(env.vm(name).is_some(), "VM {name} exists");
}

#[test]
fn print_params_prints_only_the_parameters() {
    let env = Env::new();
    env.sim.create(fedora_template());

    env.run(&["template", "process", "fedora", "--print-params"]).ok_quiet(
        "- description: The VM's name\n  name: NAME\n  required: true\n- name: CPUS\n  value: \"2\"\n\
         - name: APP\n  value: web\n",
    );
    env.run(&["template", "process", "fedora", "--print-params", "-o", "json"])
        .ok_quiet(
            "[\n {\n  \"name\": \"NAME\",\n  \"description\": \"The VM's name\",\n  \"required\": true\n },\n \
         {\n  \"name\": \"CPUS\",\n  \"value\": \"2\"\n },\n {\n  \"name\": \"APP\",\n  \"value\": \"web\"\n }\n]",
        );
    assert_eq!(
        env.wire(),
        [format!("GET {TEMPLATES}/fedora"), format!("GET {TEMPLATES}/fedora")]
    );

    env.run(&["template", "process", "nothere", "--print-params"])
        .fails_with(
            "error printing template parameters: error fetching remote VirtualMachineTemplate default/nothere: \
         virtualmachinetemplates.template.kubevirt.io \"nothere\" not found",
        );
}

#[test]
fn params_file_and_command_line_combine_the_command_line_winning() {
    let env = Env::new();
    env.sim.create(fedora_template());
    let params = env.write("params.yaml", "NAME: fromfile\nCPUS: \"8\"\n");

    let outcome = env.run(&[
        "template",
        "process",
        "fedora",
        "--params-file",
        params.to_str().unwrap(),
        "-p",
        "NAME=fromflag",
        "-o",
        "json",
    ]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(
        env.wire(),
        [format!(
            "POST {PROCESS}/fedora/process {{\"parameters\":{{\"CPUS\":\"8\",\"NAME\":\"fromflag\"}}}}"
        )]
    );
    let vm: Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(vm["metadata"]["name"], "fromflag");
    assert_eq!(vm["spec"]["template"]["spec"]["domain"]["cpu"]["cores"], json!(8));

    let bad = env.write("bad.yaml", "CPUS: 8\n");
    env.run(&["template", "process", "fedora", "--params-file", bad.to_str().unwrap()])
        .fails_with("error reading params file: json: cannot unmarshal number into Go value of type string");
}

#[test]
fn server_side_errors_carry_virt_template_s_status() {
    let env = Env::new();
    env.sim.create(fedora_template());

    env.run(&["template", "process", "fedora", "-p", "NAME=a", "-p", "NOPE=1"])
        .fails_with(
            "error processing remote VirtualMachineTemplate default/fedora: Operation cannot be fulfilled on  \
         \"fedora\": parameter NOPE not found in template",
        );
    env.run(&["template", "process", "fedora"]).fails_with(
        "error processing remote VirtualMachineTemplate default/fedora:  \"fedora\" is invalid: \
         spec.parameters[0].value: Required value: parameter 'NAME' is required and a value must be specified",
    );
    env.run(&["template", "process", "nothere"]).fails_with(
        "error processing remote VirtualMachineTemplate default/nothere: Internal error occurred: error getting \
         VirtualMachineTemplate: virtualmachinetemplates.template.kubevirt.io \"nothere\" not found",
    );
    let statuses: Vec<u16> = env.sent().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [409, 422, 500]);

    // Locally the same mistakes are found by the client.
    env.run(&[
        "template", "process", "fedora", "--local", "-p", "NAME=a", "-p", "NOPE=1",
    ])
    .fails_with("error merging template parameters: parameter NOPE not found in template");
}

#[test]
fn undefined_references_are_refused_locally() {
    let env = Env::new();
    let template = json!({"spec": {"virtualMachine": {"metadata": {"name": "${MISSING}"}}}});
    let outcome = Outcome::of(
        env.virtctl()
            .args(["template", "process", "-f", "-"])
            .write_stdin(template.to_string()),
    );
    outcome.fails_with(
        "error validating template parameters: spec.virtualMachine: Invalid value: \"MISSING\": references \
         undefined parameter MISSING",
    );
}

// ---- create -----------------------------------------------------------------------------------

#[test]
fn create_asks_for_a_template_request_and_the_controller_makes_the_template() {
    let env = Env::new();
    env.create_vm("source", "Halted");

    let outcome = env.run(&["template", "create", "--vm-name", "source", "--name", "golden"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    let name = outcome
        .stdout
        .strip_prefix("virtualmachinetemplaterequest.template.kubevirt.io/")
        .and_then(|rest| rest.strip_suffix(" created\n"))
        .expect("the created line");
    assert!(
        name.starts_with("source-") && name.len() == "source-".len() + 5,
        "{name}"
    );
    assert_eq!(
        env.wire(),
        [
            "POST /apis/template.kubevirt.io/v1beta1/namespaces/default/virtualmachinetemplaterequests \
             {\"kind\":\"VirtualMachineTemplateRequest\",\"apiVersion\":\"template.kubevirt.io/v1beta1\",\
             \"metadata\":{\"generateName\":\"source-\",\"namespace\":\"default\"},\"spec\":{\"virtualMachineRef\":\
             {\"namespace\":\"default\",\"name\":\"source\"},\"templateName\":\"golden\"}}"
        ]
    );
    let made = env.sim.wait_until(PATIENCE, |sim| {
        sim.get("virtualmachinetemplates", NS, "golden").is_some()
    });
    assert!(made, "the request became template golden");

    // The new template processes like any other, to the source VM's spec.
    let processed = env.run(&["template", "process", "golden", "-o", "json"]);
    assert_eq!(processed.code, 0, "{processed:#?}");
    let vm: Value = serde_json::from_str(&processed.stdout).unwrap();
    assert_eq!(vm["metadata"]["name"], "source");
    assert_eq!(vm["spec"]["runStrategy"], "Halted");
    let source = env.vm("source").unwrap();
    assert_eq!(
        vm["spec"]["template"]["spec"]["domain"]["cpu"],
        source["spec"]["template"]["spec"]["domain"]["cpu"]
    );
}

#[test]
fn create_requires_the_vm_name() {
    let env = Env::new();
    env.run(&["template", "create"])
        .fails_with("required flag(s) \"vm-name\" not set");
    assert_eq!(env.wire(), Vec::<String>::new());
}

// ---- convert ----------------------------------------------------------------------------------

fn openshift_template() -> Value {
    json!({
        "apiVersion": "template.openshift.io/v1",
        "kind": "Template",
        "metadata": {"name": "legacy", "namespace": NS, "labels": {"os": "fedora"},
                     "annotations": {"description": "A Fedora VM"}},
        "message": "Made ${NAME}",
        "objects": [{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
                     "metadata": {"name": "${NAME}"}, "spec": {"runStrategy": "Halted"}}],
        "parameters": [{"name": "NAME", "displayName": "Name", "generate": "expression",
                        "from": "vm-[a-z0-9]{8}"}]
    })
}

const LEGACY_YAML: &str = "apiVersion: template.kubevirt.io/v1beta1
kind: VirtualMachineTemplate
metadata:
  annotations:
    description: A Fedora VM
  labels:
    os: fedora
  name: legacy
  namespace: default
spec:
  message: Made ${NAME}
  parameters:
  - displayName: Name
    from: '[a-z0-9]{8}'
    generate: expression
    name: NAME
  virtualMachine:
    apiVersion: kubevirt.io/v1
    kind: VirtualMachine
    metadata:
      name: ${NAME}
    spec:
      runStrategy: Halted
";

#[test]
fn convert_reads_an_openshift_template_from_the_cluster_or_a_file() {
    let env = Env::new();
    let mut template = openshift_template();
    template["parameters"][0]["from"] = json!("[a-z0-9]{8}");
    env.sim.create(template.clone());

    env.run(&["template", "convert", "legacy"]).ok_quiet(LEGACY_YAML);
    assert_eq!(
        env.wire(),
        ["GET /apis/template.openshift.io/v1/namespaces/default/templates/legacy"]
    );

    let file = env.write("legacy.json", &template.to_string());
    env.run(&["template", "convert", "-f", file.to_str().unwrap()])
        .ok_quiet(LEGACY_YAML);

    let json_out = env.run(&["template", "convert", "legacy", "-o", "json"]);
    assert_eq!(json_out.code, 0, "{json_out:#?}");
    assert!(json_out.stdout.starts_with(
        "{\n \"kind\": \"VirtualMachineTemplate\",\n \"apiVersion\": \"template.kubevirt.io/v1beta1\",\n \"metadata\": {\n  \"name\": \"legacy\","
    ));
    let mut expected = openshift_template();
    expected["parameters"][0]["from"] = json!("[a-z0-9]{8}");
    let parsed: Value = serde_json::from_str(&json_out.stdout).unwrap();
    assert_eq!(parsed["spec"]["virtualMachine"], expected["objects"][0]);
    assert_eq!(parsed["spec"]["parameters"], expected["parameters"]);
    assert_eq!(parsed["metadata"]["annotations"], expected["metadata"]["annotations"]);

    env.run(&["template", "convert", "gone"])
        .fails_with("error fetching remote Template default/gone: templates.template.openshift.io \"gone\" not found");
}

#[test]
fn converted_templates_process_like_any_other() {
    let env = Env::new();
    let converted = Outcome::of(
        env.virtctl()
            .args(["template", "convert", "-f", "-", "-o", "json"])
            .write_stdin(openshift_template().to_string()),
    );
    assert_eq!(converted.code, 0, "{converted:#?}");

    let processed = Outcome::of(
        env.virtctl()
            .args(["template", "process", "-f", "-", "-o", "json"])
            .write_stdin(converted.stdout.clone()),
    );
    assert_eq!(processed.code, 0, "{processed:#?}");
    let vm: Value = serde_json::from_str(&processed.stdout).unwrap();
    let name = vm["metadata"]["name"].as_str().unwrap();
    assert!(matches_generated_pattern(name), "{name}");
    assert_eq!(processed.stderr, format!("Made {name}"));
}

#[test]
fn convert_needs_exactly_one_object() {
    let env = Env::new();
    let mut template = openshift_template();
    template["objects"] = json!([{}, {}]);
    let outcome = Outcome::of(
        env.virtctl()
            .args(["template", "convert", "-f", "-"])
            .write_stdin(template.to_string()),
    );
    outcome.fails_with("template must contain exactly one object, found 2");
}
