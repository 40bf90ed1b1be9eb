//! `public-api-listing RUSTDOC_JSON`: prints every public item of the crate, sorted, one per line,
//! without the impls every type gets for free (blanket and auto-trait impls), which would bury the
//! ones chosen on purpose.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: public-api-listing RUSTDOC_JSON");
        return ExitCode::from(2);
    };
    let api = public_api::Builder::from_rustdoc_json(&path)
        .omit_blanket_impls(true)
        .omit_auto_trait_impls(true)
        .build();
    match api {
        Ok(api) => {
            for item in api.items() {
                println!("{item}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("reading {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
