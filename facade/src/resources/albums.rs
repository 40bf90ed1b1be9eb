//! Albums.

use super::{boxed, chunks, offset_stream, resource};
use crate::ids::{AlbumId, IntoId, parse_all};
use crate::types::{AlbumObject, PagingSimplifiedTrackObject};
use crate::Error;

/// How many IDs `GET /albums` takes at once.
const MULTI_GET: usize = 20;

resource! {
    /// Albums: `client.albums()`.
    Albums;

    /// One album (`GET /albums/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let album = client.albums().get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").await?;
    /// println!("{:?} ({:?})", album.name, album.release_date);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<AlbumId>) -> Result<AlbumObject, Error> {
        let id = id.into_id()?;
        self.client.call(|raw| raw.get_an_album().id(id.id()).send()).await
    }

    /// Many albums in the order asked (`GET /albums?ids=`, 20 at a time): `None` where Spotify knows
    /// no such album.
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>) -> Result<Vec<Option<AlbumObject>>, Error> {
        let ids: Vec<AlbumId> = parse_all(ids)?;
        let mut out = Vec::with_capacity(ids.len());
        for chunk in chunks(&ids, MULTI_GET) {
            let joined = chunk.iter().map(AlbumId::id).collect::<Vec<_>>().join(",");
            let response = self.client.call(|raw| raw.get_multiple_albums().ids(joined.as_str()).send()).await?;
            let mut albums = response.albums.into_iter();
            out.extend(chunk.iter().map(|_| albums.next().flatten()));
        }
        Ok(out)
    }

    /// The album's tracks, as a lazy stream (`GET /albums/{id}/tracks`, 50 per page).
    pub fn tracks(&self, id: impl IntoId<AlbumId>) -> Paginator<PagingSimplifiedTrackObject> {
        let id = match id.into_id() {
            Ok(id) => id,
            Err(e) => return crate::Paginator::failed(e),
        };
        offset_stream(self.client, "get-an-albums-tracks", move |client, offset, limit| {
            let id = id.clone();
            boxed(async move {
                client
                    .call(|raw| raw.get_an_albums_tracks().id(id.id()).offset(i64::from(offset)).limit(u64::from(limit)).send())
                    .await
            })
        })
    }
}
