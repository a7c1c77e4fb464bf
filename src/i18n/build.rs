//! Messages of the build: templates, fonts, typesetting, the output folder.

use super::{Lang, catalogue};

catalogue! {
    pub enum BuildMsg {
        // The output folder.
        FolderLocked =>
            "một hoinghi khác đang ghi vào thư mục này; hãy đợi nó xong, hoặc ghi vào thư mục khác với --out",
            "another hoinghi is writing into this folder; wait for it to finish, or write into another folder with --out";
        LinkInOutput =>
            "là một liên kết (symlink) bên trong thư mục kết quả; hoinghi không ghi hay xóa qua liên kết: hãy xóa liên kết đó hoặc ghi vào thư mục khác",
            "is a link (symlink) inside the output folder; hoinghi never writes or removes through a link: remove it or write elsewhere";
        FileWhereFolder =>
            "là một tệp nằm đúng chỗ hoinghi cần một thư mục; hãy đổi tên hoặc chuyển tệp đó đi",
            "is a file where hoinghi needs a folder; rename or move it";
        FolderInTheWay =>
            "là một thư mục nằm đúng chỗ tệp cần ghi; hãy đổi tên hoặc chuyển thư mục đó đi",
            "is a folder where a file is to be written; rename or move it";
        OpenElsewhere =>
            "đang được mở trong chương trình khác — hãy đóng nó rồi chạy lại",
            "is open in another program — close it and run again";
        CannotReplace { error: String } =>
            "không thay được tệp: {error}",
            "cannot replace the file: {error}";
        RolledBack =>
            "không tệp nào trong thư mục kết quả bị thay đổi",
            "no file of the output folder was changed";
        PartlyWritten =>
            "một số tệp đã được thay mà không trả lại được; lần tạo sau sẽ tạo lại mọi tệp",
            "some files were replaced and could not be put back; the next build makes every file again";
        CannotRemove { error: String } =>
            "không xóa được tệp cũ: {error}",
            "cannot remove the old file: {error}";
        CannotWrite { error: String } =>
            "không ghi được: {error}",
            "cannot write: {error}";
        NotAFileName =>
            "không phải tên tệp",
            "is not a file name";
        CannotWriteWordCopy { error: String } =>
            "không ghi được bản Word: {error}",
            "cannot write the Word copy: {error}";
        WordCopyPaper { paper: String, known: String } =>
            "mẫu in trên khổ giấy \"{paper}\", khổ mà bản Word chưa có; hãy dùng một trong các khổ {known}",
            "the template prints on paper \"{paper}\", which the Word copy does not have; use one of {known}";

        // What to build.
        NoSuchInvitee { value: String } =>
            "không có đại biểu nào có mã, số thứ tự hay số dòng {value}",
            "no invitee has the id, number or row {value}";
        NoSuchInviteeHint =>
            "dùng mã (\"id\") của đại biểu, số thứ tự của đại biểu trong danh sách (1, 2, …) hoặc dòng của bảng tính (r7)",
            "use the invitee's id, its number in the list (1, 2, …) or its spreadsheet row (r7)";
        NotADocument { name: String, known: String } =>
            "\"{name}\" không phải tên một văn bản; các văn bản là: {known}",
            "\"{name}\" is not a document; the documents are {known}";
        NotProduced { name: String } =>
            "hội nghị này không tạo văn bản {name} (chưa có nội dung cho nó)",
            "the model does not produce {name} (it has nothing for it)";
        NoSuchPage { page: usize, pages: usize } =>
            "không có trang {page}: văn bản có {pages} trang",
            "there is no page {page}: the document has {pages} pages";
        DpiOutOfRange { value: u32 } =>
            "độ phân giải {value} nằm ngoài khoảng cho phép 10–600 điểm mỗi inch",
            "{value} is outside the allowed resolution of 10 to 600 dots per inch";
        Cancelled =>
            "đã hủy theo yêu cầu; thư mục kết quả giữ nguyên",
            "cancelled as asked; the output folder is unchanged";
        BadEpoch { value: String } =>
            "{value} không phải một số giây",
            "{value} is not a number of seconds";
        EpochOutOfRange { value: String } =>
            "{value} nằm ngoài khoảng thời gian cho phép",
            "{value} is out of range";
        EmitTypstFailed { error: String } =>
            "không ghi được mã Typst: {error}",
            "cannot write the Typst sources: {error}";
        ImportOverwritesInput =>
            "tệp kết quả trùng với tệp danh sách đang đọc; hãy chọn tên khác cho -o",
            "the output file is the list being read; choose another name for -o";

        // Templates.
        TemplatesFolderMissing =>
            "thư mục mẫu không tồn tại",
            "the templates folder does not exist";
        TemplateCannotRead { error: String } =>
            "không đọc được mẫu: {error}",
            "cannot read the template: {error}";
        TemplateReplacesNothing { name: String, known: String } =>
            "mẫu \"{name}\" không thay mẫu nào nên không được dùng (kiểm tra tên tệp; các mẫu là: {known})",
            "\"{name}\" replaces no template, so it is not used (check its name; the templates are: {known})";
        TemplateError { kind: String, detail: String } =>
            "{kind} trong mẫu: {detail}",
            "template error ({kind}): {detail}";
        TemplateSyntax => "lỗi cú pháp", "syntax error";
        TemplateUndefined => "tên chưa được định nghĩa", "undefined value";
        TemplateBadOperation => "phép toán không hợp lệ", "invalid operation";
        TemplateMissingArgument => "thiếu đối số", "missing argument";
        TemplateTooManyArguments => "thừa đối số", "too many arguments";
        TemplateUnknownFilter => "bộ lọc không có", "unknown filter";
        TemplateUnknownTest => "phép thử không có", "unknown test";
        TemplateUnknownFunction => "hàm không có", "unknown function";
        TemplateNotFound => "không tìm thấy mẫu", "template not found";
        TemplateOther => "lỗi", "error";
        TemplateTooLong =>
            "mẫu chạy quá lâu (một vòng lặp quá lớn?) nên đã bị dừng",
            "the template ran too long (a loop too large?) and was stopped";
        TemplateRunningLong { template: String, seconds: u64 } =>
            "mẫu {template} đã chạy {seconds} giây mà chưa xong; nhấn Ctrl+C để dừng",
            "{template} has been running for {seconds} seconds; press Ctrl+C to stop it";
        TemplateMarkers { label: String, marked: usize, count: usize } =>
            "mẫu phải mở đầu mỗi giấy mời bằng một dòng `#metadata(…) <{label}>`: nó đánh dấu {marked} giấy mời cho {count} đại biểu",
            "the template must start each invitation with a line `#metadata(…) <{label}>`: it marked {marked} for {count} invitees";

        // Typesetting.
        TypstError => "Typst báo lỗi", "Typst error";
        TypstWarning => "Typst cảnh báo", "Typst warning";
        GeneratedLine { line: usize, text: String } =>
            "dòng {line} của mã sinh ra: `{text}`",
            "generated line {line}: `{text}`";
        CalledFrom { call: String, place: String } =>
            "gọi từ {call} ở {place}",
            "{call} at {place}";
        TypstHint { hint: String } =>
            "gợi ý của Typst: {hint}",
            "Typst's hint: {hint}";
        PdfFailed { error: String } =>
            "không xuất được PDF: {error}",
            "PDF export failed: {error}";
        JoinFailed { error: String } =>
            "không ghép được các giấy mời thành tệp gộp: {error}",
            "joining the invitations failed: {error}";
        CacheChunkBroken =>
            "một phần lưu sẵn của tệp gộp bị hỏng nên đã được bỏ và tạo lại",
            "a cached part of the merged file was broken; it was dropped and made again";
        InvitationTooLong { who: String, pages: usize, points: String } =>
            "giấy mời gửi {who} chiếm {pages} trang dù đã thu nhỏ chữ {points} điểm; một giấy mời phải vừa một trang",
            "the invitation of {who} takes {pages} pages even set {points} points smaller; it must fit on one";
        ShortenInvitee =>
            "rút gọn họ tên, chức vụ hoặc đơn vị của đại biểu này",
            "shorten the name, position or organization";
        PastTheMargin { document: String, page: usize, what: String } =>
            "{document}, trang {page}: \"{what}\" tràn ra ngoài lề giấy (một từ quá dài không xuống dòng được)",
            "{document}, page {page}: \"{what}\" runs past the margin (a word too long to break)";
        PastTheMarginHint =>
            "thêm khoảng trắng vào từ quá dài, hoặc rút gọn nó",
            "put spaces into the long word, or shorten it";

        // Fonts.
        FontPathMissing =>
            "không có thư mục hay tệp phông nào ở đây",
            "there is no font folder or file here";
        FontPathNotFont =>
            "không phải thư mục phông hay tệp phông (.ttf, .otf, .ttc)",
            "is neither a font folder nor a font file (.ttf, .otf, .ttc)";
        FontUnreadable { error: String } =>
            "không đọc được phông: {error}",
            "cannot read the font: {error}";
        FontBroken =>
            "không phải tệp phông dùng được (hỏng hoặc trống) nên bị bỏ qua",
            "is not a usable font file (broken or empty), so it is skipped";
        FontUnknown { family: String, known: String } =>
            "\"{family}\" không phải một họ phông đã nạp (đã nạp: {known}); thêm tệp phông bằng --font-path THƯ_MỤC",
            "\"{family}\" is not a loaded font family (loaded: {known}); add its files with --font-path DIR";
        FontCannotDraw { character: String, code: String, value: String } =>
            "ký tự '{character}' ({code}) trong {value} không phông nào vẽ được; hãy xóa nó hoặc thêm phông có ký tự đó bằng --font-path",
            "the character '{character}' ({code}) in {value} cannot be drawn by any loaded font; remove it or add a font that has it with --font-path DIR";
    }
}

catalogue! {
    /// Why a file operation failed, in words.
    pub enum IoMsg {
        NotFound => "không tìm thấy", "not found";
        PermissionDenied => "không có quyền", "permission denied";
        AlreadyExists => "đã có", "already exists";
        IsADirectory => "là một thư mục", "is a folder";
        NotADirectory => "một phần của đường dẫn không phải thư mục", "a part of the path is not a folder";
        DiskFull => "ổ đĩa đã đầy", "the disk is full";
        ReadOnly => "ổ đĩa chỉ cho đọc", "the disk is read-only";
        InUse => "tệp đang được chương trình khác dùng", "the file is in use by another program";
        Other { detail: String } => "lỗi hệ thống: {detail}", "{detail}";
    }
}

/// A file operation's failure in words, with the system's own words after.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let detail = e.to_string();
    let message = match e.kind() {
        K::NotFound => IoMsg::NotFound,
        K::PermissionDenied => IoMsg::PermissionDenied,
        K::AlreadyExists => IoMsg::AlreadyExists,
        K::IsADirectory => IoMsg::IsADirectory,
        K::NotADirectory => IoMsg::NotADirectory,
        K::StorageFull | K::QuotaExceeded => IoMsg::DiskFull,
        K::ReadOnlyFilesystem => IoMsg::ReadOnly,
        K::ResourceBusy | K::ExecutableFileBusy => IoMsg::InUse,
        _ => return IoMsg::Other { detail }.text(lang),
    };
    // The system's own words are English; they add nothing a Vietnamese reader can use
    // where the kind of failure has words of its own.
    match lang {
        Lang::Vi => message.text(lang),
        Lang::En => detail,
    }
}
