//! Work on every core, answered in order: the batch front ends (the CLI's `--jsonl`,
//! and any other binding) analyse many texts at once with [`ordered`], which reads,
//! works and writes on threads of its own and hands results on in input order, holding
//! at most a fixed number of items at a time however long the input.
//!
//! Not in the wasm: a browser page has one worker per analysis.

use std::collections::HashMap;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
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
        // Owned by the workers: when the last one stops, the reader's sends fail and it
        // stops too (after a write error, say).
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let (job_rx, done_tx, work) = (Arc::clone(&job_rx), done_tx.clone(), &work);
            s.spawn(move || work_on(&job_rx, &done_tx, work));
        }
        drop(done_tx);
        // Results done out of order wait for the ones before them: at most a window.
        let mut order = InOrder::default();
        for (seq, result) in &done {
            order.insert(seq, result);
            while let Some(result) = order.pop() {
                write(result)?;
                // The reader may be gone (the input ended): nothing to wake.
                let _ = room_tx.send(());
            }
        }
        Ok(())
    })
}

/// A worker of a pool: takes numbered jobs from `jobs`, which the pool's workers
/// share, until it closes, and sends each result with its number to `done` (until
/// nobody receives them).
pub(crate) fn work_on<T, R>(
    jobs: &Mutex<Receiver<(usize, T)>>,
    done: &Sender<(usize, R)>,
    work: impl Fn(T) -> R,
) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => break,
        };
        let Ok((seq, item)) = job else { break };
        if done.send((seq, work(item))).is_err() {
            break;
        }
    }
}

/// Numbered results that come out of order, handed on in order.
#[derive(Debug)]
pub(crate) struct InOrder<R> {
    waiting: HashMap<usize, R>,
    next: usize,
}

impl<R> Default for InOrder<R> {
    fn default() -> Self {
        InOrder {
            waiting: HashMap::new(),
            next: 0,
        }
    }
}

impl<R> InOrder<R> {
    /// Keeps result number `seq` until the ones before it are handed on.
    pub(crate) fn insert(&mut self, seq: usize, result: R) {
        self.waiting.insert(seq, result);
    }

    /// The next result in order, if it is done.
    pub(crate) fn pop(&mut self) -> Option<R> {
        let result = self.waiting.remove(&self.next)?;
        self.next += 1;
        Some(result)
    }

    /// How many results were handed on (a batch that reads as it hands on counts
    /// what is out with it).
    #[cfg(feature = "python")]
    pub(crate) fn handed(&self) -> usize {
        self.next
    }
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

    #[test]
    fn a_write_error_stops_a_reader_that_waits_on_busy_workers() {
        // A window far wider than the workers' queue: the reader waits to hand over
        // a job, not for room, when the first write fails; it must not wait forever.
        let mut items = 0..u64::MAX;
        let r = ordered(2, 1000, move || items.next(), |n| n, |_| Err("closed"));
        assert_eq!(r, Err("closed"));
    }
}
