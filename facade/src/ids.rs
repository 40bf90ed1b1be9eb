//! Spotify IDs, URIs and URLs (placeholder).
