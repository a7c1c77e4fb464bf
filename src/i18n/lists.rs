//! Messages about invitee lists read from spreadsheets and CSV files, and the summary of what
//! a list gave.

use super::catalogue;

catalogue! {
    pub enum ListMsg {
        NotAList =>
            "không phải loại danh sách hoinghi đọc được: hãy dùng tệp .xlsx, .xls, .ods hoặc .csv",
            "is not a list hoinghi can read: use .xlsx, .xls, .ods or .csv";
        NotAWorkbook =>
            "không phải bảng tính Excel hay OpenDocument (tệp hỏng, hoặc là loại tệp khác được đặt tên bảng tính): hãy mở bằng Excel rồi lưu lại thành .xlsx",
            "is not an Excel or OpenDocument workbook (damaged, or another kind of file named as one): open it in Excel and save it again as .xlsx";
        Encrypted =>
            "được bảo vệ bằng mật khẩu nên không đọc được: hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại",
            "is protected by a password and cannot be read: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it) and save it again";
        WebPage =>
            "là một trang web (HTML) hoặc tệp XML chứ không phải bảng tính, như một số phần mềm xuất \"ra Excel\": hãy mở bằng Excel rồi chọn Tệp › Lưu thành › Sổ làm việc Excel (.xlsx)",
            "is a web page (HTML) or an XML file, not a workbook, as some programs export \"to Excel\": open it in Excel and choose File › Save As › Excel Workbook (.xlsx)";
        NamedAsOther { kind: String, extension: String } =>
            "thực ra là tệp {kind} dù tên có đuôi .{extension}; đã đọc như tệp {kind} — nên đổi tên tệp cho đúng loại",
            "is in fact {kind} although its name ends in .{extension}; it was read as such — rename it to match";
        IsAFolder =>
            "là một thư mục, không phải tệp danh sách: hãy ghi đường dẫn tới chính tệp Excel hoặc CSV",
            "is a folder, not a list file: give the path of the Excel or CSV file itself";
        NotAFile =>
            "không phải tệp thông thường (một ống dẫn, thiết bị hay socket): hoinghi chỉ đọc danh sách từ tệp lưu trên đĩa",
            "is not a regular file (a pipe, a device or a socket): hoinghi reads lists only from files on disk";
        FileTooLarge { max: String } =>
            "lớn hơn {max}, quá lớn cho một danh sách đại biểu: hãy kiểm tra đã chọn đúng tệp chưa",
            "is larger than {max}, too large for a list of invitees: check that it is the right file";
        TooManyRows { max: usize } =>
            "có hơn {max} dòng, quá nhiều cho một danh sách đại biểu: hãy kiểm tra đã chọn đúng tệp và đúng trang chưa, hoặc xóa các dòng thừa",
            "has more than {max} rows, too many for a list of invitees: check that it is the right file and sheet, or delete the rows that do not belong";
        PartTooLarge { part: String, max: String, total: String } =>
            "phần \"{part}\" của bảng tính khi giải nén lớn hơn mức cho phép ({max} một phần, {total} cả tệp): tệp hỏng hoặc không phải danh sách bình thường; hãy mở bằng Excel, chỉ giữ danh sách, rồi lưu lại",
            "the part \"{part}\" of the workbook expands beyond the limit ({max} a part, {total} in all): the file is damaged or not an ordinary list; open it in Excel, keep only the list and save it again";
        SpanTooLarge { max: usize } =>
            "các ô có chữ trải trên hơn {max} ô (từ ô đầu tới ô cuối), rộng hơn mọi danh sách đại biểu: tệp hỏng hoặc có ô lạc ở xa; hãy xóa các dòng, cột thừa rồi lưu lại",
            "the cells that hold something span more than {max} cells (from the first to the last), more than any list of invitees: the file is damaged or has a stray cell far away; delete the rows and columns that do not belong and save it again";
        TooManyMerges =>
            "có nhiều ô gộp hơn mọi danh sách đại biểu: tệp hỏng hoặc không phải danh sách bình thường; hãy bỏ gộp ô (Trang đầu › Gộp và căn giữa) rồi lưu lại",
            "has more merged cells than any list of invitees: the file is damaged or not an ordinary list; unmerge the cells (Home › Merge & Center) and save it again";
        SheetOfCsv { sheet: String } =>
            "tệp CSV không có trang tính nên trang \"{sheet}\" được bỏ qua; cả tệp được đọc",
            "a CSV file has no sheets, so the sheet \"{sheet}\" is ignored; the whole file is read";
        CannotRead { error: String } =>
            "không đọc được tệp danh sách: {error}",
            "cannot read the list: {error}";
        CannotReadWorkbook { error: String } =>
            "không đọc được bảng tính: {error}",
            "cannot read the workbook: {error}";
        NoSuchSheet { wanted: String, sheets: String } =>
            "không có trang \"{wanted}\"; các trang của tệp là: {sheets}",
            "has no sheet \"{wanted}\"; its sheets are: {sheets}";
        NoSheet =>
            "bảng tính không có trang nào",
            "has no sheet";
        CannotReadSheet { sheet: String, error: String } =>
            "không đọc được trang \"{sheet}\": {error}",
            "cannot read sheet \"{sheet}\": {error}";
        CannotReadCsvLine { error: String } =>
            "không đọc được dòng CSV: {error}",
            "cannot read the CSV line: {error}";
        SaveAsCsvUtf8 =>
            "trong Excel: Tệp › Lưu thành, chọn kiểu \"CSV UTF-8 (Comma delimited) (*.csv)\", rồi dùng tệp mới (hoặc dùng thẳng tệp .xlsx)",
            "in Excel: File › Save As, choose the type \"CSV UTF-8 (Comma delimited) (*.csv)\", and use the new file (or use the .xlsx itself)";
        NotInEncoding { encoding: String } =>
            "bắt đầu bằng dấu hiệu của bảng mã {encoding} nhưng có chỗ không đúng bảng mã đó (tệp hỏng hoặc bị ghép từ nhiều tệp)",
            "starts with the mark of the {encoding} encoding but is not all in that encoding (damaged, or joined from several files)";
        UnknownEncoding =>
            "không xác định được bảng mã của tệp CSV: không phải UTF-8, UTF-16, Windows-1258, cũng không phải chữ TCVN3 hay VNI; đọc bừa sẽ ra chữ lỗi phông",
            "cannot tell the encoding of this CSV file: it is not UTF-8, UTF-16 or Windows-1258, nor text in TCVN3 or VNI; guessing would give garbled letters";
        Garbled { meant: String } =>
            "chữ Việt bị lỗi phông: tệp UTF-8 đã bị mở như Windows-1252 rồi lưu lại; ô này có lẽ là {meant}",
            "the Vietnamese letters are garbled: a UTF-8 file was opened as Windows-1252 and saved again; this cell probably reads {meant}";
        GarbledSaved { line: usize, text: String } =>
            "chữ Việt bị lỗi phông từ dòng {line}: tệp UTF-8 đã bị mở như Windows-1252 rồi lưu lại, và một số chữ đã mất ({text})",
            "the Vietnamese letters are garbled from line {line}: a UTF-8 file was opened as Windows-1252 and saved again, and some letters are lost ({text})";
        LettersLost { line: usize, word: String } =>
            "dòng {line}: chữ Việt đã bị thay bằng dấu ? ({word}) vì tệp được lưu bằng bảng mã không có chữ Việt (Windows-1252); không thể khôi phục từ tệp này",
            "line {line}: Vietnamese letters were replaced by ? ({word}) because the file was saved in a code page without them (Windows-1252); they cannot be recovered from this file";
        UnclosedQuote { lines: usize } =>
            "dấu nháy kép mở ở đầu ô dòng này không bao giờ được đóng, nên {lines} dòng sau nó bị đọc thành một ô: hãy xóa dấu nháy thừa hoặc đóng nó",
            "the double quote opening a cell on this line is never closed, so the {lines} line(s) after it would be read as one cell: remove the stray quote or close it";
        QuoteSwallows { last: usize, rows: usize } =>
            "dấu nháy kép mở ở đầu ô dòng này chỉ đóng ở dòng {last}, nên {rows} dòng (có cả dấu phân cách) bị đọc thành một ô: hãy kiểm tra các dấu nháy",
            "the double quote opening a cell on this line closes only on line {last}, so {rows} line(s) holding separators would be read as one cell: check the quotes";
        EmptySheet =>
            "trống: không có dòng tiêu đề và không có đại biểu nào",
            "is empty: no header row and no invitees";
        NoHeader { rows: usize } =>
            "không tìm thấy dòng tiêu đề: trong {rows} dòng đầu không dòng nào có cột \"Họ và tên\", \"Đơn vị\" hay \"Thành phần\"",
            "no header row found: none of the first {rows} rows has a column \"Họ và tên\", \"Đơn vị\" or \"Thành phần\"";
        NoHeaderHint =>
            "nếu tiêu đề nằm ở dòng N, hãy ghi \"header_row\": N trong \"invitees\" của tệp hội nghị (hoặc --header-row N với hoinghi import)",
            "if the header is on row N, write \"header_row\": N in the model's \"invitees\" (or --header-row N with hoinghi import)";
        HeaderRowEmpty { row: usize } =>
            "dòng tiêu đề được chỉ định là dòng {row}, nhưng dòng {row} trống hoặc không có",
            "the header is said to be on row {row}, but row {row} is empty or not there";
        NoNameColumn =>
            "dòng tiêu đề không có cột họ tên (Họ và tên), đơn vị (Đơn vị) hay thành phần (Thành phần)",
            "the header row has no column for the name (Họ và tên), the organisation (Đơn vị) or the attendees (Thành phần)";
        SecondColumn { title: String, field: String } =>
            "\"{title}\" là cột thứ hai cho {field}; chỉ giữ một cột",
            "\"{title}\" is a second column for {field}; keep one";
        UnknownColumn { title: String } =>
            "cột \"{title}\" không phải cột hoinghi biết nên được bỏ qua (các cột biết: Họ và tên, Danh xưng, Chức vụ, Đơn vị, Chức vụ đơn vị, Thành phần, Nhóm, Thứ tự, Chỗ ngồi, Điện thoại, Địa chỉ, Ghi chú, Mã, STT)",
            "the column \"{title}\" is not one hoinghi knows, so it is ignored (known: Họ và tên, Danh xưng, Chức vụ, Đơn vị, Chức vụ đơn vị, Thành phần, Nhóm, Thứ tự, Chỗ ngồi, Điện thoại, Địa chỉ, Ghi chú, Mã, STT)";
        SpreadsheetError { error: String } =>
            "ô chứa lỗi của bảng tính {error}: hãy sửa công thức hoặc gõ giá trị",
            "the cell holds the spreadsheet error {error}: fix the formula or type the value";
        FormulaWithoutValue { formula: String } =>
            "ô chứa công thức {formula} nhưng không có giá trị đã tính (tệp do một chương trình khác tạo, chưa từng được Excel tính lại)",
            "the cell holds the formula {formula} but no computed value (the file was made by another program and never recalculated by Excel)";
        FormulaWithoutValueHint =>
            "mở tệp bằng Excel rồi lưu lại để các công thức được tính, hoặc gõ thẳng giá trị vào ô",
            "open the file in Excel and save it again so that its formulas are computed, or type the value into the cell";
        NumberInTextColumn { value: String, column: String } =>
            "ô của cột \"{column}\" chứa số {value}, không phải chữ: có thể Excel đã đổi giá trị gõ vào thành số; đã đọc là \"{value}\", hãy kiểm tra ô (định dạng ô là Văn bản rồi gõ lại)",
            "the cell of the column \"{column}\" holds the number {value}, not text: Excel may have turned what was typed into a number; read as \"{value}\", check the cell (format it as Text and type it again)";
        DateInColumn { date: String, column: String } =>
            "ô của cột \"{column}\" chứa ngày {date}: có thể Excel đã đổi giá trị gõ vào thành ngày; đã đọc là \"{date}\", hãy kiểm tra ô",
            "the cell of the column \"{column}\" holds the date {date}: Excel may have turned what was typed into a date; read as \"{date}\", check the cell";
        ImpossiblePhone { value: String } =>
            "{value} không phải số điện thoại Việt Nam (di động 10 số bắt đầu bằng 03, 05, 07, 08, 09; cố định 11 số gồm mã vùng 02…, như 0205 …); giữ nguyên như đã gõ, hãy kiểm tra",
            "{value} is not a Vietnamese phone number (mobiles have 10 digits starting 03, 05, 07, 08, 09; fixed lines 11 with the area code 02…, such as 0205 …); kept as typed, check it";
        HonorificDisagrees { name: String, form: String, given: String } =>
            "họ tên {name} bắt đầu bằng danh xưng \"{form}\" nhưng cột Danh xưng ghi {given}: hãy sửa một trong hai",
            "the name {name} begins with the form of address \"{form}\" but the Danh xưng column says {given}: correct one of them";
        NotASeat { value: String } =>
            "\"{value}\" không phải chỗ ngồi: hãy ghi \"Chủ tọa\" (đoàn chủ tịch) hoặc \"Hàng đầu\" (hàng ghế đầu)",
            "\"{value}\" is not a seat: write \"Chủ tọa\" (head table) or \"Hàng đầu\" (front row)";
        NotAnOrder { value: String } =>
            "\"{value}\" không phải số thứ tự (1, 2, 3 …)",
            "\"{value}\" is not an order number (1, 2, 3 …)";
        LegacyConverted { count: usize, cells: String } =>
            "{count} ô gõ bằng bảng mã cũ đã được chuyển sang Unicode: {cells}",
            "{count} cell(s) typed in a legacy encoding converted to Unicode: {cells}";
        CannotWriteWorkbook { error: String } =>
            "không ghi được bảng tính: {error}",
            "cannot write the workbook: {error}";
        SummaryRead { file: String, header: usize, invitees: usize, encoding: String } =>
            "  danh sách: {file}{encoding}, tiêu đề ở dòng {header}; {invitees} dòng đọc thành đại biểu",
            "  list: {file}{encoding}, header on row {header}; {invitees} row(s) read as invitees";
        SummaryEncoding { encoding: String } =>
            ", bảng mã {encoding}",
            ", encoding {encoding}";
        SummaryGroups { count: usize, groups: String } =>
            "    {count} dòng nhóm: {groups}",
            "    {count} row(s) read as groups: {groups}";
        SummarySkipped { count: usize, rows: String } =>
            "    {count} dòng bỏ qua: {rows}",
            "    {count} row(s) skipped: {rows}";
        SkipAboveHeader => "trên dòng tiêu đề", "above the header";
        SkipColumnNumbers => "dòng đánh số cột", "numbers of the columns";
        SkipSecondHeaderRow => "dòng thứ hai của tiêu đề", "second row of the header";
        SkipRepeatedHeader => "dòng tiêu đề lặp lại", "the header repeated";
        SkipEmpty => "trống", "empty";
        SkipNothingRead => "chỉ có chữ ở các cột không đọc", "text only in columns not read";
        SkipTotal => "dòng tổng cộng", "total";
        SkipFooter =>
            "chữ ký hoặc chân bảng, nơi bảng kết thúc",
            "signature or footer, where the table ends";
        SkipAfterEnd => "dưới chỗ kết thúc bảng", "below the end of the table";
    }
}
