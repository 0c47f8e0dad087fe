//! Division by a limit's period without a hardware division: every decision divides the time by
//! the window several times (window start, previous-window weight, reset time, refill time),
//! and a 64-bit `idiv` costs 10–40 cycles where a multiplication costs 3.
//!
//! The multiplier is Granlund and Montgomery's (1994, theorem 4.2): for a divisor `d` and
//! `l = ceil(log2 d)`, `m = floor(2^(64+l) / d) + 1` satisfies `2^(64+l) <= m*d <= 2^(64+l) + 2^l`,
//! so `floor(n / d) == floor(m*n / 2^(64+l))` for every `0 <= n < 2^64`. `m` has 65 bits: its low
//! 64 bits are kept and the implicit `2^64*n` is added back, which cannot overflow for `n < 2^63`.

/// A positive divisor (at most 2^32) with its precomputed multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Divisor {
    value: i64,
    /// The multiplier minus 2^64.
    magic: u64,
    /// `ceil(log2(value))`.
    shift: u32,
}

/// The largest divisor the multiplier scheme is used for (periods and refill rates are far below).
const MAX_DIVISOR: i64 = 1 << 32;

impl Divisor {
    /// The divisor `value` (clamped into `1..=2^32`; callers validate their periods first).
    pub(crate) fn new(value: i64) -> Divisor {
        let value = value.clamp(1, MAX_DIVISOR);
        let shift = 64 - (value as u64 - 1).leading_zeros();
        let multiplier = (1u128 << (64 + shift)) / value as u128 + 1;
        Divisor { value, magic: (multiplier - (1u128 << 64)) as u64, shift }
    }

    /// The divisor.
    #[inline(always)]
    pub(crate) fn value(&self) -> i64 {
        self.value
    }

    /// `n.div_euclid(value)`: the floor of the quotient, for every `n` (negative ones come only
    /// from a clock before 1970).
    #[inline(always)]
    pub(crate) fn floor(&self, n: i64) -> i64 {
        // Branch-free for both signs (so repeated divisions of one value fold into one): below
        // zero, floor(n / d) = !floor(!n / d), and !n >= 0.
        let sign = n >> 63;
        let m = (n ^ sign) as u64;
        let high = ((u128::from(m) * u128::from(self.magic)) >> 64) as u64;
        (((high + m) >> self.shift) as i64) ^ sign
    }

    /// The ceiling of `n / value` for `n >= 0`.
    #[inline(always)]
    pub(crate) fn ceil(&self, n: i64) -> i64 {
        self.floor(n + self.value - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::Divisor;

    fn check(d: i64, n: i64) {
        assert_eq!(Divisor::new(d).floor(n), n.div_euclid(d), "{n} / {d}");
    }

    #[test]
    fn floor_equals_hardware_division() {
        let divisors = (1..=4_100).chain([
            59_999,
            60_000,
            60_001,
            86_400_000,
            999_999_937,
            1_000_000_000,
            2_592_000_000,
            (1 << 31) - 1,
            1 << 31,
            (1 << 32) - 1,
            1 << 32,
        ]);
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for d in divisors {
            for n in
                [0, 1, d - 1, d, d + 1, 2 * d - 1, 2 * d, 1_795_000_000_000, i64::MAX, i64::MAX - 1, -1, -d, i64::MIN]
            {
                check(d, n);
            }
            for _ in 0..64 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                check(d, (state >> (state % 64)) as i64);
                check(d, (state >> 1) as i64 / d * d - 1);
                check(d, -((state >> (state % 64)) as i64 >> 1));
            }
        }
    }

    #[test]
    fn ceil_rounds_up() {
        let three = Divisor::new(3);
        assert_eq!([0, 1, 2, 3, 4].map(|n| three.ceil(n)), [0, 1, 1, 1, 2]);
        assert_eq!(Divisor::new(1).ceil(7), 7);
    }
}
