//! Stack cost of one nesting level (measurement, ignored).

use tl_types::{DEFAULT_MAX_DEPTH, Deserializable, Reader, enums};

use crate::support::*;

const STACK_PROBE_ENV: &str = "TL_TYPES_HOSTILE_STACK_PROBE";
// The full name, for `--exact`: the module path is part of it.
const STACK_PROBE_TEST: &str = "stack::measure_stack_bytes_per_nesting_level";

/// Decodes `input` built by [`nested_path`] with no depth limit; forgets the value (or drops
/// it: dropping a deep chain of boxes recurses too).
fn decode_path(path: &str, input: &[u8], drop_value: bool) -> bool {
    fn run<T: Deserializable>(input: &[u8], drop_value: bool) -> bool {
        let mut reader = Reader::with_options(input, with_max_depth(u32::MAX));
        let value = T::deserialize(&mut reader);
        let ok = value.is_ok() && reader.remaining() == 0;
        if drop_value {
            drop(value);
        } else {
            std::mem::forget(value);
        }
        ok
    }
    match path {
        "textBold" => run::<enums::RichText>(input, drop_value),
        "jsonArray" => run::<enums::JsonValue>(input, drop_value),
        "messageMediaStory" => run::<enums::MessageMedia>(input, drop_value),
        _ => panic!("unknown path {path}"),
    }
}

/// In the child: decode `depth` levels along `path` on a thread of `stack` bytes with no
/// depth limit. Prints a line once it survived.
fn stack_probe_child(spec: &str) {
    let mut parts = spec.split(':');
    let stack: usize = parts.next().unwrap().parse().unwrap();
    let depth: usize = parts.next().unwrap().parse().unwrap();
    let drop_value = parts.next() == Some("drop");
    let path = parts.next().unwrap().to_owned();
    let input = nested_path(&path, depth);
    let decoded = on_thread_with_stack(stack, move || decode_path(&path, &input, drop_value));
    assert!(decoded);
    println!("stack probe survived: stack {stack} depth {depth}");
}

/// Whether decoding at `depth` fits in `stack` bytes, by running it in a child process.
fn stack_probe_fits(stack: usize, depth: usize, mode: &str, path: &str) -> bool {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            STACK_PROBE_TEST,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(STACK_PROBE_ENV, format!("{stack}:{depth}:{mode}:{path}"))
        .output()
        .expect("run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let survived = stdout.contains("stack probe survived");
    if !output.status.success() && survived {
        panic!("child survived but failed: {output:?}");
    }
    if !survived {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("overflow"),
            "child failed without a stack overflow: {output:?}"
        );
    }
    survived
}

/// The deepest nesting that decodes in `stack` bytes (to within 0.2%).
fn deepest_that_fits(stack: usize, mode: &str, path: &str) -> usize {
    let mut ok = 0;
    let mut fail = 256;
    while stack_probe_fits(stack, fail, mode, path) {
        ok = fail;
        fail *= 2;
        assert!(fail < 1 << 28, "no overflow at depth {fail}");
    }
    while fail - ok > (ok / 500).max(1) {
        let mid = ok + (fail - ok) / 2;
        if stack_probe_fits(stack, mid, mode, path) {
            ok = mid;
        } else {
            fail = mid;
        }
    }
    ok
}

#[test]
#[ignore = "measurement: cargo test -p tl-types --test hostile [--release] -- --ignored --nocapture"]
fn measure_stack_bytes_per_nesting_level() {
    if let Ok(spec) = std::env::var(STACK_PROBE_ENV) {
        stack_probe_child(&spec);
        return;
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    // "drop" also drops the decoded value (a recursive chain of boxes): it needs no more
    // stack than decoding if both modes give the same numbers.
    for path in ["textBold", "jsonArray", "messageMediaStory"] {
        for mode in ["forget", "drop"] {
            let small = 1 << 20;
            let large = 8 << 20;
            let d_small = deepest_that_fits(small, mode, path);
            let d_large = deepest_that_fits(large, mode, path);
            let slope = (large - small) as f64 / (d_large - d_small) as f64;
            println!(
                "[{profile}] {path} decode{}: {d_small} levels fit in 1 MiB ({:.0} B/level), \
                 {d_large} in 8 MiB ({:.0} B/level); marginal {slope:.0} B/level; \
                 {DEFAULT_MAX_DEPTH} levels ~ {:.1} KiB",
                if mode == "drop" { " + drop" } else { "" },
                small as f64 / d_small as f64,
                large as f64 / d_large as f64,
                slope * f64::from(DEFAULT_MAX_DEPTH) / 1024.0,
            );
            assert!(d_large > d_small);
        }
    }
}
