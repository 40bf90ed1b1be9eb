//! Images: choosing one of the sizes Spotify lists (`images: [ImageObject]` on albums, artists,
//! playlists, shows, episodes, ...) and downloading it.
//!
//! ```no_run
//! # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
//! use spotify_sdk::images::ImageSize;
//!
//! let album = client.albums().get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").await?;
//! if let Some(cover) = ImageSize::Smallest.pick(&album.images) {
//!     let image = client.download_image(&cover.url).await?;
//!     println!("{} bytes of {:?}", image.bytes.len(), image.content_type);
//! }
//! # Ok(()) }
//! ```

use futures::StreamExt;

use crate::types::ImageObject;
use crate::{ApiError, Client, Error};

/// Which of the listed sizes of an image to take, by pixel size (width × height).
///
/// Images without a URL are never chosen. Images whose size Spotify does not give (custom playlist
/// covers have `null` width and height) sort after all images of known size, so they are only
/// chosen when no image has a known size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImageSize {
    /// The fewest pixels (typically 64 px).
    Smallest,
    /// The middle one of the known sizes (typically 300 px); of two, the smaller.
    Medium,
    /// The most pixels (typically 640 px).
    #[default]
    Largest,
}

impl ImageSize {
    /// The image of this size among `images`, or `None` if none has a URL.
    pub fn pick(self, images: &[ImageObject]) -> Option<&ImageObject> {
        let sorted = by_size(images);
        let known = sorted.iter().take_while(|i| area(i).is_some()).count();
        if known == 0 {
            return sorted.first().copied();
        }
        let index = match self {
            ImageSize::Smallest => 0,
            ImageSize::Medium => (known - 1) / 2,
            ImageSize::Largest => known - 1,
        };
        Some(sorted[index])
    }
}

/// The images smallest first; those of unknown size last, in their listed order.
pub fn by_size(images: &[ImageObject]) -> Vec<&ImageObject> {
    let mut sorted: Vec<&ImageObject> = images.iter().collect();
    // Stable: equal sizes and unknown sizes keep Spotify's order.
    sorted.sort_by_key(|i| area(i).map_or((1, 0), |a| (0, a)));
    sorted
}

fn area(image: &ImageObject) -> Option<i64> {
    match (image.width, image.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => Some(w.saturating_mul(h)),
        _ => None,
    }
}

/// A downloaded image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadedImage {
    /// The image file as served (usually JPEG).
    pub bytes: Vec<u8>,
    /// The `Content-Type` the server sent, e.g. `image/jpeg`.
    pub content_type: Option<String>,
}

impl Client {
    /// Downloads an image (an [`ImageObject::url`], usually on `i.scdn.co`) with this client's HTTP
    /// stack: its timeout, proxy, user agent and response size limit. No access token is sent —
    /// image hosts are public and not the Web API — and there are no retries; a failure is reported
    /// like an API failure ([`Error::NotFound`], [`Error::Timeout`], ...).
    pub async fn download_image(&self, url: &str) -> Result<DownloadedImage, Error> {
        if self.is_closed() {
            return Err(Error::Closed);
        }
        let parsed = url::Url::parse(url)
            .map_err(|e| Error::InvalidArgument(format!("image URL {url:?}: {e}")))?;
        if !matches!(parsed.scheme(), "https" | "http") {
            return Err(Error::InvalidArgument(format!(
                "image URL {url:?} must be http(s)"
            )));
        }
        let transport = |e: reqwest::Error| {
            if e.is_timeout() {
                Error::Timeout { endpoint: None }
            } else {
                Error::Connection {
                    endpoint: None,
                    source: Box::new(e.without_url()),
                }
            }
        };
        let response = self
            .auth_context()
            .http()
            .get(parsed)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        if !status.is_success() {
            let api = ApiError {
                status: status.as_u16(),
                message: None,
                endpoint: None,
            };
            return Err(Error::from_status(api, None));
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let limit = self.max_response_bytes();
        let too_large = || Error::ResponseTooLarge {
            endpoint: None,
            limit,
        };
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(transport)?;
            if (bytes.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(DownloadedImage {
            bytes,
            content_type,
        })
    }

    /// Picks the image of `size` from `images` and downloads it; [`Error::NotFound`] without a
    /// request when the list has no usable image. The `download_cover` methods of the resource
    /// groups use this.
    pub async fn download_image_from(
        &self,
        images: &[ImageObject],
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let url = size.pick(images).map(|i| i.url.as_str()).ok_or_else(|| {
            Error::NotFound(ApiError {
                status: 404,
                message: Some("the item has no image".into()),
                endpoint: None,
            })
        })?;
        self.download_image(url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(url: &str, size: Option<i64>) -> ImageObject {
        ImageObject {
            url: url.into(),
            width: size,
            height: size,
        }
    }

    fn url(image: Option<&ImageObject>) -> Option<&str> {
        image.map(|i| i.url.as_str())
    }

    #[test]
    fn picks_by_pixel_size_whatever_the_order() {
        let images = [
            image("640", Some(640)),
            image("64", Some(64)),
            image("300", Some(300)),
        ];
        assert_eq!(url(ImageSize::Smallest.pick(&images)), Some("64"));
        assert_eq!(url(ImageSize::Medium.pick(&images)), Some("300"));
        assert_eq!(url(ImageSize::Largest.pick(&images)), Some("640"));
        assert_eq!(ImageSize::default(), ImageSize::Largest);
    }

    #[test]
    fn unknown_sizes_sort_last_and_are_a_fallback() {
        let images = [
            image("custom", None),
            image("60", Some(60)),
            image("300", Some(300)),
        ];
        assert_eq!(url(ImageSize::Largest.pick(&images)), Some("300"));
        assert_eq!(url(ImageSize::Smallest.pick(&images)), Some("60"));
        assert_eq!(url(ImageSize::Medium.pick(&images)), Some("60"));
        let order: Vec<_> = by_size(&images)
            .into_iter()
            .map(|i| url(Some(i)).unwrap())
            .collect();
        assert_eq!(order, ["60", "300", "custom"]);
        let only_unknown = [image("a", None), image("b", None)];
        for size in [ImageSize::Smallest, ImageSize::Medium, ImageSize::Largest] {
            assert_eq!(url(size.pick(&only_unknown)), Some("a"));
        }
    }

    /// An image always has a URL (`url` is a plain field: an image without one fails to decode, see
    /// models/tests); no image, no pick.
    #[test]
    fn no_images_pick_nothing() {
        assert!(ImageSize::Largest.pick(&[]).is_none());
        let json = serde_json::json!({"width": 1000, "height": 1000});
        assert!(serde_json::from_value::<ImageObject>(json).is_err());
    }
}
