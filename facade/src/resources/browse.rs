//! Browse: new releases, featured and category playlists, categories, recommendations, genre seeds
//! and markets. Spotify deprecated all of these; apps in development mode are refused most of them.

mod recommendations;

pub use recommendations::{RecommendationsOptions, TrackAttributes};

use super::{group, limit, offset_stream_within, wrapped};
use crate::types::{
    CategoryObject, GetCategoriesResponseCategories, PagingPlaylistObject,
    PagingSimplifiedAlbumObject, RecommendationsObject,
};
use crate::{Error, Paginator};

group! {
    /// Browse: `client.browse()`.
    ///
    /// `locale` arguments (`es_MX`: an ISO 639-1 language and ISO 3166-1 country code) choose the
    /// language of category names and messages; `None` is Spotify's default, American English.
    Browse => browse
}

impl Browse<'_> {
    /// New album releases, as a lazy stream (`GET /browse/new-releases`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// # #[allow(deprecated)]
    /// let mut releases = client.browse().new_releases().max_items(100);
    /// while let Some(album) = releases.try_next().await? {
    ///     println!("{} ({:?})", album.name, album.release_date);
    /// }
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "Spotify deprecated GET /browse/new-releases in February 2026 (not available to \
            development-mode apps)"
    )]
    #[inline]
    pub fn new_releases(&self) -> Paginator<PagingSimplifiedAlbumObject> {
        offset_stream_within(
            self.client,
            |raw, offset, size| raw.get_new_releases(limit(size), Some(offset)),
            |answer| wrapped(answer.albums, "albums", "get-new-releases"),
        )
    }

    /// Spotify's featured playlists, as a lazy stream (`GET /browse/featured-playlists`, 50 per
    /// page; the localized `message` of the response is dropped,
    /// [`Client::call`](crate::Client::call) has it).
    #[deprecated(
        note = "Spotify removed featured playlists for new apps in November 2024; extended-quota \
            apps only"
    )]
    #[inline]
    pub fn featured_playlists(&self, locale: Option<&str>) -> Paginator<PagingPlaylistObject> {
        let locale = locale.map(str::to_string);
        offset_stream_within(
            self.client,
            move |raw, offset, size| {
                raw.get_featured_playlists(limit(size), locale.as_deref(), Some(offset))
            },
            |answer| wrapped(answer.playlists, "playlists", "get-featured-playlists"),
        )
    }

    /// The browse categories, as a lazy stream (`GET /browse/categories`, 50 per page).
    #[deprecated(
        note = "Spotify deprecated GET /browse/categories in February 2026 (not available to \
            development-mode apps)"
    )]
    #[inline]
    pub fn categories(&self, locale: Option<&str>) -> Paginator<GetCategoriesResponseCategories> {
        let locale = locale.map(str::to_string);
        offset_stream_within(
            self.client,
            move |raw, offset, size| {
                raw.get_categories(limit(size), locale.as_deref(), Some(offset))
            },
            |answer| wrapped(answer.categories, "categories", "get-categories"),
        )
    }

    /// One browse category (`GET /browse/categories/{category_id}`), e.g. `"dinner"`.
    #[deprecated(
        note = "Spotify deprecated GET /browse/categories/{id} in February 2026 (not available to \
            development-mode apps)"
    )]
    #[inline]
    pub async fn category(
        &self,
        category_id: &str,
        locale: Option<&str>,
    ) -> Result<CategoryObject, Error> {
        check_category(category_id)?;
        let request = self.client.raw().get_a_category(category_id, locale);
        self.client.call(request).await
    }

    /// The playlists of a browse category, as a lazy stream
    /// (`GET /browse/categories/{category_id}/playlists`, 50 per page).
    #[deprecated(
        note = "Spotify removed category playlists for new apps in November 2024; extended-quota \
            apps only"
    )]
    #[inline]
    pub fn category_playlists(&self, category_id: &str) -> Paginator<PagingPlaylistObject> {
        let category_id = category_id.to_string();
        Paginator::or_failed(check_category(&category_id), |()| {
            offset_stream_within(
                self.client,
                move |raw, offset, size| {
                    raw.get_a_categories_playlists(&category_id, limit(size), Some(offset))
                },
                |answer| wrapped(answer.playlists, "playlists", "get-a-categories-playlists"),
            )
        })
    }

    /// Tracks recommended from 1 to 5 seeds, within the given attribute ranges
    /// (`GET /recommendations`). Invalid seeds or limits fail before anything is sent.
    #[deprecated(
        note = "Spotify removed recommendations for new apps in November 2024; extended-quota \
            apps only"
    )]
    #[inline]
    pub async fn recommendations(
        &self,
        options: RecommendationsOptions,
    ) -> Result<RecommendationsObject, Error> {
        recommendations::fetch(self.client, options).await
    }

    /// The genres usable as recommendation seeds (`GET /recommendations/available-genre-seeds`).
    #[deprecated(
        note = "Spotify removed recommendations for new apps in November 2024; extended-quota \
            apps only"
    )]
    #[inline]
    pub async fn genre_seeds(&self) -> Result<Vec<String>, Error> {
        let request = self.client.raw().get_recommendation_genres();
        let response = self.client.call(request).await?;
        Ok(response.genres.into_iter().flatten().collect())
    }

    /// The markets (ISO 3166-1 alpha-2 country codes) where Spotify is available (`GET /markets`).
    #[deprecated(
        note = "Spotify deprecated GET /markets in February 2026 (not available to \
            development-mode apps)"
    )]
    #[inline]
    pub async fn markets(&self) -> Result<Vec<String>, Error> {
        let request = self.client.raw().get_available_markets();
        Ok(self.client.call(request).await?.markets)
    }
}

/// Category IDs are Spotify's own words (`dinner`) or base62 IDs; only an empty one is refused
/// here.
#[inline]
fn check_category(category_id: &str) -> Result<(), Error> {
    if category_id.trim().is_empty() {
        return Err(Error::InvalidArgument("the category ID is empty".into()));
    }
    Ok(())
}
