//! The progress parser on any text, on stable Rust, from `fuzz/`: `mkdir -p corpus/progress`,
//! then `cargo fuzz run --sanitizer none progress corpus/progress seeds/progress` (new inputs
//! go to the first directory, which git ignores; `seeds/progress/` holds real files). The
//! oracle is the one the mutation test in `tests/progress_mutations.rs` uses: no panic, every
//! problem at FILE:LINE:COL with nothing that could drive a terminal, the fast path agreeing
//! with the full parser, and what loads written back the same.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes that are not UTF-8 are refused before any parsing (at their place).
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(why) = cloudcram::progress::fuzzing::check(text)
    {
        panic!("{why}");
    }
});
