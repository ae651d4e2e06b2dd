//! The one integration-test binary: the seed article, golden snapshots, properties,
//! and the command line as a process.

mod cli;
mod golden;
mod invariants;
mod names;
mod props;
mod seed;
mod shapes;
mod speakers;
