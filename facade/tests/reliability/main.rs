//! The reliability suites, one binary: every status, network faults, fuzzing, load and secrets (see
//! the README's "Reliability suites").

mod reliability_support;

mod fuzz;
mod load;
mod network;
mod secrets;
mod status;
