//! The decoding rules the generated models call (handwritten; `cargo xtask gen` writes the calls, see
//! `openapi/README.md`, "Where leniency lives"). Each accepts what Spotify really sends and refuses,
//! with an error, anything it cannot represent: nothing here falls back silently.
//!
//! Written by hand because serde has no attribute for any of them: integers sent as floats, enums that
//! match case-insensitively without buffering, unions chosen by a tag that comes last in the object.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error_path::{join, locate};

/// An integer that may arrive as an integral float: `640`, `640.0` and `4.9022656E7` are accepted
/// (Spotify sent floats from about January to March 2024), `640.5` is refused.
pub fn int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_i64(IntVisitor)
}

/// [`int`] for an optional field: absent or `null` is `None`.
pub fn option_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_option(OptionIntVisitor)
}

/// A list that Spotify may send as `null` (a playlist without images): `null` is an empty list.
pub fn vec_or_null<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A field holding a union (see [`Tagged`]): its failures are nested messages whose path starts at
/// the field, so that the path of the document names it (`models/src/error_path.rs`).
pub fn in_field<'de, D, T>(name: &str, deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map_err(|error| rekey(name, error))
}

/// [`vec_or_null`] for a list of unions: a failure of the item at `i` is a nested message whose
/// path starts with `[i]`.
pub fn union_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
            deserializer.deserialize_seq(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            loop {
                match seq.next_element() {
                    Ok(Some(item)) => items.push(item),
                    Ok(None) => return Ok(items),
                    Err(error) => {
                        // Read to the end, so that serde_json places the failure after the list
                        // wherever the item stands in it.
                        while let Ok(Some(IgnoredAny)) = seq.next_element() {}
                        return Err(rekey(&format!("[{}]", items.len()), error));
                    }
                }
            }
        }
    }
    deserializer.deserialize_option(ListVisitor(PhantomData))
}

/// [`int`] as a seed. The generated `Deserialize` impls read fields with seeds (see `fields.rs`):
/// a seed is what serde's `MapAccess` takes in place of a `deserialize_with` function.
pub(crate) struct Int;

impl<'de> DeserializeSeed<'de> for Int {
    type Value = i64;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        int(deserializer)
    }
}

/// [`option_int`] as a seed.
pub(crate) struct OptionInt;

impl<'de> DeserializeSeed<'de> for OptionInt {
    type Value = Option<i64>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<i64>, D::Error> {
        option_int(deserializer)
    }
}

/// [`vec_or_null`] as a seed.
pub(crate) struct VecOrNull<T>(pub(crate) PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for VecOrNull<T> {
    type Value = Vec<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        vec_or_null(deserializer)
    }
}

/// [`union_list`] as a seed.
pub(crate) struct UnionList<T>(pub(crate) PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for UnionList<T> {
    type Value = Vec<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        union_list(deserializer)
    }
}

/// [`in_field`] as a seed, for the field of the given JSON name.
pub(crate) struct InField<T>(pub(crate) &'static str, pub(crate) PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for InField<T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        in_field(self.0, deserializer)
    }
}

/// `error`, after reading the rest of `map`: serde_json then places a failure that has no position
/// yet (a union's, see [`Tagged`]) at the object's end, wherever the failing field stands in it. A
/// failure in the middle of a value ends the reading at once; its position is already set.
pub fn drained<'de, A: MapAccess<'de>>(map: &mut A, error: A::Error) -> A::Error {
    while let Ok(Some((IgnoredAny, IgnoredAny))) = map.next_entry() {}
    error
}

/// A union's failure (always a nested message, see [`Tagged`]) with `parent` put before its path.
fn rekey<E: de::Error>(parent: &str, error: E) -> E {
    let text = error.to_string();
    match split_nested(&text) {
        Some((path, message)) => E::custom(nested(&join(parent, path), message)),
        None => error,
    }
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // 2^63 is exactly representable; every integral f64 below it fits in an i64.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

struct OptionIntVisitor;

impl<'de> Visitor<'de> for OptionIntVisitor {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        int(deserializer).map(Some)
    }
}

/// An open string enum: `known` maps a value (in any letter case) to its variant, anything else is
/// kept as `unknown(value)`. Borrowed strings are matched without allocating.
pub fn open_enum<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct EnumVisitor<T> {
        known: fn(&str) -> Option<T>,
        unknown: fn(String) -> T,
    }
    impl<T> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.known)(v).unwrap_or_else(|| (self.unknown)(v.to_owned())))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(match (self.known)(&v) {
                Some(known) => known,
                None => (self.unknown)(v),
            })
        }
    }
    deserializer.deserialize_str(EnumVisitor { known, unknown })
}

/// One object of a discriminated union (a track or an episode), read once as raw JSON so that its
/// tag can be found wherever it stands (Spotify sends `type` near the end) without buffering the
/// object into serde's generic `Content` tree. Its failures, found after the object was read, are
/// nested messages (``in `album.name`: ...``) that the field holding it names (see [`in_field`]).
pub struct Tagged {
    raw: Box<RawValue>,
}

impl Tagged {
    /// Reads the object as raw JSON.
    pub fn capture<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(|raw| Self { raw })
    }

    /// The object as `T`, if it decodes as one and `is` confirms it is of that kind. Lets the
    /// common kind skip the search for the tag (measured: a sixth of a playlist page's decoding);
    /// `None` sends the caller the careful way, [`Tagged::kind`] then [`Tagged::decode`].
    pub fn decode_if<T: DeserializeOwned>(&self, is: impl FnOnce(&T) -> bool) -> Option<T> {
        serde_json::from_str(self.raw.get())
            .ok()
            .filter(|value| is(value))
    }

    /// The object's `tag` among `kinds` (compared in any letter case, like the string enums), or
    /// `None` for a kind the union does not list. An object of one kind that says it is shaped as
    /// another (Spotify sends episodes in track shape, `"type": "episode", "track": true`, when a
    /// request does not ask for episodes) is of no listed kind. A missing or non-string tag is an
    /// error.
    pub fn kind<E: de::Error>(
        &self,
        tag: &'static str,
        kinds: &'static [&'static str],
    ) -> Result<Option<&'static str>, E> {
        let probe = Probe::read(self.raw.get(), tag, kinds).map_err(|error| {
            let (path, message) = inner_failure(self.raw.get(), &error);
            E::custom(nested(&path, &message))
        })?;
        let Some(found) = probe.tag else {
            // In the nested form: the object was read whole, so the path must say which.
            return Err(E::custom(nested(tag, &format!("missing field `{tag}`"))));
        };
        let listed = kinds.iter().find(|kind| kind.eq_ignore_ascii_case(&found));
        Ok(listed.copied().filter(|_| !probe.other_shape))
    }

    /// Decodes the object as `T`; a failure is an error that names the path inside the object.
    pub fn decode<T: DeserializeOwned, E: de::Error>(&self) -> Result<T, E> {
        decode_nested_error(&self.raw)
    }
}

/// What [`Tagged`] needs to know of an object: its tag, and whether a boolean property named after
/// another listed kind is `true`.
struct Probe<'a> {
    tag: Option<Cow<'a, str>>,
    other_shape: bool,
}

impl<'a> Probe<'a> {
    fn read(
        json: &'a str,
        tag: &'static str,
        kinds: &'static [&'static str],
    ) -> serde_json::Result<Self> {
        struct ProbeVisitor {
            tag: &'static str,
            kinds: &'static [&'static str],
        }
        impl<'de> Visitor<'de> for ProbeVisitor {
            type Value = (Option<Cow<'de, str>>, Vec<Cow<'de, str>>);

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut tag = None;
                let mut flagged = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key == self.tag {
                        tag = Some(map.next_value::<Cow<'de, str>>()?);
                    } else if self.kinds.contains(&key.as_ref()) {
                        // Usually a boolean; any other value is read whole and is not a flag.
                        if map.next_value::<serde_json::Value>()?.as_bool() == Some(true) {
                            flagged.push(key);
                        }
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok((tag, flagged))
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let (tag, flagged) = de.deserialize_map(ProbeVisitor { tag, kinds })?;
        let other_shape = match &tag {
            Some(kind) => flagged.iter().any(|flag| !flag.eq_ignore_ascii_case(kind)),
            None => false,
        };
        Ok(Probe { tag, other_shape })
    }
}

/// The primary field of a pair where Spotify sends the same value twice, under a new name and under a
/// deprecated one (`item` and `track`): the primary when present, else the duplicate decoded. The
/// duplicate is only read as raw JSON, so the value is decoded once.
pub fn primary_or_duplicate<T: DeserializeOwned, E: de::Error>(
    primary: Option<T>,
    duplicate: Option<Box<RawValue>>,
    duplicate_name: &str,
) -> Result<Option<T>, E> {
    match (primary, duplicate) {
        (Some(value), _) => Ok(Some(value)),
        (None, Some(raw)) => decode_nested::<Option<T>>(&raw)
            .map_err(|(path, message)| E::custom(nested(&join(duplicate_name, &path), &message))),
        (None, None) => Ok(None),
    }
}

/// Decodes a value read as raw JSON; a failure is reported as ``in `path`: message`` with the path
/// inside the value.
fn decode_nested_error<T: DeserializeOwned, E: de::Error>(raw: &RawValue) -> Result<T, E> {
    decode_nested(raw).map_err(|(path, message)| E::custom(nested(&path, &message)))
}

/// `raw` decoded as `T`, or the path inside it (`.` for the value itself, a missing field named in
/// it) and the message of the failure.
fn decode_nested<T: DeserializeOwned>(raw: &RawValue) -> Result<T, (String, String)> {
    serde_json::from_str(raw.get()).map_err(|error| inner_failure(raw.get(), &error))
}

/// The path and message of a failure inside a value read as raw JSON, without the position in
/// that inner text, which the reader never sees.
fn inner_failure(json: &str, error: &serde_json::Error) -> (String, String) {
    let (path, message) = locate(json, error);
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    (path, message.to_string())
}

/// The message of a failure inside a value read whole: ``in `path`: message`` (``in `.`: ...`` at
/// the value itself), so that the field holding the value can put its name before the path.
fn nested(path: &str, message: &str) -> String {
    format!("in `{path}`: {message}")
}

/// Splits an error message made by a nested decode (``in `album.name`: missing field `name` ``) into
/// the inner path and the message, so that a caller can report one path from the top of the
/// document. Messages of other errors give `None`.
pub fn split_nested(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix("in `")?;
    let (path, message) = rest.split_once("`: ")?;
    Some((path, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Size {
        #[serde(deserialize_with = "int")]
        height: i64,
        #[serde(default, deserialize_with = "option_int")]
        width: Option<i64>,
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        for (json, height) in [
            (r#"{"height": 640}"#, 640),
            (r#"{"height": 640.0}"#, 640),
            (r#"{"height": 4.9022656E7}"#, 49_022_656),
            (r#"{"height": -1.0}"#, -1),
        ] {
            let size: Size = serde_json::from_str(json).unwrap();
            assert_eq!(size.height, height, "{json}");
            assert_eq!(size.width, None);
        }
        for json in [
            r#"{"height": 640.5}"#,
            r#"{"height": "640"}"#,
            r#"{"height": 1e300}"#,
            r#"{"height": 18446744073709551615}"#,
            r#"{"height": null}"#,
            r#"{"height": 1, "width": 2.5}"#,
        ] {
            let e = serde_json::from_str::<Size>(json).unwrap_err().to_string();
            assert!(e.contains("integer"), "{json}: {e}");
        }
        let size: Size = serde_json::from_str(r#"{"height": 1, "width": 3.0}"#).unwrap();
        assert_eq!(size.width, Some(3));
        let size: Size = serde_json::from_str(r#"{"height": 1, "width": null}"#).unwrap();
        assert_eq!(size.width, None);
    }

    #[test]
    fn probe_finds_the_tag_anywhere_and_spots_objects_in_another_shape() {
        let kinds = &["track", "episode"];
        let probe = Probe::read(
            r#"{"a": {"type": "x"}, "type": "track", "track": true}"#,
            "type",
            kinds,
        )
        .unwrap();
        assert_eq!(probe.tag.as_deref(), Some("track"));
        assert!(!probe.other_shape);
        let probe = Probe::read(
            r#"{"type": "episode", "episode": false, "track": true}"#,
            "type",
            kinds,
        )
        .unwrap();
        assert!(probe.other_shape);
        let probe = Probe::read(r#"{"track": "odd"}"#, "type", kinds).unwrap();
        assert!(probe.tag.is_none() && !probe.other_shape);
    }

    #[test]
    fn the_kind_is_a_listed_tag_in_any_case_and_never_a_guess() {
        let kinds = &["track", "episode"];
        let kind = |json: &str| {
            let item = Tagged::capture(&mut serde_json::Deserializer::from_str(json)).unwrap();
            item.kind::<serde_json::Error>("type", kinds)
                .map_err(|e| e.to_string())
        };
        assert_eq!(kind(r#"{"type": "track"}"#), Ok(Some("track")));
        assert_eq!(kind(r#"{"type": "EPISODE"}"#), Ok(Some("episode")));
        assert_eq!(kind(r#"{"type": "chapter"}"#), Ok(None));
        assert_eq!(kind(r#"{"type": "episode", "track": true}"#), Ok(None));
        assert_eq!(
            kind(r#"{"name": "x"}"#),
            Err("in `type`: missing field `type`".to_string())
        );
        assert!(kind(r#"{"type": 3}"#).is_err());
    }

    #[test]
    fn a_speculative_decode_is_kept_only_when_confirmed() {
        let item = Tagged::capture(&mut serde_json::Deserializer::from_str(
            r#"{"width": 1, "height": 2}"#,
        ))
        .unwrap();
        let size = item.decode_if(|size: &Size| size.width == Some(1));
        assert_eq!(size.map(|s| s.height), Some(2));
        assert!(item
            .decode_if(|size: &Size| size.width == Some(2))
            .is_none());
        assert!(item.decode_if(|_: &Vec<u8>| true).is_none());
    }

    #[test]
    fn nested_messages_name_their_path() {
        assert_eq!(nested(".", "invalid type"), "in `.`: invalid type");
        assert_eq!(
            nested("show", "missing field `name`"),
            "in `show`: missing field `name`"
        );
    }

    #[test]
    fn nested_messages_split_into_path_and_message() {
        assert_eq!(
            split_nested("in `album.name`: missing field `name`"),
            Some(("album.name", "missing field `name`"))
        );
        assert_eq!(split_nested("missing field `name`"), None);
    }
}
