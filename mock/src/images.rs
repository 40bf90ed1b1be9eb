//! Cover images: every image URL in the mock's responses points here (`/mock-images/NAME`), and
//! each answers a cover the size Spotify's would be: a baseline JPEG of 640, 300 or 64 pixels
//! square (tens of KB at 640), drawn and encoded here on first use, so that clients download,
//! decode and cache what they would from Spotify's CDN without leaving 127.0.0.1.
//!
//! The encoder is the smallest valid baseline JPEG: JFIF, 8-bit YCbCr without subsampling, the
//! standard quantization table, and fixed-length Huffman codes (valid, not optimal; a cover's size
//! comes out close to a real one's anyway). It is written here rather than taken from the
//! `jpeg-encoder` crate, whose licence would add the IJG attribution clause to this crate's, for a
//! test fixture that needs none of its quality.

use std::f32::consts::PI;
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;

/// `GET /mock-images/{name}`.
pub(crate) async fn serve(Path(name): Path<String>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/jpeg")], cover(side(&name)))
}

/// The side in pixels of the image `name`: Spotify's CDN names an album cover's size after its
/// 8-character prefix (`ab67616d0000b273...` is 640 pixels, `ab67616d00001e02...` 300,
/// `ab67616d00004851...` 64); anything else is 640.
fn side(name: &str) -> usize {
    match name.get(8..16) {
        Some("00001e02") => 300,
        Some("00004851") => 64,
        _ => 640,
    }
}

/// The cover of `side` pixels, encoded once per process.
pub(crate) fn cover(side: usize) -> &'static [u8] {
    static COVERS: [OnceLock<Vec<u8>>; 3] = [const { OnceLock::new() }; 3];
    let (slot, side) = match side {
        64 => (0, 64),
        300 => (1, 300),
        _ => (2, 640),
    };
    COVERS[slot].get_or_init(|| {
        let scale = 1.0 / side as f32;
        encode(side, |x, y| paint(x as f32 * scale, y as f32 * scale, x, y))
    })
}

/// The cover's picture at (`u`, `v`) in `0..1`: a dusk gradient behind a pale disc ringed like a
/// record, with film grain (pixel `x`, `y`) so that it compresses like a photograph, not a flat
/// drawing.
fn paint(u: f32, v: f32, x: usize, y: usize) -> [f32; 3] {
    const TOP: [f32; 3] = [24.0, 48.0, 92.0];
    const BOTTOM: [f32; 3] = [236.0, 124.0, 72.0];
    const DISC: [f32; 3] = [242.0, 228.0, 200.0];
    let t = (u * 0.3 + v * 0.7).clamp(0.0, 1.0);
    let mut rgb: [f32; 3] = std::array::from_fn(|c| TOP[c] + (BOTTOM[c] - TOP[c]) * t);
    let r = ((u - 0.5).powi(2) + (v - 0.42).powi(2)).sqrt();
    if r < 0.27 {
        let ring = 0.88 + 0.12 * (r * 140.0).sin();
        rgb = std::array::from_fn(|c| DISC[c] * ring);
    }
    let grain = noise(x, y) * 12.0;
    rgb.map(|channel| channel + grain)
}

/// Deterministic noise in `-1..1` for pixel (`x`, `y`).
fn noise(x: usize, y: usize) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x9E37_79B1) ^ (y as u32).wrapping_mul(0x85EB_CA77);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFFFF) as f32 / 32768.0 - 1.0
}

/// The standard luminance quantization table (ITU T.81, Annex K), natural order; used for every
/// component, which keeps one table and costs only a few KB.
const QUANT: [u8; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/// A baseline JPEG of `side` × `side` pixels, `pixel(x, y)` giving RGB in `0..=255`.
fn encode(side: usize, pixel: impl Fn(usize, usize) -> [f32; 3]) -> Vec<u8> {
    let zigzag = zigzag();
    let ac_symbols = ac_symbols();
    let basis = dct_basis();
    let mut out = headers(side, &zigzag, &ac_symbols);
    let mut bits = BitWriter::default();
    let mut predictors = [0i32; 3];
    let blocks = side.div_ceil(8);
    for by in 0..blocks {
        for bx in 0..blocks {
            let pixels: [[f32; 3]; 64] = std::array::from_fn(|i| {
                // Edge blocks repeat the last row and column, as encoders do.
                let x = (bx * 8 + i % 8).min(side - 1);
                let y = (by * 8 + i / 8).min(side - 1);
                ycbcr(pixel(x, y))
            });
            for (component, predictor) in predictors.iter_mut().enumerate() {
                let plane: [f32; 64] = std::array::from_fn(|i| pixels[i][component]);
                let coefficients = dct(&plane, &basis);
                let quantized: [i32; 64] = std::array::from_fn(|k| {
                    let n = zigzag[k];
                    let q = (coefficients[n] / f32::from(QUANT[n])).round() as i32;
                    // Baseline allows magnitudes up to 1023 (an AC size of 10 bits at most).
                    q.clamp(-1023, 1023)
                });
                encode_block(&mut bits, &quantized, predictor, &ac_symbols);
            }
        }
    }
    out.extend(bits.finish());
    out.extend([0xFF, 0xD9]);
    out
}

/// JFIF's YCbCr of an RGB pixel, shifted to be centred on 0 as the DCT wants.
fn ycbcr(rgb: [f32; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(|c| c.clamp(0.0, 255.0));
    [
        0.299 * r + 0.587 * g + 0.114 * b - 128.0,
        -0.168_736 * r - 0.331_264 * g + 0.5 * b,
        0.5 * r - 0.418_688 * g - 0.081_312 * b,
    ]
}

/// SOI, JFIF, the quantization table, the frame, the Huffman tables and the scan header.
fn headers(side: usize, zigzag: &[usize; 64], ac_symbols: &[u8]) -> Vec<u8> {
    let side = u16::try_from(side).expect("a cover fits a JPEG frame");
    let mut out = vec![0xFF, 0xD8];
    let mut segment = |marker: u8, body: &[u8]| {
        out.extend([0xFF, marker]);
        out.extend(
            u16::try_from(body.len() + 2)
                .expect("a short segment")
                .to_be_bytes(),
        );
        out.extend(body);
    };
    segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let table: Vec<u8> = std::iter::once(0)
        .chain(zigzag.iter().map(|&n| QUANT[n]))
        .collect();
    segment(0xDB, &table);
    let [h0, h1] = side.to_be_bytes();
    segment(
        0xC0,
        &[8, h0, h1, h0, h1, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0],
    );
    // Fixed-length codes: the 12 DC sizes in 4 bits, the 162 AC symbols in 8 bits.
    let mut dht = vec![0x00];
    dht.extend((1..=16).map(|len| if len == 4 { 12 } else { 0 }));
    dht.extend(0..12);
    dht.push(0x10);
    dht.extend((1..=16).map(|len| if len == 8 { ac_symbols.len() as u8 } else { 0 }));
    dht.extend(ac_symbols);
    segment(0xC4, &dht);
    segment(0xDA, &[3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
    out
}

/// The AC symbols (run of zeros << 4 | size): end-of-block, sixteen zeros, and every run with a
/// size of 1 to 10. A symbol's code is its index here.
fn ac_symbols() -> Vec<u8> {
    (0..=255u8)
        .filter(|s| matches!(s, 0x00 | 0xF0) || (1..=10).contains(&(s & 0x0F)))
        .collect()
}

/// Where the `k`-th coefficient in zigzag order sits in natural (row-major) order.
fn zigzag() -> [usize; 64] {
    let mut order = [0; 64];
    let mut k = 0;
    for diagonal in 0..15 {
        let mut cells: Vec<usize> = (0..8usize)
            .filter(|row| diagonal >= *row && diagonal - row < 8)
            .map(|row| row * 8 + diagonal - row)
            .collect();
        // Even diagonals run from bottom-left to top-right.
        if diagonal % 2 == 0 {
            cells.reverse();
        }
        for cell in cells {
            order[k] = cell;
            k += 1;
        }
    }
    order
}

/// The 8×8 forward DCT of JPEG (`F(u,v) = C(u)C(v)/4 ΣΣ f(x,y) cos.. cos..`), as two passes.
fn dct(block: &[f32; 64], basis: &[[f32; 8]; 8]) -> [f32; 64] {
    let mut rows = [0f32; 64];
    for y in 0..8 {
        for u in 0..8 {
            rows[y * 8 + u] = (0..8).map(|x| basis[u][x] * block[y * 8 + x]).sum();
        }
    }
    std::array::from_fn(|i| {
        let (v, u) = (i / 8, i % 8);
        (0..8).map(|y| basis[v][y] * rows[y * 8 + u]).sum()
    })
}

/// `basis[u][x]`: the DCT's `C(u)/2 cos((2x+1)uπ/16)`.
fn dct_basis() -> [[f32; 8]; 8] {
    std::array::from_fn(|u| {
        let scale = if u == 0 { 0.5 / 2f32.sqrt() } else { 0.5 };
        std::array::from_fn(|x| scale * ((2 * x + 1) as f32 * u as f32 * PI / 16.0).cos())
    })
}

/// One block's DC difference and AC run-lengths.
fn encode_block(bits: &mut BitWriter, block: &[i32; 64], predictor: &mut i32, ac_symbols: &[u8]) {
    let diff = block[0] - *predictor;
    *predictor = block[0];
    let size = magnitude_bits(diff);
    bits.put(size, 4);
    bits.put(value_bits(diff, size), size);
    let mut run = 0;
    for &value in &block[1..] {
        if value == 0 {
            run += 1;
            continue;
        }
        while run > 15 {
            bits.put(code(ac_symbols, 0xF0), 8);
            run -= 16;
        }
        let size = magnitude_bits(value);
        bits.put(code(ac_symbols, (run << 4 | size) as u8), 8);
        bits.put(value_bits(value, size), size);
        run = 0;
    }
    if run > 0 {
        bits.put(code(ac_symbols, 0x00), 8);
    }
}

fn code(ac_symbols: &[u8], symbol: u8) -> u32 {
    ac_symbols
        .binary_search(&symbol)
        .expect("a valid AC symbol") as u32
}

/// The number of bits of `|value|`.
fn magnitude_bits(value: i32) -> u32 {
    32 - value.unsigned_abs().leading_zeros()
}

/// JPEG's `size` low bits for `value`: itself if positive, else its ones' complement.
fn value_bits(value: i32, size: u32) -> u32 {
    let bits = if value < 0 { value - 1 } else { value };
    bits as u32 & ((1 << size) - 1)
}

/// Entropy-coded bits, MSB first, with a zero byte stuffed after every `0xFF`.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    pending: u64,
    count: u32,
}

impl BitWriter {
    fn put(&mut self, value: u32, len: u32) {
        self.pending = self.pending << len | u64::from(value);
        self.count += len;
        while self.count >= 8 {
            self.count -= 8;
            let byte = (self.pending >> self.count) as u8;
            self.out.push(byte);
            if byte == 0xFF {
                self.out.push(0);
            }
        }
        self.pending &= (1 << self.count) - 1;
    }

    /// The bytes, the last one padded with 1-bits.
    fn finish(mut self) -> Vec<u8> {
        let pad = (8 - self.count % 8) % 8;
        self.put((1 << pad) - 1, pad);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_are_cover_sized_jpegs() {
        for (side, range) in [
            (640, 20_000..200_000),
            (300, 5_000..60_000),
            (64, 500..8_000),
        ] {
            let jpeg = cover(side);
            assert_eq!(
                &jpeg[..4],
                &[0xFF, 0xD8, 0xFF, 0xE0],
                "{side}: SOI, then JFIF"
            );
            assert_eq!(&jpeg[jpeg.len() - 2..], &[0xFF, 0xD9], "{side}: EOI");
            assert!(range.contains(&jpeg.len()), "{side}: {} bytes", jpeg.len());
            let frame = jpeg
                .windows(2)
                .position(|w| w == [0xFF, 0xC0])
                .expect("SOF0");
            let size = u16::try_from(side).unwrap().to_be_bytes();
            assert_eq!(&jpeg[frame + 5..frame + 9], &[size, size].concat()[..]);
        }
    }

    #[test]
    fn the_cdn_name_says_the_size() {
        assert_eq!(side("ab67616d0000b2738a0c5c3fd1e4b2a7d9e06f1b"), 640);
        assert_eq!(side("ab67616d00001e028a0c5c3fd1e4b2a7d9e06f1b"), 300);
        assert_eq!(side("ab67616d000048518a0c5c3fd1e4b2a7d9e06f1b"), 64);
        assert_eq!(side("playlist-2"), 640);
    }

    #[test]
    fn zigzag_is_the_standard_order() {
        let order = zigzag();
        assert_eq!(order[..10], [0, 1, 8, 16, 9, 2, 3, 10, 17, 24]);
        assert_eq!(order[63], 63);
        let mut sorted = order;
        sorted.sort_unstable();
        assert!(sorted.iter().enumerate().all(|(i, n)| i == *n));
    }

    #[test]
    fn values_are_coded_as_jpeg_says() {
        assert_eq!(
            (magnitude_bits(0), magnitude_bits(-3), magnitude_bits(4)),
            (0, 2, 3)
        );
        assert_eq!(
            (value_bits(-3, 2), value_bits(3, 2), value_bits(-1, 1)),
            (0b00, 0b11, 0)
        );
        assert_eq!(ac_symbols().len(), 162);
    }
}
