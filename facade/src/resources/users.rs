//! Users: profiles, top items and following.

use super::{contains, cursor_stream, group, limit, offset_stream, wrapped};
use crate::ids::{ArtistId, IntoId, PlaylistId, UserId, parse_all};
use crate::types::{
    CursorPagingSimplifiedArtistObject, FollowArtistsUsersBody, FollowPlaylistBody, ItemType,
    PagingArtistObject, PagingTrackObject, PrivateUserObject, PublicUserObject,
    UnfollowArtistsUsersBody,
};
use crate::words::words;
use crate::{Client, Error, Paginator};

/// How many IDs `/me/following` takes at once.
const FOLLOW_CHUNK: usize = 50;

/// The period [`Users::top_artists`] and [`Users::top_tracks`] are computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeRange {
    /// About the last 4 weeks.
    ShortTerm,
    /// About the last 6 months (Spotify's default).
    #[default]
    MediumTerm,
    /// About the last year, including all new data.
    LongTerm,
}

words! {
    /// The value Spotify uses: `short_term`, `medium_term`, `long_term`.
    TimeRange("a time range") {
        ShortTerm => "short_term",
        MediumTerm => "medium_term",
        LongTerm => "long_term",
    }
}

/// Who is followed: artists or users (the `type` of `/me/following`).
#[derive(Clone, Copy)]
enum Followed {
    Artist,
    User,
}

impl Followed {
    #[inline]
    fn item_type(self) -> ItemType {
        match self {
            Followed::Artist => ItemType::Artist,
            // The spec lists only `artist` for this parameter; Spotify takes `user` too.
            Followed::User => ItemType::Unknown("user".into()),
        }
    }
}

group! {
    /// Users: `client.users()`. Following users and playlists is now done through the library
    /// ([`library()`](crate::Client::library), `/me/library`); the follow methods here use the
    /// older endpoints Spotify deprecated in February 2026. Following artists has no `/me/library`
    /// replacement yet, so [`follow_artists`](crate::resources::users::Users::follow_artists)
    /// and [`unfollow_artists`](crate::resources::users::Users::unfollow_artists) remain the way
    /// to do it.
    Users => users
}

impl Users<'_> {
    /// The current user's profile (`GET /me`; `email` needs the `user-read-email` scope, `country`
    /// and `product` need `user-read-private`).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::resources::users::TimeRange;
    ///
    /// let me = client.users().me().await?;
    /// println!("{} ({:?})", me.id, me.display_name);
    /// let top: Vec<_> = client
    ///     .users()
    ///     .top_tracks(TimeRange::ShortTerm)
    ///     .max_items(10)
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[inline]
    pub async fn me(&self) -> Result<PrivateUserObject, Error> {
        self.client
            .call(self.client.raw().get_current_users_profile())
            .await
    }

    /// The current user's top artists, as a lazy stream (`GET /me/top/artists`, 50 per page; scope
    /// `user-top-read`).
    #[inline]
    pub fn top_artists(&self, time_range: TimeRange) -> Paginator<PagingArtistObject> {
        offset_stream(self.client, move |raw, offset, size| {
            raw.get_users_top_artists(limit(size), Some(offset), Some(time_range.as_str()))
        })
    }

    /// The current user's top tracks, as a lazy stream (`GET /me/top/tracks`, 50 per page; scope
    /// `user-top-read`).
    #[inline]
    pub fn top_tracks(&self, time_range: TimeRange) -> Paginator<PagingTrackObject> {
        offset_stream(self.client, move |raw, offset, size| {
            raw.get_users_top_tracks(limit(size), Some(offset), Some(time_range.as_str()))
        })
    }

    /// The artists the current user follows, as a lazy stream (`GET /me/following?type=artist`,
    /// cursor-paged, 50 per page; scope `user-follow-read`).
    #[inline]
    pub fn followed_artists(&self) -> Paginator<CursorPagingSimplifiedArtistObject> {
        cursor_stream(
            self.client,
            |raw, after, size| Ok(raw.get_followed(after, limit(size), ItemType::Artist)),
            |answer| wrapped(answer.artists, "artists", "get-followed"),
        )
    }

    /// Follows artists (`PUT /me/following?type=artist`, 50 IDs per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/following in February 2026; PUT /me/library \
            (`client.library().save`) takes no artist URIs, so this stays the way to follow artists"
    )]
    #[inline]
    pub async fn follow_artists(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ArtistId>>,
    ) -> Result<(), Error> {
        follow(self.client, Followed::Artist, bare(ids)?, true).await
    }

    /// Unfollows artists (`DELETE /me/following?type=artist`, 50 IDs per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/following in February 2026; DELETE /me/library \
            (`client.library().remove`) takes no artist URIs, so this stays the way to unfollow \
            artists"
    )]
    #[inline]
    pub async fn unfollow_artists(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ArtistId>>,
    ) -> Result<(), Error> {
        follow(self.client, Followed::Artist, bare(ids)?, false).await
    }

    /// Whether the current user follows each artist, in the order asked
    /// (`GET /me/following/contains?type=artist`, 50 IDs per request).
    #[deprecated(
        note = "Spotify deprecated GET /me/following/contains in February 2026: use \
            `client.library().contains` (GET /me/library/contains) with `spotify:artist:` URIs"
    )]
    #[inline]
    pub async fn follows_artists(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ArtistId>>,
    ) -> Result<Vec<bool>, Error> {
        follows(self.client, Followed::Artist, bare(ids)?).await
    }

    /// Follows users (`PUT /me/following?type=user`, 50 IDs per request).
    #[deprecated(note = "Spotify deprecated PUT /me/following in February 2026: use \
            `client.library().save` (PUT /me/library) with `spotify:user:` URIs")]
    #[inline]
    pub async fn follow_users(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<UserId>>,
    ) -> Result<(), Error> {
        follow(self.client, Followed::User, bare(ids)?, true).await
    }

    /// Unfollows users (`DELETE /me/following?type=user`, 50 IDs per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/following in February 2026: use \
            `client.library().remove` (DELETE /me/library) with `spotify:user:` URIs"
    )]
    #[inline]
    pub async fn unfollow_users(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<UserId>>,
    ) -> Result<(), Error> {
        follow(self.client, Followed::User, bare(ids)?, false).await
    }

    /// Whether the current user follows each user, in the order asked
    /// (`GET /me/following/contains?type=user`, 50 IDs per request).
    #[deprecated(
        note = "Spotify deprecated GET /me/following/contains in February 2026: use \
            `client.library().contains` (GET /me/library/contains) with `spotify:user:` URIs"
    )]
    #[inline]
    pub async fn follows_users(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<UserId>>,
    ) -> Result<Vec<bool>, Error> {
        follows(self.client, Followed::User, bare(ids)?).await
    }

    /// Follows a playlist (`PUT /playlists/{id}/followers`); `public` lists it on the user's
    /// profile.
    #[deprecated(
        note = "Spotify deprecated PUT /playlists/{id}/followers in February 2026: use \
            `client.library().save` (PUT /me/library) with the `spotify:playlist:` URI"
    )]
    #[inline]
    pub async fn follow_playlist(
        &self,
        id: impl IntoId<PlaylistId>,
        public: bool,
    ) -> Result<(), Error> {
        let id = id.into_id()?;
        let body = FollowPlaylistBody {
            public: Some(public),
        };
        self.client
            .call(self.client.raw().follow_playlist(id.id(), &body))
            .await
    }

    /// Unfollows a playlist (`DELETE /playlists/{id}/followers`; for the owner, this deletes it
    /// from their profile).
    #[deprecated(
        note = "Spotify deprecated DELETE /playlists/{id}/followers in February 2026: use \
            `client.library().remove` (DELETE /me/library) with the `spotify:playlist:` URI"
    )]
    #[inline]
    pub async fn unfollow_playlist(&self, id: impl IntoId<PlaylistId>) -> Result<(), Error> {
        let id = id.into_id()?;
        self.client
            .call(self.client.raw().unfollow_playlist(id.id()))
            .await
    }

    /// Whether the current user follows a playlist (`GET /playlists/{id}/followers/contains`).
    #[deprecated(
        note = "Spotify deprecated GET /playlists/{id}/followers/contains in February 2026: use \
            `client.library().contains` (GET /me/library/contains) with the `spotify:playlist:` URI"
    )]
    #[inline]
    pub async fn follows_playlist(&self, id: impl IntoId<PlaylistId>) -> Result<bool, Error> {
        let id = id.into_id()?;
        let answer = contains(self.client, &[String::new()], 1, |raw, _| {
            raw.check_if_user_follows_playlist(id.id(), None)
        })
        .await?;
        Ok(answer[0])
    }

    /// A user's public profile (`GET /users/{user_id}`).
    #[deprecated(
        note = "Spotify deprecated GET /users/{id} in February 2026 (not available to \
            development-mode apps)"
    )]
    #[inline]
    pub async fn get(&self, user_id: impl IntoId<UserId>) -> Result<PublicUserObject, Error> {
        let id = user_id.into_id()?;
        self.client
            .call(self.client.raw().get_users_profile(id.id()))
            .await
    }
}

/// The bare IDs of `ids`.
#[inline]
fn bare<T: AsRef<str>>(
    ids: impl IntoIterator<Item = impl IntoId<T>>,
) -> Result<Vec<String>, Error> {
    let ids: Vec<T> = parse_all(ids)?;
    Ok(ids.iter().map(|id| id.as_ref().to_string()).collect())
}

/// `PUT`/`DELETE /me/following?type=KIND&ids=...`, 50 IDs at a time (the IDs also go in the body,
/// which `PUT` requires; Spotify reads the query).
#[inline]
async fn follow(client: &Client, kind: Followed, ids: Vec<String>, on: bool) -> Result<(), Error> {
    let raw = client.raw();
    for chunk in ids.chunks(FOLLOW_CHUNK) {
        let (joined, ids) = (chunk.join(","), chunk.to_vec());
        let request = if on {
            raw.follow_artists_users(&joined, kind.item_type(), &FollowArtistsUsersBody { ids })
        } else {
            let body = UnfollowArtistsUsersBody { ids };
            raw.unfollow_artists_users(&joined, kind.item_type(), &body)
        };
        client.call(request).await?;
    }
    Ok(())
}

/// `GET /me/following/contains?type=KIND&ids=...`, 50 IDs at a time, answers in order.
#[inline]
async fn follows(client: &Client, kind: Followed, ids: Vec<String>) -> Result<Vec<bool>, Error> {
    contains(client, &ids, FOLLOW_CHUNK, |raw, joined| {
        raw.check_current_user_follows(joined, kind.item_type())
    })
    .await
}
