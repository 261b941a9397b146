//! Raw DEFLATE (RFC 1951) for share links: a small compressor and an inflater that reads any
//! valid stream.
//!
//! The page used `miniz_oxide`, 11 KB of its wasm for a feature that compresses a few KB of text
//! now and then. This module is a fraction of that: the inflater decodes Huffman codes bit by
//! bit (as zlib's `puff` does) instead of through lookup tables, and the compressor is LZ77 over
//! a hash chain with one step of lazy matching and a single fixed- or dynamic-Huffman block,
//! whichever is shorter. Old links, made by `miniz_oxide` (stored, fixed and dynamic blocks,
//! any number of them), still open. Hostile input is an error, never a panic, and inflating
//! stops at a caller-given output size.

use std::fmt;

/// Why a stream could not be inflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its final block does (a cut-off link).
    Truncated,
    /// The stream is not valid DEFLATE.
    Corrupt,
    /// The output would be longer than the limit.
    TooLong,
}

impl fmt::Display for InflateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Truncated => "deflate stream cut off",
            Self::Corrupt => "invalid deflate stream",
            Self::TooLong => "deflate output over its limit",
        })
    }
}

impl std::error::Error for InflateError {}

/// Match lengths 3–258: base length of each length code (257–285) and its extra bits.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Distances 1–32768: base distance of each distance code (0–29) and its extra bits.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which a dynamic block lists the code-length code's lengths.
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];
const END_OF_BLOCK: usize = 256;
const MAX_BITS: usize = 15;
const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;

/// The fixed Huffman code's lengths (RFC 1951 §3.2.6): literal/length codes, then distances.
fn fixed_lengths() -> ([u8; 288], [u8; 30]) {
    let mut lit = [8u8; 288];
    lit[144..256].fill(9);
    lit[256..280].fill(7);
    (lit, [5u8; 30])
}

// ---------------------------------------------------------------------------------------------
// Inflate

/// Reads bits least significant first, as DEFLATE packs them.
struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
    bit: u32,
}

impl BitReader<'_> {
    fn bit(&mut self) -> Result<u32, InflateError> {
        let byte = *self.data.get(self.pos).ok_or(InflateError::Truncated)?;
        let b = u32::from(byte >> self.bit) & 1;
        self.bit += 1;
        if self.bit == 8 {
            self.bit = 0;
            self.pos += 1;
        }
        Ok(b)
    }

    fn bits(&mut self, n: u8) -> Result<u32, InflateError> {
        let mut v = 0;
        for i in 0..n {
            v |= self.bit()? << i;
        }
        Ok(v)
    }

    fn align(&mut self) {
        if self.bit != 0 {
            self.bit = 0;
            self.pos += 1;
        }
    }
}

/// A canonical Huffman code for decoding: how many codes of each length, and the symbols in
/// code order.
struct Decoder {
    counts: [u16; MAX_BITS + 1],
    symbols: Vec<u16>,
}

impl Decoder {
    /// Builds the code from each symbol's length (0: unused). Over-subscribed lengths are an
    /// error; an incomplete code is accepted (a stream that uses a missing code fails later).
    fn new(lengths: &[u8]) -> Result<Decoder, InflateError> {
        let mut counts = [0u16; MAX_BITS + 1];
        for &l in lengths {
            counts[usize::from(l)] += 1;
        }
        counts[0] = 0;
        let mut left: i32 = 1;
        for &c in &counts[1..] {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return Err(InflateError::Corrupt);
            }
        }
        let mut offsets = [0u16; MAX_BITS + 2];
        for len in 1..=MAX_BITS {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; usize::from(offsets[MAX_BITS + 1])];
        for (symbol, &l) in (0u16..).zip(lengths) {
            if l != 0 {
                let slot = &mut offsets[usize::from(l)];
                symbols[usize::from(*slot)] = symbol;
                *slot += 1;
            }
        }
        Ok(Decoder { counts, symbols })
    }

    /// The next symbol: the code is read one bit at a time, compared against the first code of
    /// each length.
    fn decode(&self, input: &mut BitReader<'_>) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= i32::try_from(input.bit()?).unwrap_or(0);
            let count = i32::from(count);
            if code - first < count {
                let i = usize::try_from(index + code - first).map_err(|_| InflateError::Corrupt)?;
                return self
                    .symbols
                    .get(i)
                    .map(|&s| usize::from(s))
                    .ok_or(InflateError::Corrupt);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Corrupt)
    }
}

/// Inflates a raw DEFLATE stream (no zlib or gzip header) into at most `limit` bytes.
/// Bytes after the final block are ignored.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut input = BitReader {
        data,
        pos: 0,
        bit: 0,
    };
    let mut out = Vec::new();
    loop {
        let last = input.bit()? == 1;
        match input.bits(2)? {
            0 => {
                input.align();
                let header = data
                    .get(input.pos..input.pos + 4)
                    .ok_or(InflateError::Truncated)?;
                let len = usize::from(u16::from_le_bytes([header[0], header[1]]));
                let nlen = u16::from_le_bytes([header[2], header[3]]);
                if usize::from(!nlen) != len {
                    return Err(InflateError::Corrupt);
                }
                input.pos += 4;
                let block = data
                    .get(input.pos..input.pos + len)
                    .ok_or(InflateError::Truncated)?;
                if out.len() + len > limit {
                    return Err(InflateError::TooLong);
                }
                out.extend_from_slice(block);
                input.pos += len;
            }
            1 => {
                let (lit, dist) = fixed_lengths();
                inflate_block(
                    &mut input,
                    &Decoder::new(&lit)?,
                    &Decoder::new(&dist)?,
                    &mut out,
                    limit,
                )?;
            }
            2 => {
                let (lit, dist) = read_dynamic_header(&mut input)?;
                inflate_block(&mut input, &lit, &dist, &mut out, limit)?;
            }
            _ => return Err(InflateError::Corrupt),
        }
        if last {
            return Ok(out);
        }
    }
}

/// A dynamic block's two codes, themselves sent run-length encoded in a third code.
fn read_dynamic_header(input: &mut BitReader<'_>) -> Result<(Decoder, Decoder), InflateError> {
    let nlit = input.bits(5)? as usize + 257;
    let ndist = input.bits(5)? as usize + 1;
    let ncode = input.bits(4)? as usize + 4;
    if nlit > 286 || ndist > 30 {
        return Err(InflateError::Corrupt);
    }
    let mut code_lengths = [0u8; 19];
    for &i in &CODE_LENGTH_ORDER[..ncode] {
        code_lengths[i] = u8::try_from(input.bits(3)?).unwrap_or(0);
    }
    let code_length_code = Decoder::new(&code_lengths)?;
    let mut lengths = [0u8; 286 + 30];
    let mut n = 0;
    while n < nlit + ndist {
        let symbol = code_length_code.decode(input)?;
        let (value, repeat) = match symbol {
            0..=15 => (u8::try_from(symbol).unwrap_or(0), 1),
            16 => {
                let previous = *n
                    .checked_sub(1)
                    .and_then(|p| lengths.get(p))
                    .ok_or(InflateError::Corrupt)?;
                (previous, 3 + input.bits(2)? as usize)
            }
            17 => (0, 3 + input.bits(3)? as usize),
            _ => (0, 11 + input.bits(7)? as usize),
        };
        let run = lengths
            .get_mut(n..n + repeat)
            .ok_or(InflateError::Corrupt)?;
        if n + repeat > nlit + ndist {
            return Err(InflateError::Corrupt);
        }
        run.fill(value);
        n += repeat;
    }
    // A block without an end-of-block code could never end.
    if lengths[END_OF_BLOCK] == 0 {
        return Err(InflateError::Corrupt);
    }
    Ok((
        Decoder::new(&lengths[..nlit])?,
        Decoder::new(&lengths[nlit..nlit + ndist])?,
    ))
}

fn inflate_block(
    input: &mut BitReader<'_>,
    lit: &Decoder,
    dist: &Decoder,
    out: &mut Vec<u8>,
    limit: usize,
) -> Result<(), InflateError> {
    loop {
        let symbol = lit.decode(input)?;
        if symbol < END_OF_BLOCK {
            if out.len() >= limit {
                return Err(InflateError::TooLong);
            }
            out.push(u8::try_from(symbol).unwrap_or(0));
            continue;
        }
        if symbol == END_OF_BLOCK {
            return Ok(());
        }
        let i = symbol - 257;
        let (&base, &extra) = LENGTH_BASE
            .get(i)
            .zip(LENGTH_EXTRA.get(i))
            .ok_or(InflateError::Corrupt)?;
        let len = usize::from(base) + input.bits(extra)? as usize;
        let d = dist.decode(input)?;
        let (&base, &extra) = DIST_BASE
            .get(d)
            .zip(DIST_EXTRA.get(d))
            .ok_or(InflateError::Corrupt)?;
        let distance = usize::from(base) + input.bits(extra)? as usize;
        if distance > out.len() {
            return Err(InflateError::Corrupt);
        }
        if out.len() + len > limit {
            return Err(InflateError::TooLong);
        }
        // Byte by byte: a match may overlap the bytes it produces (distance < length).
        let start = out.len() - distance;
        for k in 0..len {
            out.push(out[start + k]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deflate

/// An LZ77 token: a literal byte, or a match of `len` bytes `dist` bytes back.
#[derive(Clone, Copy)]
enum Token {
    Literal(u8),
    Match { len: u16, dist: u16 },
}

/// How many earlier positions with the same three-byte hash a match search looks at.
const CHAIN: usize = 256;
const HASH_BITS: u32 = 15;

fn hash3(data: &[u8], i: usize) -> usize {
    let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// LZ77 over a hash chain: `head` holds the latest position of each hash (plus one; 0 means
/// none), `prev` the position before it with the same hash, within the window.
struct Matcher<'a> {
    data: &'a [u8],
    head: Vec<u32>,
    prev: Vec<u32>,
    inserted: usize,
}

impl Matcher<'_> {
    /// Adds every position before `upto` to the chains.
    fn insert_until(&mut self, upto: usize) {
        while self.inserted < upto && self.inserted + MIN_MATCH <= self.data.len() {
            let h = hash3(self.data, self.inserted);
            self.prev[self.inserted % WINDOW] = self.head[h];
            self.head[h] = u32::try_from(self.inserted + 1).unwrap_or(0);
            self.inserted += 1;
        }
    }

    /// The longest match for position `i` (length, distance), length 0 when there is none.
    fn longest(&mut self, i: usize) -> (usize, usize) {
        let data = self.data;
        if i + MIN_MATCH > data.len() {
            return (0, 0);
        }
        self.insert_until(i);
        let max = (data.len() - i).min(MAX_MATCH);
        let (mut best_len, mut best_dist) = (0, 0);
        let mut candidate = self.head[hash3(data, i)] as usize;
        for _ in 0..CHAIN {
            if candidate == 0 {
                break;
            }
            let j = candidate - 1;
            if i - j > WINDOW {
                break;
            }
            if data[j + best_len.min(max - 1)] == data[i + best_len.min(max - 1)] {
                let len = data[j..j + max]
                    .iter()
                    .zip(&data[i..i + max])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best_len {
                    (best_len, best_dist) = (len, i - j);
                    if len == max {
                        break;
                    }
                }
            }
            let next = self.prev[j % WINDOW] as usize;
            // The chain only goes back in time; a slot overwritten by a newer position ends it.
            if next == 0 || next > j {
                break;
            }
            candidate = next;
        }
        if best_len < MIN_MATCH {
            (0, 0)
        } else {
            (best_len, best_dist)
        }
    }
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut m = Matcher {
        data,
        head: vec![0; 1 << HASH_BITS],
        prev: vec![0; WINDOW],
        inserted: 0,
    };
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let (len, dist) = m.longest(i);
        // Lazy matching: a longer match one byte later is worth a literal first.
        if len == MAX_MATCH || (len >= MIN_MATCH && m.longest(i + 1).0 <= len) {
            tokens.push(Token::Match {
                len: u16::try_from(len).unwrap_or(0),
                dist: u16::try_from(dist).unwrap_or(0),
            });
            i += len;
        } else {
            tokens.push(Token::Literal(data[i]));
            i += 1;
        }
    }
    tokens
}

/// The code (index into the base tables) for a match length or distance.
fn code_of(value: u16, base: &[u16]) -> usize {
    base.iter().rposition(|&b| b <= value).unwrap_or(0)
}

/// Huffman code lengths for `freqs`, at most `limit` bits: a Huffman tree, and while it is too
/// deep, the same with flattened frequencies (each halved, kept non-zero). A lone used symbol
/// gets one bit, as a decoder needs at least one.
fn code_lengths(freqs: &[u32], limit: u8) -> Vec<u8> {
    let mut weights: Vec<u32> = freqs.to_vec();
    loop {
        let lengths = huffman_lengths(&weights);
        if lengths.iter().all(|&l| l <= limit) {
            return lengths;
        }
        for w in weights.iter_mut().filter(|w| **w > 0) {
            *w = (*w >> 1) | 1;
        }
    }
}

fn huffman_lengths(freqs: &[u32]) -> Vec<u8> {
    let mut lengths = vec![0u8; freqs.len()];
    let mut leaves: Vec<usize> = (0..freqs.len()).filter(|&s| freqs[s] > 0).collect();
    if leaves.len() == 1 {
        lengths[leaves[0]] = 1;
    }
    if leaves.len() < 2 {
        return lengths;
    }
    crate::sort::sort_by_key(&mut leaves, |&s| freqs[s]);
    // Nodes: the leaves in weight order, then internal nodes as they are made (in
    // non-decreasing weight, so two queues give the two lightest without a heap).
    let mut weight: Vec<u64> = leaves.iter().map(|&s| u64::from(freqs[s])).collect();
    let mut parent = vec![0usize; leaves.len()];
    let (mut next_leaf, mut next_node) = (0, leaves.len());
    let total = 2 * leaves.len() - 1;
    while weight.len() < total {
        let mut pick = || {
            if next_leaf < leaves.len()
                && (next_node >= weight.len() || weight[next_leaf] <= weight[next_node])
            {
                next_leaf += 1;
                next_leaf - 1
            } else {
                next_node += 1;
                next_node - 1
            }
        };
        let (a, b) = (pick(), pick());
        let id = weight.len();
        weight.push(weight[a] + weight[b]);
        parent.push(0);
        parent[a] = id;
        parent[b] = id;
    }
    // Depths from the root down: a parent always has a larger index than its children.
    let mut depth = vec![0u8; total];
    for n in (0..total - 1).rev() {
        depth[n] = depth[parent[n]].saturating_add(1);
    }
    for (k, &s) in leaves.iter().enumerate() {
        lengths[s] = depth[k];
    }
    lengths
}

/// Canonical codes from lengths (RFC 1951 §3.2.2), bit-reversed for the LSB-first writer.
fn canonical_codes(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; MAX_BITS + 1];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; MAX_BITS + 1];
    for bits in 2..=MAX_BITS {
        next[bits] = (next[bits - 1] + count[bits - 1]) << 1;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let code = next[usize::from(l)];
            next[usize::from(l)] += 1;
            code.reverse_bits() >> (16 - l)
        })
        .collect()
}

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn new() -> BitWriter {
        BitWriter {
            out: Vec::new(),
            acc: 0,
            n: 0,
        }
    }

    fn put(&mut self, value: u32, bits: u8) {
        self.acc |= u64::from(value) << self.n;
        self.n += u32::from(bits);
        while self.n >= 8 {
            self.out.push(self.acc.to_le_bytes()[0]);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc.to_le_bytes()[0]);
        }
        self.out
    }
}

/// A block's two codes.
struct Codes {
    lit_len: Vec<u8>,
    lit_code: Vec<u16>,
    dist_len: Vec<u8>,
    dist_code: Vec<u16>,
}

impl Codes {
    fn new(lit_len: Vec<u8>, dist_len: Vec<u8>) -> Codes {
        Codes {
            lit_code: canonical_codes(&lit_len),
            dist_code: canonical_codes(&dist_len),
            lit_len,
            dist_len,
        }
    }

    /// The bits the tokens and the end-of-block code take with these codes.
    fn cost(&self, lit_freq: &[u32], dist_freq: &[u32]) -> u64 {
        let lit: u64 = lit_freq
            .iter()
            .enumerate()
            .map(|(s, &f)| {
                let extra = s.checked_sub(257).map_or(0, |i| LENGTH_EXTRA[i]);
                u64::from(f) * u64::from(self.lit_len[s] + extra)
            })
            .sum();
        let dist: u64 = dist_freq
            .iter()
            .enumerate()
            .map(|(s, &f)| u64::from(f) * u64::from(self.dist_len[s] + DIST_EXTRA[s]))
            .sum();
        lit + dist
    }

    fn write(&self, tokens: &[Token], w: &mut BitWriter) {
        for &t in tokens {
            match t {
                Token::Literal(b) => {
                    let s = usize::from(b);
                    w.put(u32::from(self.lit_code[s]), self.lit_len[s]);
                }
                Token::Match { len, dist } => {
                    let l = code_of(len, &LENGTH_BASE);
                    w.put(u32::from(self.lit_code[257 + l]), self.lit_len[257 + l]);
                    w.put(u32::from(len - LENGTH_BASE[l]), LENGTH_EXTRA[l]);
                    let d = code_of(dist, &DIST_BASE);
                    w.put(u32::from(self.dist_code[d]), self.dist_len[d]);
                    w.put(u32::from(dist - DIST_BASE[d]), DIST_EXTRA[d]);
                }
            }
        }
        w.put(
            u32::from(self.lit_code[END_OF_BLOCK]),
            self.lit_len[END_OF_BLOCK],
        );
    }
}

/// The code lengths of a dynamic block, run-length encoded with symbols 16 (repeat the
/// previous), 17 and 18 (runs of zeros): (symbol, extra bits value, extra bit count).
fn rle_lengths(lengths: &[u8]) -> Vec<(u8, u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        let run = lengths[i..].iter().take_while(|&&x| x == l).count();
        if l == 0 && run >= 3 {
            let r = run.min(138);
            let r8 = u8::try_from(r).unwrap_or(0);
            out.push(if r >= 11 {
                (18, r8 - 11, 7)
            } else {
                (17, r8 - 3, 3)
            });
            i += r;
        } else if l != 0 && run >= 4 {
            out.push((l, 0, 0));
            let r = (run - 1).min(6);
            out.push((16, u8::try_from(r - 3).unwrap_or(0), 2));
            i += 1 + r;
        } else {
            out.push((l, 0, 0));
            i += 1;
        }
    }
    out
}

/// Compresses `data` into a raw DEFLATE stream: one final block, with the fixed or a dynamic
/// Huffman code, whichever takes fewer bits.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = tokenize(data);
    let mut lit_freq = vec![0u32; 286];
    let mut dist_freq = vec![0u32; 30];
    for &t in &tokens {
        match t {
            Token::Literal(b) => lit_freq[usize::from(b)] += 1,
            Token::Match { len, dist } => {
                lit_freq[257 + code_of(len, &LENGTH_BASE)] += 1;
                dist_freq[code_of(dist, &DIST_BASE)] += 1;
            }
        }
    }
    lit_freq[END_OF_BLOCK] = 1;

    let (fixed_lit, fixed_dist) = fixed_lengths();
    let fixed = Codes::new(fixed_lit.to_vec(), fixed_dist.to_vec());
    let dynamic = Codes::new(code_lengths(&lit_freq, 15), code_lengths(&dist_freq, 15));

    // The dynamic block's header: trimmed code lengths, run-length encoded in a third code.
    let nlit = 257.max(
        dynamic
            .lit_len
            .iter()
            .rposition(|&l| l > 0)
            .map_or(0, |p| p + 1),
    );
    let ndist = 1.max(
        dynamic
            .dist_len
            .iter()
            .rposition(|&l| l > 0)
            .map_or(0, |p| p + 1),
    );
    let all: Vec<u8> = dynamic.lit_len[..nlit]
        .iter()
        .chain(&dynamic.dist_len[..ndist])
        .copied()
        .collect();
    let rle = rle_lengths(&all);
    let mut cl_freq = [0u32; 19];
    for &(s, _, _) in &rle {
        cl_freq[usize::from(s)] += 1;
    }
    let cl_len = code_lengths(&cl_freq, 7);
    let cl_code = canonical_codes(&cl_len);
    let ncode = 4.max(
        CODE_LENGTH_ORDER
            .iter()
            .rposition(|&i| cl_len[i] > 0)
            .map_or(0, |p| p + 1),
    );
    let header_bits = 14
        + 3 * ncode as u64
        + rle
            .iter()
            .map(|&(s, _, n)| u64::from(cl_len[usize::from(s)] + n))
            .sum::<u64>();

    let mut w = BitWriter::new();
    if header_bits + dynamic.cost(&lit_freq, &dist_freq) < fixed.cost(&lit_freq, &dist_freq) {
        w.put(1 | 2 << 1, 3);
        w.put(u32::try_from(nlit - 257).unwrap_or(0), 5);
        w.put(u32::try_from(ndist - 1).unwrap_or(0), 5);
        w.put(u32::try_from(ncode - 4).unwrap_or(0), 4);
        for &i in &CODE_LENGTH_ORDER[..ncode] {
            w.put(u32::from(cl_len[i]), 3);
        }
        for &(s, extra, n) in &rle {
            w.put(u32::from(cl_code[usize::from(s)]), cl_len[usize::from(s)]);
            w.put(u32::from(extra), n);
        }
        dynamic.write(&tokens, &mut w);
    } else {
        w.put(1 | 1 << 1, 3);
        fixed.write(&tokens, &mut w);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIMIT: usize = 1 << 20;

    fn xml_like(n: usize) -> Vec<u8> {
        use std::fmt::Write;
        let mut s = String::new();
        for i in 0..n {
            let _ = writeln!(
                s,
                "<Error><Code>SignatureDoesNotMatch</Code><RequestId>{i:08X}</RequestId><CanonicalRequestBytes>47 45 54 0a 2f {:02x}</CanonicalRequestBytes></Error>",
                i % 251
            );
        }
        s.into_bytes()
    }

    fn samples() -> Vec<Vec<u8>> {
        vec![
            Vec::new(),
            b"a".to_vec(),
            b"ab".to_vec(),
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec(),
            (0..=255u8).collect(),
            (0..=255u8).cycle().take(70_000).collect(),
            vec![0; 100_000],
            xml_like(3),
            xml_like(800),
            b"u=https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request".to_vec(),
        ]
    }

    #[test]
    fn round_trips_the_samples() {
        for s in samples() {
            assert_eq!(inflate(&deflate(&s), LIMIT), Ok(s));
        }
    }

    #[test]
    fn miniz_oxide_reads_what_we_write() {
        for s in samples() {
            let ours = deflate(&s);
            assert_eq!(
                miniz_oxide::inflate::decompress_to_vec(&ours)
                    .ok()
                    .as_deref(),
                Some(&s[..])
            );
        }
    }

    #[test]
    fn we_read_what_miniz_oxide_writes_at_every_level() {
        for s in samples() {
            for level in 0..=10 {
                let theirs = miniz_oxide::deflate::compress_to_vec(&s, level);
                assert_eq!(inflate(&theirs, LIMIT), Ok(s.clone()), "level {level}");
            }
        }
    }

    #[test]
    fn compresses_about_as_well_as_miniz_oxide_level_9() {
        for s in samples() {
            let ours = deflate(&s).len();
            let theirs = miniz_oxide::deflate::compress_to_vec(&s, 9).len();
            assert!(
                ours <= theirs + theirs / 20 + 4,
                "{ours} vs {theirs} for {} bytes",
                s.len()
            );
        }
    }

    #[test]
    fn every_cut_is_an_error() {
        for s in samples() {
            let stream = deflate(&s);
            // Every cut of a short stream, every 97th of a long one (the test runs unoptimized).
            let step = if stream.len() > 1000 { 97 } else { 1 };
            for cut in (0..stream.len()).step_by(step) {
                assert_eq!(
                    inflate(&stream[..cut], LIMIT),
                    Err(InflateError::Truncated),
                    "cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn the_limit_bounds_the_output() {
        let s = vec![b'a'; 10_000];
        for stream in [
            deflate(&s),
            miniz_oxide::deflate::compress_to_vec(&s, 0),
            miniz_oxide::deflate::compress_to_vec(&s, 1),
        ] {
            assert_eq!(inflate(&stream, 9_999), Err(InflateError::TooLong));
            assert_eq!(inflate(&stream, 10_000), Ok(s.clone()));
        }
    }

    #[test]
    fn invalid_streams_are_errors() {
        // Block type 3.
        assert_eq!(inflate(&[0b111], LIMIT), Err(InflateError::Corrupt));
        // A stored block whose NLEN is not the complement of LEN.
        assert_eq!(inflate(&[1, 5, 0, 0, 0], LIMIT), Err(InflateError::Corrupt));
        // A fixed block whose first match reaches before the start: length 3 (code 257,
        // 0000001), distance 1 (00000).
        let mut w = BitWriter::new();
        w.put(0b011, 3);
        w.put(0b100_0000, 7);
        w.put(0, 5);
        assert_eq!(inflate(&w.finish(), LIMIT), Err(InflateError::Corrupt));
        // Length code 286 in a fixed block (11000110 reversed).
        let mut w = BitWriter::new();
        w.put(0b011, 3);
        w.put(0b0110_0011, 8);
        w.put(0, 16);
        assert_eq!(inflate(&w.finish(), LIMIT), Err(InflateError::Corrupt));
        assert_eq!(inflate(&[], LIMIT), Err(InflateError::Truncated));
    }

    proptest! {
        #[test]
        fn round_trips_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let stream = deflate(&data);
            prop_assert_eq!(inflate(&stream, LIMIT), Ok(data.clone()));
            prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&stream).ok(), Some(data));
        }

        #[test]
        fn round_trips_repetitive_text(
            parts in proptest::collection::vec("[a-c%=&]{1,12}", 1..40),
            picks in proptest::collection::vec(0usize..40, 0..400),
        ) {
            let data: Vec<u8> = picks.iter().flat_map(|&i| parts[i % parts.len()].bytes()).collect();
            let stream = deflate(&data);
            prop_assert_eq!(inflate(&stream, LIMIT), Ok(data.clone()));
            prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&stream).ok(), Some(data));
        }

        #[test]
        fn any_input_is_an_answer_not_a_panic(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(out) = inflate(&data, 4096) {
                prop_assert!(out.len() <= 4096);
                // miniz_oxide agrees on every stream we accept, except that it reads on past
                // the limit.
                if let Ok(theirs) = miniz_oxide::inflate::decompress_to_vec_with_limit(&data, 4096) {
                    prop_assert_eq!(out, theirs);
                }
            }
        }

        #[test]
        fn corrupting_a_stream_never_panics(
            data in proptest::collection::vec(any::<u8>(), 0..500),
            flips in proptest::collection::vec((any::<usize>(), 0u8..8), 1..4),
        ) {
            let mut stream = deflate(&data);
            for (at, bit) in flips {
                let n = stream.len();
                stream[at % n] ^= 1 << bit;
            }
            let _ = inflate(&stream, LIMIT);
        }
    }
}
