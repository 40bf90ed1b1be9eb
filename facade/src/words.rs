//! The words Spotify uses for the values of a fieldless enum, from one table per enum.

/// `as_str` (the word Spotify uses), `Display` as that word and `FromStr` (its inverse, exact), for
/// a fieldless enum: `words!(RepeatMode("a repeat mode") { Off => "off", ... })`. A macro because
/// the three are the same match, written out, for every such enum (IDs' kinds, repeat modes,
/// search types, time ranges); the docs of `as_str` come first.
macro_rules! words {
    (
        $(#[$doc:meta])*
        $name:ident($what:literal) { $($variant:ident => $word:literal),+ $(,)? }
    ) => {
        impl $name {
            $(#[$doc])*
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;

            fn from_str(word: &str) -> Result<Self, crate::Error> {
                match word {
                    $($word => Ok($name::$variant),)+
                    _ => Err(crate::Error::InvalidArgument(format!(
                        "{word:?} is not {} ({})",
                        $what,
                        [$($word),+].join(", ")
                    ))),
                }
            }
        }
    };
}
pub(crate) use words;

#[cfg(test)]
mod tests {
    use crate::Error;
    use crate::ids::Kind;
    use crate::resources::player::RepeatMode;
    use crate::resources::search::SearchType;
    use crate::resources::users::TimeRange;

    /// Every word parses back to its value and displays as itself.
    fn round_trips<T>(values: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + std::str::FromStr,
        T::Err: std::fmt::Debug,
    {
        for value in values {
            assert_eq!(value.to_string().parse::<T>().unwrap(), *value);
        }
    }

    #[test]
    fn words_round_trip_and_other_words_are_refused() {
        round_trips(&[RepeatMode::Off, RepeatMode::Track, RepeatMode::Context]);
        round_trips(&SearchType::ALL);
        round_trips(&[
            TimeRange::ShortTerm,
            TimeRange::MediumTerm,
            TimeRange::LongTerm,
        ]);
        round_trips(&[Kind::Track, Kind::Audiobook, Kind::User]);
        assert_eq!(RepeatMode::Context.as_str(), "context");
        assert_eq!(TimeRange::ShortTerm.to_string(), "short_term");

        let refused = "Track".parse::<RepeatMode>().unwrap_err();
        assert!(
            matches!(&refused, Error::InvalidArgument(m)
                if m == r#""Track" is not a repeat mode (off, track, context)"#),
            "{refused:?}"
        );
        assert!(matches!("".parse::<Kind>(), Err(Error::InvalidArgument(_))));
        assert!(matches!(
            "weeks".parse::<TimeRange>(),
            Err(Error::InvalidArgument(_))
        ));
    }
}
