//! A playlist's cover image: read, upload, download.

use base64::Engine;

use super::Playlists;
use crate::Error;
use crate::ids::{IntoId, PlaylistId};
use crate::images::{DownloadedImage, ImageSize};
use crate::types::ImageObject;

/// Spotify's limit on the upload body: the base64 text of the JPEG, 256 KB.
pub const MAX_COVER_BASE64_BYTES: usize = 256 * 1024;

/// The first bytes of every JPEG file (SOI marker and the start of the next marker).
const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];

impl Playlists<'_> {
    /// The playlist's cover images (`GET /playlists/{id}/images`): one per size Spotify made, or a
    /// single image of unknown size for a custom cover. The URLs expire; fetch them shortly before
    /// use.
    #[inline]
    pub async fn cover(&self, id: impl IntoId<PlaylistId>) -> Result<Vec<ImageObject>, Error> {
        let id = id.into_id()?;
        self.client
            .call(self.client.raw().get_playlist_cover(id.id()))
            .await
    }

    /// Replaces the cover with a JPEG (`PUT /playlists/{id}/images`, scope `ugc-image-upload`).
    /// Takes the JPEG file's bytes and sends them base64-encoded, as Spotify wants; refuses, before
    /// sending, anything that is not a JPEG or whose base64 text exceeds 256 KB
    /// ([`MAX_COVER_BASE64_BYTES`], about 192 KB of JPEG) with [`Error::InvalidArgument`]. Spotify
    /// processes the image asynchronously, so [`cover`](Self::cover) may show the old one for a
    /// moment.
    #[inline]
    pub async fn upload_cover(
        &self,
        id: impl IntoId<PlaylistId>,
        jpeg: impl AsRef<[u8]>,
    ) -> Result<(), Error> {
        let id = id.into_id()?;
        let encoded = encode_cover(jpeg.as_ref())?;
        let mut request = self
            .client
            .raw()
            .upload_custom_playlist_cover(id.id(), encoded);
        // The generated request says `Content-Type: text/plain` (the spec's `image/jpeg` body had
        // to be declared as text for progenitor, see openapi/patches/01-*). Spotify documents
        // `Content-Type: image/jpeg` for the base64 text, and clients that send anything else have
        // met 400s.
        if let Ok(http) = request.http_mut() {
            let jpeg = reqwest::header::HeaderValue::from_static("image/jpeg");
            http.headers_mut()
                .insert(reqwest::header::CONTENT_TYPE, jpeg);
        }
        self.client.call(request).await
    }

    /// Downloads the cover in the given size: [`cover`](Self::cover), then
    /// [`Client::download_image`](crate::Client::download_image) of the chosen image (no token is
    /// sent to the image host). [`Error::NotFound`] if the playlist has no cover.
    #[inline]
    pub async fn download_cover(
        &self,
        id: impl IntoId<PlaylistId>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let images = self.cover(id).await?;
        self.client.download_image_from(&images, size).await
    }
}

/// Checks that `jpeg` is a JPEG and small enough, and base64-encodes it (standard alphabet, padded,
/// no line breaks — a trailing newline makes Spotify answer 400).
#[inline]
fn encode_cover(jpeg: &[u8]) -> Result<String, Error> {
    if !jpeg.starts_with(&JPEG_MAGIC) {
        return Err(Error::InvalidArgument(
            "a playlist cover must be a JPEG file (it does not start with FF D8 FF)".into(),
        ));
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(jpeg);
    if encoded.len() > MAX_COVER_BASE64_BYTES {
        return Err(Error::InvalidArgument(format!(
            "a playlist cover may be at most {MAX_COVER_BASE64_BYTES} bytes once base64-encoded; \
                this JPEG of {} bytes encodes to {}",
            jpeg.len(),
            encoded.len()
        )));
    }
    Ok(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_enough_jpegs_are_encoded() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        assert_eq!(encode_cover(&jpeg).unwrap(), "/9j/4AAQ");
        for not_jpeg in [&b"\x89PNG\r\n"[..], b"", b"\xFF\xD8"] {
            assert!(matches!(
                encode_cover(not_jpeg),
                Err(Error::InvalidArgument(_))
            ));
        }
        // 3 bytes encode to 4: the largest JPEG that fits is 196 608 bytes.
        let mut fits = vec![0u8; MAX_COVER_BASE64_BYTES / 4 * 3];
        fits[..3].copy_from_slice(&JPEG_MAGIC);
        assert_eq!(encode_cover(&fits).unwrap().len(), MAX_COVER_BASE64_BYTES);
        fits.push(0);
        let err = encode_cover(&fits).unwrap_err().to_string();
        assert!(err.contains("262144"), "{err}");
    }
}
