//! How fast hoinghi makes invitations, measured on synthetic lists: `cargo bench`.
//!
//! For 300 and 3,000 invitations (names, positions and units drawn with a fixed seed), it runs
//! the release binary as a user would, cold (a fresh output folder) and warm (nothing changed;
//! one invitee changed; the date fixed), each case three times, and prints for the run of
//! median wall time documents per second, milliseconds per invitation, wall and CPU time and
//! peak memory. When a `typst` binary is on PATH
//! (`cargo install typst-cli --locked`), it also times the same invitations compiled by the
//! typst command-line compiler once per invitation, two at a time (plus the merged file), and
//! prints the ratio; with `qpdf` on PATH too, also the typst CLI compiling one file of all the
//! invitations (the source `build --emit-typst` writes) and `qpdf --split-pages` cutting it.
//! The cold build and the CLI routes run in turns, five times each, so that the ratio compares
//! runs made on the machine in the same state.
//! `HOINGHI_BENCH_COUNTS=300,10000` chooses the list sizes (default 300 and 3,000). Then, at
//! scale, `check` and a full build of every paper, cold, at 1,000, 4,000 and 10,000 invitees
//! (`HOINGHI_BENCH_SCALE` to choose).
//!
//! It also measures the web page's preview after an edit (`hoinghi serve`, warm): 50 edits of
//! the sample conference, each saved through the page's own request and followed by the
//! preview of what it changed, an invitation or a page of the script, from the edit's request
//! to the PNG received; it prints the median and the 95th percentile.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hoinghi::documents::invitation_file;
use hoinghi::model;
use hoinghi::render::Templates;
use serde_json::{Value, json};

/// What one run of a program cost.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    wall: Duration,
    cpu: Duration,
    /// Peak resident memory, in MiB.
    peak_mib: f64,
}

/// Runs a command to its end and measures it (wait4 gives the child's own CPU and memory).
#[allow(clippy::zombie_processes)] // reaped by wait4, which std does not know about
fn measure(cmd: &mut Command) -> Cost {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child's, waited for once; status and usage are valid out-pointers.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(reaped, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let seconds = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Cost {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// A deterministic stream of choices (xorshift), so every run draws the same list.
struct Draw(u64);

impl Draw {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        items[(self.0 % items.len() as u64) as usize]
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Nông", "Lương", "Vi", "Lộc", "Chu", "Mã", "Lăng", "Hà", "Triệu", "Đàm",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Minh", "Ngọc", "Thu", "Quang", "Đức", "Hữu", "Thanh", "Xuân", "Hồng", "Bảo",
];
const GIVEN: &[&str] = &[
    "An", "Anh", "Ánh", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hạnh", "Hải", "Hiếu",
    "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phương",
    "Quỳnh", "Sơn", "Thảo", "Thủy", "Trang", "Tú", "Tuấn", "Ưng", "Yến",
];
const POSITION: &[&str] = &[
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng phòng",
    "Chủ tịch Ủy ban nhân dân",
    "Phó Chủ tịch Ủy ban nhân dân",
    "Chủ nhiệm Hợp tác xã",
    "Chuyên viên",
    "Chủ hộ kinh doanh",
];
const UNIT: &[&str] = &[
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Công Thương",
    "Hợp tác xã Nông nghiệp Đồng Bành",
    "Công ty TNHH Nông sản Xanh",
    "Ủy ban nhân dân xã Chi Lăng",
    "Ủy ban nhân dân phường Tam Thanh",
    "Hội Nông dân tỉnh",
    "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
];

/// The sample conference with `count` invitees drawn at random (always the same ones).
fn model(count: usize) -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json"),
    )
    .unwrap();
    let mut model: Value = serde_json::from_str(&text).unwrap();
    let mut draw = Draw(0x5EED_2025);
    let invitees: Vec<Value> = (0..count)
        .map(|i| {
            let name = format!("{} {} {}", draw.pick(FAMILY), draw.pick(MIDDLE), draw.pick(GIVEN));
            let honorific = draw.pick(&["Ông", "Bà", "Đồng chí"]);
            json!({"id": format!("k{i}"), "honorific": honorific, "name": name, "position": draw.pick(POSITION), "organization": draw.pick(UNIT)})
        })
        .collect();
    model["invitees"] = Value::Array(invitees);
    model
}

fn write(path: &Path, model: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(model).unwrap()).unwrap();
}

fn hoinghi(model: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoinghi"));
    cmd.args([
        "build",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--only",
        "giay-moi",
        "--quiet",
    ]);
    cmd
}

fn report(case: &str, count: usize, cost: Cost, baselines: &[(&str, Cost)]) {
    let per = cost.wall.as_secs_f64() * 1000.0 / count as f64;
    let ratio: String = baselines
        .iter()
        .map(|(name, b)| {
            format!(
                "  {:.1}× {name}",
                b.wall.as_secs_f64() / cost.wall.as_secs_f64()
            )
        })
        .collect();
    println!(
        "{case:<34} {count:>6} {:>9.0} {per:>10.3} {:>9.3} {:>9.3} {:>9.1}{ratio}",
        count as f64 / cost.wall.as_secs_f64(),
        cost.wall.as_secs_f64(),
        cost.cpu.as_secs_f64(),
        cost.peak_mib,
    );
}

/// Where the time of a cold build goes, as `--verbose` reports it (thread time is summed over
/// the cores, so it can exceed the wall time).
fn stages(model: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .arg("build")
        .arg(model)
        .arg("--out")
        .arg(out)
        .args(["--only", "giay-moi", "--verbose"])
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&run.stderr);
    println!("    where a cold build's time goes:");
    for line in report
        .lines()
        .filter(|l| !l.starts_with("wrote ") && !l.contains(" files written"))
    {
        println!("    {}", line.trim_start());
    }
}

/// How many times each case runs; the run with the median wall time is reported, so that one
/// slow or fast run on a busy machine does not stand for the case.
const RUNS: usize = 3;

fn median(mut run: impl FnMut() -> Cost) -> Cost {
    median_of((0..RUNS).map(|_| run()).collect())
}

/// The run of median wall time.
fn median_of(mut costs: Vec<Cost>) -> Cost {
    costs.sort_by_key(|c| c.wall);
    costs[costs.len() / 2]
}

/// How many times a cold build and the typst CLI routes are run, in turns, for the ratio
/// between them: the speed of a shared virtual machine drifts by a third over minutes (the
/// CLI routes took 1.06 s and 1.43 s in two runs a few hours apart), and a ratio of runs made
/// minutes apart measured the drift as much as the programs.
const ROUNDS: usize = 5;

/// The invitations as standalone Typst files, as the typst CLI would be given them.
fn typst_sources(model_path: &Path, dir: &Path) -> Vec<PathBuf> {
    let conf = model::load(&model::Source::File(model_path.to_path_buf())).unwrap();
    let templates = Templates::load(None).unwrap();
    for (name, text) in templates.typst_files() {
        std::fs::write(dir.join(name), text).unwrap();
    }
    (0..conf.model.invitees.len())
        .map(|i| {
            let source = templates
                .render(
                    "giay-moi.typ.j2",
                    hoinghi::context::build(&conf, "Tinos", &[i]),
                )
                .unwrap();
            let path =
                dir.join(invitation_file(i, &conf.model.invitees[i]).replace(".pdf", ".typ"));
            std::fs::write(&path, source).unwrap();
            path
        })
        .collect()
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `typst compile` of one file with only our fonts.
fn typst_compile(fonts: &Path, source: &Path) -> Command {
    let mut cmd = Command::new("typst");
    cmd.args(["compile", "--ignore-system-fonts", "--font-path"])
        .arg(fonts)
        .arg(source);
    cmd
}

/// The typst CLI once per invitation, two at a time, plus the merged file: the cost of the
/// whole loop, as one would script it.
fn typst_loop(sources: &[PathBuf], fonts: &Path, merged: &Path) -> Cost {
    let start = Instant::now();
    let mut total = Cost::default();
    for pair in sources.chunks(2) {
        let children: Vec<_> = pair
            .iter()
            .map(|src| {
                let mut cmd = typst_compile(fonts, src);
                std::thread::spawn(move || measure(&mut cmd))
            })
            .collect();
        for child in children {
            let cost = child.join().unwrap();
            total.cpu += cost.cpu;
            total.peak_mib = total.peak_mib.max(cost.peak_mib);
        }
    }
    let last = measure(&mut typst_compile(fonts, merged));
    total.cpu += last.cpu;
    total.peak_mib = total.peak_mib.max(last.peak_mib);
    total.wall = start.elapsed();
    total
}

/// The typst CLI compiling one file of all the invitations, then qpdf cutting it into one
/// file per invitation: the cheapest route with command-line tools.
fn typst_and_split(fonts: &Path, merged: &Path, dir: &Path) -> Cost {
    let start = Instant::now();
    let compiled = measure(&mut typst_compile(fonts, merged));
    let pdf = merged.with_extension("pdf");
    let split = measure(
        Command::new("qpdf")
            .arg("--split-pages")
            .arg(&pdf)
            .arg(dir.join("page-%d.pdf")),
    );
    Cost {
        wall: start.elapsed(),
        cpu: compiled.cpu + split.cpu,
        peak_mib: compiled.peak_mib.max(split.peak_mib),
    }
}

/// `hoinghi serve` for the benchmark, and the two requests the page makes after an edit.
struct Page {
    child: std::process::Child,
    addr: String,
    token: String,
    version: String,
}

impl Page {
    fn start(model: &Path) -> Self {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoinghi"))
            .arg("serve")
            .arg(model)
            .args(["--no-open", "--port", "0"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("hoinghi serve starts");
        let stdout = child.stdout.take().expect("piped");
        let mut lines = std::io::BufReader::new(stdout).lines();
        let addr = loop {
            let line = lines.next().expect("an address").expect("UTF-8");
            if let Some(at) = line.find("http://") {
                break line[at + 7..].trim_end_matches('/').to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let mut page = Self {
            child,
            addr,
            token: String::new(),
            version: String::new(),
        };
        let html = String::from_utf8(page.request("GET", "/", "").1).expect("HTML");
        let meta = |name: &str| {
            let key = format!("<meta name=\"{name}\" content=\"");
            let at = html.find(&key).expect("the page's meta") + key.len();
            html[at..].split('"').next().unwrap_or_default().to_string()
        };
        page.token = meta("hoinghi-token");
        page.version = meta("hoinghi-version");
        page
    }

    /// One request, answered in full: the status and the body.
    fn request(&self, method: &str, path: &str, body: &str) -> (u16, Vec<u8>) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).expect("the server listens");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nhost: {}\r\nx-hoinghi-token: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            self.addr,
            self.token,
            body.len()
        )
        .expect("sent");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("an answer");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head");
        let status = String::from_utf8_lossy(&raw[9..12])
            .parse()
            .expect("a status");
        (status, raw[split + 4..].to_vec())
    }

    /// Saves `value` at `path` as the page does when a field is typed.
    fn edit(&mut self, path: &str, value: &str) {
        let body = json!({"version": self.version, "edits": [{"op": "set", "path": path, "value": value}]});
        let (status, answer) = self.request("POST", "/api/edit", &body.to_string());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
        let state: Value = serde_json::from_slice(&answer).expect("JSON");
        self.version = state["version"].as_str().expect("a version").to_string();
    }

    fn preview(&self, document: &str, page: usize) {
        let (status, png) = self.request(
            "GET",
            &format!("/api/preview?document={document}&page={page}"),
            "",
        );
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&png));
        assert!(png.starts_with(b"\x89PNG"));
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page's preview after each of 50 edits: the median and the 95th percentile.
fn preview_loop() {
    const EDITS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/hoi-nghi-ocop-2025.json"),
        &path,
    )
    .unwrap();
    let mut page = Page::start(&path);
    let sample: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_default();
    let invitees = sample["invitees"].as_array().map_or(1, Vec::len).max(1);
    println!("web page, warm: an edit saved, then its preview ({EDITS} edits of the sample)");
    let mut time = |what: &str, edit: &mut dyn FnMut(&mut Page, usize)| {
        edit(&mut page, 0);
        let mut took: Vec<Duration> = (1..=EDITS)
            .map(|i| {
                let start = Instant::now();
                edit(&mut page, i);
                start.elapsed()
            })
            .collect();
        took.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {what:<44} median {:>6.0} ms   95th percentile {:>6.0} ms",
            ms(took[EDITS / 2]),
            ms(took[(EDITS * 95).div_ceil(100) - 1])
        );
    };
    time("an invitee renamed, their invitation", &mut |page, i| {
        let k = i % invitees;
        page.edit(
            &format!("invitees[{k}].position"),
            &format!("Chuyên viên {i}"),
        );
        page.preview("giay-moi", k + 1);
    });
    time(
        "a programme item renamed, page 2 of the script",
        &mut |page, i| {
            page.edit(
                "agenda[1].content",
                &format!("Báo cáo kết quả, lần sửa {i}"),
            );
            page.preview("kich-ban", 2);
        },
    );
}

/// `check` and a full build of every paper, cold, at list sizes where a slip from linear time or
/// flat memory shows.
fn scale() {
    let counts = std::env::var("HOINGHI_BENCH_SCALE").unwrap_or_else(|_| "1000,4000,10000".into());
    println!();
    println!("at scale: check, and a full build of every paper (cold)");
    println!(
        "{:<34} {:>6} {:>9} {:>10} {:>9} {:>9} {:>9}",
        "case", "count", "docs/s", "ms/invit.", "wall s", "CPU s", "peak MiB"
    );
    for count in counts
        .split(',')
        .filter_map(|n| n.trim().parse::<usize>().ok())
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        write(&path, &model(count));
        let mut check = Command::new(env!("CARGO_BIN_EXE_hoinghi"));
        check.arg("check").arg(&path).arg("--quiet");
        report("hoinghi check", count, measure(&mut check), &[]);
        let mut build = Command::new(env!("CARGO_BIN_EXE_hoinghi"));
        build
            .arg("build")
            .arg(&path)
            .arg("--out")
            .arg(dir.path().join("out"))
            .arg("--quiet");
        report(
            "hoinghi build, every paper",
            count,
            measure(&mut build),
            &[],
        );
    }
}

fn main() {
    preview_loop();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let typst = on_path("typst");
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    println!(
        "hoinghi benchmark: invitations only (--only giay-moi), release build, {} cores ({cpu})",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<34} {:>6} {:>9} {:>10} {:>9} {:>9} {:>9}",
        "case", "count", "docs/s", "ms/invit.", "wall s", "CPU s", "peak MiB"
    );
    let counts: Vec<usize> = std::env::var("HOINGHI_BENCH_COUNTS")
        .unwrap_or_else(|_| "300,3000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("HOINGHI_BENCH_COUNTS: numbers separated by commas")
        })
        .collect();
    let qpdf = on_path("qpdf");
    for count in counts {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        let mut m = model(count);
        write(&path, &m);
        let out = dir.path().join("out");

        // Cold: each run into a fresh folder; the last one is the folder the warm runs use.
        let cold_run = || {
            let _ = std::fs::remove_dir_all(&out);
            measure(&mut hoinghi(&path, &out))
        };
        let mut baselines = Vec::new();
        let cold = if typst && count <= 300 {
            let sources_dir = dir.path().join("typst");
            std::fs::create_dir_all(&sources_dir).unwrap();
            let sources = typst_sources(&path, &sources_dir);
            // The merged file, as the CLI route would also need it: hoinghi's own Typst source
            // of all the invitations, as `--emit-typst` writes it.
            let emitted = dir.path().join("emitted");
            let mut emit = hoinghi(&path, &dir.path().join("emit-out"));
            emit.arg("--emit-typst").arg(&emitted);
            measure(&mut emit);
            let merged = emitted.join("giay-moi.typ");
            let split_dir = dir.path().join("split");
            std::fs::create_dir_all(&split_dir).unwrap();
            let (mut colds, mut loops, mut splits) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..ROUNDS {
                colds.push(cold_run());
                loops.push(typst_loop(&sources, &fonts, &merged));
                if qpdf {
                    splits.push(typst_and_split(&fonts, &merged, &split_dir));
                }
            }
            let cost = median_of(loops);
            report("typst CLI, once per invitation", count, cost, &[]);
            baselines.push(("the CLI loop", cost));
            if qpdf {
                let cost = median_of(splits);
                report("typst CLI one file + qpdf split", count, cost, &[]);
                baselines.push(("compile-and-split", cost));
            }
            median_of(colds)
        } else {
            median(cold_run)
        };
        report("hoinghi cold", count, cold, &baselines);
        if count == 300 {
            stages(&path, &dir.path().join("stages"));
        }
        let cost = median(|| measure(&mut hoinghi(&path, &out)));
        report("hoinghi warm, nothing changed", count, cost, &[]);
        let mut edit = 0;
        let cost = median(|| {
            edit += 1;
            m["invitees"][count / 2]["name"] = json!(format!("Người Được Sửa Tên {edit}"));
            write(&path, &m);
            measure(&mut hoinghi(&path, &out))
        });
        report("hoinghi warm, one invitee changed", count, cost, &[]);
        let mut day = 15;
        let cost = median(|| {
            day += 1;
            m["event"]["date"] = json!(format!("2025-10-{day}"));
            write(&path, &m);
            measure(&mut hoinghi(&path, &out))
        });
        report("hoinghi warm, date fixed", count, cost, &[]);
    }
    scale();
    if !typst {
        println!(
            "(no `typst` on PATH: `cargo install typst-cli --locked` to compare with the typst CLI)"
        );
    }
}
