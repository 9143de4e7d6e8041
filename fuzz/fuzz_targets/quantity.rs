//! Arbitrary bytes, read as lossy UTF-8, through the quantity parser; every figure it returns
//! must have a sane span and finite, ordered numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    for q in crosscheck::quantity::parse(text) {
        assert!(
            q.start <= q.end && q.end <= text.len(),
            "span {}..{} outside text of {} bytes",
            q.start,
            q.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(q.start),
            "start {} not on a char boundary",
            q.start
        );
        assert!(
            text.is_char_boundary(q.end),
            "end {} not on a char boundary",
            q.end
        );
        assert_eq!(
            &text[q.start..q.end],
            q.text,
            "q.text differs from text[start..end]"
        );
        if let Some(v) = q.value {
            assert!(v.is_finite(), "value {v} not finite in {q:?}");
        }
        if let Some(lo) = q.interval.lo {
            assert!(lo.value.is_finite(), "lo {} not finite in {q:?}", lo.value);
        }
        if let Some(hi) = q.interval.hi {
            assert!(hi.value.is_finite(), "hi {} not finite in {q:?}", hi.value);
        }
        if let (Some(lo), Some(hi)) = (q.interval.lo, q.interval.hi) {
            assert!(
                lo.value <= hi.value,
                "lo {} > hi {} in {q:?}",
                lo.value,
                hi.value
            );
        }
    }
});
