//! Browse: new releases, featured and category playlists, categories, recommendations, genre seeds
//! and markets. Spotify deprecated all of these; apps in development mode are refused most of them.

mod recommendations;

pub use recommendations::{RecommendationsOptions, TrackAttributes};

use super::{boxed, maybe, offset_stream, resource};
use crate::types::{
    CategoryObject, GetCategoriesResponseCategories, PagingPlaylistObject,
    PagingSimplifiedAlbumObject, RecommendationsObject,
};
use crate::{Error, Paginator};

resource! {
    /// Browse: `client.browse()`.
    ///
    /// `locale` arguments (`es_MX`: an ISO 639-1 language and ISO 3166-1 country code) choose the
    /// language of category names and messages; `None` is Spotify's default, American English.
    Browse;

    /// New album releases, as a lazy stream (`GET /browse/new-releases`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut releases = client.browse().new_releases().max_items(100);
    /// while let Some(album) = releases.try_next().await? {
    ///     println!("{:?} ({:?})", album.name, album.release_date);
    /// }
    /// # Ok(()) }
    /// ```
    #[deprecated(note = "Spotify deprecated GET /browse/new-releases in February 2026 (not available to development-mode apps)")]
    pub fn new_releases(&self) -> Paginator<PagingSimplifiedAlbumObject> {
        offset_stream(self.client, "get-new-releases", |client, offset, limit| {
            boxed(async move {
                let response = client
                    .call(|raw| raw.get_new_releases().offset(i64::from(offset)).limit(u64::from(limit)).send())
                    .await?;
                Ok(response.albums.unwrap_or_default())
            })
        })
    }

    /// Spotify's featured playlists, as a lazy stream (`GET /browse/featured-playlists`, 50 per page;
    /// the localized `message` of the response is dropped, [`Client::call`](crate::Client::call) has it).
    #[deprecated(note = "Spotify removed featured playlists for new apps in November 2024; extended-quota apps only")]
    pub fn featured_playlists(&self, locale: Option<&str>) -> Paginator<PagingPlaylistObject> {
        let locale = locale.map(str::to_string);
        offset_stream(self.client, "get-featured-playlists", move |client, offset, limit| {
            let locale = locale.clone();
            boxed(async move {
                let response = client
                    .call(|raw| {
                        let builder = raw.get_featured_playlists().offset(i64::from(offset)).limit(u64::from(limit));
                        maybe(builder, locale, |b, l| b.locale(l)).send()
                    })
                    .await?;
                Ok(response.playlists.unwrap_or_default())
            })
        })
    }

    /// The browse categories, as a lazy stream (`GET /browse/categories`, 50 per page).
    #[deprecated(note = "Spotify deprecated GET /browse/categories in February 2026 (not available to development-mode apps)")]
    pub fn categories(&self, locale: Option<&str>) -> Paginator<GetCategoriesResponseCategories> {
        let locale = locale.map(str::to_string);
        offset_stream(self.client, "get-categories", move |client, offset, limit| {
            let locale = locale.clone();
            boxed(async move {
                let response = client
                    .call(|raw| {
                        let builder = raw.get_categories().offset(i64::from(offset)).limit(u64::from(limit));
                        maybe(builder, locale, |b, l| b.locale(l)).send()
                    })
                    .await?;
                Ok(response.categories.unwrap_or_default())
            })
        })
    }

    /// One browse category (`GET /browse/categories/{category_id}`), e.g. `"dinner"`.
    #[deprecated(note = "Spotify deprecated GET /browse/categories/{id} in February 2026 (not available to development-mode apps)")]
    pub async fn category(&self, category_id: &str, locale: Option<&str>) -> Result<CategoryObject, Error> {
        check_category(category_id)?;
        self.client
            .call(|raw| maybe(raw.get_a_category().category_id(category_id), locale, |b, l| b.locale(l)).send())
            .await
    }

    /// The playlists of a browse category, as a lazy stream
    /// (`GET /browse/categories/{category_id}/playlists`, 50 per page).
    #[deprecated(note = "Spotify removed category playlists for new apps in November 2024; extended-quota apps only")]
    pub fn category_playlists(&self, category_id: &str) -> Paginator<PagingPlaylistObject> {
        if let Err(e) = check_category(category_id) {
            return Paginator::failed(e);
        }
        let category_id = category_id.to_string();
        offset_stream(self.client, "get-a-categories-playlists", move |client, offset, limit| {
            let category_id = category_id.clone();
            boxed(async move {
                let response = client
                    .call(|raw| {
                        raw.get_a_categories_playlists()
                            .category_id(category_id)
                            .offset(i64::from(offset))
                            .limit(u64::from(limit))
                            .send()
                    })
                    .await?;
                Ok(response.playlists.unwrap_or_default())
            })
        })
    }

    /// Tracks recommended from 1 to 5 seeds, within the given attribute ranges
    /// (`GET /recommendations`). Invalid seeds or limits fail before anything is sent.
    #[deprecated(note = "Spotify removed recommendations for new apps in November 2024; extended-quota apps only")]
    pub async fn recommendations(&self, options: RecommendationsOptions) -> Result<RecommendationsObject, Error> {
        recommendations::fetch(self.client, options).await
    }

    /// The genres usable as recommendation seeds (`GET /recommendations/available-genre-seeds`).
    #[deprecated(note = "Spotify removed recommendations for new apps in November 2024; extended-quota apps only")]
    pub async fn genre_seeds(&self) -> Result<Vec<String>, Error> {
        let response = self.client.call(|raw| raw.get_recommendation_genres().send()).await?;
        Ok(response.genres.into_iter().flatten().collect())
    }

    /// The markets (ISO 3166-1 alpha-2 country codes) where Spotify is available (`GET /markets`).
    #[deprecated(note = "Spotify deprecated GET /markets in February 2026 (not available to development-mode apps)")]
    pub async fn markets(&self) -> Result<Vec<String>, Error> {
        let response = self.client.call(|raw| raw.get_available_markets().send()).await?;
        Ok(response.markets)
    }
}

/// Category IDs are Spotify's own words (`dinner`) or base62 IDs; only an empty one is refused here.
fn check_category(category_id: &str) -> Result<(), Error> {
    if category_id.trim().is_empty() {
        return Err(Error::InvalidArgument("the category ID is empty".into()));
    }
    Ok(())
}
