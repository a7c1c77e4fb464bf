//! The command line's words: the help of every command and option, and what the commands
//! print.

use super::{Lang, catalogue};

catalogue! {
    pub enum CliMsg {
        // The frame of the help and of problems.
        UsageHeading => "Cách dùng:", "Usage:";
        CommandsHeading => "Các lệnh", "Commands";
        CommandValue => "LỆNH", "COMMAND";
        OptionsHeading => "Tùy chọn", "Options";
        HelpFlag => "In hướng dẫn này", "Print help";
        Default { value: String } => "(mặc định: {value})", "(default: {value})";
        VersionFlag => "In số phiên bản", "Print version";
        Error => "Lỗi", "error";
        Warning => "Cảnh báo", "warning";
        Hint => "gợi ý", "hint";
        ProblemsFound { count: usize } =>
            "có {count} lỗi; không ghi gì",
            "{count} problem(s) found; nothing was written";
        ProblemsFoundNoWrite { count: usize } =>
            "có {count} lỗi",
            "{count} problem(s) found";

        // The command line's own mistakes.
        UnknownArgument { arg: String } =>
            "không có tùy chọn {arg}",
            "unexpected argument {arg}";
        UnknownCommand { command: String } =>
            "không có lệnh {command}",
            "unrecognized subcommand {command}";
        DidYouMean { suggestion: String } =>
            "có phải ý bạn là {suggestion}?",
            "did you mean {suggestion}?";
        InvalidValue { arg: String, value: String } =>
            "giá trị {value} không hợp lệ cho {arg}",
            "invalid value {value} for {arg}";
        ValidValues { values: String } =>
            "các giá trị được dùng: {values}",
            "possible values: {values}";
        MissingArgument { arg: String } =>
            "thiếu {arg}",
            "missing {arg}";
        MissingValue { arg: String } =>
            "{arg} cần một giá trị",
            "{arg} needs a value";
        Conflict { arg: String, other: String } =>
            "không dùng {arg} cùng với {other}",
            "{arg} cannot be used with {other}";
        OtherUsage { detail: String } =>
            "dòng lệnh không hợp lệ: {detail}",
            "invalid command line: {detail}";
        SeeHelp =>
            "xem hướng dẫn: hoinghi --help",
            "for help: hoinghi --help";

        // build and watch.
        Built { written: usize, planned: usize, unchanged: usize, removed: usize, documents: String, out: String, seconds: String } =>
            "đã ghi {written}/{planned} tệp, {unchanged} tệp không đổi, xóa {removed} tệp cũ ({documents}) vào {out}; {seconds} giây",
            "{written} of {planned} file(s) written, {unchanged} unchanged, {removed} removed ({documents}) into {out}; {seconds} s";
        DraftNote =>
            " (DỰ THẢO: chưa chốt ngày họp)",
            " (DỰ THẢO: event.date is not fixed)";
        Wrote { path: String } => "đã ghi {path}", "wrote {path}";
        Removed { path: String } => "đã xóa {path}", "removed {path}";
        StageRender => "đọc mẫu và so dấu vân tay", "render and fingerprint";
        StageOthers => "dựng và xuất các văn bản khác", "compile and export the other documents";
        StageInvitations => "dựng và xuất giấy mời", "compile and export the invitations";
        StageCommit => "chuyển tệp vào chỗ", "commit";
        StageLoad => "đọc hội nghị, mẫu và phông", "load model, templates and fonts";
        CostLine { stage: String, count: u64, each: String, total: String } =>
            "  {stage}: {count} × {each} ms = {total} ms thời gian luồng",
            "  {stage}: {count} × {each} ms = {total} ms of thread time";
        CostSet => "dàn trang giấy mời", "set invitations in type";
        CostFiles => "tạo PDF từng giấy mời", "make invitation PDFs";
        CostStore => "ghi ra đĩa", "write them to disk";
        CostChunks => "tạo PDF các phần của tệp gộp", "write merged-file chunk PDFs";
        CostJoin => "ghép tệp gộp", "join the merged file";
        ProgressFiles => "tệp", "files";
        WatchKept =>
            "giữ nguyên kết quả tốt lần trước; chờ lần lưu tiếp theo",
            "the last good output is kept; waiting for the next save";
        WatchChanged { files: String } => "đã thay đổi: {files}", "changed: {files}";
        WatchFailed { error: String } => "không theo dõi được tệp: {error}", "cannot watch files: {error}";
        WatchFolderGone => "thư mục không còn nữa", "the folder no longer exists";
        WatchLimit =>
            "hệ điều hành không cho theo dõi thêm thư mục (đã đến giới hạn)",
            "the operating system allows no more watched folders (its limit is reached)";
        WatchWatching { files: String } =>
            "đang theo dõi: {files} (Ctrl+C để dừng)",
            "watching: {files} (Ctrl+C to stop)";
        WatchTemplates { dir: String } => "các mẫu trong {dir}", "the templates in {dir}";
        WatchStopped => "bộ theo dõi tệp đã dừng", "the file watcher stopped";

        // check.
        CheckInvitations { count: usize, persons: usize, organizations: usize } =>
            "  giấy mời: {count} ({persons} gửi cá nhân, {organizations} gửi đơn vị)",
            "  invitations: {count} ({persons} to persons, {organizations} to organisations)";
        CheckDateFixed { date: String, start: String } =>
            "  ngày họp: {date} lúc {start} — đã chốt",
            "  date: {date} at {start} — final";
        CheckDateOpen { tentative: String } =>
            "  ngày họp: chưa chốt ({tentative}) — mọi văn bản in chữ DỰ THẢO",
            "  date: not fixed ({tentative}) — every paper is marked DỰ THẢO";
        CheckVenue { venue: String } => "  địa điểm: {venue}", "  venue: {venue}";
        CheckProgramme { items: usize, start: String, end: String, session: String } =>
            "  chương trình: {items} mục, {start} - {end} ({session})",
            "  programme: {items} items, {start} - {end} ({session})";
        CheckTasks { tasks: usize, dated: usize, done: usize, overdue: usize, today: String } =>
            "  nhiệm vụ của kế hoạch: {tasks} việc, {dated} có thời hạn, {done} đã xong, {overdue} quá hạn tính đến ngày {today}",
            "  the plan's tasks: {tasks}, {dated} with a deadline, {done} done, {overdue} overdue on {today}";
        CheckDocuments { documents: String } => "  văn bản: {documents}", "  documents: {documents}";
        CheckFont { font: String, size: u32 } => "  phông chữ: {font} {size} pt", "  font: {font} {size} pt";
        CheckOk => "không có lỗi", "ok";

        // fonts, list, preview, import.
        FontUsed { document: String, family: String, faces: usize } =>
            "{document}: {family} ({faces} kiểu)",
            "{document}: {family} ({faces} faces)";
        FontEmbedded => "có sẵn", "embedded";
        FontAdded { path: String } => "thêm từ {path}", "added from {path}";
        FontSystem { path: String } => "của máy: {path}", "system: {path}";
        FaceRegular => "thường", "regular";
        FaceBold => "đậm", "bold";
        FaceItalic => "nghiêng", "italic";
        FaceBoldItalic => "đậm nghiêng", "bold italic";
        PreviewWrote { path: String, document: String, page: usize, pages: usize } =>
            "đã ghi {path} ({document}, trang {page}/{pages})",
            "wrote {path} ({document}, page {page} of {pages})";
        ImportWrote { count: usize, path: String } =>
            "đã ghi {count} đại biểu vào {path}",
            "wrote {count} invitees into {path}";

        // init and schema.
        InitExists =>
            "tệp này đã có; hoinghi init không bao giờ ghi đè, nên không ghi tệp nào",
            "exists already; hoinghi init never overwrites a file, so nothing was written";
        InitExistsHint =>
            "tạo hội nghị mới trong một thư mục khác: hoinghi init TÊN-THƯ-MỤC-MỚI",
            "create the new conference in another folder: hoinghi init NEW-FOLDER";
        InitCreated { dir: String } =>
            "đã tạo hội nghị mới trong thư mục {dir}:",
            "created a new conference in {dir}:";
        InitModel =>
            "tệp hội nghị: thay mọi chỗ có dấu … bằng nội dung thật",
            "the model: replace every … with the real text";
        InitList =>
            "danh sách đại biểu (Excel): mỗi dòng một giấy mời",
            "the invitee list (Excel): one invitation per row";
        InitSchema =>
            "lược đồ để trình soạn thảo gợi ý và giải thích các trường; không cần sửa",
            "the schema editors use to suggest and explain fields; leave it as it is";
        InitGuide =>
            "hướng dẫn từng bước",
            "a step-by-step guide (in Vietnamese)";
        InitNext => "Tiếp theo:", "Next:";
        InitNextCheck =>
            "liệt kê những chỗ còn phải điền và mọi lỗi, kèm vị trí",
            "lists what is still to fill in and every mistake, with its place";
        InitNextBuild =>
            "tạo giấy tờ vào thư mục out; chữ DỰ THẢO được in cho tới khi điền ngày họp (event.date)",
            "makes the papers into out; they say DỰ THẢO until the date (event.date) is filled in";
        SchemaWrote { path: String } =>
            "đã ghi lược đồ vào {path}",
            "wrote the schema into {path}";
    }
}

/// The help of each command (`arg` none) and option, by the command's path under the program
/// (`""` for the program, `"build"`): Vietnamese, English. Options shared by several
/// commands are listed once, with the path `*`.
const HELP: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "",
        None,
        "Tạo mọi giấy tờ của một hội nghị từ một tệp mô tả: giấy mời từng đại biểu, chương trình, kịch bản, các biểu kèm theo, danh sách, sổ ký, biển tên, phong bì — trình bày theo Nghị định 30/2020/NĐ-CP.",
        "Turns one model of a conference into its printed papers: invitations, programme, script, annexes, lists, sign-in sheet, name cards, envelopes, laid out by Nghị định 30/2020/NĐ-CP.",
    ),
    (
        "*",
        Some("quiet"),
        "Chỉ in cảnh báo và lỗi",
        "Print nothing but warnings and errors",
    ),
    (
        "*",
        Some("verbose"),
        "In thêm từng tệp đã ghi hay xóa, và thời gian từng bước",
        "Also print each file written or removed, and how long each stage took",
    ),
    (
        "*",
        Some("lang"),
        "Ngôn ngữ của thông báo: vi (mặc định) hoặc en",
        "The language of messages: vi (the default) or en",
    ),
    (
        "*",
        Some("model"),
        "Tệp hội nghị (JSON); bỏ trống thì dùng hoi-nghi.json của thư mục hiện tại nếu có, nếu không thì tệp mẫu",
        "The conference model (JSON); when left out, hoi-nghi.json of the current folder if there is one, else the sample",
    ),
    (
        "*",
        Some("templates"),
        "Thư mục mẫu; tệp trùng tên với một mẫu có sẵn sẽ thay mẫu đó",
        "A folder of templates; a file named like a built-in one replaces it",
    ),
    (
        "*",
        Some("font_paths"),
        "Thư mục hoặc tệp phông thêm vào phông Tinos có sẵn; dùng được nhiều lần (biến môi trường HOINGHI_FONT_PATHS: danh sách ngăn bởi ; trên Windows, : ở nơi khác)",
        "A font folder or file to add to the built-in Tinos; may be repeated (HOINGHI_FONT_PATHS: a list split by ; on Windows, : elsewhere)",
    ),
    (
        "*",
        Some("font"),
        "Họ phông dùng cho mọi văn bản, thay cho style.font của hội nghị (tìm cả phông cài trên máy)",
        "The font family of every document, instead of the model's style.font (the system's fonts are searched too)",
    ),
    ("*", Some("out"), "Thư mục kết quả", "The output folder"),
    (
        "*",
        Some("strict"),
        "Coi việc chương trình vượt giờ của buổi là lỗi",
        "Treat the programme's overrun of its session as an error",
    ),
    (
        "*",
        Some("today"),
        "Ngày dùng để xét nhiệm vụ của kế hoạch đã quá hạn hay chưa, dạng YYYY-MM-DD; mặc định là ngày hôm nay của máy",
        "The day the plan's tasks are judged overdue on, YYYY-MM-DD; the system's date when left out",
    ),
    (
        "*",
        Some("invitee"),
        "Đại biểu: mã (id), số thứ tự trong danh sách, hoặc dòng bảng tính (r7)",
        "The invitee: its id, its number in the list, or its spreadsheet row (r7)",
    ),
    (
        "build",
        None,
        "Tạo các văn bản vào thư mục kết quả; chỉ ghi những gì đã thay đổi",
        "Build the documents into the output folder; only what changed is written",
    ),
    (
        "build",
        Some("only"),
        "Chỉ tạo các văn bản này (tên cách nhau bởi dấu phẩy, như lệnh list in ra)",
        "Build only these documents (comma-separated names, as list shows them)",
    ),
    (
        "build",
        Some("pdf_a"),
        "Ghi PDF/A-2b để lưu trữ",
        "Write PDF/A-2b, for the archive",
    ),
    (
        "build",
        Some("emit_typst"),
        "Ghi thêm mã Typst đã dựng vào thư mục này, đủ để tự dựng lại bằng typst",
        "Also write the Typst sources compiled into this folder, self-contained",
    ),
    (
        "watch",
        None,
        "Tạo các văn bản, rồi tạo lại mỗi khi tệp hội nghị, danh sách, mẫu hoặc phông chữ thêm vào được lưu",
        "Build, then rebuild on every save of the model, its list file, the templates or added fonts",
    ),
    (
        "watch",
        Some("only"),
        "Chỉ tạo các văn bản này (tên cách nhau bởi dấu phẩy)",
        "Build only these documents (comma-separated names)",
    ),
    (
        "watch",
        Some("pdf_a"),
        "Ghi PDF/A-2b để lưu trữ",
        "Write PDF/A-2b, for the archive",
    ),
    (
        "watch",
        Some("emit_typst"),
        "Ghi thêm mã Typst đã dựng vào thư mục này",
        "Also write the Typst sources compiled into this folder",
    ),
    (
        "check",
        None,
        "Kiểm tra hội nghị như khi tạo, in tóm tắt; không ghi gì",
        "Check the model as a build would and print a summary; writes nothing",
    ),
    (
        "list",
        None,
        "Liệt kê các văn bản hội nghị tạo ra và các tệp của chúng",
        "List the documents the model produces and their files",
    ),
    (
        "list",
        Some("out"),
        "Thư mục kết quả để hiển thị đường dẫn",
        "The output folder the paths are shown in",
    ),
    (
        "serve",
        None,
        "Mở trang làm việc của hội nghị trong trình duyệt, chỉ trên máy này: sửa thông tin, tải danh sách từ Excel, xem trước, chốt ngày, tạo và tải văn bản về",
        "Serve the conference's page in the browser, on this computer only: edit, upload lists from Excel, preview, fix the date, build and download",
    ),
    (
        "serve",
        Some("model"),
        "Tệp hội nghị (JSON) hoặc thư mục của nó; bỏ trống thì tìm trong thư mục hiện tại (chưa có thì trang giúp tạo mới)",
        "The model (JSON) or its folder; the current folder's when left out (none: the page offers to create one)",
    ),
    (
        "serve",
        Some("out"),
        "Thư mục kết quả; mặc định thư mục out cạnh tệp hội nghị",
        "The output folder; out beside the model by default",
    ),
    (
        "serve",
        Some("port"),
        "Cổng để mở trang (chỉ trên 127.0.0.1); bỏ trống thì chọn một cổng còn trống",
        "The port to listen on (127.0.0.1 only); a free one when left out",
    ),
    (
        "serve",
        Some("no_open"),
        "Không tự mở trình duyệt",
        "Do not open the browser",
    ),
    (
        "import",
        None,
        "Chuyển danh sách đại biểu (XLSX, XLS, ODS, CSV) thành JSON của tệp hội nghị",
        "Convert an invitee list (XLSX, XLS, ODS or CSV) into the model's JSON",
    ),
    (
        "import",
        Some("file"),
        "Tệp danh sách: .xlsx, .xls, .ods hoặc .csv",
        "The spreadsheet: .xlsx, .xls, .ods or .csv",
    ),
    (
        "import",
        Some("sheet"),
        "Trang tính cần đọc; mặc định trang đầu tiên",
        "The sheet to read; the first when left out",
    ),
    (
        "import",
        Some("header_row"),
        "Dòng tiêu đề (đánh số như trong Excel), khi chương trình đoán sai",
        "The header's row, as the spreadsheet numbers it, when the guess is wrong",
    ),
    (
        "import",
        Some("output"),
        "Tệp JSON cần ghi; mặc định in ra màn hình",
        "Where to write the JSON; printed when left out",
    ),
    (
        "preview",
        None,
        "Ghi ảnh PNG của một trang để xem trước",
        "Write a PNG picture of one page",
    ),
    (
        "preview",
        Some("document"),
        "Văn bản cần xem",
        "The document to show a page of",
    ),
    (
        "preview",
        Some("page"),
        "Trang cần xem (từ 1)",
        "The page to show (1-based)",
    ),
    (
        "preview",
        Some("output"),
        "Tệp ảnh cần ghi",
        "Where to write the picture",
    ),
    (
        "preview",
        Some("dpi"),
        "Độ phân giải, số điểm mỗi inch (10 đến 600)",
        "Resolution in dots per inch (10 to 600)",
    ),
    (
        "init",
        None,
        "Tạo một hội nghị mới để điền: tệp hội nghị có lời giải thích, danh sách đại biểu Excel, hướng dẫn; không ghi đè tệp nào",
        "Create a new conference to fill in: a commented model, an Excel invitee list, a guide; never overwrites a file",
    ),
    (
        "init",
        Some("dir"),
        "Thư mục của hội nghị mới, tạo nếu chưa có; mặc định thư mục hiện tại",
        "The new conference's folder, made if missing; the current folder when left out",
    ),
    (
        "schema",
        None,
        "In lược đồ JSON của tệp hội nghị, để trình soạn thảo gợi ý và giải thích các trường",
        "Print the model's JSON Schema, for editors to suggest and explain its fields",
    ),
    (
        "schema",
        Some("output"),
        "Tệp cần ghi lược đồ; mặc định in ra màn hình",
        "Where to write the schema; printed when left out",
    ),
    (
        "fonts",
        None,
        "Liệt kê các họ phông có thể dùng và phông các văn bản đang dùng",
        "List the font families available and the one the documents use",
    ),
];

/// The help of a command (`arg` none) or of one of its options, in `lang`.
pub fn help_of(command: &str, arg: Option<&str>, lang: Lang) -> Option<String> {
    let exact = HELP.iter().find(|(c, a, ..)| *c == command && *a == arg);
    let shared = arg.and_then(|_| HELP.iter().find(|(c, a, ..)| *c == "*" && *a == arg));
    exact
        .or(shared)
        .map(|(_, _, vi, en)| lang.pick(vi, en).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_text_is_written_in_both_languages() {
        for (command, arg, vi, en) in HELP {
            assert!(!vi.is_empty() && !en.is_empty(), "{command} {arg:?}");
            assert_ne!(vi, en, "{command} {arg:?}");
            assert!(
                vi.chars().any(|c| !c.is_ascii() && c.is_alphabetic()),
                "{command} {arg:?}: {vi}"
            );
        }
    }
}
