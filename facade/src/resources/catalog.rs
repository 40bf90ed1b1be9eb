//! Getting catalog items by ID, one or many, written once for every kind (albums, artists,
//! audiobooks, chapters, episodes, shows, tracks): each kind is a [`Catalog`] value naming its two
//! operations.

use serde::de::DeserializeOwned;

use super::{joined, multi_get};
use crate::{Client, Error, raw};

/// The two operations of a kind: `GET /albums/{id}` and `GET /albums?ids=`.
pub(crate) struct Catalog<One, Many, Item = One> {
    /// How many IDs the multi-get takes at once.
    pub chunk: usize,
    /// The single get: `(raw, id, market)`.
    pub one: fn(&raw::Client, &str, Option<&str>) -> raw::Request<One>,
    /// The multi-get: `(raw, "id1,id2", market)`.
    pub many: fn(&raw::Client, &str, Option<&str>) -> raw::Request<Many>,
    /// The items of a multi-get answer, `None` where Spotify knows no such ID.
    pub items: fn(Many) -> Vec<Option<Item>>,
    /// A single get's answer as an item of the multi-get (shows: the full show as a simplified
    /// one).
    pub item: fn(One) -> Result<Item, Error>,
}

impl<One, Many, Item> Catalog<One, Many, Item>
where
    One: DeserializeOwned,
    Many: DeserializeOwned,
{
    /// One item.
    pub async fn get(&self, client: &Client, id: &str, market: Option<&str>) -> Result<One, Error> {
        client.call((self.one)(client.raw(), id, market)).await
    }

    /// Many items in the order asked, one result per ID (see [`multi_get`]).
    pub async fn get_many<I: Clone>(
        &self,
        client: &Client,
        ids: &[I],
        id: fn(&I) -> &str,
        market: Option<&str>,
    ) -> Result<Vec<Result<Option<Item>, Error>>, Error> {
        let many = |chunk: &[I]| {
            let request = (self.many)(client.raw(), &joined(chunk, id), market);
            async move { client.call(request).await.map(self.items) }
        };
        let one = |item: I| {
            let request = (self.one)(client.raw(), id(&item), market);
            async move { client.call(request).await.and_then(self.item) }
        };
        multi_get(client, ids, self.chunk, many, one).await
    }
}
