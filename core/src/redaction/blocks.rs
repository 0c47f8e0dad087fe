//! Byte classes of 16-byte blocks as bit masks (bit `i` for byte `i`), for the digit scan: where
//! the digits are, and which bytes belong to a token of `[0-9A-Fa-f.:-]`, by class. On x86_64
//! a block is tested with a few SSE2 compares and one `movemask` per class (SSE2 is part of the
//! x86_64 baseline; `safe_arch` wraps the intrinsics in safe functions, so core stays free of
//! `unsafe`); elsewhere a byte loop builds the same masks. Bytes past the end of the text belong to no class.

/// Bytes per block.
pub(super) const BLOCK: usize = 16;

/// The class masks of the token bytes of one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TokenMasks {
    /// `0-9`.
    pub digit: u32,
    /// `a-f` and `A-F`.
    pub letter: u32,
    /// `:`.
    pub colon: u32,
    /// `.`.
    pub dot: u32,
    /// `-`.
    pub dash: u32,
}

impl TokenMasks {
    /// The bytes of any token class.
    pub fn inside(&self) -> u32 {
        self.digit | self.letter | self.colon | self.dot | self.dash
    }

    fn shifted_right(self, n: u32) -> TokenMasks {
        TokenMasks {
            digit: self.digit >> n,
            letter: self.letter >> n,
            colon: self.colon >> n,
            dot: self.dot >> n,
            dash: self.dash >> n,
        }
    }
}

/// The digits of `text[at..at + 16]` (bytes past the end are no digits).
#[inline(always)]
pub(super) fn digits_at(text: &[u8], at: usize) -> u32 {
    block_at(text, at, digit_mask, |mask, n| mask >> n)
}

/// The token classes of `text[at..at + 16]` (bytes past the end are in no class).
#[inline(always)]
pub(super) fn token_masks_at(text: &[u8], at: usize) -> TokenMasks {
    block_at(text, at, token_masks, TokenMasks::shifted_right)
}

/// `test` on the block at `at`. A block reaching past the end is read as the text's last 16
/// bytes with the result shifted down to `at` (no copy); a text shorter than a block is copied
/// into a zero-padded one (a zero byte is in no class).
#[inline(always)]
fn block_at<T>(text: &[u8], at: usize, test: fn(&[u8; BLOCK]) -> T, shift: fn(T, u32) -> T) -> T {
    if let Some(block) = text.get(at..at + BLOCK) {
        test(as_block(block))
    } else if let Some(last) = text.len().checked_sub(BLOCK) {
        // `at` lies inside the last block (callers never ask beyond the end)
        shift(test(as_block(&text[last..])), (at.min(text.len()) - last) as u32)
    } else {
        let mut padded = [0; BLOCK];
        let rest = text.get(at..).unwrap_or_default();
        padded[..rest.len()].copy_from_slice(rest);
        test(&padded)
    }
}

fn as_block(bytes: &[u8]) -> &[u8; BLOCK] {
    bytes.try_into().unwrap_or(&[0; BLOCK])
}

#[cfg(target_arch = "x86_64")]
use sse2::{digit_mask, token_masks};

#[cfg(not(target_arch = "x86_64"))]
use bytewise::{digit_mask, token_masks};

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use safe_arch::{
        add_i8_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, cmp_lt_mask_i8_m128i, load_unaligned_m128i, m128i,
        move_mask_i8_m128i, set_splat_i8_m128i,
    };

    use super::{BLOCK, TokenMasks};

    /// Lanes where `low <= byte <= high` (`high - low < 128`): `byte - low` moved to the bottom
    /// of the signed range and compared there.
    #[inline(always)]
    fn in_range(bytes: m128i, low: u8, high: u8) -> m128i {
        let bottom = add_i8_m128i(bytes, set_splat_i8_m128i(0x80u8.wrapping_sub(low) as i8));
        cmp_lt_mask_i8_m128i(bottom, set_splat_i8_m128i((0x80 + i32::from(high - low) + 1 - 256) as i8))
    }

    #[inline(always)]
    fn mask(lanes: m128i) -> u32 {
        move_mask_i8_m128i(lanes) as u32
    }

    #[inline(always)]
    pub(super) fn digit_mask(block: &[u8; BLOCK]) -> u32 {
        mask(in_range(load_unaligned_m128i(block), b'0', b'9'))
    }

    #[inline(always)]
    pub(super) fn token_masks(block: &[u8; BLOCK]) -> TokenMasks {
        let bytes = load_unaligned_m128i(block);
        let eq = |b: u8| mask(cmp_eq_mask_i8_m128i(bytes, set_splat_i8_m128i(b as i8)));
        // `| 0x20` maps only `A-F` and `a-f` to `a-f`
        let folded = bitor_m128i(bytes, set_splat_i8_m128i(0x20));
        TokenMasks {
            digit: mask(in_range(bytes, b'0', b'9')),
            letter: mask(in_range(folded, b'a', b'f')),
            colon: eq(b':'),
            dot: eq(b'.'),
            dash: eq(b'-'),
        }
    }
}

#[cfg(any(test, not(target_arch = "x86_64")))]
mod bytewise {
    use super::{BLOCK, TokenMasks};

    fn mask(block: &[u8; BLOCK], class: impl Fn(u8) -> bool) -> u32 {
        block.iter().enumerate().fold(0, |mask, (i, &b)| mask | u32::from(class(b)) << i)
    }

    pub(super) fn digit_mask(block: &[u8; BLOCK]) -> u32 {
        mask(block, |b| b.is_ascii_digit())
    }

    pub(super) fn token_masks(block: &[u8; BLOCK]) -> TokenMasks {
        TokenMasks {
            digit: mask(block, |b| b.is_ascii_digit()),
            letter: mask(block, |b| matches!(b, b'a'..=b'f' | b'A'..=b'F')),
            colon: mask(block, |b| b == b':'),
            dot: mask(block, |b| b == b'.'),
            dash: mask(block, |b| b == b'-'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_agree_with_byte_tests_for_every_byte() {
        for b in 0..=255u8 {
            for at in 0..BLOCK {
                let mut block = [b'z'; BLOCK];
                block[at] = b;
                block[(at + 5) % BLOCK] = b'7';
                assert_eq!(digit_mask(&block), bytewise::digit_mask(&block), "{block:?}");
                assert_eq!(token_masks(&block), bytewise::token_masks(&block), "{block:?}");
            }
        }
    }

    #[test]
    fn blocks_past_the_end_hold_nothing() {
        let text: Vec<u8> = b"0a:.-Zx9".iter().cycle().take(45).copied().collect();
        for len in 0..text.len() {
            let text = &text[..len];
            for at in 0..=len {
                let mut block = [0; BLOCK];
                let n = (len - at).min(BLOCK);
                block[..n].copy_from_slice(&text[at..at + n]);
                assert_eq!(digits_at(text, at), bytewise::digit_mask(&block), "{len} {at}");
                assert_eq!(token_masks_at(text, at), bytewise::token_masks(&block), "{len} {at}");
            }
        }
    }
}
