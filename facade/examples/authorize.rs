//! User authorization with PKCE: `authorize_local` listens once on 127.0.0.1, you approve in the
//! browser, and the client then acts as you (here: your profile and your saved tracks).
//!
//! ```sh
//! cargo run --example authorize                  # against the embedded mock (it approves at once)
//! SPOTIFY_CLIENT_ID=... cargo run --example authorize -- --live
//! ```
//! For `--live`, register `http://127.0.0.1:8080/callback` as a redirect URI of your app (Spotify
//! no longer accepts `localhost`). The refresh token is cached in a 0600 file under the temp
//! directory.

use std::time::Duration;

use futures::TryStreamExt;
use spotify_sdk::auth::{AuthorizationCode, TokenCache};
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::MockServer;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let live = std::env::args().any(|a| a == "--live");
    let mock = if live {
        None
    } else {
        Some(MockServer::start().await)
    };
    let (client_id, port) = match &mock {
        Some(mock) => (mock.client_id(), free_port()),
        None => (
            std::env::var("SPOTIFY_CLIENT_ID")
                .map_err(|_| Error::Config("set SPOTIFY_CLIENT_ID for --live".into()))?,
            8080,
        ),
    };
    let cache = TokenCache::new(std::env::temp_dir().join("spotify-sdk-example-tokens.json"));
    let auth = AuthorizationCode::new(client_id, &format!("http://127.0.0.1:{port}/callback"))?
        .scopes([
            "user-read-private",
            "user-library-read",
            "user-library-modify",
        ]);
    // With the mock, start fresh each run; live, reuse the cached refresh token if there is one.
    let auth = if live { auth.token_cache(cache)? } else { auth };
    let mut builder = Client::builder().auth_provider(auth.clone());
    if let Some(mock) = &mock {
        builder = builder
            .base_url(mock.base_url())
            .accounts_url(mock.accounts_url());
    }
    let client = builder.build()?;

    if !auth.is_authorized() {
        auth.authorize_local(client.auth_context(), Duration::from_secs(300), |url| {
            if live {
                println!("Open this URL in your browser and approve:\n\n  {url}\n");
            } else {
                println!(
                    "(mock) approving {}",
                    url.as_str().split('?').next().unwrap_or("")
                );
                // Play the browser: the mock approves and redirects to our local listener.
                let url = url.clone();
                tokio::spawn(async move { reqwest::get(url).await });
            }
        })
        .await?;
    }
    println!(
        "Authorized with scopes: {}",
        auth.granted_scope().unwrap_or_default()
    );

    let me = client.users().me().await?;
    println!("Hello, {}!", me.display_name.as_deref().unwrap_or("you"));
    if !live {
        // Give the mock user something in their library (`PUT /me/library`).
        client
            .library()
            .save([
                "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
                "https://open.spotify.com/track/7ouMYWpwJ422jRcDASZB7P",
            ])
            .await?;
    }
    let saved: Vec<_> = client
        .library()
        .saved_tracks()
        .max_items(5)
        .try_collect()
        .await?;
    println!("{} saved tracks (showing up to 5):", saved.len());
    for item in saved {
        let track = item.track;
        println!("  - {}", track.name);
    }
    Ok(())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(8080)
}
