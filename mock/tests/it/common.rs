//! Helpers: a started server with a token and a client.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use spotify_sdk_mock::MockServer;

pub struct Env {
    pub server: MockServer,
    pub http: reqwest::Client,
    pub token: String,
}

pub async fn env() -> Env {
    let server = MockServer::start().await;
    let token = server.issue_token();
    Env {
        server,
        http: reqwest::Client::new(),
        token,
    }
}

/// A response: status, headers and body.
pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.bytes)))
    }
}

impl Env {
    /// Sends `method` to the API path `path` (e.g. `/tracks/x?market=SE`) with the env's token.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let url = format!("{}{path}", self.server.base_url());
        let writes = method == Method::POST || method == Method::PUT;
        let mut req = self.http.request(method, url).bearer_auth(&self.token);
        match body {
            Some(body) => req = req.json(&body),
            // As Spotify requires (the mock answers 411 without it, see `library.rs`).
            None if writes => req = req.header(reqwest::header::CONTENT_LENGTH, "0"),
            None => {}
        }
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.expect("body").to_vec();
        Resp {
            status,
            headers,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None).await
    }

    /// GET that must answer 200; its JSON.
    pub async fn get_ok(&self, path: &str) -> Value {
        let resp = self.get(path).await;
        assert_eq!(
            resp.status,
            200,
            "GET {path}: {}",
            String::from_utf8_lossy(&resp.bytes)
        );
        resp.json()
    }

    pub async fn put(&self, path: &str, body: Option<Value>) -> Resp {
        self.call(Method::PUT, path, body).await
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> Resp {
        self.call(Method::POST, path, body).await
    }

    pub async fn delete(&self, path: &str, body: Option<Value>) -> Resp {
        self.call(Method::DELETE, path, body).await
    }
}
