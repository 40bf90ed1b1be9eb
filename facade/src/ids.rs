//! Spotify IDs, URIs and URLs.
//!
//! Wherever the client takes an ID it accepts any of the three forms Spotify users copy around:
//!
//! - a bare base62 ID: `4uLU6hMCjMI75M1A2tKUQC`
//! - a URI: `spotify:track:4uLU6hMCjMI75M1A2tKUQC` (also the legacy
//!   `spotify:user:NAME:playlist:ID`)
//! - an open.spotify.com URL, with or without `intl-xx/`, `embed/` and query strings such as `?si=`
//!
//! A malformed value, or one naming another kind of item (an album URI given where a track is
//! expected), is [`Error::InvalidId`] before any request is sent.
//!
//! ```
//! use spotify_sdk::ids::TrackId;
//! let url = "https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=abc";
//! let id: TrackId = url.parse()?;
//! assert_eq!(id.id(), "4uLU6hMCjMI75M1A2tKUQC");
//! assert_eq!(id.uri(), "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
//! assert_eq!(id.url(), "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
//! assert!("spotify:album:4aawyAB9vmqN3uQ7FjRGTy".parse::<TrackId>().is_err());
//! # Ok::<(), spotify_sdk::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::words::words;

/// The kinds of item that have IDs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `track`
    Track,
    /// `album`
    Album,
    /// `artist`
    Artist,
    /// `playlist`
    Playlist,
    /// `show` (podcast)
    Show,
    /// `episode` (podcast episode)
    Episode,
    /// `audiobook`
    Audiobook,
    /// `chapter` (audiobook chapter)
    Chapter,
    /// `user`
    User,
}

words! {
    /// The word Spotify uses in URIs and URLs.
    Kind("a kind of Spotify item") {
        Track => "track",
        Album => "album",
        Artist => "artist",
        Playlist => "playlist",
        Show => "show",
        Episode => "episode",
        Audiobook => "audiobook",
        Chapter => "chapter",
        User => "user",
    }
}

impl Kind {
    fn article(self) -> &'static str {
        match self {
            Kind::Album | Kind::Artist | Kind::Episode | Kind::Audiobook => "an",
            _ => "a",
        }
    }

    /// User IDs are account names; everything else is a 22-character base62 ID.
    fn valid_id(self, id: &str) -> Result<(), String> {
        if self == Kind::User {
            let ok = !id.is_empty()
                && id.len() <= 128
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
            if !ok {
                return Err("a user ID is 1 to 128 letters, digits, '.', '_' or '-'".into());
            }
            // In a URL path these name the current and parent directory: `/users/..` is `/`.
            if id == "." || id == ".." {
                return Err(format!("{id:?} is not a user ID"));
            }
            return Ok(());
        }
        if id.len() != 22 {
            return Err(format!(
                "an ID is 22 base62 characters, this has {}",
                id.chars().count()
            ));
        }
        if let Some(bad) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(format!("{bad:?} is not a base62 character"));
        }
        Ok(())
    }
}

/// Any Spotify ID with its kind, e.g. for [`library()`](crate::Client::library) calls that mix
/// kinds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AnyId {
    kind: Kind,
    id: String,
}

impl AnyId {
    /// Parses a URI or URL of any kind (a bare ID has no kind, so it is refused here).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let (kind, id) = parse(input, None, "Spotify URI or URL")?;
        Ok(Self { kind, id })
    }

    /// A typed ID's kind and value.
    pub fn new(kind: Kind, id: &str) -> Result<Self, Error> {
        kind.valid_id(id).map_err(|reason| Error::InvalidId {
            input: id.to_string(),
            expected: "Spotify ID",
            reason,
        })?;
        Ok(Self {
            kind,
            id: id.to_string(),
        })
    }

    /// The kind of item.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The bare ID.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// `spotify:{kind}:{id}`.
    pub fn uri(&self) -> String {
        format!("spotify:{}:{}", self.kind, self.id)
    }

    /// `https://open.spotify.com/{kind}/{id}`.
    pub fn url(&self) -> String {
        format!("https://open.spotify.com/{}/{}", self.kind, self.id)
    }
}

impl fmt::Display for AnyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "spotify:{}:{}", self.kind, self.id)
    }
}

impl FromStr for AnyId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

/// Splits `input` into (kind, id), checking the kind against `expected` when given.
fn parse(input: &str, expected: Option<Kind>, what: &'static str) -> Result<(Kind, String), Error> {
    let invalid = |reason: String| Error::InvalidId {
        input: input.to_string(),
        expected: what,
        reason,
    };
    let text = input.trim();
    if text.is_empty() {
        return Err(invalid("it is empty".into()));
    }
    let (kind, id) = if let Some(rest) = text.strip_prefix("spotify:") {
        from_segments(rest.split(':')).ok_or_else(|| invalid("not a spotify:KIND:ID URI".into()))?
    } else if text.contains("://") || text.starts_with("open.spotify.com/") {
        let with_scheme = if text.contains("://") {
            text.to_string()
        } else {
            format!("https://{text}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|e| invalid(format!("not a URL ({e})")))?;
        if !matches!(url.scheme(), "https" | "http") || url.host_str() != Some("open.spotify.com") {
            return Err(invalid(
                "only open.spotify.com URLs name Spotify items".into(),
            ));
        }
        let segments = url
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .skip_while(|s| s.starts_with("intl-") || *s == "embed");
        from_segments(segments).ok_or_else(|| invalid("the URL path is not /KIND/ID".into()))?
    } else {
        match expected {
            Some(kind) => (kind, text.to_string()),
            None => {
                return Err(invalid(
                    "a bare ID does not say what kind of item it is".into(),
                ));
            }
        }
    };
    if let Some(expected) = expected
        && kind != expected
    {
        return Err(invalid(format!(
            "it names {} {kind}, not {} {expected}",
            kind.article(),
            expected.article()
        )));
    }
    kind.valid_id(&id).map_err(invalid)?;
    Ok((kind, id))
}

/// `KIND/ID` or the legacy `user/NAME/playlist/ID`; nothing may follow.
fn from_segments<'a>(mut segments: impl Iterator<Item = &'a str>) -> Option<(Kind, String)> {
    let first = segments.next()?.parse::<Kind>().ok()?;
    let id = segments.next()?.to_string();
    match segments.next() {
        None => Some((first, id)),
        Some("playlist") if first == Kind::User => {
            let playlist = segments.next()?.to_string();
            segments
                .next()
                .is_none()
                .then_some((Kind::Playlist, playlist))
        }
        Some(_) => None,
    }
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The kind of item this ID names.
            pub const KIND: Kind = $kind;

            /// Parses a bare ID, URI or URL.
            pub fn parse(input: &str) -> Result<Self, Error> {
                parse(input, Some(Self::KIND), $what).map(|(_, id)| Self(id))
            }

            /// The bare ID.
            pub fn id(&self) -> &str {
                &self.0
            }

            /// `spotify:KIND:ID`.
            pub fn uri(&self) -> String {
                format!("spotify:{}:{}", Self::KIND, self.0)
            }

            /// `https://open.spotify.com/KIND/ID`.
            pub fn url(&self) -> String {
                format!("https://open.spotify.com/{}/{}", Self::KIND, self.0)
            }
        }

        impl AsRef<str> for $name {
            /// The bare ID, as [`id`](Self::id).
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            /// Displays the URI.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "spotify:{}:{}", Self::KIND, self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl From<$name> for AnyId {
            fn from(id: $name) -> AnyId {
                AnyId { kind: $name::KIND, id: id.0 }
            }
        }

        impl IntoId<$name> for $name {
            fn into_id(self) -> Result<$name, Error> {
                Ok(self)
            }
        }

        impl IntoId<$name> for &$name {
            fn into_id(self) -> Result<$name, Error> {
                Ok(self.clone())
            }
        }

        impl IntoId<AnyId> for $name {
            fn into_id(self) -> Result<AnyId, Error> {
                Ok(self.into())
            }
        }

        impl IntoId<AnyId> for &$name {
            fn into_id(self) -> Result<AnyId, Error> {
                Ok(self.clone().into())
            }
        }
    };
}

/// Anything a method taking an ID accepts: the typed ID itself, or a `&str`/`String` in any of the
/// three forms.
pub trait IntoId<T> {
    /// Parses (or passes through) the ID.
    fn into_id(self) -> Result<T, Error>;
}

macro_rules! str_into_id {
    ($($name:ident),*) => {$(
        impl IntoId<$name> for &str {
            fn into_id(self) -> Result<$name, Error> { $name::parse(self) }
        }
        impl IntoId<$name> for String {
            fn into_id(self) -> Result<$name, Error> { $name::parse(&self) }
        }
        impl IntoId<$name> for &String {
            fn into_id(self) -> Result<$name, Error> { $name::parse(self) }
        }
    )*};
}

typed_id!(/// A track ID.
    TrackId, Kind::Track, "track ID, URI or URL");
typed_id!(/// An album ID.
    AlbumId, Kind::Album, "album ID, URI or URL");
typed_id!(/// An artist ID.
    ArtistId, Kind::Artist, "artist ID, URI or URL");
typed_id!(/// A playlist ID.
    PlaylistId, Kind::Playlist, "playlist ID, URI or URL");
typed_id!(/// A show (podcast) ID.
    ShowId, Kind::Show, "show ID, URI or URL");
typed_id!(/// An episode ID.
    EpisodeId, Kind::Episode, "episode ID, URI or URL");
typed_id!(/// An audiobook ID.
    AudiobookId, Kind::Audiobook, "audiobook ID, URI or URL");
typed_id!(/// An audiobook chapter ID.
    ChapterId, Kind::Chapter, "chapter ID, URI or URL");
typed_id!(/// A user ID (account name).
    UserId, Kind::User, "user ID, URI or URL");
str_into_id!(
    TrackId,
    AlbumId,
    ArtistId,
    PlaylistId,
    ShowId,
    EpisodeId,
    AudiobookId,
    ChapterId,
    UserId,
    AnyId,
    PlayableId
);

impl IntoId<AnyId> for AnyId {
    fn into_id(self) -> Result<AnyId, Error> {
        Ok(self)
    }
}
impl IntoId<AnyId> for &AnyId {
    fn into_id(self) -> Result<AnyId, Error> {
        Ok(self.clone())
    }
}

/// Something that can be played or put in a playlist: a track or an episode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PlayableId {
    /// A track.
    Track(TrackId),
    /// A podcast episode.
    Episode(EpisodeId),
}

impl PlayableId {
    /// Parses a track or episode URI or URL (a bare ID is taken as a track).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let trimmed = input.trim();
        if !trimmed.contains(':') && !trimmed.contains('/') {
            return TrackId::parse(trimmed).map(PlayableId::Track);
        }
        match parse(input, None, "track or episode URI or URL")? {
            (Kind::Track, id) => Ok(PlayableId::Track(TrackId(id))),
            (Kind::Episode, id) => Ok(PlayableId::Episode(EpisodeId(id))),
            (kind, _) => Err(Error::InvalidId {
                input: input.to_string(),
                expected: "track or episode URI or URL",
                reason: format!(
                    "it names {} {kind}, which cannot be played or added to a playlist",
                    kind.article()
                ),
            }),
        }
    }

    /// `spotify:track:ID` or `spotify:episode:ID`.
    pub fn uri(&self) -> String {
        match self {
            PlayableId::Track(id) => id.uri(),
            PlayableId::Episode(id) => id.uri(),
        }
    }
}

impl fmt::Display for PlayableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.uri())
    }
}

impl FromStr for PlayableId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

impl From<TrackId> for PlayableId {
    fn from(id: TrackId) -> Self {
        PlayableId::Track(id)
    }
}

impl From<EpisodeId> for PlayableId {
    fn from(id: EpisodeId) -> Self {
        PlayableId::Episode(id)
    }
}

impl IntoId<PlayableId> for PlayableId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(self)
    }
}
impl IntoId<PlayableId> for TrackId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(PlayableId::Track(self))
    }
}
impl IntoId<PlayableId> for EpisodeId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(PlayableId::Episode(self))
    }
}
impl IntoId<PlayableId> for &PlayableId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(self.clone())
    }
}
impl IntoId<PlayableId> for &TrackId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(PlayableId::Track(self.clone()))
    }
}
impl IntoId<PlayableId> for &EpisodeId {
    fn into_id(self) -> Result<PlayableId, Error> {
        Ok(PlayableId::Episode(self.clone()))
    }
}
impl From<PlayableId> for AnyId {
    fn from(id: PlayableId) -> AnyId {
        match id {
            PlayableId::Track(id) => id.into(),
            PlayableId::Episode(id) => id.into(),
        }
    }
}
impl IntoId<AnyId> for PlayableId {
    fn into_id(self) -> Result<AnyId, Error> {
        Ok(self.into())
    }
}

/// Parses every element, failing on the first bad one (nothing is sent then).
pub fn parse_all<T, I>(inputs: impl IntoIterator<Item = I>) -> Result<Vec<T>, Error>
where
    I: IntoId<T>,
{
    inputs.into_iter().map(IntoId::into_id).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ID: &str = "4uLU6hMCjMI75M1A2tKUQC";

    #[test]
    fn all_three_forms() {
        let forms = [
            ID.to_string(),
            format!("spotify:track:{ID}"),
            format!("  spotify:track:{ID}\n"),
            format!("https://open.spotify.com/track/{ID}"),
            format!("https://open.spotify.com/track/{ID}?si=1a2b3c&utm_source=copy-link"),
            format!("https://open.spotify.com/intl-de/track/{ID}"),
            format!("https://open.spotify.com/intl-pt/track/{ID}/"),
            format!("https://open.spotify.com/embed/track/{ID}"),
            format!("http://open.spotify.com/track/{ID}#x"),
            format!("open.spotify.com/track/{ID}"),
        ];
        for form in forms {
            let id = TrackId::parse(&form).unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(id.id(), ID, "{form}");
        }
        let id = TrackId::parse(ID).unwrap();
        assert_eq!(id.to_string(), format!("spotify:track:{ID}"));
        assert_eq!(id.url(), format!("https://open.spotify.com/track/{ID}"));
    }

    #[test]
    fn legacy_user_playlist_uris() {
        let id = PlaylistId::parse("spotify:user:spotify:playlist:37i9dQZF1DXcBWIGoYBM5M").unwrap();
        assert_eq!(id.id(), "37i9dQZF1DXcBWIGoYBM5M");
        let id = PlaylistId::parse(
            "https://open.spotify.com/user/spotify/playlist/37i9dQZF1DXcBWIGoYBM5M",
        )
        .unwrap();
        assert_eq!(id.id(), "37i9dQZF1DXcBWIGoYBM5M");
        assert_eq!(
            UserId::parse("spotify:user:wizzler_with.dots-1")
                .unwrap()
                .id(),
            "wizzler_with.dots-1"
        );
        assert_eq!(UserId::parse("...").unwrap().id(), "...");
        // Dot segments would change the request path (`/users/..` is `/`).
        for bad in [
            ".",
            "..",
            "spotify:user:..",
            "https://open.spotify.com/user/.",
        ] {
            assert!(UserId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wrong_kind_and_malformed_values_say_what_was_expected() {
        let cases = [
            (
                "spotify:album:4aawyAB9vmqN3uQ7FjRGTy",
                "names an album, not a track",
            ),
            (
                "https://open.spotify.com/artist/0OdUWJ0sBjDrqHygGUXeCF",
                "not a track",
            ),
            ("", "empty"),
            ("4uLU6hMCjMI75M1A2tKUQ", "22 base62"),
            ("4uLU6hMCjMI75M1A2tKUQ!", "not a base62"),
            ("spotify:track:", "22 base62"),
            ("spotify:track", "not a spotify:KIND:ID URI"),
            (
                "spotify:podcast:4uLU6hMCjMI75M1A2tKUQC",
                "not a spotify:KIND:ID URI",
            ),
            (
                "https://example.com/track/4uLU6hMCjMI75M1A2tKUQC",
                "open.spotify.com",
            ),
            ("https://open.spotify.com/track", "not /KIND/ID"),
            (
                "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC/extra",
                "not /KIND/ID",
            ),
            (
                "ftp://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
                "open.spotify.com",
            ),
        ];
        for (input, reason) in cases {
            let err = TrackId::parse(input).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("track ID, URI or URL"), "{input}: {text}");
            assert!(text.contains(reason), "{input}: {text}");
        }
    }

    #[test]
    fn playable_ids() {
        assert_eq!(
            PlayableId::parse("spotify:episode:512ojhOuo1ktJprKbVcKyQ")
                .unwrap()
                .uri(),
            "spotify:episode:512ojhOuo1ktJprKbVcKyQ"
        );
        assert!(matches!(
            PlayableId::parse(ID).unwrap(),
            PlayableId::Track(_)
        ));
        assert!(PlayableId::parse("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").is_err());
        let any = AnyId::parse("https://open.spotify.com/show/5CfCWKI5pZ28U0uOzXkDHe").unwrap();
        assert_eq!(any.kind(), Kind::Show);
        assert!(AnyId::parse(ID).is_err(), "a bare ID has no kind");
        let ids: Vec<TrackId> = parse_all([ID, "spotify:track:7ouMYWpwJ422jRcDASZB7P"]).unwrap();
        assert_eq!(ids.len(), 2);
        assert!(parse_all::<TrackId, _>([ID, "bad"]).is_err());
    }

    #[test]
    fn typed_ids_convert_to_any_and_playable_ids() {
        let track = TrackId::parse(ID).unwrap();
        let show = ShowId::parse("5CfCWKI5pZ28U0uOzXkDHe").unwrap();
        let any: Vec<AnyId> = parse_all([track.clone()]).unwrap();
        assert_eq!(any[0].uri(), format!("spotify:track:{ID}"));
        let any: AnyId = (&show).into_id().unwrap();
        assert_eq!(any.kind(), Kind::Show);
        let episode = PlayableId::parse("spotify:episode:512ojhOuo1ktJprKbVcKyQ").unwrap();
        let any: AnyId = episode.clone().into_id().unwrap();
        assert_eq!(any.uri(), episode.uri());
        let playable: Vec<PlayableId> = parse_all([&track]).unwrap();
        assert_eq!(playable, [PlayableId::Track(track)]);
    }

    fn base62() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[0-9A-Za-z]{22}").unwrap()
    }

    proptest! {
        #[test]
        fn every_form_of_a_valid_id_round_trips(
            id in base62(),
            lang in proptest::option::of("[a-z]{2}"),
            query in proptest::option::of("[a-zA-Z0-9=&_-]{0,30}"),
        ) {
            let intl = lang.map(|l| format!("intl-{l}/")).unwrap_or_default();
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            let url = format!("https://open.spotify.com/{intl}album/{id}{query}");
            for form in [id.clone(), format!("spotify:album:{id}"), url] {
                let parsed = AlbumId::parse(&form).unwrap();
                prop_assert_eq!(parsed.id(), id.as_str());
                prop_assert_eq!(AlbumId::parse(&parsed.uri()).unwrap(), parsed.clone());
                prop_assert_eq!(AlbumId::parse(&parsed.url()).unwrap(), parsed.clone());
                prop_assert!(TrackId::parse(&parsed.uri()).is_err());
            }
        }

        #[test]
        fn arbitrary_input_never_panics(input in any::<String>()) {
            let _ = TrackId::parse(&input);
            let _ = UserId::parse(&input);
            let _ = AnyId::parse(&input);
            let _ = PlayableId::parse(&input);
        }

        #[test]
        fn arbitrary_url_like_input_never_panics(tail in "[ -~]{0,60}") {
            let _ = TrackId::parse(&format!("https://open.spotify.com/{tail}"));
            let _ = PlaylistId::parse(&format!("spotify:{tail}"));
        }
    }
}
