//! What the generated `Deserialize` impls of the models' structs share (handwritten; `cargo xtask
//! gen` writes the impls, see `xtask/src/deserialize.rs`).
//!
//! serde's derive writes, for every struct, a field enum with its own visitor and `Deserialize`,
//! and a `visit_seq` for structs sent as arrays, which Spotify never sends: about half of the
//! models' code, and the models' compile time is on the critical path of every user's first
//! build. The generated impls read maps only, find a key's field by its index in the struct's list
//! of names (a `match` of the struct's, through one visitor for all structs, below), and keep
//! serde's messages: ``missing field `name` ``, ``duplicate field `name` ``, ``invalid type: ...,
//! expected struct TrackObject``.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Reads an object's key as the index of the field it names in a struct's list of JSON names
/// (`.0`), found by the struct's `match` on the name (`.1`: LLVM compiles a `match` on constant
/// strings to a few integer compares, where a search of the list would call `memcmp` for each
/// name), or `usize::MAX` for a key the struct does not have (which is then skipped, as serde
/// does).
pub(crate) struct Key<F>(pub(crate) &'static [&'static str], pub(crate) F);

impl<'de, F: Fn(&str) -> usize> DeserializeSeed<'de> for Key<F> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<F: Fn(&str) -> usize> Visitor<'_> for Key<F> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok((self.1)(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(std::str::from_utf8(key).map_or(usize::MAX, self.1))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        Ok(usize::try_from(index)
            .ok()
            .filter(|i| *i < self.0.len())
            .unwrap_or(usize::MAX))
    }
}

/// Reads the value of the field `name` into `slot` with `seed`; a field given twice is an error.
#[inline]
pub(crate) fn value<'de, A, S>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    seed: S,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    S: DeserializeSeed<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// Skips the value of a key the struct does not have.
#[inline]
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|IgnoredAny| ())
}

/// The value of a field that has no default, or ``missing field `name` ``.
#[inline]
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Reads a deprecated duplicate of a field (Spotify sends a playlist entry's `item` again as
/// `track`, see `lenient::primary_or_duplicate`) as raw JSON, or skips it when the primary field
/// has already been read (a value that would never be decoded). A duplicate given twice is an
/// error.
#[inline]
pub(crate) fn duplicate<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Option<Box<RawValue>>>,
    primary_read: bool,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(if primary_read {
        skip(map)?;
        None
    } else {
        map.next_value()?
    });
    Ok(())
}
