//! Three everyday programs, reading the models as they come: a playlist as "artists – name (m:ss)",
//! an artist's albums with their year and type, and saving 120 tracks then counting the saved ones.
//! The fields Spotify always sends are plain values: no `unwrap`, no `as_deref`, no `and_then`.
//!
//! ```sh
//! cargo run --example models                   # against the embedded mock Spotify
//! ```

use std::process::ExitCode;

use futures::TryStreamExt;
use spotify_sdk::resources::playlists::NewPlaylist;
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::MockServer;

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
    let mock = MockServer::start().await;
    let client = Client::builder()
        .base_url(mock.base_url())
        .accounts_url(mock.accounts_url())
        .access_token(mock.issue_token())
        .build()?;

    // A playlist with tracks and a podcast episode.
    let playlist = client
        .playlists()
        .create("Commute", NewPlaylist::default())
        .await?;
    let items = [
        "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
        "spotify:track:7ouMYWpwJ422jRcDASZB7P",
        "spotify:episode:512ojhOuo1ktJprKbVcKyQ",
    ];
    client.playlists().add_items(&playlist.id, items).await?;

    println!("1. Every item of \"{}\":", playlist.name);
    let mut entries = client.playlists().items(&playlist.id);
    while let Some(entry) = entries.try_next().await? {
        // `item` is `None` where a track was removed from Spotify.
        let Some(item) = &entry.item else { continue };
        match item.summary() {
            Some(s) => println!("   {} – {} ({})", s.by, s.name, s.duration_text()),
            None => println!("   (an item of a kind this version does not know)"),
        }
    }

    println!("\n2. An artist's releases, every page:");
    let artist = "0TnOYISbd1XYRBk9myaseg";
    let albums: Vec<_> = client.artists().albums(artist).try_collect().await?;
    for album in &albums {
        let year: String = album.release_date.chars().take(4).collect();
        println!(
            "   {year}  {:<12} {}",
            album.album_type.to_string(),
            album.name
        );
    }

    println!("\n3. Save 120 tracks, then count the saved tracks:");
    let tracks: Vec<String> = (0..120)
        .map(|n| format!("spotify:track:{n:0>20}Ab"))
        .collect();
    client.library().save(&tracks).await?;
    let saved: Vec<_> = client.library().saved_tracks().try_collect().await?;
    println!("   {} saved tracks", saved.len());
    if let Some(newest) = saved.first() {
        println!(
            "   the newest: {} – {}",
            newest.track.artists[0].name, newest.track.name
        );
    }
    Ok(())
}
