//! `error_path::locate` against `serde_path_to_error`, which finds a failure's path by decoding
//! again through a wrapping deserializer: every value of our fixtures replaced by values of the
//! wrong type, and every field removed, in turn. Both must name the same path and message.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use spotify_sdk_models::error_path::locate;
use spotify_sdk_models::lenient::split_nested;
use spotify_sdk_models::types;

use crate::fixture;

/// The path and message serde_path_to_error gives, read the way `locate` reports them: a nested
/// message's path joined on, a missing field named in the path.
fn reference<T: DeserializeOwned>(text: &str) -> (String, String) {
    let mut de = serde_json::Deserializer::from_str(text);
    let error = serde_path_to_error::deserialize::<_, T>(&mut de)
        .err()
        .expect("the reference decode fails too");
    let (path, message) = (error.path().to_string(), error.inner().to_string());
    let join = |parent: &str, child: &str| match (parent, child) {
        (".", child) => child.to_string(),
        (parent, ".") => parent.to_string(),
        (parent, child) if child.starts_with('[') => format!("{parent}{child}"),
        (parent, child) => format!("{parent}.{child}"),
    };
    if let Some((inner, rest)) = split_nested(&message) {
        // A union's failure names the field (or list index) that holds it, where
        // serde_path_to_error has already arrived: that step is counted once.
        let first = match inner.strip_prefix('[') {
            Some(rest) => format!("[{}]", rest.split(']').next().unwrap_or_default()),
            None => inner
                .split(['.', '['])
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        let parent = match path.strip_suffix(first.as_str()) {
            Some(parent) if first.starts_with('[') => parent.to_string(),
            Some("") => ".".to_string(),
            Some(parent) if parent.ends_with('.') => parent.trim_end_matches('.').to_string(),
            _ => path.clone(),
        };
        return (join(&parent, inner), rest.to_string());
    }
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field.to_string());
    match missing {
        Some(field) => (join(&path, &field), message),
        None => (path, message),
    }
}

/// Every JSON pointer in `value`, the document's own (`""`) first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(
                    child,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// Breaks `name` every way in turn and compares the two paths of each failure; returns how many
/// failures were compared.
fn compare<T: DeserializeOwned>(name: &str) -> usize {
    let document = fixture(name);
    let mut all = Vec::new();
    pointers(&document, String::new(), &mut all);
    let mut broken = Vec::new();
    for pointer in &all {
        // An object where a scalar is expected, and scalars where anything else is.
        for wrong in [json!({}), json!("x"), json!(1.5)] {
            let mut copy = document.clone();
            *copy.pointer_mut(pointer).unwrap() = wrong;
            broken.push(copy);
        }
        if let Some(map) = document.pointer(pointer).and_then(Value::as_object) {
            for key in map.keys() {
                let mut copy = document.clone();
                copy.pointer_mut(pointer)
                    .and_then(Value::as_object_mut)
                    .unwrap()
                    .remove(key);
                broken.push(copy);
            }
        }
    }
    let mut compared = 0;
    for body in broken {
        // Pretty-printed: positions on later lines are found too.
        let text = serde_json::to_string_pretty(&body).unwrap();
        let Err(error) = serde_json::from_str::<T>(&text) else {
            continue;
        };
        assert_eq!(
            locate(&text, &error),
            reference::<T>(&text),
            "{name}: {text}"
        );
        compared += 1;
    }
    compared
}

/// Each fixture in its own test, so that they run in parallel. Most broken values fail; the count
/// guards against a fixture that stopped failing at all.
macro_rules! agree {
    ($($test:ident: $name:literal => $model:ty,)*) => {$(
        #[test]
        fn $test() {
            let compared = compare::<$model>($name);
            assert!(compared > 100, "{compared} failures compared");
        }
    )*};
}

agree! {
    track_paths_agree: "track.json" => types::TrackObject,
    episode_paths_agree: "episode.json" => types::EpisodeObject,
    playlist_items_page_paths_agree: "playlist_items_page.json" => types::PagingPlaylistTrackObject,
    playlist_paths_agree: "playlist.json" => types::PlaylistObject,
    playback_state_paths_agree: "playback_state.json" => types::CurrentlyPlayingContextObject,
    queue_paths_agree: "queue.json" => types::QueueObject,
}
