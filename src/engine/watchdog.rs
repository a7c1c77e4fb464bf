//! Notices a template that takes long to set in type. Templates are trusted, but a Typst loop
//! cannot be stopped from outside once it runs: every compile says which template it is
//! setting, and a watcher thread tells the listener of any running longer than [`LONG`] (once
//! per template and build), so that the user knows what is running and can stop it.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::{Event, Listener};

/// How long a compile runs before it is reported.
const LONG: Duration = Duration::from_secs(10);

#[derive(Default)]
pub struct Watchdog {
    /// The compiles running, by a number of their own: template and since when.
    running: Mutex<HashMap<u64, (&'static str, Instant)>>,
    next: AtomicU64,
}

impl Watchdog {
    /// Runs `f`, a compile of `template`, where the watcher can see it.
    pub fn run<T>(&self, template: &'static str, f: impl FnOnce() -> T) -> T {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, (template, Instant::now()));
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
                        .filter(|(_, since)| since.elapsed() >= LONG)
                        .map(|(template, since)| (*template, since.elapsed().as_secs()))
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, (&'static str, Instant)>> {
        self.running
            .lock()
            .expect("no compile panicked holding the lock")
    }
}
