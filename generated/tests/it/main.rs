//! The generated crate's tests: the requests the operations build (`requests`). The models'
//! decoding is tested in `spotify-sdk-models`.

mod requests;
