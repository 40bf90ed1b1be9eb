//! rspotify 0.16, a client we did not write, against the mock: if the mock's bodies are what
//! Spotify sends, rspotify decodes every one into its typed models. Each call below must answer `Ok`
//! with rspotify's model (a track or episode inside must not fall back to rspotify's raw-JSON
//! `PlayableItem::Unknown`); the test runs them all and then fails listing every call that did not,
//! with rspotify's error (and the mock's answer to an HTTP error).
//!
//! rspotify 0.16 has no audiobook or chapter calls, and its saved-episodes calls are gone, so those
//! parts of the catalog and library are not covered here (the facade's snapshot tests cover them).

use chrono::{TimeDelta, Utc};
use rspotify::clients::{BaseClient, OAuthClient};
use rspotify::http::HttpError;
use rspotify::model::{
    AdditionalType, AlbumId, ArtistId, Country, EpisodeId, FullEpisode, FullTrack, LibraryId,
    Market, Offset, PlayContextId, PlayableId, PlayableItem, PlaylistId, RepeatState, SearchResult,
    SearchType, ShowId, TimeRange, TrackId, UserId,
};
use rspotify::prelude::Id;
use rspotify::{AuthCodeSpotify, ClientError, ClientResult, Config, Credentials, OAuth, Token};
use spotify_sdk_mock::{MockServer, USER_ID};

// IDs in Spotify's format (22 base62 characters). The mock knows every ID not starting with
// `missing`; these are the ones the facade's tests use (tests/tests/facade/main.rs).
const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";
const TRACK_2: &str = "11dFghVXANMlKmJXsNCbNl";
const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";
const ALBUM_2: &str = "382ObEPsp2rxGrnsizN5TX";
const ARTIST: &str = "0TnOYISbd1XYRBk9myaseg";
const ARTIST_2: &str = "57dN52uHvrHOxijzpIgu3E";
const SHOW: &str = "38bS44xjbVVZ3No3ByF1dJ";
const SHOW_2: &str = "5CfCWKI5pZ28U0uOzXkDHe";
const EPISODE: &str = "512ojhOuo1ktJprKbVcKyQ";
const EPISODE_2: &str = "77o6BIVlYM3msb4MMIL1jH";
const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";
/// A device of the mock's player.
const DEVICE: &str = "mock-device-phone";
/// Fewer than this many typed decodes would make the test prove little.
const MIN_TYPED: usize = 30;

#[tokio::test]
async fn rspotify_decodes_the_mocks_answers_typed() {
    let mock = MockServer::start().await;
    let client = rspotify_client(&mock);
    let mut calls = Calls::default();

    catalog(&client, &mut calls).await;
    search(&client, &mut calls).await;
    library(&client, &mock, &mut calls).await;
    player(&client, &mut calls).await;
    playlists(&client, &mut calls).await;
    users(&client, &mut calls).await;

    assert!(
        calls.failures.is_empty(),
        "{} of {} rspotify calls failed against the mock:\n\n{}",
        calls.failures.len(),
        calls.count,
        calls.failures.join("\n\n")
    );
    assert!(
        calls.typed >= MIN_TYPED,
        "only {} calls decoded a model (want at least {MIN_TYPED})",
        calls.typed
    );
}

/// rspotify's client for users, pointed at the mock, with a token the mock accepts
/// (`static-...`) valid for an hour, so rspotify never tries to refresh it.
fn rspotify_client(mock: &MockServer) -> AuthCodeSpotify {
    let config = Config {
        api_base_url: format!("{}/", mock.base_url()),
        auth_base_url: format!("{}/", mock.accounts_url()),
        ..Default::default()
    };
    let token = Token {
        access_token: "static-rspotify-test".into(),
        expires_in: TimeDelta::hours(1),
        expires_at: Some(Utc::now() + TimeDelta::hours(1)),
        ..Token::default()
    };
    let creds = Credentials::new(&mock.client_id(), &mock.client_secret());
    AuthCodeSpotify::from_token_with_config(token, creds, OAuth::default(), config)
}

/// What the calls did: how many ran, how many decoded a model, and every failure, described.
#[derive(Default)]
struct Calls {
    count: usize,
    typed: usize,
    failures: Vec<String>,
}

impl Calls {
    /// A call that answers a model: `Some(model)` if rspotify decoded it.
    async fn typed<T>(&mut self, name: &str, result: ClientResult<T>) -> Option<T> {
        self.count += 1;
        match result {
            Ok(value) => {
                self.typed += 1;
                Some(value)
            }
            Err(e) => {
                self.fail(name, describe(e).await);
                None
            }
        }
    }

    /// A call that answers no body (a player command, a library change).
    async fn command<T>(&mut self, name: &str, result: ClientResult<T>) {
        self.count += 1;
        if let Err(e) = result {
            self.fail(name, describe(e).await);
        }
    }

    /// Fails `name` unless `item` decoded as a track or an episode: rspotify keeps an item it
    /// cannot decode as raw JSON (`PlayableItem::Unknown`) instead of failing the call.
    fn playable(&mut self, name: &str, item: Option<&PlayableItem>) {
        match item {
            None => self.fail(name, "no item".into()),
            Some(PlayableItem::Unknown(raw)) => {
                let why = match raw["type"].as_str() {
                    Some("episode") => serde_json::from_value::<FullEpisode>(raw.clone()).err(),
                    _ => serde_json::from_value::<FullTrack>(raw.clone()).err(),
                };
                let why = why.map_or_else(|| "unknown kind".into(), |e| e.to_string());
                self.fail(name, format!("item kept as raw JSON ({why}): {raw}"));
            }
            Some(_) => {}
        }
    }

    /// Fails `name` with `message` unless `ok`.
    fn check(&mut self, name: &str, ok: bool, message: &str) {
        if !ok {
            self.fail(name, message.into());
        }
    }

    fn fail(&mut self, name: &str, message: String) {
        self.failures.push(format!("{name}: {message}"));
    }
}

/// rspotify's error, with the mock's answer for HTTP errors (rspotify's own message is only the
/// status).
async fn describe(e: ClientError) -> String {
    match e {
        ClientError::Http(http) => match *http {
            HttpError::StatusCode(response) => {
                let status = response.status();
                let body = response.text().await.unwrap_or_default();
                format!("HTTP {status}: {body}")
            }
            other => format!("http error: {other}"),
        },
        other => other.to_string(),
    }
}

fn track(id: &str) -> TrackId<'static> {
    TrackId::from_id(id.to_string()).expect("a track id")
}

fn album(id: &str) -> AlbumId<'static> {
    AlbumId::from_id(id.to_string()).expect("an album id")
}

fn artist(id: &str) -> ArtistId<'static> {
    ArtistId::from_id(id.to_string()).expect("an artist id")
}

fn show(id: &str) -> ShowId<'static> {
    ShowId::from_id(id.to_string()).expect("a show id")
}

fn episode(id: &str) -> EpisodeId<'static> {
    EpisodeId::from_id(id.to_string()).expect("an episode id")
}

fn playlist(id: &str) -> PlaylistId<'static> {
    PlaylistId::from_id(id.to_string()).expect("a playlist id")
}

const MARKET: Option<Market> = Some(Market::Country(Country::Sweden));

/// Tracks, albums, artists, shows and episodes, single and several, and their pages.
async fn catalog(client: &AuthCodeSpotify, calls: &mut Calls) {
    let result = client.track(track(TRACK), MARKET).await;
    calls.typed("track", result).await;
    // The multi-gets are deprecated (Spotify stopped serving them to new apps in February 2026) but
    // still in the spec, and the mock serves them; older apps still call them.
    #[allow(deprecated)]
    let result = client.tracks([track(TRACK), track(TRACK_2)], MARKET).await;
    if let Some(tracks) = calls.typed("tracks", result).await {
        calls.check("tracks", tracks.len() == 2, "want 2 tracks");
    }
    let result = client.album(album(ALBUM), MARKET).await;
    calls.typed("album", result).await;
    #[allow(deprecated)]
    let result = client.albums([album(ALBUM), album(ALBUM_2)], MARKET).await;
    calls.typed("albums", result).await;
    let result = client
        .album_track_manual(album(ALBUM), MARKET, Some(2), Some(0))
        .await;
    calls.typed("album_track_manual", result).await;
    let result = client.artist(artist(ARTIST)).await;
    calls.typed("artist", result).await;
    #[allow(deprecated)]
    let result = client.artists([artist(ARTIST), artist(ARTIST_2)]).await;
    calls.typed("artists", result).await;
    let result = client
        .artist_albums_manual(artist(ARTIST), None, MARKET, Some(3), Some(0))
        .await;
    calls.typed("artist_albums_manual", result).await;
    let result = client.get_a_show(show(SHOW), MARKET).await;
    calls.typed("get_a_show", result).await;
    #[allow(deprecated)]
    let result = client
        .get_several_shows([show(SHOW), show(SHOW_2)], MARKET)
        .await;
    calls.typed("get_several_shows", result).await;
    let result = client
        .get_shows_episodes_manual(show(SHOW), MARKET, Some(2), Some(0))
        .await;
    calls.typed("get_shows_episodes_manual", result).await;
    let result = client.get_an_episode(episode(EPISODE), MARKET).await;
    calls.typed("get_an_episode", result).await;
    #[allow(deprecated)]
    let result = client
        .get_several_episodes([episode(EPISODE), episode(EPISODE_2)], MARKET)
        .await;
    calls.typed("get_several_episodes", result).await;
}

/// One search per type rspotify knows, and all of them at once.
async fn search(client: &AuthCodeSpotify, calls: &mut Calls) {
    let types = [
        (SearchType::Track, "search track"),
        (SearchType::Album, "search album"),
        (SearchType::Artist, "search artist"),
        (SearchType::Playlist, "search playlist"),
        (SearchType::Show, "search show"),
        (SearchType::Episode, "search episode"),
    ];
    for (kind, name) in types {
        let result = client
            .search("harbour", kind, MARKET, None, Some(3), Some(0))
            .await;
        if let Some(found) = calls.typed(name, result).await {
            let total = match found {
                SearchResult::Tracks(p) => p.total,
                SearchResult::Albums(p) => p.total,
                SearchResult::Artists(p) => p.total,
                SearchResult::Playlists(p) => p.total,
                SearchResult::Shows(p) => p.total,
                SearchResult::Episodes(p) => p.total,
            };
            calls.check(name, total > 0, "no results");
        }
    }
    let all = [SearchType::Track, SearchType::Album, SearchType::Artist];
    let result = client
        .search_multiple("harbour", all, MARKET, None, Some(2), Some(0))
        .await;
    if let Some(found) = calls.typed("search_multiple", result).await {
        let complete = found.tracks.is_some() && found.albums.is_some() && found.artists.is_some();
        calls.check(
            "search_multiple",
            complete,
            "a requested section is missing",
        );
    }
}

/// Saves tracks, albums, shows and episodes through `/me/library`, checks and lists them.
async fn library(client: &AuthCodeSpotify, mock: &MockServer, calls: &mut Calls) {
    let saved = [
        LibraryId::Track(track(TRACK)),
        LibraryId::Track(track(TRACK_2)),
        LibraryId::Album(album(ALBUM)),
        LibraryId::Show(show(SHOW)),
        LibraryId::Episode(episode(EPISODE)),
    ];
    let result = client.library_add(saved.clone()).await;
    calls.command("library_add", result).await;
    let mut asked = saved.to_vec();
    asked.push(LibraryId::Album(album(ALBUM_2)));
    let result = client.library_contains(asked).await;
    if let Some(contains) = calls.typed("library_contains", result).await {
        let expected = [true, true, true, true, true, false];
        calls.check("library_contains", contains == expected, "wrong answer");
    }
    let result = client
        .current_user_saved_tracks_manual(MARKET, Some(10), Some(0))
        .await;
    if let Some(page) = calls
        .typed("current_user_saved_tracks_manual", result)
        .await
    {
        calls.check(
            "current_user_saved_tracks_manual",
            page.total == 2,
            "want 2",
        );
    }
    let result = client
        .current_user_saved_albums_manual(MARKET, Some(10), Some(0))
        .await;
    calls
        .typed("current_user_saved_albums_manual", result)
        .await;
    let result = client.get_saved_show_manual(Some(10), Some(0)).await;
    calls.typed("get_saved_show_manual", result).await;
    // rspotify follows artists through `PUT /me/library`, which takes no artist URIs (Spotify's
    // reference for save-items-library): follow one the way the mock's own helper does.
    mock.save_uris(&[format!("spotify:artist:{ARTIST}")]);
    let result = client.current_user_followed_artists(None, Some(10)).await;
    calls.typed("current_user_followed_artists", result).await;
    let result = client
        .library_remove([LibraryId::Track(track(TRACK_2))])
        .await;
    calls.command("library_remove", result).await;
}

/// Playback: nothing plays until a transfer; then every state read and command.
async fn player(client: &AuthCodeSpotify, calls: &mut Calls) {
    let result = client.device().await;
    if let Some(devices) = calls.typed("device", result).await {
        calls.check("device", !devices.is_empty(), "no devices");
    }
    let result = client.transfer_playback(DEVICE, Some(true)).await;
    calls.command("transfer_playback", result).await;
    let uris = [
        PlayableId::Track(track(TRACK)),
        PlayableId::Episode(episode(EPISODE)),
        PlayableId::Track(track(TRACK_2)),
    ];
    let result = client
        .start_uris_playback(
            uris,
            Some(DEVICE),
            Some(Offset::Position(TimeDelta::zero())),
            None,
        )
        .await;
    calls.command("start_uris_playback", result).await;
    let result = client
        .current_playback(MARKET, None::<&[AdditionalType]>)
        .await;
    if let Some(playback) = calls.typed("current_playback", result).await {
        calls.playable("current_playback", playback.and_then(|p| p.item).as_ref());
    }
    let result = client
        .current_playing(MARKET, None::<&[AdditionalType]>)
        .await;
    if let Some(playing) = calls.typed("current_playing", result).await {
        calls.playable("current_playing", playing.and_then(|p| p.item).as_ref());
    }
    let result = client
        .add_item_to_queue(PlayableId::Episode(episode(EPISODE_2)), None)
        .await;
    calls.command("add_item_to_queue", result).await;
    let result = client.current_user_queue().await;
    if let Some(queue) = calls.typed("current_user_queue", result).await {
        calls.playable("current_user_queue", queue.currently_playing.as_ref());
        calls.playable("current_user_queue (queued)", queue.queue.first());
    }
    let result = client.next_track(None).await;
    calls.command("next_track", result).await;
    // After `next` the queued episode plays: the player answers an episode now.
    let result = client.current_user_playing_item().await;
    if let Some(playing) = calls.typed("current_user_playing_item", result).await {
        let item = playing.and_then(|p| p.item);
        calls.playable("current_user_playing_item", item.as_ref());
    }
    let result = client.previous_track(None).await;
    calls.command("previous_track", result).await;
    let result = client.pause_playback(None).await;
    calls.command("pause_playback", result).await;
    let result = client.resume_playback(None, None).await;
    calls.command("resume_playback", result).await;
    let result = client.seek_track(TimeDelta::seconds(30), None).await;
    calls.command("seek_track", result).await;
    let result = client.volume(40, Some(DEVICE)).await;
    calls.command("volume", result).await;
    let result = client.repeat(RepeatState::Context, None).await;
    calls.command("repeat", result).await;
    let result = client.shuffle(true, None).await;
    calls.command("shuffle", result).await;
    let result = client.current_user_recently_played(Some(3), None).await;
    if let Some(page) = calls.typed("current_user_recently_played", result).await {
        calls.check(
            "current_user_recently_played",
            page.items.len() == 3,
            "want 3",
        );
    }
}

/// A playlist created for the mock's user, filled, read, renamed and edited; and the user's lists.
async fn playlists(client: &AuthCodeSpotify, calls: &mut Calls) {
    let user = UserId::from_id(USER_ID).expect("a user id");
    let result = client
        .user_playlist_create(user.clone(), "Road Trip", Some(false), None, Some("Songs"))
        .await;
    // Any playlist ID exists in the mock: the rest still runs if creating failed.
    let created = calls.typed("user_playlist_create", result).await;
    let id = created.map_or_else(|| playlist(PLAYLIST), |p| p.id);
    let items = [
        PlayableId::Track(track(TRACK)),
        PlayableId::Track(track(TRACK_2)),
        PlayableId::Episode(episode(EPISODE)),
    ];
    let result = client.playlist_add_items(id.clone(), items, None).await;
    calls.typed("playlist_add_items", result).await;
    let result = client.playlist(id.clone(), None, MARKET).await;
    if let Some(full) = calls.typed("playlist", result).await {
        for (i, item) in full.items.items.iter().enumerate() {
            calls.playable(&format!("playlist item {i}"), item.item.as_ref());
        }
        calls.check("playlist", full.items.total == 3, "want 3 items");
    }
    let result = client
        .playlist_items_manual(id.clone(), None, MARKET, Some(10), Some(0))
        .await;
    if let Some(page) = calls.typed("playlist_items_manual", result).await {
        for (i, item) in page.items.iter().enumerate() {
            calls.playable(&format!("playlist_items_manual {i}"), item.item.as_ref());
        }
    }
    let result = client
        .playlist_change_detail(id.clone(), Some("Long Drive"), None, None, None)
        .await;
    calls.command("playlist_change_detail", result).await;
    let result = client
        .playlist_reorder_items(id.clone(), Some(0), Some(3), None, None)
        .await;
    calls.typed("playlist_reorder_items", result).await;
    let result = client
        .playlist_remove_all_occurrences_of_items(
            id.clone(),
            [PlayableId::Episode(episode(EPISODE))],
            None,
        )
        .await;
    calls
        .typed("playlist_remove_all_occurrences_of_items", result)
        .await;
    let result = client
        .playlist_replace_items(id.clone(), [PlayableId::Track(track(TRACK))])
        .await;
    calls.command("playlist_replace_items", result).await;
    let result = client
        .current_user_playlists_manual(Some(10), Some(0))
        .await;
    if let Some(page) = calls.typed("current_user_playlists_manual", result).await {
        let renamed = page.items.iter().any(|p| p.name == "Long Drive");
        calls.check(
            "current_user_playlists_manual",
            renamed,
            "renamed playlist absent",
        );
    }
    // Deprecated like another user's profile (below), and still served.
    #[allow(deprecated)]
    let result = client.user_playlists_manual(user, Some(10), Some(0)).await;
    calls.typed("user_playlists_manual", result).await;
    // A playlist the mock makes up on first use (owned by `spotify`, four tracks).
    let result = client.playlist(playlist(PLAYLIST), None, MARKET).await;
    calls.typed("playlist (editorial)", result).await;
    // Playing the playlist: the playback state now names it as its context.
    let result = client
        .start_context_playback(PlayContextId::Playlist(id), None, None, None)
        .await;
    calls.command("start_context_playback", result).await;
    let types = [AdditionalType::Track, AdditionalType::Episode];
    let result = client.current_playback(None, Some(&types)).await;
    if let Some(playback) = calls.typed("current_playback (playlist)", result).await {
        let context = playback.and_then(|p| p.context);
        let named = context.is_some_and(|c| c.uri.starts_with("spotify:playlist:"));
        calls.check("current_playback (playlist)", named, "no playlist context");
    }
}

/// The current user, another user, and the user's top items.
async fn users(client: &AuthCodeSpotify, calls: &mut Calls) {
    let result = client.me().await;
    if let Some(me) = calls.typed("me", result).await {
        calls.check("me", me.id.id() == USER_ID, "wrong user");
    }
    let result = client.current_user().await;
    calls.typed("current_user", result).await;
    let user = UserId::from_id("smedjan").expect("a user id");
    #[allow(deprecated)]
    let result = client.user(user).await;
    calls.typed("user", result).await;
    let result = client
        .current_user_top_tracks_manual(Some(TimeRange::MediumTerm), Some(5), Some(0))
        .await;
    calls.typed("current_user_top_tracks_manual", result).await;
    let result = client
        .current_user_top_artists_manual(Some(TimeRange::ShortTerm), Some(5), Some(0))
        .await;
    calls.typed("current_user_top_artists_manual", result).await;
}
