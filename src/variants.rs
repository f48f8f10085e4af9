//! Strum's list of an enum's variants as a fixed-size array, for the `ALL` constants.
//!
//! The enums whose names are stored in progress files, JSON and the command line derive their
//! tables with strum (`IntoStaticStr` for `name()`, `EnumString` for `parse()`,
//! `VariantArray` for the variants). `VariantArray` gives a slice; callers of `ALL` map it to
//! arrays (the four rating previews) and iterate it by value, so `ALL` stays an array.

use strum::VariantArray;

/// `T::VARIANTS` in declaration order as an array of `N`. Called in a `const`, so an `N` that
/// is not the number of variants fails the build wherever that constant is used.
pub(crate) const fn array<T: VariantArray + Copy, const N: usize>() -> [T; N] {
    let variants = T::VARIANTS;
    assert!(variants.len() == N, "N must be the number of variants");
    let mut out = [variants[0]; N];
    let mut i = 1;
    while i < N {
        out[i] = variants[i];
        i += 1;
    }
    out
}
