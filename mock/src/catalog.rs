//! Realistic objects, made from the examples `cargo xtask gen` derived from the spec
//! (`mock/data/examples.json`), with ids, URIs, links and names filled in.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

static EXAMPLES_JSON: &str = include_str!("../data/examples.json");

/// The example response of every operation, cleaned up (see [`sanitize`]).
pub(crate) struct Catalog {
    examples: HashMap<String, Value>,
}

/// The catalog, parsed once per process.
pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let raw: HashMap<String, Value> =
            serde_json::from_str(EXAMPLES_JSON).expect("mock/data/examples.json is valid JSON");
        let examples = raw
            .into_iter()
            .map(|(k, mut v)| {
                sanitize(&mut v);
                humanize(&mut v, "");
                (k, v)
            })
            .collect();
        Catalog { examples }
    })
}

/// Gives every item of the examples (a track's artists, its album, a playlist's owner) an identity
/// of its kind: an id, URI, links, and a name that reads like a real catalog's (see
/// [`sample_name`]). `seed` is the key (and index) the value sits under, so the same place gets the
/// same identity in every operation's example (an album's embedded tracks match its tracks
/// endpoint). Links use the real API root; responses are rebased onto the mock when sent.
fn humanize(v: &mut Value, seed: &str) {
    match v {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                humanize(child, key);
            }
            let kind = map.get("type").and_then(Value::as_str).map(str::to_string);
            if let Some(kind) = kind.filter(|k| collection(k).is_some()) {
                let id = mock_id(seed);
                let name = sample_name(&kind, &id);
                personalize(v, "https://api.spotify.com/v1", &kind, &id, Some(&name));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                humanize(item, &format!("{seed}/{i}"));
            }
        }
        _ => {}
    }
}

/// A name for an item of `kind`, picked by its id from a small catalog of made-up but plausible
/// names, so the mock's answers read like music (and the same id always has the same name).
pub(crate) fn sample_name(kind: &str, id: &str) -> String {
    const ARTISTS: &[&str] = &[
        "The Lanterns",
        "Mira Okafor",
        "Blue Harbour",
        "Kitchen Table Band",
        "Ada Lindqvist",
        "Northbound",
        "The Quiet Hours",
        "Sol Ortega",
        "Paper Kites Club",
        "Juno Reyes",
    ];
    const ALBUMS: &[&str] = &[
        "Harbour Lights",
        "Paper Boats",
        "Summer Sessions",
        "Long Way Home",
        "Glass Rooms",
        "Night Drive",
        "Small Hours",
        "Open Water",
        "Tin Roof Rain",
        "The Lighthouse Tapes",
    ];
    const TRACKS: &[&str] = &[
        "Northern Line",
        "Paper Boats",
        "Slow Tide",
        "Lanterns",
        "Wires and Rain",
        "Half Light",
        "Telegraph Hill",
        "Saltwater",
        "Arrivals",
        "Morning Ferry",
        "Quiet Engines",
        "Kite Season",
    ];
    const SHOWS: &[&str] = &[
        "The Workbench",
        "Field Notes",
        "Small Talk About Big Things",
    ];
    const EPISODES: &[&str] = &[
        "The Cello Maker",
        "Letters from the Lighthouse",
        "How Maps Lie",
    ];
    const AUDIOBOOKS: &[&str] = &["The River Road", "A Year of Small Boats", "Salt and Cedar"];
    const CHAPTERS: &[&str] = &[
        "Chapter 1: The Crossing",
        "Chapter 2: Low Water",
        "Chapter 3: The River",
    ];
    const PLAYLISTS: &[&str] = &["Night Drive", "Sunday Morning", "Focus Flow", "Road Trip"];
    const USERS: &[&str] = &["Mira", "Jonas", "Priya", "Tomás"];
    const CATEGORIES: &[&str] = &["Dinner", "Focus", "Chill", "Indie"];
    let names = match kind {
        "artist" => ARTISTS,
        "album" => ALBUMS,
        "track" => TRACKS,
        "show" => SHOWS,
        "episode" => EPISODES,
        "audiobook" => AUDIOBOOKS,
        "chapter" => CHAPTERS,
        "playlist" => PLAYLISTS,
        "user" => USERS,
        "category" => CATEGORIES,
        _ => return format!("{kind} {id}"),
    };
    let index = id.bytes().fold(0usize, |n, b| {
        n.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    names[index % names.len()].to_string()
}

/// Drops `null` entries of arrays (depth-limited leftovers of the example synthesis) and trailing
/// whitespace of strings (the spec's YAML block scalars end in a newline).
fn sanitize(v: &mut Value) {
    match v {
        Value::Object(map) => map.values_mut().for_each(sanitize),
        Value::Array(items) => {
            items.retain(|i| !i.is_null());
            items.iter_mut().for_each(sanitize);
        }
        Value::String(s) => {
            let trimmed = s.trim_end();
            if trimmed.len() != s.len() {
                *s = trimmed.to_string();
            }
        }
        _ => {}
    }
}

impl Catalog {
    /// The example response of `operation_id` (`Null` if it has none).
    pub fn example(&self, operation_id: &str) -> Value {
        self.examples
            .get(operation_id)
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// The value at JSON `pointer` inside the example of `operation_id`.
    pub fn at(&self, operation_id: &str, pointer: &str) -> Value {
        self.examples
            .get(operation_id)
            .and_then(|v| v.pointer(pointer))
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// A full object of `kind` (`track`, `album`, `artist`, `episode`, `show`, `audiobook`,
    /// `chapter`).
    pub fn object(&self, base: &str, kind: &str, id: &str, name: Option<&str>) -> Value {
        let op = match kind {
            "track" => "get-track",
            "album" => "get-an-album",
            "artist" => "get-an-artist",
            "episode" => "get-an-episode",
            "show" => "get-a-show",
            "audiobook" => "get-an-audiobook",
            "chapter" => "get-a-chapter",
            "user" => "get-users-profile",
            _ => "get-track",
        };
        let mut v = self.example(op);
        personalize(&mut v, base, kind, id, name);
        v
    }

    /// The object a URI such as `spotify:track:ID` or `spotify:episode:ID` names (a track
    /// otherwise).
    pub fn for_uri(&self, base: &str, uri: &str, name: Option<&str>) -> Value {
        match parse_uri(uri) {
            Some(("episode", id)) => self.object(base, "episode", id, name),
            Some((_, id)) => self.object(base, "track", id, name),
            None => {
                let mut v = self.object(base, "track", uri, name);
                v["is_local"] = json!(true);
                v["uri"] = json!(uri);
                v
            }
        }
    }
}

/// Splits `spotify:KIND:ID`.
pub(crate) fn parse_uri(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.strip_prefix("spotify:")?;
    let (kind, id) = rest.split_once(':')?;
    (!kind.is_empty() && !id.is_empty() && !id.contains(':')).then_some((kind, id))
}

/// The path segment under which objects of `kind` live in the API.
fn collection(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "track" => "tracks",
        "album" => "albums",
        "artist" => "artists",
        "episode" => "episodes",
        "show" => "shows",
        "audiobook" => "audiobooks",
        "chapter" => "chapters",
        "playlist" => "playlists",
        "user" => "users",
        "category" => "browse/categories",
        _ => return None,
    })
}

/// Sets the identity fields an object template has: `id`, `uri`, `href`, `name` (or
/// `display_name`) and `external_urls`.
pub(crate) fn personalize(v: &mut Value, base: &str, kind: &str, id: &str, name: Option<&str>) {
    let Some(obj) = v.as_object_mut() else { return };
    let default_name;
    let name = match name {
        Some(n) => n,
        None => {
            default_name = sample_name(kind, id);
            &default_name
        }
    };
    if obj.contains_key("id") {
        obj.insert("id".into(), json!(id));
    }
    if obj.contains_key("uri") {
        obj.insert("uri".into(), json!(format!("spotify:{kind}:{id}")));
    }
    if let (true, Some(coll)) = (obj.contains_key("href"), collection(kind)) {
        obj.insert("href".into(), json!(format!("{base}/{coll}/{id}")));
    }
    if obj.contains_key("name") {
        obj.insert("name".into(), json!(name));
    }
    if obj.contains_key("display_name") {
        obj.insert("display_name".into(), json!(name));
    }
    if obj.contains_key("external_urls") {
        obj.insert(
            "external_urls".into(),
            json!({"spotify": format!("https://open.spotify.com/{kind}/{id}")}),
        );
    }
    if let (true, Some(ms)) = (obj.contains_key("duration_ms"), duration_ms(kind, id)) {
        obj.insert("duration_ms".into(), json!(ms));
    }
    // Somewhere on its album (an album's own pages number their tracks in order).
    if kind == "track" && obj.contains_key("track_number") {
        obj.insert("track_number".into(), json!(1 + number(id) % 12));
    }
    relate(v, base, kind, id);
}

/// Gives the objects inside an item identities of their own, derived from the item's id, so that
/// each item has its own album, artists, show or audiobook, the same in every answer: a track's
/// album (and the track's artists are its album's), an album's artists, an episode's show, a
/// chapter's audiobook.
fn relate(v: &mut Value, base: &str, kind: &str, id: &str) {
    // The field of the inner object is named after its kind.
    let inner = match kind {
        "track" => "album",
        "episode" => "show",
        "chapter" => "audiobook",
        "album" => return credit(v, base, id),
        _ => return,
    };
    let Some(object) = v.get_mut(inner).filter(|o| o.is_object()) else {
        if kind == "track" {
            credit(v, base, id);
        }
        return;
    };
    let inner_id = mock_id(&format!("{inner}-of:{id}"));
    personalize(object, base, inner, &inner_id, None);
    if kind == "track" {
        credit(v, base, &inner_id);
    }
}

/// Gives the `artists` of `item` the identities of the artists of album `id` (or of a track
/// without an album).
pub(crate) fn credit(item: &mut Value, base: &str, id: &str) {
    let artists = item.get_mut("artists").and_then(Value::as_array_mut);
    for (i, artist) in artists.into_iter().flatten().enumerate() {
        let artist_id = mock_id(&format!("artist-of:{id}:{i}"));
        personalize(artist, base, "artist", &artist_id, None);
    }
}

/// A length for a track (2:30 to 5:30), an episode (20 to 70 minutes) or a chapter (10 to 40
/// minutes), picked by its id so that items differ and the same id always has the same length.
fn duration_ms(kind: &str, id: &str) -> Option<u64> {
    let (shortest, span) = match kind {
        "track" => (150_000, 180_000),
        "episode" => (1_200_000, 3_000_000),
        "chapter" => (600_000, 1_800_000),
        _ => return None,
    };
    Some(shortest + number(id) % span)
}

/// A number picked by `id`, for the facts of an item that vary from item to item.
fn number(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    u64::from_le_bytes(
        digest[..8]
            .try_into()
            .expect("a SHA-256 digest has 8 bytes"),
    )
}

/// A deterministic 22-character base62 id (Spotify's format) made from `seed`.
pub(crate) fn mock_id(seed: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let digest = Sha256::digest(seed.as_bytes());
    digest
        .iter()
        .take(22)
        .map(|b| ALPHABET[(*b as usize) % 62] as char)
        .collect()
}

/// RFC 3339 UTC timestamp of `unix_seconds`, as Spotify writes them (`2026-01-01T00:00:00Z`).
pub(crate) fn timestamp(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The current time as a timestamp.
pub(crate) fn now_timestamp() -> String {
    timestamp(now_unix())
}

pub(crate) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
