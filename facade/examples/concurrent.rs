//! Many lookups at once over one client: bounded fan-out and partial failures.
//!
//! ```sh
//! cargo run --example concurrent
//! ```
//! One client, one connection pool, one token: clone it into tasks freely. `buffered(8)` keeps at
//! most 8 requests in flight (and the client's rate limiter, if set, still applies); every ID gets
//! its own `Result`, so one unknown track does not lose the others.

use futures::{StreamExt, stream};
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::MockServer;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mock = MockServer::start().await;
    let client = Client::builder()
        .base_url(mock.base_url())
        .accounts_url(mock.accounts_url())
        .client_credentials(mock.client_id(), mock.client_secret())
        .rate_limit(50.0, 10)
        .build()?;

    // Some IDs the (mock) catalog does not know: they fail on their own.
    let ids: Vec<String> = (0..20)
        .map(|i| {
            if i % 7 == 3 {
                format!("missing{i:0>15}")
            } else {
                format!("4uLU6hMCjMI75M1A2tKU{i:0>2}")
            }
        })
        .collect();

    println!("Fetching {} tracks, at most 8 at a time:", ids.len());
    let results: Vec<(String, Result<_, Error>)> = stream::iter(ids.clone())
        .map(|id| {
            let client = client.clone();
            async move {
                let result = client.tracks().get(id.as_str()).await;
                (id, result)
            }
        })
        .buffered(8)
        .collect()
        .await;
    let (mut found, mut missing) = (0, 0);
    for (id, result) in &results {
        match result {
            Ok(track) => {
                found += 1;
                println!("  {id} -> {}", track.name);
            }
            Err(Error::NotFound(_)) => {
                missing += 1;
                println!("  {id} -> not found");
            }
            Err(e) => println!("  {id} -> error: {e}"),
        }
    }
    println!("{found} found, {missing} not found\n");

    // The same with one call: multi-get in chunks, results in input order, `None` for unknown IDs.
    let many = client.tracks().get_many(&ids).await?;
    let known = many.iter().filter(|r| matches!(r, Ok(Some(_)))).count();
    println!("get_many: {known} of {} known", many.len());
    Ok(())
}
