//! A first tour: search, get a track by URL, page through a playlist, download a cover.
//!
//! ```sh
//! cargo run --example quickstart                 # against the embedded mock Spotify (no account)
//! SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=... cargo run --example quickstart -- --live
//! ```

use std::process::ExitCode;

use futures::TryStreamExt;
use spotify_sdk::images::ImageSize;
use spotify_sdk::resources::search::SearchType;
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::MockServer;

/// A public playlist to page through on the real API ("Jazz Classics").
const LIVE_PLAYLIST: &str = "37i9dQZF1DXbITWG1ZJKYt";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Error> {
    let live = std::env::args().any(|a| a == "--live");
    // The mock must outlive the client's requests, so it is kept here even when unused.
    let (client, playlist, _mock) = if live {
        println!("Using the real Spotify Web API (client credentials from the environment).\n");
        (Client::from_env()?, LIVE_PLAYLIST.to_string(), None)
    } else {
        let mock = MockServer::start().await;
        let playlist = mock.add_playlist_with_tracks(230);
        println!(
            "Using the embedded mock Spotify at {} (pass --live for the real API).\n",
            mock.base_url()
        );
        let client = Client::builder()
            .base_url(mock.base_url())
            .accounts_url(mock.accounts_url())
            .client_credentials(mock.client_id(), mock.client_secret())
            .build()?;
        (client, playlist, Some(mock))
    };

    // 1. Search.
    println!("1. Search for \"Miles Davis\" (tracks):");
    let results = client
        .search()
        .query("Miles Davis")
        .types([SearchType::Track])
        .market("US")
        .send()
        .await?;
    if let Some(tracks) = results.tracks {
        for track in tracks.items.iter().flatten().take(5) {
            println!("   - {} — {}", track.name, artists(&track.artists));
        }
    }

    // 2. A track from a link someone shared.
    let url = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=1a2b3c4d";
    println!("\n2. Get a track by its URL ({url}):");
    let track = client.tracks().get(url).await?;
    let seconds = track.duration_ms / 1000;
    println!(
        "   {} — {} ({}:{:02}), on \"{}\"",
        track.name,
        artists(&track.artists),
        seconds / 60,
        seconds % 60,
        track.album.name
    );

    // 3. A whole playlist, page by page (50 items a page, fetched 4 pages at a time, in order).
    println!("\n3. Page through playlist {playlist}:");
    let mut pages = client.playlists().items(&playlist).pages();
    let mut seen = 0u64;
    while let Some(page) = pages.try_next().await? {
        seen += page.items.len() as u64;
        let total = page.total.map_or("?".to_string(), |t| t.to_string());
        println!("   {seen:>5} / {total} items");
    }

    // 4. A cover image, the largest size Spotify lists.
    println!("\n4. Download the cover of the track's album:");
    match ImageSize::Largest.pick(&track.album.images) {
        Some(cover) => {
            let image = client.download_image(&cover.url).await?;
            let path = std::env::temp_dir().join("spotify-sdk-quickstart-cover.jpg");
            std::fs::write(&path, &image.bytes)
                .map_err(|e| Error::InvalidArgument(format!("writing {}: {e}", path.display())))?;
            println!(
                "   {} bytes ({}) saved to {}",
                image.bytes.len(),
                image.content_type.as_deref().unwrap_or("unknown type"),
                path.display()
            );
        }
        None => println!("   the album has no cover image"),
    }
    println!("\nDone.");
    Ok(())
}

fn artists(artists: &[spotify_sdk::types::SimplifiedArtistObject]) -> String {
    let names: Vec<&str> = artists.iter().map(|a| a.name.as_str()).collect();
    names.join(", ")
}
