//! UTF-16 drafts (as some Windows editors save them): recognised by their
//! byte-order mark and decoded to UTF-8, remembering for every character how
//! far its offset in the file is from its offset in the text, so reported
//! byte offsets still index the file on disk.

use crate::text::OffsetMap;

use super::Decoded;

/// The byte order a BOM announces: `Some(true)` little-endian. A UTF-32
/// little-endian BOM (`FF FE 00 00`) is not UTF-16.
pub fn bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => None,
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// Decodes UTF-16 text after its 2-byte BOM; unpaired surrogates and an odd
/// trailing byte become U+FFFD.
pub fn decode(bytes: &[u8], little: bool) -> Decoded {
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(body.len());
    let mut offsets = OffsetMap::with_bom(2);
    let mut file = 0usize; // bytes of `body` consumed
    let mut lossy = false;
    for r in char::decode_utf16(units) {
        let (c, units) = match r {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => {
                lossy = true;
                (char::REPLACEMENT_CHARACTER, 1)
            }
        };
        text.push(c);
        file += 2 * units;
        offsets.record(text.len(), file as isize - text.len() as isize);
    }
    if body.len() % 2 == 1 {
        lossy = true;
        text.push(char::REPLACEMENT_CHARACTER);
        offsets.record(text.len(), body.len() as isize - text.len() as isize);
    }
    Decoded { text, offsets, lossy }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(s: &str, little: bool) -> Vec<u8> {
        let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in s.encode_utf16() {
            out.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn both_byte_orders_decode_with_file_offsets() {
        for little in [true, false] {
            let bytes = encode("Café [1] 😀 x", little);
            assert_eq!(bom(&bytes), Some(little));
            let d = decode(&bytes, little);
            assert_eq!((d.text.as_str(), d.lossy), ("Café [1] 😀 x", false));
            // "[" is the 6th character: file offset 2 + 5 * 2.
            let at = d.text.find('[').unwrap();
            assert_eq!(d.offsets.to_file(at), 12);
            // "x" follows the emoji (two units) and a space.
            let x = d.text.find('x').unwrap();
            assert_eq!(d.offsets.to_file(x), bytes.len() - 2);
        }
    }

    #[test]
    fn broken_units_are_replaced_and_utf32_is_not_utf16() {
        let mut bytes = encode("ab", true);
        bytes.extend([0x00, 0xD8]); // a lone high surrogate
        bytes.push(b'z'); // an odd byte
        let d = decode(&bytes, true);
        assert_eq!((d.text.as_str(), d.lossy), ("ab\u{FFFD}\u{FFFD}", true));
        assert_eq!(bom(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]), None);
    }
}
