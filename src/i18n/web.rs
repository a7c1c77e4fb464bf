//! Everything the web page says: the server's messages (refusals, saves, uploads, builds), and
//! the words of the page itself (tabs, buttons, hints), which its templates and its script
//! take from here in the language of the run.

use super::{Lang, catalogue};

catalogue! {
    pub enum WebMsg {
        // Printed by `hoinghi serve` in the terminal.
        Serving { url: String } =>
            "Trang làm việc của hội nghị: {url}\nMở địa chỉ này bằng trình duyệt (Chrome, Edge, Cốc Cốc). Đóng cửa sổ này hoặc nhấn Ctrl+C để dừng.",
            "The conference's page: {url}\nOpen this address in a browser. Close this window or press Ctrl+C to stop.";
        Folder { path: String } =>
            "Thư mục hội nghị: {path}",
            "Conference folder: {path}";
        NoModelYet =>
            "thư mục chưa có tệp hội nghị: trang sẽ giúp tạo hội nghị mới",
            "the folder has no conference yet: the page offers to create one";
        CannotListen { error: String } =>
            "không mở được cổng trên máy này: {error}",
            "cannot listen on this machine: {error}";
        CannotListenHint =>
            "bỏ tùy chọn --port để hoinghi tự chọn một cổng còn trống",
            "leave out --port so that hoinghi picks a free port";
        CannotOpenBrowser =>
            "không tự mở được trình duyệt; hãy mở địa chỉ trên bằng tay",
            "could not open the browser; open the address above by hand";
        NotAModelFile =>
            "không phải tệp hội nghị (.json)",
            "is not a conference model (.json)";

        // Requests refused.
        WrongHost { host: String } =>
            "yêu cầu bị từ chối: địa chỉ {host} không phải của trang này; hãy mở trang bằng địa chỉ hoinghi in ra",
            "request refused: {host} is not this page's address; open the page at the address hoinghi printed";
        WrongOrigin { origin: String } =>
            "yêu cầu bị từ chối: nó đến từ một trang khác ({origin})",
            "request refused: it comes from another site ({origin})";
        NoToken =>
            "yêu cầu bị từ chối: thiếu mã phiên của trang; hãy tải lại trang",
            "request refused: the page's session code is missing; reload the page";
        TooLarge { size: String, max: String } =>
            "dữ liệu gửi lên quá lớn ({size}); giới hạn là {max}",
            "what was sent is too large ({size}); the limit is {max}";
        BadRequest { detail: String } =>
            "yêu cầu không đọc được ({detail}); hãy tải lại trang",
            "the request cannot be read ({detail}); reload the page";
        NotFound =>
            "không có trang này",
            "no such page";

        // Saving the model.
        Stale =>
            "tệp hội nghị vừa được sửa ở nơi khác (một thẻ trình duyệt khác hoặc một trình soạn thảo) sau khi trang này được mở, nên thay đổi chưa được lưu để không ghi đè lên bản đó; hãy tải lại trang: những gì vừa gõ được giữ lại để áp dụng lại",
            "the model was changed elsewhere (another browser tab or an editor) after this page was opened, so the change was not saved over it; reload the page: what you typed is kept to apply again";
        SaveFailed { error: String } =>
            "chưa lưu được tệp hội nghị: {error}; những gì vừa gõ vẫn còn trên trang, hãy thử lại",
            "the model could not be saved: {error}; what you typed is still on the page, try again";
        BadEdit { path: String } =>
            "trang đang mở đã cũ so với tệp hội nghị (không còn mục {path}); hãy tải lại trang",
            "the page is out of date with the model (there is no {path} any more); reload the page";
        SyntaxBroken =>
            "tệp hội nghị đang có lỗi cú pháp nên trang chưa sửa được nó; hãy sửa lỗi đó trong trình soạn thảo rồi tải lại trang",
            "the model has a syntax error, so the page cannot edit it; fix it in an editor and reload the page";
        NoModel =>
            "chưa có tệp hội nghị; hãy tạo hội nghị mới trước",
            "there is no model yet; create a conference first";
        ListMovedIntoModel { file: String } =>
            "danh sách được chép từ tệp {file} vào tệp hội nghị để sửa trên trang; tệp {file} giữ nguyên",
            "the list was copied from {file} into the model to be edited on the page; {file} is left as it was";

        // Creating a conference.
        ConferenceExists =>
            "thư mục đã có hội nghị; hoinghi không tạo hội nghị mới đè lên nó",
            "the folder has a conference already; hoinghi does not create another over it";
        Created { count: usize } =>
            "đã tạo hội nghị mới ({count} tệp)",
            "created a new conference ({count} files)";

        // Uploading a list.
        NoFileSent =>
            "chưa chọn tệp nào",
            "no file was chosen";
        BadUploadName { name: String } =>
            "tên tệp {name} không dùng được: tên tệp không được chứa thư mục (/ hoặc \\) hay \"..\"",
            "the file name {name} cannot be used: it must not name a folder (/ or \\) or \"..\"";
        NotAListFile { name: String } =>
            "{name} không phải tệp danh sách: hãy chọn tệp .xlsx, .xls, .ods hoặc .csv",
            "{name} is not a list: choose a .xlsx, .xls, .ods or .csv file";
        UploadGone =>
            "tệp tải lên không còn nữa; hãy tải lên lại",
            "the uploaded file is gone; upload it again";
        ListUsed { file: String, count: usize } =>
            "đã dùng danh sách {file}: {count} đại biểu",
            "now using the list {file}: {count} invitees";
        ListUsedWithout { file: String, count: usize, left: usize } =>
            "đã dùng danh sách {file}: mời {count} đại biểu, bỏ {left} dòng không mời; danh sách được chép vào tệp hội nghị, tệp {file} giữ nguyên",
            "now using the list {file}: {count} invitees, {left} rows left out; the list was copied into the model, {file} is left as it was";
        ListRead { file: String, header: usize, count: usize } =>
            "{file}: dòng tiêu đề là dòng {header}; đọc được {count} đại biểu",
            "{file}: the header is row {header}; {count} invitees read";

        // Building and downloading.
        BuildRunning =>
            "đang tạo văn bản; xin chờ lần tạo này xong",
            "a build is running; wait for it to finish";
        ModelHasErrors { count: usize } =>
            "chưa tạo được văn bản: tệp hội nghị còn {count} lỗi; xem và sửa ở các thẻ có dấu lỗi",
            "nothing can be built yet: the model has {count} error(s); see the tabs marked with errors";
        NoSuchFile { path: String } =>
            "không có tệp {path} trong lần tạo gần nhất",
            "{path} is not among the files of the last build";
        NothingBuilt =>
            "chưa tạo văn bản nào: hãy bấm \"Tạo tất cả\" trước",
            "nothing has been built yet: press \"Build all\" first";
        ZipFailed { error: String } =>
            "không gói được tệp .zip: {error}",
            "cannot make the .zip file: {error}";
        BadDate { value: String } =>
            "{value} không phải ngày: hãy ghi ngày/tháng/năm, ví dụ 16/10/2025",
            "{value} is not a date: write day/month/year, for example 16/10/2025";
        Internal { detail: String } =>
            "có lỗi bên trong hoinghi ({detail}); những gì vừa gõ vẫn còn trên trang, hãy thử lại",
            "hoinghi failed inside ({detail}); what you typed is still on the page, try again";
    }
}

/// The words of the page: its templates and script ask for them by key. Vietnamese, English.
pub const WORDS: &[(&str, &str, &str)] = &[
    ("app", "Soạn văn bản hội nghị", "Conference papers"),
    ("tab_info", "Thông tin hội nghị", "Conference details"),
    ("tab_list", "Danh sách đại biểu", "Invitee list"),
    ("tab_program", "Chương trình", "Programme"),
    ("tab_preview", "Xem trước & in", "Preview & print"),
    ("draft", "DỰ THẢO: chưa chốt ngày", "DRAFT: date not fixed"),
    ("fixed", "Đã chốt ngày {date}", "Date fixed: {date}"),
    ("fix_date", "Chốt ngày…", "Fix the date…"),
    ("saving", "Đang lưu…", "Saving…"),
    ("saved", "Đã lưu lúc {time}", "Saved at {time}"),
    (
        "not_saved",
        "Chưa lưu được — thử lại",
        "Not saved — try again",
    ),
    (
        "all_saved",
        "Mọi thay đổi đã được lưu",
        "Every change is saved",
    ),
    ("retry", "Thử lại", "Try again"),
    ("reload", "Tải lại trang", "Reload the page"),
    (
        "unsaved_kept",
        "Còn {n} thay đổi chưa lưu từ lần trước",
        "{n} unsaved change(s) kept from before",
    ),
    ("apply_again", "Áp dụng lại", "Apply again"),
    ("discard", "Bỏ qua", "Discard"),
    ("add_row", "Thêm dòng", "Add a row"),
    ("remove_row", "Xóa dòng", "Remove the row"),
    ("up", "Lên", "Up"),
    ("down", "Xuống", "Down"),
    ("more", "Thêm thông tin", "More"),
    ("errors", "{n} lỗi", "{n} error(s)"),
    ("warnings", "{n} cảnh báo", "{n} warning(s)"),
    ("error", "Lỗi", "Error"),
    ("warning", "Cảnh báo", "Warning"),
    ("hint", "Gợi ý", "Hint"),
    ("tech", "Chi tiết kỹ thuật", "Technical details"),
    ("go_to_field", "Đến ô này", "Go to the field"),
    ("no_problem", "Không có lỗi nào", "No problems"),
    ("problems_here", "Cần xem lại", "To look at"),
    ("empty", "(trống)", "(empty)"),
    ("yes", "Có", "Yes"),
    // The list.
    (
        "list_inline",
        "Danh sách lưu trong tệp hội nghị",
        "The list is kept in the model",
    ),
    (
        "list_from_file",
        "Danh sách lấy từ tệp {file}; sửa một ô ở đây sẽ chép danh sách vào tệp hội nghị (tệp {file} giữ nguyên)",
        "The list is read from {file}; editing a cell here copies the list into the model ({file} is kept)",
    ),
    (
        "upload",
        "Tải lên danh sách từ Excel",
        "Upload a list from Excel",
    ),
    (
        "upload_hint",
        "Tệp .xlsx, .xls, .ods hoặc .csv; dòng đầu tiên có chữ là dòng tiêu đề (Họ và tên, Chức vụ, Đơn vị, Nhóm…)",
        "A .xlsx, .xls, .ods or .csv file; the first row with text is the header",
    ),
    ("choose_file", "Chọn tệp…", "Choose a file…"),
    ("no_file", "Chưa chọn tệp nào", "No file chosen"),
    ("send_file", "Đọc tệp", "Read the file"),
    (
        "upload_preview",
        "Danh sách sẽ được dùng như sau",
        "The list as it will be used",
    ),
    ("use_list", "Dùng danh sách này", "Use this list"),
    ("invite", "Mời", "Invite"),
    (
        "invite_hint",
        "Bỏ dấu ở cột Mời những dòng không mời lần này",
        "Untick in the Invite column the rows not invited this time",
    ),
    ("cancel", "Hủy", "Cancel"),
    ("number", "STT", "No."),
    ("row", "Dòng", "Row"),
    (
        "repaired",
        "đã chuyển từ bảng mã cũ",
        "converted from a legacy encoding",
    ),
    ("search", "Tìm", "Search"),
    ("search_list", "Tìm trong danh sách", "Search the list"),
    ("invitees_count", "{n} đại biểu", "{n} invitees"),
    ("show_invitation", "Xem giấy mời", "See the invitation"),
    ("see", "Xem", "See"),
    // The programme.
    ("clock", "Giờ", "Time"),
    (
        "program_hint",
        "Giờ của từng mục được tính từ giờ bắt đầu và thời lượng",
        "Each item's time is computed from the start and the lengths",
    ),
    // Preview and build.
    ("papers", "Các văn bản", "The papers"),
    ("prev", "◀ Trang trước", "◀ Previous"),
    ("next", "Trang sau ▶", "Next ▶"),
    ("page_of", "Trang {n}/{m}", "Page {n} of {m}"),
    ("invitation_of", "Giấy mời {n}/{m}", "Invitation {n} of {m}"),
    (
        "find_invitee",
        "Tìm giấy mời của đại biểu",
        "Find an invitee's invitation",
    ),
    ("preview_alt", "Trang {n} của {doc}", "Page {n} of {doc}"),
    ("preview_loading", "Đang dựng trang…", "Setting the page…"),
    ("preview_cannot", "Chưa xem trước được", "No preview yet"),
    ("build_all", "Tạo tất cả", "Build all"),
    (
        "building",
        "Đang tạo: {done}/{total} tệp",
        "Building: {done} of {total} files",
    ),
    (
        "built",
        "Đã tạo xong lúc {time}: {written} tệp mới hoặc đã thay đổi, {unchanged} tệp giữ nguyên",
        "Built at {time}: {written} new or changed file(s), {unchanged} unchanged",
    ),
    ("build_failed", "Chưa tạo được", "The build failed"),
    ("stop", "Dừng", "Stop"),
    ("files", "Các tệp đã tạo", "Files built"),
    ("changed", "mới", "new"),
    ("download", "Tải về", "Download"),
    (
        "download_merged",
        "Tải tệp in gộp",
        "Download the merged file",
    ),
    ("download_zip", "Tải tất cả (.zip)", "Download all (.zip)"),
    // Fixing the date.
    (
        "fix_title",
        "Chốt ngày hội nghị",
        "Fix the conference's date",
    ),
    (
        "fix_date_label",
        "Ngày họp (ngày/tháng/năm)",
        "Date (day/month/year)",
    ),
    (
        "fix_number_label",
        "Số giấy mời (nếu đã có)",
        "Invitation number (if known)",
    ),
    (
        "fix_signing_label",
        "Ngày ký giấy mời (nếu đã có)",
        "Signing date (if known)",
    ),
    (
        "fix_effect",
        "Sẽ tạo lại: {n} giấy mời và {docs}; bỏ chữ DỰ THẢO trên mọi văn bản",
        "Will be made again: {n} invitations and {docs}; DRAFT removed from every paper",
    ),
    ("fix_confirm", "Chốt ngày và tạo lại", "Fix and rebuild"),
    // Starting.
    (
        "no_model",
        "Thư mục này chưa có hội nghị nào",
        "This folder has no conference yet",
    ),
    (
        "no_model_hint",
        "Bấm nút dưới đây để tạo một hội nghị mới từ mẫu: tệp hội nghị, danh sách đại biểu mẫu (Excel) và bản hướng dẫn, trong thư mục {folder}",
        "Press the button below to create a new conference from the starter in {folder}",
    ),
    ("create", "Tạo hội nghị mới", "Create a new conference"),
    (
        "choose_model",
        "Chọn tệp hội nghị để mở",
        "Choose the model to open",
    ),
    // Hints where the model's own documentation is too technical for the page.
    (
        "hint_date",
        "Ngày/tháng/năm, ví dụ 16/10/2025",
        "Day/month/year, for example 16/10/2025",
    ),
    (
        "hint_event_date",
        "Ngày/tháng/năm, ví dụ 16/10/2025; để trống khi chưa chốt ngày (mọi văn bản in chữ DỰ THẢO)",
        "Day/month/year; empty while the date is not fixed (every paper says DRAFT)",
    ),
    (
        "hint_signing",
        "Ngày/tháng/năm; hoặc tháng/năm để trống ngày; để trống cả để văn thư điền tay",
        "Day/month/year, or month/year to leave the day blank, or empty",
    ),
    (
        "hint_time",
        "Giờ:phút, ví dụ 08:00",
        "Hours:minutes, for example 08:00",
    ),
    ("hint_lines", "Mỗi dòng một mục", "One item per line"),
];

/// A word of the page in `lang`, or none for a key the table does not have.
pub fn word(key: &str, lang: Lang) -> Option<&'static str> {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, vi, en)| lang.pick(vi, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_page_is_in_both_languages_once() {
        let mut seen = std::collections::HashSet::new();
        for (key, vi, en) in WORDS {
            assert!(seen.insert(key), "{key} given twice");
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{key}");
            assert_ne!(vi, en, "{key}: the same in both languages");
            let letters = vi.chars().filter(|c| c.is_alphabetic()).count();
            assert!(
                letters < 12 || vi.chars().any(|c| !c.is_ascii() && c.is_alphabetic()),
                "{key}: {vi:?} is not Vietnamese"
            );
        }
    }
}
