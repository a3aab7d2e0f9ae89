//! End-to-end tests: the built `virtctl` binary against a fresh in-process simulator per test,
//! asserting what virtctl printed, its exit status, the requests the simulator received and the
//! state it holds afterwards. One module per command family.
//!
//! Run with `cargo test --test e2e`.

mod image_upload;
mod support;

mod adm;
mod bad_input;
mod cli;
mod completion;
mod config;
mod connect_support;
mod console;
mod create;
mod create_vm;
mod credentials;
mod doctor;
mod doctor_checkup;
mod doctor_sources;
mod doctor_support;
mod doctor_vm;
mod errors;
mod evacuate;
mod expand;
mod expose;
mod faults;
mod guest;
mod guestfs;
mod identity;
mod idle_proxy;
mod lifecycle;
mod memory_dump;
mod migrate;
mod objectgraph;
mod pause;
mod port_forward;
mod proxy;
mod recorded;
mod scp;
mod sim_world;
mod ssh;
mod ssh_interactive;
mod template;
mod usbredir;
mod validation;
mod verbosity;
mod version;
mod vmexport;
mod vnc;
mod volumes;
