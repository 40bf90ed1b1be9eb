//! Users: profiles, top items and following.

use super::{boxed, chunks, cursor_stream, maybe, offset_stream, resource};
use crate::ids::{ArtistId, IntoId, PlaylistId, UserId, parse_all};
use crate::types::{
    CursorPagingSimplifiedArtistObject, ItemType, PagingArtistObject, PagingTrackObject,
    PrivateUserObject, PublicUserObject,
};
use crate::{Client, Error};

/// How many IDs `/me/following` takes at once.
const FOLLOW_CHUNK: usize = 50;

/// The period [`Users::top_artists`] and [`Users::top_tracks`] are computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimeRange {
    /// About the last 4 weeks.
    ShortTerm,
    /// About the last 6 months (Spotify's default).
    #[default]
    MediumTerm,
    /// About the last year, including all new data.
    LongTerm,
}

impl TimeRange {
    /// The value Spotify uses: `short_term`, `medium_term`, `long_term`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeRange::ShortTerm => "short_term",
            TimeRange::MediumTerm => "medium_term",
            TimeRange::LongTerm => "long_term",
        }
    }
}

resource! {
    /// Users: `client.users()`. Following users and playlists is now done through the library
    /// ([`library()`](crate::Client::library), `/me/library`); the follow methods here use the older
    /// endpoints Spotify deprecated in February 2026. Following artists has no `/me/library`
    /// replacement yet, so [`follow_artists`](Self::follow_artists) and
    /// [`unfollow_artists`](Self::unfollow_artists) remain the way to do it.
    Users;

    /// The current user's profile (`GET /me`; `email` needs the `user-read-email` scope, `country`
    /// and `product` need `user-read-private`).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::resources::users::TimeRange;
    ///
    /// let me = client.users().me().await?;
    /// println!("{:?} ({:?})", me.display_name, me.product);
    /// let top: Vec<_> = client.users().top_tracks(TimeRange::ShortTerm).max_items(10).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub async fn me(&self) -> Result<PrivateUserObject, Error> {
        self.client.call(|raw| raw.get_current_users_profile().send()).await
    }

    /// A user's public profile (`GET /users/{user_id}`).
    #[deprecated(note = "Spotify deprecated GET /users/{id} in February 2026 (not available to development-mode apps)")]
    pub async fn get(&self, user_id: impl IntoId<UserId>) -> Result<PublicUserObject, Error> {
        let id = user_id.into_id()?;
        self.client.call(|raw| raw.get_users_profile().user_id(id.id()).send()).await
    }

    /// The current user's top artists, as a lazy stream (`GET /me/top/artists`, 50 per page; scope
    /// `user-top-read`).
    pub fn top_artists(&self, time_range: TimeRange) -> Paginator<PagingArtistObject> {
        offset_stream(self.client, "get-users-top-artists", move |client, offset, limit| {
            boxed(async move {
                client
                    .call(|raw| {
                        raw.get_users_top_artists()
                            .time_range(time_range.as_str())
                            .offset(i64::from(offset))
                            .limit(u64::from(limit))
                            .send()
                    })
                    .await
            })
        })
    }

    /// The current user's top tracks, as a lazy stream (`GET /me/top/tracks`, 50 per page; scope
    /// `user-top-read`).
    pub fn top_tracks(&self, time_range: TimeRange) -> Paginator<PagingTrackObject> {
        offset_stream(self.client, "get-users-top-tracks", move |client, offset, limit| {
            boxed(async move {
                client
                    .call(|raw| {
                        raw.get_users_top_tracks()
                            .time_range(time_range.as_str())
                            .offset(i64::from(offset))
                            .limit(u64::from(limit))
                            .send()
                    })
                    .await
            })
        })
    }

    /// The artists the current user follows, as a lazy stream (`GET /me/following?type=artist`,
    /// cursor-paged, 50 per page; scope `user-follow-read`).
    pub fn followed_artists(&self) -> Paginator<CursorPagingSimplifiedArtistObject> {
        cursor_stream(self.client, "get-followed", |client, after, limit| {
            boxed(async move {
                let response = client
                    .call(|raw| {
                        let builder = raw.get_followed().type_(ItemType::Artist).limit(u64::from(limit));
                        maybe(builder, after, |b, a| b.after(a)).send()
                    })
                    .await?;
                Ok(response.artists.unwrap_or_default())
            })
        })
    }

    /// Follows artists (`PUT /me/following?type=artist`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated PUT /me/following in February 2026; PUT /me/library (`client.library().save`) takes no artist URIs, so this stays the way to follow artists")]
    pub async fn follow_artists(&self, ids: impl IntoIterator<Item = impl IntoId<ArtistId>>) -> Result<(), Error> {
        let ids: Vec<ArtistId> = parse_all(ids)?;
        change_follows(self.client, "artist", ids.iter().map(ArtistId::id), true).await
    }

    /// Unfollows artists (`DELETE /me/following?type=artist`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/following in February 2026; DELETE /me/library (`client.library().remove`) takes no artist URIs, so this stays the way to unfollow artists")]
    pub async fn unfollow_artists(&self, ids: impl IntoIterator<Item = impl IntoId<ArtistId>>) -> Result<(), Error> {
        let ids: Vec<ArtistId> = parse_all(ids)?;
        change_follows(self.client, "artist", ids.iter().map(ArtistId::id), false).await
    }

    /// Whether the current user follows each artist, in the order asked
    /// (`GET /me/following/contains?type=artist`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated GET /me/following/contains in February 2026: use `client.library().contains` (GET /me/library/contains) with `spotify:artist:` URIs")]
    pub async fn follows_artists(&self, ids: impl IntoIterator<Item = impl IntoId<ArtistId>>) -> Result<Vec<bool>, Error> {
        let ids: Vec<ArtistId> = parse_all(ids)?;
        check_follows(self.client, "artist", ids.iter().map(ArtistId::id)).await
    }

    /// Follows users (`PUT /me/following?type=user`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated PUT /me/following in February 2026: use `client.library().save` (PUT /me/library) with `spotify:user:` URIs")]
    pub async fn follow_users(&self, ids: impl IntoIterator<Item = impl IntoId<UserId>>) -> Result<(), Error> {
        let ids: Vec<UserId> = parse_all(ids)?;
        change_follows(self.client, "user", ids.iter().map(UserId::id), true).await
    }

    /// Unfollows users (`DELETE /me/following?type=user`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/following in February 2026: use `client.library().remove` (DELETE /me/library) with `spotify:user:` URIs")]
    pub async fn unfollow_users(&self, ids: impl IntoIterator<Item = impl IntoId<UserId>>) -> Result<(), Error> {
        let ids: Vec<UserId> = parse_all(ids)?;
        change_follows(self.client, "user", ids.iter().map(UserId::id), false).await
    }

    /// Whether the current user follows each user, in the order asked
    /// (`GET /me/following/contains?type=user`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated GET /me/following/contains in February 2026: use `client.library().contains` (GET /me/library/contains) with `spotify:user:` URIs")]
    pub async fn follows_users(&self, ids: impl IntoIterator<Item = impl IntoId<UserId>>) -> Result<Vec<bool>, Error> {
        let ids: Vec<UserId> = parse_all(ids)?;
        check_follows(self.client, "user", ids.iter().map(UserId::id)).await
    }

    /// Follows a playlist (`PUT /playlists/{id}/followers`); `public` lists it on the user's profile.
    #[deprecated(note = "Spotify deprecated PUT /playlists/{id}/followers in February 2026: use `client.library().save` (PUT /me/library) with the `spotify:playlist:` URI")]
    pub async fn follow_playlist(&self, id: impl IntoId<PlaylistId>, public: bool) -> Result<(), Error> {
        let id = id.into_id()?;
        self.client
            .call(|raw| raw.follow_playlist().playlist_id(id.id()).body_map(|b| b.public(Some(public))).send())
            .await
    }

    /// Unfollows a playlist (`DELETE /playlists/{id}/followers`; for the owner, this deletes it from
    /// their profile).
    #[deprecated(note = "Spotify deprecated DELETE /playlists/{id}/followers in February 2026: use `client.library().remove` (DELETE /me/library) with the `spotify:playlist:` URI")]
    pub async fn unfollow_playlist(&self, id: impl IntoId<PlaylistId>) -> Result<(), Error> {
        let id = id.into_id()?;
        self.client.call(|raw| raw.unfollow_playlist().playlist_id(id.id()).send()).await
    }

    /// Whether the current user follows a playlist (`GET /playlists/{id}/followers/contains`).
    #[deprecated(note = "Spotify deprecated GET /playlists/{id}/followers/contains in February 2026: use `client.library().contains` (GET /me/library/contains) with the `spotify:playlist:` URI")]
    pub async fn follows_playlist(&self, id: impl IntoId<PlaylistId>) -> Result<bool, Error> {
        let id = id.into_id()?;
        let answer = self.client.call(|raw| raw.check_if_user_follows_playlist().playlist_id(id.id()).send()).await?;
        Ok(answer.first().copied().unwrap_or(false))
    }
}

/// `PUT`/`DELETE /me/following?type=KIND&ids=...`, 50 IDs at a time (the IDs also go in the body,
/// which `PUT` requires; Spotify reads the query).
async fn change_follows<'a>(
    client: &Client,
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
    follow: bool,
) -> Result<(), Error> {
    let ids: Vec<String> = ids.map(str::to_string).collect();
    for chunk in chunks(&ids, FOLLOW_CHUNK) {
        let joined = chunk.join(",");
        if follow {
            client
                .call(|raw| {
                    raw.follow_artists_users()
                        .type_(kind)
                        .ids(joined)
                        .body_map(|b| b.ids(chunk))
                        .send()
                })
                .await?;
        } else {
            client
                .call(|raw| {
                    raw.unfollow_artists_users()
                        .type_(kind)
                        .ids(joined)
                        .body_map(|b| b.ids(chunk))
                        .send()
                })
                .await?;
        }
    }
    Ok(())
}

/// `GET /me/following/contains?type=KIND&ids=...`, 50 IDs at a time, answers concatenated.
async fn check_follows<'a>(
    client: &Client,
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<Vec<bool>, Error> {
    let ids: Vec<String> = ids.map(str::to_string).collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in chunks(&ids, FOLLOW_CHUNK) {
        let joined = chunk.join(",");
        out.extend(
            client
                .call(|raw| {
                    raw.check_current_user_follows()
                        .type_(kind)
                        .ids(joined)
                        .send()
                })
                .await?,
        );
    }
    Ok(out)
}
