//! Notices a template that takes long to set in type. Templates are trusted, but a Typst loop
//! cannot be stopped from outside once it runs: every compile says which template it is
//! setting, and a watcher thread tells the listener of any running longer than [`LONG`], and
//! longer for a long source (once per template and build), so that the user knows what is
//! running and can stop it.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::{Event, Listener};

/// How long a compile runs before it is reported.
const LONG: Duration = Duration::from_secs(10);

/// How much source a compile is given a second more for: the lists of 10,000 invitees (some
/// 900 KB) take longer than [`LONG`] on a slow machine, and are not stuck.
const BYTES_PER_SECOND: usize = 50 * 1024;

/// How long a compile of `source_len` bytes runs before it is reported.
fn long_for(source_len: usize) -> Duration {
    LONG + Duration::from_secs((source_len / BYTES_PER_SECOND) as u64)
}

/// A compile running: its template, since when, and after how long it is reported.
type Running = (&'static str, Instant, Duration);

#[derive(Default)]
pub struct Watchdog {
    /// The compiles running, by a number of their own.
    running: Mutex<HashMap<u64, Running>>,
    next: AtomicU64,
}

impl Watchdog {
    /// Runs `f`, a compile of `template` from `source_len` bytes, where the watcher can see it.
    pub fn run<T>(&self, template: &'static str, source_len: usize, f: impl FnOnce() -> T) -> T {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let long = long_for(source_len);
        self.lock().insert(id, (template, Instant::now(), long));
        let result = f();
        self.lock().remove(&id);
        result
    }

    /// Runs `f` with a watcher thread telling `listen` of compiles that run long.
    pub fn watch<R>(&self, listen: Listener, f: impl FnOnce() -> R) -> R {
        let (done, stop) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut reported = HashSet::new();
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stop.recv_timeout(Duration::from_secs(1))
                {
                    let long: Vec<(&str, u64)> = self
                        .lock()
                        .values()
                        .filter(|(_, since, long)| since.elapsed() >= *long)
                        .map(|(template, since, _)| (*template, since.elapsed().as_secs()))
                        .collect();
                    for (template, seconds) in long {
                        if reported.insert(template) {
                            listen(Event::Running {
                                template: template.to_string(),
                                seconds,
                            });
                        }
                    }
                }
            });
            let result = f();
            let _ = done.send(());
            result
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Running>> {
        self.running
            .lock()
            .expect("no compile panicked holding the lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_source_is_given_longer_before_it_is_reported() {
        assert_eq!(long_for(20 * 1024), LONG);
        // The list of 10,000 invitees.
        assert!(long_for(900 * 1024) >= LONG + Duration::from_secs(17));
    }
}
