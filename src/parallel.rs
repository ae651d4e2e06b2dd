//! Work on every core, answered in order: the batch front ends (the CLI's `--jsonl`,
//! and any other binding) analyse many texts at once with [`ordered`], which reads,
//! works and writes on threads of its own and hands results on in input order, holding
//! at most a fixed number of items at a time however long the input.
//!
//! Not in the wasm: a browser page has one worker per analysis.

use std::collections::HashMap;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

/// The number of threads to use when the caller does not say: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Maps every item that `read` gives through `work` on `threads` threads, and hands each
/// result to `write` in the order the items were read; returns `write`'s first error.
///
/// `read` runs on a thread of its own (it may block, on a pipe say), `work` on
/// `threads` workers, `write` on the calling thread as soon as the result next in order
/// is done. At most `window` items (at least `threads`) are read and not yet written:
/// memory stays bounded however long the input, and one slow item holds up no more
/// than that. With one thread everything runs on the calling thread, one item at a
/// time. When `write` fails, no more items are read after the one `read` is reading.
///
/// ```
/// let mut items = (1..=100u64).into_iter();
/// let mut got = Vec::new();
/// newslens::parallel::ordered(
///     4,
///     8,
///     move || items.next(),
///     |n| n * n,
///     |square| -> Result<(), ()> { got.push(square); Ok(()) },
/// )
/// .unwrap();
/// assert_eq!(got, (1..=100u64).map(|n| n * n).collect::<Vec<_>>());
/// ```
///
/// # Errors
/// The first error `write` returns; the items after it are not written.
///
/// # Panics
/// When `read` or `work` panics: the panic is passed on once the other threads end.
pub fn ordered<T, R, E>(
    threads: usize,
    window: usize,
    mut read: impl FnMut() -> Option<T> + Send,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    if threads <= 1 {
        while let Some(item) = read() {
            write(work(item))?;
        }
        return Ok(());
    }
    let window = window.max(threads);
    std::thread::scope(|s| {
        let (jobs, job_rx) = sync_channel::<(usize, T)>(threads);
        let (done_tx, done) = channel::<(usize, R)>();
        // One token for each item that may be read and not yet written.
        let (room_tx, room) = sync_channel::<()>(window);
        for _ in 0..window {
            room_tx
                .send(())
                .expect("the channel holds a window's tokens");
        }
        s.spawn(move || {
            for seq in 0.. {
                let Some(item) = room.recv().ok().and_then(|()| read()) else {
                    break;
                };
                if jobs.send((seq, item)).is_err() {
                    break;
                }
            }
        });
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let (job_rx, done_tx, work) = (Arc::clone(&job_rx), done_tx.clone(), &work);
            s.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, item)) = job else { break };
                if done_tx.send((seq, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // Results done out of order wait here for the ones before them: at most a
        // window of them.
        let mut waiting: HashMap<usize, R> = HashMap::with_capacity(window);
        let mut next = 0;
        for (seq, result) in &done {
            waiting.insert(seq, result);
            while let Some(result) = waiting.remove(&next) {
                write(result)?;
                next += 1;
                // The reader may be gone (the input ended): nothing to wake.
                let _ = room_tx.send(());
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::ordered;

    #[test]
    fn results_come_in_input_order_whatever_the_work_takes() {
        for threads in [1, 2, 3, 8] {
            let mut items = 0..200u64;
            let mut got = Vec::new();
            ordered(
                threads,
                4,
                move || items.next(),
                |n| {
                    // Every seventh item takes longer, so results finish out of order.
                    if n % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    n + 1
                },
                |r| -> Result<(), ()> {
                    got.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(got, (1..=200).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn no_more_than_a_window_is_read_ahead_of_what_is_written() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let read = AtomicUsize::new(0);
        let mut written = 0;
        let mut most = 0;
        ordered(
            2,
            5,
            || (read.fetch_add(1, Ordering::SeqCst) < 1000).then_some(()),
            |()| std::thread::yield_now(),
            |()| -> Result<(), ()> {
                written += 1;
                most = most.max(read.load(Ordering::SeqCst) - written);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(written, 1000);
        // The window, and the one item the reader may be reading when it waits.
        assert!(most <= 6, "{most} read ahead");
    }

    #[test]
    fn a_write_error_stops_the_batch() {
        let mut items = 0..u64::MAX;
        let mut written = 0;
        let r = ordered(
            2,
            4,
            move || items.next(),
            |n| n,
            |n| {
                written += 1;
                if n == 10 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("closed"));
        assert_eq!(written, 11);
    }
}
